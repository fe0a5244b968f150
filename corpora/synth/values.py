"""Draw a report's content consistently with the rating rules (no defects)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from . import names, questions
from .model import KeyQuestion, Layout, Prompt, Recommendation, Report, Standard, Unit
from .prose import recommendation_text
from .rules import RATINGS, Framework, Rules, load_rules

FRAMEWORK_CHOICES: tuple[str, ...] = (
    "probation-2018", "probation-pdu-2021", "probation-pdu-2023", "regional_letter", "youth-2018",
)
# unrated kinds (corpora.synth.kinds): chosen by name, never drawn by --frameworks all
OTHER_CHOICES: tuple[str, ...] = ("thematic_inspection", "annual_report")
HEADING_COLOURS: tuple[str, ...] = ("navy", "teal", "plum", "black")

# publication months (inclusive) per framework
_PUBLISHED = {
    "probation-2018": (dt.date(2019, 1, 1), dt.date(2021, 8, 1)),
    "probation-pdu-2021": (dt.date(2021, 10, 1), dt.date(2023, 9, 1)),
    "probation-pdu-2023": (dt.date(2023, 12, 1), dt.date(2025, 6, 1)),
    "youth-2018": (dt.date(2021, 6, 1), dt.date(2025, 2, 1)),
}
_PAGES = {"regional_inspection": (40, 90), "pdu_inspection": (30, 60), "regional_letter": (8, 15),
          "youth_justice_inspection": (30, 60)}
# youth-2018: standard 3.4 was "Joint working" in reports up to late 2021
_YOUTH_OCD_POLICY_FROM = dt.date(2021, 12, 1)


def percent_of(yes: int, total: int) -> int:
    """Percentage rounded half up, as printed in reports."""
    return (200 * yes + total) // (2 * total)


def _month(rng: random.Random, low: dt.date, high: dt.date) -> dt.date:
    months = (high.year - low.year) * 12 + high.month - low.month
    k = rng.randint(0, months)
    return dt.date(low.year + (low.month - 1 + k) // 12, (low.month - 1 + k) % 12 + 1, 1)


def _monday_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def draw_dates(rng: random.Random, published: dt.date) -> tuple[dt.date, list[tuple[dt.date, dt.date]]]:
    fieldwork = _monday_before(published - dt.timedelta(days=rng.randint(75, 120)))
    first = _monday_before(fieldwork - dt.timedelta(weeks=rng.randint(26, 34)))
    second = first + dt.timedelta(weeks=rng.randint(5, 7))
    windows = [(first, first + dt.timedelta(days=6)), (second, second + dt.timedelta(days=6))]
    return fieldwork, windows


def _pick_yes(rng: random.Random, total: int, low: int, high: int) -> int:
    choices = [k for k in range(total + 1) if low <= percent_of(k, total) <= high]
    return rng.choice(choices)


def band_range(rules: Rules, rating: str) -> tuple[int, int]:
    lows = [low for low, _ in rules.kq_bands]
    i = RATINGS.index(rating)
    return lows[i], (lows[i + 1] - 1 if i + 1 < len(lows) else 100)


def draw_key_questions(
    rng: random.Random, rules: Rules, code: str, name: str, rating: str, totals: Sequence[int], who: str,
    comparator: bool,
) -> list[KeyQuestion]:
    texts = questions.key_questions(name, who, code)
    low, high = band_range(rules, rating)
    lowest = rng.randrange(len(texts))
    kqs: list[KeyQuestion] = []
    yes_lowest = _pick_yes(rng, totals[lowest], low, high)
    floor = percent_of(yes_lowest, totals[lowest])
    for i, text in enumerate(texts):
        total = totals[i]
        yes = yes_lowest if i == lowest else _pick_yes(rng, total, floor, min(100, floor + rng.randint(5, 30)))
        pct = percent_of(yes, total)
        prompts = [
            Prompt(p, max(0, min(100, pct + rng.randint(-15, 15))))
            for p in questions.prompts(name, i, who, code)
        ]
        kqs.append(KeyQuestion(
            code=f"{code}.{i + 1}", text=text, yes=yes, total=total, percent=pct,
            subsample=(i == questions.SUBSAMPLE_INDEX and total != totals[0]),
            comparator_percent=max(20, min(99, pct + rng.randint(-12, 12))) if comparator else None,
            prompts=prompts,
        ))
    return kqs


def draw_ratings(rng: random.Random, fw: Framework, variant: str | None) -> list[tuple[str, str, bool, bool, str]]:
    base = rng.uniform(0.3, 2.6)
    out = []
    for s in fw.standards_for(variant):
        value = max(0, min(3, round(base + rng.gauss(0, 0.7))))
        out.append((s.code, s.name, s.case_based, s.counted, RATINGS[value]))
    if fw.leadership_cap:
        weak = any(case and RATINGS.index(r) < 2 for _, _, case, _, r in out)
        out = [
            (c, n, case, counted, "Good" if (n == "Leadership" and r == "Outstanding" and weak) else r)
            for c, n, case, counted, r in out
        ]
    return out


def draw_unit(
    rng: random.Random, rules: Rules, fw: Framework, variant: str | None, name: str, short: str,
    with_key_questions: bool, comparator: bool, who: str, large: bool,
) -> Unit:
    community = rng.randint(60, 120) if large else rng.randint(18, 40)
    licence = rng.randint(40, 90) if large else rng.randint(14, 30)
    n = community + licence
    youth_samples = {"2": community, "3": licence}  # youth: court and out-of-court disposals
    standards: list[Standard] = []
    for code, sname, case_based, counted, rating in draw_ratings(rng, fw, variant):
        kqs: list[KeyQuestion] = []
        if case_based and with_key_questions:
            count = len(questions.key_questions(sname, who, code))
            if fw.key == "youth-2018":
                totals = [youth_samples[code[0]]] * count
            elif sname in ("Court work", "Court reports and case allocation"):
                totals = [rng.randint(20, 60)] * count
            elif sname in ("Statutory victim work", "Unpaid work", "Through the Gate"):
                totals = [rng.randint(12, 45)] * count
            else:
                totals = [n, n, n - rng.randint(2, max(3, n // 8))][:count]
            kqs = draw_key_questions(rng, rules, code, sname, rating, totals, who, comparator)
            if fw.key == "youth-2018":
                for kq in kqs:
                    kq.subsample = False
        standards.append(Standard(code, sname, case_based, rating, rating, kqs, counted))
    score = sum(rules.scores[s.true_rating] for s in standards if s.counted)
    return Unit(
        name=name, short=short, standards=standards, score=score, max_score=fw.max_score,
        overall_rating=fw.overall_band(score), sample_community=community, sample_licence=licence,
        interviews=n - rng.randint(0, max(1, n // 6)),
    )


def _recommendations(
    rng: random.Random, unit: Unit, groups: Sequence[tuple[str, str, int]], start: int = 1,
) -> list[Recommendation]:
    recs: list[Recommendation] = []
    number = start
    used: set[str] = set()
    for addressee, lead_in, count in groups:
        for _ in range(count):
            text = recommendation_text(rng, unit.short)
            while text in used:
                text = recommendation_text(rng, unit.short)
            used.add(text)
            recs.append(Recommendation(number, unit.name, addressee, lead_in, text))
            number += 1
    return recs


def _hmpps(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.7:
        return "HM Prison and Probation Service", "HM Prison and Probation Service should:"
    return "Her Majesty's Prison and Probation Service", "Her Majesty's Prison and Probation Service should:"


def _youth_groups(rng: random.Random, unit_name: str) -> list[tuple[str, str, int]]:
    """Youth justice addressees besides the service: its partnership board, the local authority,
    the police and health bodies (some of them, in this order)."""
    place = unit_name.removesuffix(" Youth Justice Service")
    board = f"{place} Youth Justice Partnership Board"
    leads = [f"The {board} should:", "The local authority should:", "The police should:", "Health partners should:"]
    chosen = [lead for lead in leads if rng.random() < 0.6] or leads[:1]
    # the addressee as printed in the lead-in, less a leading "The"
    return [(lead.removesuffix(" should:").removeprefix("The "), lead, rng.randint(1, 2)) for lead in chosen]


VARIANT_SETS: tuple[str, ...] = ("all", "classic", "all_kq_columns")
KQ_COLUMNS: tuple[str, ...] = ("percent", "counts", "percent_first")


def choose_layout(
    rng: random.Random, kind: str, framework: str, overrides: dict[str, object],
    extra: random.Random | None = None, columns: random.Random | None = None,
) -> Layout:
    """Layout variants for one report. ``extra`` (a stream of its own) draws the variants added
    with the producer matrix; without it they keep their classic values. ``columns`` (another
    stream, variant set "all_kq_columns") draws the key-question tables' value columns."""
    layout = Layout(
        page_size="A4" if rng.random() < 0.75 else "Letter",
        font=rng.choice(("Helvetica", "Times")),
        heading_colour=rng.choice(HEADING_COLOURS),
        ratings_table=rng.choice(("ruled", "borderless", "stacked")),
        kq_table="comparator" if rng.random() < (0.6 if framework == "probation-2018" else 0.35) else "plain",
        kq_wrap=rng.choice(("wide", "narrow")),
        split_table=rng.random() < 0.5,
        footnote_on_percent=rng.random() < 0.4,
        repeat_header=rng.random() < 0.5,
    )
    if extra is not None:
        if extra.random() < 0.25:
            layout.ratings_table = "lines"
        layout.score_format = extra.choices(("slash", "spaced", "words"), (0.5, 0.2, 0.3))[0]
        layout.rating_wrap = layout.ratings_table in ("ruled", "borderless") and extra.random() < 0.35
        inspection = kind != "regional_letter"
        layout.domain_after_recs = inspection and extra.random() < 0.3
        layout.published_style = "year_only" if inspection and extra.random() < 0.2 else "month"
        layout.kq_place = "annex" if inspection and extra.random() < 0.25 else "section"
        layout.kq_row_split = extra.random() < 0.5  # drawn last: the variants above keep their draws
    if columns is not None:
        layout.kq_columns = columns.choices(KQ_COLUMNS, (0.4, 0.3, 0.3))[0]
    if kind == "regional_letter":
        layout.kq_table = "none"
        layout.split_table = False
        layout.footnote_on_percent = False
    for key, value in overrides.items():
        if not hasattr(layout, key):
            raise ValueError(f"unknown layout variant {key!r}")
        setattr(layout, key, value)
    if layout.kq_place == "annex":
        layout.split_table = False
    return layout


def draw_report(
    rng: random.Random, name: str, seed: int, choice: str, pages: tuple[int, int] | None,
    layout_overrides: dict[str, object], variants: str = "classic",
) -> Report:
    rules = load_rules()
    if choice == "regional_letter":
        kind = "regional_letter"
        framework = rng.choice(("probation-pdu-2021", "probation-pdu-2023"))
    elif choice == "youth-2018":
        kind = "youth_justice_inspection"
        framework = choice
    else:
        framework = choice
        kind = "regional_inspection" if choice == "probation-2018" else "pdu_inspection"
    fw = rules.frameworks[framework]
    variant = rng.choice(("nps", "crc")) if framework == "probation-2018" else None
    published = _month(rng, *_PUBLISHED[framework])
    if framework == "youth-2018":
        variant = "ocd_policy" if published >= _YOUTH_OCD_POLICY_FROM else "joint_working"
    if kind == "regional_letter" and framework == "probation-pdu-2023":
        published = max(published, dt.date(2024, 1, 1))
    fieldwork, windows = draw_dates(rng, published)
    region = rng.choice(names.REGIONS)
    extra = random.Random(f"{seed}:variants") if variants in ("all", "all_kq_columns") else None
    columns = random.Random(f"{seed}:kq_columns") if variants == "all_kq_columns" else None
    layout = choose_layout(rng, kind, framework, layout_overrides, extra, columns)
    who = {"probation-2018": "the service user", "youth-2018": questions.YOUTH_WHO}.get(framework,
                                                                                     "the person on probation")
    comparator = layout.kq_table == "comparator"
    region_body = f"Probation Service – {region} region"
    people = {
        "chief": names.person(rng), "lead": names.person(rng), "director": names.person(rng),
        "comparator_label": {"probation-2018": "All regions", "youth-2018": "All services inspected"}.get(
            framework, "All PDUs inspected"),
    }
    recs: list[Recommendation] = []
    units: list[Unit] = []
    if kind == "regional_letter":
        for place in names.distinct_places(rng, rng.randint(2, 3)):
            unit = draw_unit(rng, rules, fw, None, f"{place} PDU", "the PDU", False, False, who, False)
            units.append(unit)
            hmpps, hmpps_lead = _hmpps(rng)
            lead = "The " if rng.random() < 0.5 else ""
            groups = [
                (unit.name, f"{unit.name} should:", rng.randint(3, 6)),
                (region_body, f"{lead}{region_body} should:", rng.randint(1, 2)),
                (hmpps, hmpps_lead, rng.randint(1, 3)),
            ]
            recs += _recommendations(rng, unit, groups)
        title = None
        letter_date = published + dt.timedelta(days=rng.randint(0, 27))
    else:
        if kind == "youth_justice_inspection":
            unit_name = f"{names.place(rng)} Youth Justice Service"
            short = "the service"
        elif kind == "pdu_inspection":
            unit_name = f"{names.place(rng)} PDU"
            short = "the PDU"
        elif variant == "nps":
            unit_name = f"{region} National Probation Service"
            short = "the region"
        else:
            unit_name = f"{names.place(rng)} Community Rehabilitation Company"
            short = "the CRC"
        unit = draw_unit(rng, rules, fw, variant, unit_name, short, True, comparator, who,
                         kind == "regional_inspection")
        units.append(unit)
        hmpps, hmpps_lead = _hmpps(rng)
        groups = [(unit.name, f"{unit.name} should:", rng.randint(3, 8))]
        if kind == "youth_justice_inspection":
            groups = [(unit.name, f"{unit.name} should:", rng.randint(2, 5)), *_youth_groups(rng, unit_name)]
        elif kind == "pdu_inspection":
            groups.append((region_body, f"The {region_body} should:", rng.randint(0, 3)))
        elif rng.random() < 0.4:
            groups.append(("Ministry of Justice", "The Ministry of Justice should:", rng.randint(1, 2)))
        if kind != "youth_justice_inspection":
            groups.append((hmpps, hmpps_lead, rng.randint(1, 3)))
        recs = _recommendations(rng, unit, [g for g in groups if g[2] > 0])
        title = f"An inspection of probation services in: {unit_name}"
        if kind == "youth_justice_inspection":
            title = "An inspection of youth justice services in " + unit_name.removesuffix(" Youth Justice Service")
        letter_date = None
    roll = rng.random()
    count_style = "vague" if roll < 0.3 or kind == "regional_letter" else ("words" if roll < 0.7 else "digits")
    stated = None if count_style == "vague" else len(recs)
    low, high = pages or _PAGES[kind]
    return Report(
        name=name, seed=seed, kind=kind, framework=framework, variant=variant, title=title,
        published=published, region=region, units=units, recommendations=recs, stated_count=stated,
        count_style=count_style, fieldwork_start=fieldwork, sample_windows=windows, layout=layout,
        people=people, target_pages=rng.randint(low, high), letter_date=letter_date,
    )

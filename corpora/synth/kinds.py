"""Unrated kinds: thematic inspections (single or joint) and annual reports.

Drawn, defect-injected, composed into blocks and given their truth here, apart from the rated
inspections of `values`/`compose`: they share only the layout engine, the renderer and prose.

Thematic defects: recommendation_count_mismatch, numbering_gap, broken_cross_reference.
Annual-report defects: tally_mismatch (a thematic summary's stated parts do not add up).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from . import prose
from .blocks import Block, PageBreak, Spacer, plain
from .compose import BROKEN_BOOKMARK, WORDS_PER_PAGE
from .values import HEADING_COLOURS, _month

OTHER_KINDS: tuple[str, ...] = ("thematic_inspection", "annual_report")
THEMATIC_DEFECTS: tuple[str, ...] = ("recommendation_count_mismatch", "numbering_gap", "broken_cross_reference")
ANNUAL_DEFECTS: tuple[str, ...] = ("tally_mismatch",)

_TOPICS = (
    "work with people on probation who have served in the armed forces",
    "education, training and employment services for people on probation",
    "the supervision of people convicted of stalking",
    "work with care leavers on probation",
    "remand decisions for children",
    "the management of people on probation who misuse alcohol",
    "work with women on probation in the community",
    "the use of licence conditions on release from prison",
)
_PARTNERS = (
    "HM Inspectorate of Prisons",
    "HM Inspectorate of Constabulary and Fire & Rescue Services",
    "Care Quality Commission",
    "HM Crown Prosecution Service Inspectorate",
    "Ofsted",
)
_ADDRESSEES = (  # (addressee as the parser reports it, lead-in as printed)
    ("HM Prison and Probation Service", "HM Prison and Probation Service should:"),
    ("Ministry of Justice", "The Ministry of Justice should:"),
    ("Home Office", "The Home Office should:"),
    ("NHS England", "NHS England should:"),
    ("Youth Justice Board", "The Youth Justice Board should:"),
    ("police", "The police should:"),
)
_PUBLISHED_FACTS = ("Thematic probation inspections", "Effective practice guides", "Research and analysis bulletins",
                    "Academic insights papers", "Youth justice inspections")
_POPULATION_FACTS = ("Number of people under probation supervision", "People on licence", "Community orders",
                     "Suspended sentence orders", "Children supervised by youth justice services")
_PERCENT_FACTS = ("The change in people starting accredited programmes over the year",
                  "The share of people on probation in settled accommodation at the end of supervision")
_CURRENCY_FACTS = ("Annual spending on commissioned rehabilitative services",)


@dataclass
class Rec:
    number: int
    addressee: str
    lead_in: str
    text: str


@dataclass
class Summary:
    title: str
    publisher: str
    published: dt.date
    made: int
    agreed: int | None
    partly: int | None
    refused: int | None
    style: str  # dash | split | addressees | none
    by: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Fact:
    label: str
    value: float
    unit: str
    printed: str
    bullet: bool


@dataclass
class Other:
    name: str
    seed: int
    kind: str
    title: str
    published: dt.date
    page_size: str
    font: str
    colour: str
    target_pages: int
    leads: list[str] = field(default_factory=list)
    recs: list[Rec] = field(default_factory=list)
    stated: int | None = None
    count_words: bool = True
    broken_ref: bool = False
    facts: list[Fact] = field(default_factory=list)
    summaries: list[Summary] = field(default_factory=list)
    inconsistencies: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _amount(n: int, words: bool) -> str:
    return prose.number_word(n) if words and n <= 12 else str(n)


# --- drawing -----------------------------------------------------------------------------------


def draw_thematic(rng: random.Random, name: str, seed: int, pages: tuple[int, int] | None) -> Other:
    topic = rng.choice(_TOPICS)
    joint = rng.random() < 0.5
    leads = ["HM Inspectorate of Probation"]
    if joint:
        leads += rng.sample(_PARTNERS, rng.randint(1, 2))
    title = f"A {'joint ' if joint else ''}thematic inspection of {topic}"
    published = _month(rng, dt.date(2019, 1, 1), dt.date(2025, 6, 1))
    chosen = [_ADDRESSEES[0], *rng.sample(_ADDRESSEES[1:], rng.randint(1, 3))]
    recs: list[Rec] = []
    used: set[str] = set()
    for addressee, lead in chosen:
        for _ in range(rng.randint(1, 4)):
            text = prose.recommendation_text(rng, "the service")
            while text in used:
                text = prose.recommendation_text(rng, "the service")
            used.add(text)
            recs.append(Rec(len(recs) + 1, addressee, lead, text))
    low, high = pages or (20, 45)
    return Other(name, seed, "thematic_inspection", title, published, "A4" if rng.random() < 0.7 else "Letter",
                 rng.choice(("Helvetica", "Times")), rng.choice(HEADING_COLOURS), rng.randint(low, high),
                 leads=leads, recs=recs, stated=len(recs) if rng.random() < 0.8 else None,
                 count_words=rng.random() < 0.5)


def _tally(rng: random.Random, made: int) -> tuple[int | None, int | None, int | None, str]:
    style = rng.choice(("dash", "split", "addressees", "none"))
    if style == "none":
        return None, None, None, style
    refused = rng.randint(1, 2) if style == "split" else 0
    partly = rng.randint(1, made - refused - 1)  # at least one agreed and one partly agreed
    return made - partly - refused, partly, (refused if style == "split" else None), style


def draw_annual(rng: random.Random, name: str, seed: int, pages: tuple[int, int] | None) -> Other:
    year = rng.randint(2021, 2025)
    title = f"{year} Annual Report: inspections of probation services"
    published = dt.date(year + 1, rng.randint(1, 7), 1)
    facts: list[Fact] = []
    for label in rng.sample(_PUBLISHED_FACTS, rng.randint(3, 4)):
        n = rng.randint(2, 24)
        facts.append(Fact(label, n, "count", str(n), True))
    for label in rng.sample(_POPULATION_FACTS, rng.randint(3, 5)):
        n = rng.randint(8_000, 250_000)
        facts.append(Fact(label, n, "count", f"{n:,}", False))
    percent = rng.randint(-30, 60)
    facts.append(Fact(rng.choice(_PERCENT_FACTS), percent, "%", f"{percent}%", False))
    if rng.random() < 0.5:
        millions = rng.randint(12, 95) / 10
        facts.append(Fact(_CURRENCY_FACTS[0], round(millions * 1_000_000), "currency", f"£{millions:.1f} million",
                          False))
    summaries = []
    for topic in rng.sample(_TOPICS, rng.randint(3, 5)):
        made = rng.randint(5, 18)
        agreed, partly, refused, style = _tally(rng, made)
        by: list[tuple[str, int]] = []
        if style == "addressees":
            first = rng.randint(1, made - 1)
            by = [("Ministry of Justice", first), ("HMPPS", made - first)]
        publisher = rng.choice(("HM Inspectorate of Probation", "Criminal Justice Joint Inspection Group (CJJIG)"))
        summaries.append(Summary(f"A thematic inspection of {topic}", publisher,
                                 _month(rng, dt.date(year, 1, 1), dt.date(year, 12, 1)), made, agreed, partly,
                                 refused, style, by))
    low, high = pages or (20, 40)
    return Other(name, seed, "annual_report", title, published, "A4" if rng.random() < 0.7 else "Letter",
                 rng.choice(("Helvetica", "Times")), rng.choice(HEADING_COLOURS), rng.randint(low, high),
                 facts=facts, summaries=summaries, count_words=rng.random() < 0.5)


# --- defects -------------------------------------------------------------------------------------


def inject_other(report: Other, kinds: list[str], rng: random.Random) -> None:
    allowed = THEMATIC_DEFECTS if report.kind == "thematic_inspection" else ANNUAL_DEFECTS
    for kind in kinds:
        if kind not in allowed:
            report.skipped.append(kind)
            continue
        if kind == "recommendation_count_mismatch":
            listed = len(report.recs)
            report.stated = listed + rng.choice((-1, 1))
            report.inconsistencies.append({"type": kind, "detail": f"states {report.stated} recommendations, "
                                           f"lists {listed}", "where": {"stated": report.stated, "listed": listed}})
        elif kind == "numbering_gap":
            k = rng.randrange(1, len(report.recs))
            for rec in report.recs[k:]:
                rec.number += 1
            report.inconsistencies.append({"type": kind, "detail": f"recommendations jump from {k} to {k + 2}",
                                           "where": {"number": k + 2}})
        elif kind == "broken_cross_reference":
            report.broken_ref = True
            report.inconsistencies.append({"type": kind, "detail": f"'{BROKEN_BOOKMARK}' in the introduction",
                                           "where": {"anchor": "broken-ref"}})
        elif kind == "tally_mismatch":
            options = [s for s in report.summaries if s.style in ("dash", "split")]
            summary = rng.choice(options or report.summaries)
            if summary.agreed is None or summary.style not in ("dash", "split"):  # state its parts first
                summary.partly = rng.randint(1, summary.made - 1)
                summary.agreed, summary.refused, summary.style, summary.by = (
                    summary.made - summary.partly, None, "dash", [])
            assert summary.agreed is not None
            summary.agreed += 1 if summary.agreed == 0 or rng.random() < 0.5 else -1
            report.inconsistencies.append({
                "type": kind, "detail": f"'{summary.title}': the parts stated add up to "
                f"{summary.agreed + (summary.partly or 0) + (summary.refused or 0)}, not {summary.made}",
                "where": {"anchor": f"tally-{report.summaries.index(summary)}", "title": summary.title}})


# --- composing -----------------------------------------------------------------------------------


def _fill(rng: random.Random, words: int, topic: str = "general") -> list[Block]:
    out: list[Block] = []
    count = 0
    while count < words:
        text = prose.paragraph(rng, topic, 0.5)
        out.append(plain(text))
        count += len(text.split())
    return out


def _leads_line(leads: list[str]) -> str:
    return ", ".join(leads[:-1]) + " and " + leads[-1] if len(leads) > 1 else leads[0]


def compose_thematic(r: Other, rng: random.Random) -> list[Block]:
    month = f"{r.published:%B %Y}"
    out: list[Block] = [Spacer(150), plain(r.title, "title")]
    if len(r.leads) > 1:
        out.append(plain(f"A joint inspection by {_leads_line(r.leads)}", "subtitle"))
    out += [Spacer(40), plain(f"HM Inspectorate of Probation, {month}", "subtitle"),
            plain("This is a synthetic report made for software testing. All names and figures are invented."),
            PageBreak(), plain("Foreword", "h1")]
    budget = max(400, r.target_pages * WORDS_PER_PAGE - 1500)
    out += _fill(rng, budget // 6)
    if r.broken_ref:
        out.append(plain(f"The evidence we gathered is described in Annexe 1. {BROKEN_BOOKMARK} Figures are rounded.",
                         anchor="broken-ref"))
    out += [PageBreak(), plain("Recommendations", "h1", anchor="recommendations")]
    n = r.stated
    amount = _amount(n, r.count_words) if n is not None else "a number of"
    opening = rng.choice(("We have made", "This report made")) if n is not None else "We have made"
    out.append(plain(f"{opening} {amount} recommendations. We think that, if they are acted on, they will improve "
                     "this work across England and Wales."))
    lead = None
    for i, rec in enumerate(r.recs):
        if rec.lead_in != lead:
            lead = rec.lead_in
            out.append(plain(rec.lead_in, "label", keep_with_next=True))
        out.append(plain(rec.text, bullet=f"{rec.number}.", anchor=f"rec-{i}"))
    for number, heading in enumerate(("Introduction", "Findings", "Partnership work"), start=1):
        out += [PageBreak(), plain(f"{number}. {heading}", "h1")]
        out += _fill(rng, budget // 4, rng.choice(("Services", "Leadership", "general")))
    out += [PageBreak(), plain("Annexe 1: Methodology", "h1")]
    out += _fill(rng, 200)
    return out


def _tally_sentence(s: Summary, words: bool) -> str:
    made = _amount(s.made, words)
    if s.style == "none":
        return f"The report made {made} recommendations to a number of organisations."
    agreed, partly = _amount(s.agreed or 0, words), _amount(s.partly or 0, words)
    if s.style == "dash":
        return f"This report made {made} recommendations – {agreed} were agreed and {partly} partly agreed."
    if s.style == "split":
        refused = _amount(s.refused or 0, words)
        return (f"Our report made {made} recommendations. Of these, {agreed} were agreed, {partly} were partly "
                f"agreed and {refused} were not agreed.")
    parts = " and ".join(f"{_amount(k, words)} for the {a}" if a.startswith("Ministry") else f"{_amount(k, words)} "
                         f"for {a}" for a, k in s.by)
    return (f"We made {made} recommendations in our thematic inspection report ({parts}). {agreed.capitalize()} "
            f"were agreed and {partly} were partly agreed.")


def compose_annual(r: Other, rng: random.Random) -> list[Block]:
    month = f"{r.published:%B %Y}"
    out: list[Block] = [Spacer(150), plain(r.title, "title"), Spacer(40),
                        plain(f"HM Inspectorate of Probation, {month}", "subtitle"),
                        plain("This is a synthetic report made for software testing. All names and figures are "
                              "invented."), PageBreak(), plain("1. Key facts", "h1", anchor="key-facts"),
                        plain(prose.paragraph(rng, "general", 0.5, (2, 3))),
                        plain("The Inspectorate published:", "label", keep_with_next=True)]
    for i, fact in enumerate(f for f in r.facts if f.bullet):
        out.append(plain(f"{fact.printed} {fact.label}", bullet="•", anchor=f"fact-b{i}"))
    out.append(plain(prose.paragraph(rng, "general", 0.5, (2, 3))))
    out.append(plain("Probation population facts:", "h2", keep_with_next=True))
    for i, fact in enumerate(f for f in r.facts if not f.bullet):
        out += [plain(fact.printed, "h2", anchor=f"fact-f{i}", keep_with_next=True), plain(fact.label)]
    out += [PageBreak(), plain("2. Chief Inspector's overview", "h1")]
    out += _fill(rng, max(300, (r.target_pages - 6) * WORDS_PER_PAGE // 3))
    out += [PageBreak(), plain("3. Thematic inspections", "h1"),
            plain(prose.paragraph(rng, "general", 0.5, (2, 3)))]
    for i, s in enumerate(r.summaries):
        out += [Spacer(12), plain(s.title, "h2", keep_with_next=True),
                plain(f"In {s.published:%B %Y}, {s.publisher} published the above-named report."),
                plain("Summary", "h3", keep_with_next=True), plain(prose.paragraph(rng, "Services", 0.5)),
                plain("Recommendations", "h3", keep_with_next=True),
                plain(_tally_sentence(s, r.count_words), anchor=f"tally-{i}"),
                plain("What next", "h3", keep_with_next=True), plain(prose.paragraph(rng, "general", 0.5, (2, 4)))]
    out += [PageBreak(), plain("4. Research and effective practice", "h1")]
    out += _fill(rng, max(300, (r.target_pages - 6) * WORDS_PER_PAGE // 3))
    return out


# --- truth ------------------------------------------------------------------------------------------


def truth_of(r: Other, anchors: dict[str, int], pages: int) -> dict[str, Any]:
    inconsistencies = []
    for inc in r.inconsistencies:
        where = {k: v for k, v in inc["where"].items() if k != "anchor"}
        anchor = inc["where"].get("anchor")
        if isinstance(anchor, str) and anchor in anchors:
            where["page"] = anchors[anchor]
        inconsistencies.append({"type": inc["type"], "detail": inc["detail"], "where": where})
    bullets = [f for f in r.facts if f.bullet]
    figures = [f for f in r.facts if not f.bullet]
    facts = [{"label": f.label, "value": f.value, "unit": f.unit, "as_printed": f.printed,
              "page": anchors.get(f"fact-b{i}")} for i, f in enumerate(bullets)]
    facts += [{"label": f.label, "value": f.value, "unit": f.unit, "as_printed": f.printed,
               "page": anchors.get(f"fact-f{i}")} for i, f in enumerate(figures)]
    summaries = [{"title": s.title, "made": s.made, "agreed": s.agreed, "partly_agreed": s.partly,
                  "not_agreed": s.refused, "by_addressee": [{"addressee": a, "made": k} for a, k in s.by],
                  "page": anchors.get(f"tally-{i}")} for i, s in enumerate(r.summaries)]
    return {
        "file": f"{r.name}.pdf",
        "kind": r.kind,
        "framework": None,
        "title": r.title,
        "published": f"{r.published:%Y-%m}",
        "units": [],
        "recommendations": [{"number": rec.number, "unit": None, "addressee": rec.addressee, "text": rec.text}
                            for rec in r.recs],
        "stated_recommendation_count": r.stated,
        "known_inconsistencies": inconsistencies,
        "lead_inspectorates": r.leads if len(r.leads) > 1 else [],
        "key_facts": facts,
        "thematic_summaries": summaries,
        "synth": {"seed": r.seed, "generator": "corpora.synth", "pages": pages, "target_pages": r.target_pages,
                  "layout": {"page_size": r.page_size, "font": r.font, "heading_colour": r.colour},
                  "defects_skipped": r.skipped,
                  "recommendations": [{"number": rec.number, "lead_in": rec.lead_in, "page": anchors.get(f"rec-{i}")}
                                      for i, rec in enumerate(r.recs)]},
    }


def draw_other(rng: random.Random, name: str, seed: int, kind: str, pages: tuple[int, int] | None) -> Other:
    return (draw_thematic if kind == "thematic_inspection" else draw_annual)(rng, name, seed, pages)


def compose_other(report: Other, rng: random.Random) -> tuple[list[Block], str]:
    if report.kind == "thematic_inspection":
        return compose_thematic(report, rng), "Thematic inspection"
    return compose_annual(report, rng), report.title.split(":")[0]


"""Report model -> document blocks in the inspectorate's house style."""

from __future__ import annotations

import random
from collections.abc import Iterator

from . import prose
from .blocks import Block, Cell, ContentsLine, PageBreak, Para, Run, Spacer, Table, plain
from .model import Report, Standard, Unit
from .rules import RATINGS, load_rules

WORDS_PER_PAGE = 430
BROKEN_BOOKMARK = "Error! Bookmark not defined."
BROKEN_REFERENCE = "Error! Reference source not found."


class Footnotes:
    """Running footnote numbers across the document."""

    def __init__(self) -> None:
        self.n = 0

    def next(self, text: str) -> tuple[str, dict[str, str]]:
        self.n += 1
        marker = str(self.n)
        return marker, {marker: text}


YOUTH_TITLE = "An inspection of youth justice services in "


def unique_name(unit: Unit, s: Standard) -> bool:
    """Whether no other standard of the unit has the same name (youth 2.1 and 3.1 are both
    'Assessment'): only such standards are named in prose, so a sentence names one standard."""
    return sum(other.name == s.name for other in unit.standards) == 1


def printed_code(report: Report, code: str) -> str:
    return f"P {code}" if report.framework == "probation-pdu-2023" else code


def domain_titles(report: Report) -> dict[str, str]:
    fw = load_rules().frameworks[report.framework]
    out = {}
    for key, names in fw.domains.items():
        out[key] = names[1] if len(names) > 1 and report.variant == "crc" else names[0]
    return out


def _words(blocks: list[Block]) -> int:
    return sum(len(t.split()) for b in blocks if isinstance(b, Para) for t, _ in b.runs)


class Composer:
    def __init__(self, report: Report, rng: random.Random) -> None:
        self.r = report
        self.rng = rng
        self.notes = Footnotes()
        self.hidden = {
            (i.where.get("unit"), i.where.get("code"))
            for i in report.inconsistencies if i.type == "missing_value"
        }
        self.tone = 0.5

    # -- helpers -----------------------------------------------------------------
    def _rating_shown(self, unit: Unit, s: Standard) -> str | None:
        return None if (unit.name, s.code) in self.hidden else s.rating

    def _date(self, day: object) -> str:
        import datetime as dt

        assert isinstance(day, dt.date)
        return prose.format_date(day, zero_pad=self.rng.random() < 0.2)

    def _fill(self, topic: str, budget: int, tone: float) -> list[Block]:
        blocks: list[Block] = []
        while _words(blocks) < budget:
            roll = self.rng.random()
            if roll < 0.07 and budget > 600:
                good = self.rng.random() < tone
                blocks.append(plain("Good practice example" if good else "Area for improvement example", "h3"))
                blocks.append(Para([(prose.case_example(self.rng, good), "italic")]))
            elif roll < 0.6:
                blocks.append(plain(prose.paragraph(self.rng, topic, tone)))
            else:
                good = self.rng.random() < tone
                blocks.append(plain(prose.bullet(self.rng, topic, good), bullet="•"))
        return blocks

    def _tone(self, rating: str | None) -> float:
        return 0.15 + 0.25 * RATINGS.index(rating or "Requires improvement")

    # -- ratings box -----------------------------------------------------------------
    def score_text(self, unit: Unit) -> str:
        fmt = self.r.layout.score_format
        if fmt == "words":
            return f"{unit.score} out of {unit.max_score}"
        return f"{unit.score} / {unit.max_score}" if fmt == "spaced" else f"{unit.score}/{unit.max_score}"

    def ratings_box(self, unit: Unit) -> list[Block]:
        style = self.r.layout.ratings_table
        domains = domain_titles(self.r)
        score = self.score_text(unit)
        if style in ("stacked", "lines"):
            out: list[Block] = [plain(unit.name, "label"), Para([("Score ", "normal"), (score, "bold")]),
                                plain("Overall rating", "label"), plain(unit.overall_rating, "rating")]
            seen: set[str] = set()
            for s in unit.standards:
                dom = s.code.split(".")[0]
                if dom not in seen:
                    seen.add(dom)
                    out.append(plain(f"{dom}. {domains.get(dom, '')}", "h3"))
                if style == "lines":
                    out += [plain(printed_code(self.r, s.code)), plain(s.name)]
                else:
                    out.append(plain(f"{printed_code(self.r, s.code)} {s.name}"))
                shown = self._rating_shown(unit, s)
                out.append(plain(shown or "", "rating") if shown else Spacer(6))
            return out
        ruled = style == "ruled"
        empty = Cell([("", "normal")])
        rows: list[list[Cell]] = [
            [empty, Cell([(unit.name, "bold")]), Cell([("Score", "bold")]), Cell([(score, "bold")])],
            [empty, Cell([("Overall rating", "bold")]),
             Cell([(unit.overall_rating, "bold")], fill=unit.overall_rating if ruled else None), empty],
        ]
        seen = set()
        for s in unit.standards:
            dom = s.code.split(".")[0]
            if dom not in seen:
                seen.add(dom)
                rows.append([Cell([(f"{dom}.", "bold")]), Cell([(domains.get(dom, ""), "bold")]), empty, empty])
            shown = self._rating_shown(unit, s)
            rows.append([Cell([(printed_code(self.r, s.code), "normal")]), Cell([(s.name, "normal")]),
                         Cell([(shown or "", "normal")], fill=shown if (ruled and shown) else None), empty])
        if self.r.layout.rating_wrap:  # "Requires improvement" does not fit on one line
            widths = [0.1, 0.5, 0.16, 0.24]
        else:
            widths = [0.1, 0.46, 0.28, 0.16] if self.r.layout.score_format == "words" else [0.1, 0.5, 0.28, 0.12]
        if self.r.layout.ratings_columns != "code_first":
            rows, widths = self._columns_moved(rows, domains)
        return [Table(rows, widths, header_rows=1, ruled=ruled)]

    def _columns_moved(self, rows: list[list[Cell]], domains: dict[str, str]) -> tuple[list[list[Cell]], list[float]]:
        """The box's standard rows with the rating column first ("rating_first": rating | code | name),
        or the domain's name in a first column of every standard row and no domain heading row
        ("domain_first": domain | code | name | rating); the unit's and overall rating's labels in
        the first column, their values where they were."""
        out: list[list[Cell]] = [[row[1], row[0], row[2], row[3]] for row in rows[:2]]  # label in the wide cell
        for row in rows[2:]:
            code = "".join(text for text, _ in row[0].runs)
            if "." not in code.rstrip("."):  # a domain heading row ("1." | its name)
                if self.r.layout.ratings_columns == "rating_first":
                    out.append([row[2], row[0], row[1], row[3]])
                continue
            if self.r.layout.ratings_columns == "rating_first":
                out.append([row[2], row[0], row[1], row[3]])
            else:
                dom = code.split()[-1].split(".")[0]
                out.append([Cell([(f"{dom}. {domains.get(dom, '')}", "bold")]), row[0], row[1], row[2]])
        # fixed widths: a rating cell wide enough for "Requires improvement" on one line
        moved = [0.28, 0.1, 0.46, 0.16] if self.r.layout.ratings_columns == "rating_first" else [0.3, 0.1, 0.34, 0.26]
        return out, moved

    # -- recommendations ---------------------------------------------------------------
    def recommendations(self, unit_name: str | None) -> list[Block]:
        out: list[Block] = []
        lead = None
        for i, rec in enumerate(self.r.recommendations):
            if unit_name is not None and rec.unit != unit_name:
                continue
            if rec.lead_in != lead or (i and self.r.recommendations[i - 1].unit != rec.unit):
                lead = rec.lead_in
                out.append(plain(lead_in_as(rec.lead_in, self.r.layout.lead_in_form), "label", keep_with_next=True))
            text = soft_hyphenated(rec.text) if self.r.layout.soft_hyphens else rec.text
            out.append(plain(text, bullet=f"{rec.number}.", anchor=f"rec-{i}"))
        return out

    def count_sentence(self) -> str:
        n = self.r.stated_count
        if self.r.count_style == "vague" or n is None:
            amount = "a number of"
        elif self.r.count_style == "words" and n <= 20:
            amount = prose.number_word(n)
        else:
            amount = str(n)
        return (f"Following our findings, we have made {amount} recommendations. We think that, if they are "
                f"acted on, they will help to raise the quality of probation work in {self.r.unit.name}.")

    # -- case-based standard -------------------------------------------------------------
    def kq_table(self, unit: Unit, s: Standard) -> Table:
        lay = self.r.layout
        comparator = lay.kq_table == "comparator"
        notes: dict[str, str] = {}
        label = self.r.people["comparator_label"]
        if comparator:
            marker, note = self.notes.next(f"Figures from all inspections of this type in the previous year. "
                                           f"{label} is the comparison group.")
            notes |= note
            header = [Cell([(f"Comparison with {unit.name} and {label.lower()}", "normal")]),
                      Cell([("Current inspection", "normal")]), Cell([(label, "normal"), (marker, "sup")])]
        else:
            header = [Cell([("Key question", "normal")]), Cell([("Percentage 'Yes'", "normal")])]
        rows = [header]
        lowest = s.lowest
        pct_marker = None
        if lay.footnote_on_percent:
            pct_marker, note = self.notes.next("Rounded to the nearest whole number.")
            notes |= note
        for n, kq in enumerate(s.key_questions):
            runs = self._kq_runs(unit, s, n, notes)
            pct: list[Run] = [(f"{kq.percent}%", "bold" if kq is lowest else "normal")]
            if pct_marker and n == 0:
                pct.append((pct_marker, "sup"))
            row = [Cell(runs), Cell(pct)]
            if comparator:
                row.append(Cell([(f"{kq.comparator_percent}%", "normal")]))
            rows.append(row)
        wide = lay.kq_wrap == "wide"
        widths = ([0.6, 0.2, 0.2] if wide else [0.44, 0.18, 0.18]) if comparator else \
            ([0.8, 0.2] if wide else [0.5, 0.2])
        rows, widths = _kq_columns(lay.kq_columns, rows, widths, s)
        return Table(rows, widths, header_rows=1, ruled=True, repeat_header=lay.repeat_header,
                     split_rows=lay.kq_row_split, footnotes=notes, anchor=f"kq-{unit.name}-{s.code}")

    def _kq_runs(self, unit: Unit, s: Standard, n: int, notes: dict[str, str]) -> list[Run]:
        """A key question's cell as printed (with an injected broken bookmark and subsample marker)."""
        kq = s.key_questions[n]
        runs: list[Run] = [(kq.text, "normal")]
        broken = self.r.broken_ref
        if broken and broken.get("where") == "kq" and broken.get("code") == s.code \
                and broken.get("unit") == unit.name and broken.get("index") == n:
            runs.append((BROKEN_BOOKMARK, "normal"))
        if kq.subsample:
            marker, note = self.notes.next("Calculated for the cases in which work on risk of harm was needed.")
            notes |= note
            runs.append((marker, "sup"))
        return runs

    def standard_section(self, unit: Unit, s: Standard, budget: int, split: bool) -> list[Block]:
        out: list[Block] = [plain(f"{printed_code(self.r, s.code)}. {s.name}", "h2", anchor=f"std-{s.code}")]
        out.append(plain(prose.STANDARD_AIMS[s.name]))
        shown = self._rating_shown(unit, s)
        if shown:
            out.append(plain(shown, "rating"))
        tone = self._tone(s.true_rating)
        if s.key_questions:
            count = prose.number_word(len(s.key_questions))
            marker, note = self.notes.next("The standard's rating is the band of its lowest key-question score; "
                                           "the lowest score is shown in bold. The methodology annexe explains "
                                           "the bands.")
            in_annex = self.r.layout.kq_place == "annex"
            ending = " (the scores are in Annexe 2)." if in_annex else ", and follows the lowest of those scores:"
            if shown:
                runs: list[Run] = [("We rated ", "normal"), (s.name.lower(), "normal"), (marker, "sup"),
                                   (f" as '{shown}'. The rating rests on the share of inspected cases judged "
                                    f"satisfactory against {count} key questions{ending}", "normal")]
            else:
                runs = [("Our findings", "normal"), (marker, "sup"),
                        (f" for {s.name.lower()} rest on {count} key questions"
                         f"{' (see Annexe 2).' if in_annex else ':'}", "normal")]
            out.append(Para(runs, footnotes=note))
            if not in_annex:
                table = self.kq_table(unit, s)
                table.force_split = split
                table.keep_together = not split
                out.append(table)
            short = self.r.target_pages <= 3  # very short reports (fixtures): no paragraph per key question
            for kq in s.key_questions:
                out.append(plain(kq.text, "h3"))
                if not short:
                    out.append(plain(prose.paragraph(self.rng, s.name, tone)))
                out.append(plain(f"Inspectors answered this question 'yes' in {prose.count_phrase(kq.yes, kq.total)}. "
                                 + prose.sentence(self.rng, s.name, tone)))
            defect = self.r.count_percent_defect
            if defect and defect["code"] == s.code and defect["unit"] == unit.name:
                phrase = prose.count_phrase(defect["yes"], defect["total"], defect["printed"])
                out.append(plain(f"Inspectors found sufficient contingency arrangements in {phrase}.",
                                 anchor="count-percent-defect"))
            out.append(plain("Strengths:", "label", keep_with_next=True))
        else:
            out.append(plain("Strengths:", "label", keep_with_next=True))
        most = 4 if self.r.target_pages > 3 else 2
        for _ in range(self.rng.randint(2, most)):
            out.append(plain(prose.bullet(self.rng, s.name, True), bullet="•"))
        out.append(plain("Areas for improvement:", "label", keep_with_next=True))
        for _ in range(self.rng.randint(2, most)):
            out.append(plain(prose.bullet(self.rng, s.name, False), bullet="•"))
        out += self._fill(s.name, budget - _words(out), tone)
        return out

    # -- whole documents -----------------------------------------------------------
    def inspection(self) -> list[Block]:
        r, unit = self.r, self.r.unit
        month = f", {r.published:%B %Y}" if r.layout.published_style == "month" else ""
        if r.kind == "youth_justice_inspection":
            assert r.title is not None
            place = r.title.removeprefix(YOUTH_TITLE)
            title = Para([(YOUTH_TITLE, "normal"), (place, "bold")], "title")
        else:
            title = Para([("An inspection of probation services in: ", "normal"), (unit.name, "bold")], "title")
        out: list[Block] = [Spacer(150), title]
        if r.kind == "pdu_inspection":
            out.append(plain(f"The Probation Service – {r.region} region", "subtitle"))
        elif r.variant == "nps":
            out.append(plain("National Probation Service", "subtitle"))
        out += [Spacer(40), plain(f"HM Inspectorate of Probation{month}", "subtitle"), PageBreak()]
        after = r.layout.domain_after_recs  # background first, the first domain straight after the recommendations
        sections = [("Foreword", "foreword"), ("Ratings", "ratings"), ("Recommendations", "recommendations"),
                    ("Background", "background")]
        if after:
            sections[2:] = [sections[3], sections[2]]
        domains = domain_titles(r)
        doms = sorted({s.code.split(".")[0] for s in unit.standards})
        sections += [(f"{d}. {domains[d]}", f"domain-{d}") for d in doms]
        sections += [("Annexe 1: Methodology", "annexe-1"), ("Annexe 2: Inspection data", "annexe-2")]
        out.append(plain("Contents", "h1"))
        out += [ContentsLine(text, key) for text, key in sections]
        out += [Spacer(20), plain("Acknowledgements", "h2"),
                plain(f"The inspection was led by HM Inspector {r.people['lead']}, with a team of inspectors and "
                      "colleagues from across the Inspectorate. We thank everyone who took part, and who gave "
                      "us their time and their views."),
                plain("About HM Inspectorate of Probation", "h2"),
                plain("HM Inspectorate of Probation inspects youth justice and probation services in England "
                      "and Wales. Our reports describe what we found, identify good and poor practice and "
                      "recommend changes. We are independent of government."),
                plain(f"© Crown copyright {r.published.year}"),
                plain("This is a synthetic report made for software testing. All names and figures are invented."),
                PageBreak()]
        out += self.foreword()
        out += [PageBreak(), plain("Ratings", "h1", anchor="ratings")]
        out += self.ratings_box(unit)
        recs: list[Block] = [PageBreak(), plain("Recommendations", "h1", anchor="recommendations"),
                             plain(self.count_sentence()), *self.recommendations(None)]
        background: list[Block] = [PageBreak(), *self.background()]
        out += [*background, *recs] if after else [*recs, *background]
        fixed = _words(out) + 2500
        per_standard = 300 if r.target_pages > 3 else 60  # very short reports (fixtures): thin sections
        budget_words = max(r.target_pages * WORDS_PER_PAGE - fixed, per_standard * len(unit.standards))
        weights = [1.6 if s.key_questions else 1.0 for s in unit.standards]
        split_code = self._split_code(unit)
        for n, d in enumerate(doms):
            heading = plain(f"{d}. {domains[d]}", "h1", anchor=f"domain-{d}")
            out += [heading] if (after and n == 0) else [PageBreak(), heading]
            for s, w in zip(unit.standards, weights, strict=True):
                if s.code.split(".")[0] == d:
                    budget = int(budget_words * w / sum(weights))
                    out += self.standard_section(unit, s, budget, s.code == split_code)
        out += [PageBreak(), *self.methodology(), PageBreak(), *self.inspection_data(unit)]
        return out

    def _split_code(self, unit: Unit) -> str | None:
        if not self.r.layout.split_table:
            return None
        codes = [s.code for s in unit.standards if s.key_questions]
        return self.rng.choice(codes) if codes else None

    def foreword(self) -> list[Block]:
        r, unit = self.r, self.r.unit
        out: list[Block] = [plain("Foreword", "h1", anchor="foreword")]
        first = (f"This inspection looked at the work of {unit.name}. Overall, we have rated {unit.short} as "
                 f"'{unit.overall_rating}'. {prose.paragraph(self.rng, 'Leadership', self._tone(unit.overall_rating))}")
        out.append(plain(first))
        mentions = [s for s in unit.standards if (unit.name, s.code) not in self.hidden and unique_name(unit, s)]
        narrative = r.narrative_override
        if narrative:
            mentions = [s for s in mentions if s.code != narrative[1]]
        for s in self.rng.sample(mentions, min(3, len(mentions))):
            assert s.rating is not None
            out.append(plain(prose.rated_as(unit.short, s.rating, s.name) + " "
                             + prose.paragraph(self.rng, s.name, self._tone(s.rating), (2, 4))))
        if narrative:
            out.append(plain(prose.rated_as(unit.short, narrative[2], r.unit.standard(narrative[1]).name)
                             + " " + prose.sentence(self.rng, "general", 0.5), anchor="narrative"))
        out.append(plain(prose.paragraph(self.rng, "general", 0.5)))
        out += [plain(r.people["chief"]), plain("HM Chief Inspector of Probation")]
        return out

    def background(self) -> list[Block]:
        r, unit = self.r, self.r.unit
        (a1, a2), (b1, b2) = r.sample_windows
        cases = (("court disposals", "out-of-court disposals") if r.kind == "youth_justice_inspection"
                 else ("community sentences", "releases on licence"))
        marker, note = self.notes.next("Local figures supplied by the probation service before fieldwork began.")
        out: list[Block] = [
            plain("Background", "h1", anchor="background"),
            plain(f"Fieldwork in {unit.name} took place over two weeks, starting on {self._date(r.fieldwork_start)}. "
                  f"We looked at {unit.sample_community} {cases[0]} and {unit.sample_licence} {cases[1]} "
                  f"which began in two separate weeks, between {self._date(a1)} and {self._date(a2)} "
                  f"and between {self._date(b1)} and {self._date(b2)}. We also interviewed {unit.interviews} "
                  "probation practitioners about their cases.", anchor="sample-window"),
            Para([(f"{prose.positive(self.rng, 'Services')} {unit.name} works within the {r.region} probation "
                   f"region", "normal"), (marker, "sup"), (". " + prose.paragraph(self.rng, "general", 0.5),
                                                             "normal")], footnotes=note),
        ]
        broken = r.broken_ref
        if broken and broken.get("where") == "prose":
            out.append(plain(f"The way we select and inspect cases is set out in Annexe {BROKEN_REFERENCE} "
                             "Figures in this report are rounded.", anchor="broken-ref"))
        out.append(plain(prose.paragraph(self.rng, "general", 0.5)))
        return out

    def methodology(self) -> list[Block]:
        rules = load_rules()
        fw = rules.frameworks[self.r.framework]
        out: list[Block] = [plain("Annexe 1: Methodology", "h1", anchor="annexe-1"),
                            plain("Each standard is rated on a four-point scale. For standards that rest on case "
                                  "inspection, the rating is set by the lowest key-question score:")]
        rows = [[Cell([("Lowest banding (key question level)", "normal")]), Cell([("Rating (standard)", "normal")])]]
        bounds = [low for low, _ in rules.kq_bands] + [101]
        for i, (low, name) in enumerate(rules.kq_bands):
            high = bounds[i + 1] - 1
            rng_text = f"<{bounds[1]}%" if i == 0 else (f"{low}%+" if high >= 100 else f"{low}-{high}%")
            rows.append([Cell([(rng_text, "normal")]), Cell([(name, "normal")])])
        out.append(Table(rows, [0.55, 0.45]))
        out.append(plain("Standard scores are added up to give the overall score, which is banded as follows:"))
        rows = [[Cell([("Score", "normal")]), Cell([("Rating (overall)", "normal")])]]
        lows = [low for low, _ in fw.overall_bands] + [fw.max_score + 1]
        for i, (low, name) in enumerate(fw.overall_bands):
            rows.append([Cell([(f"{low}-{lows[i + 1] - 1}", "normal")]), Cell([(name, "normal")])])
        out.append(Table(rows, [0.55, 0.45]))
        out.append(plain(prose.paragraph(self.rng, "general", 0.5)))
        return out

    def inspection_data(self, unit: Unit) -> list[Block]:
        out: list[Block] = [plain("Annexe 2: Inspection data", "h1", anchor="annexe-2"),
                            plain("The tables below give, for each key question, the share of cases with a "
                                  "satisfactory answer to each of the prompts beneath it.")]
        if self.r.layout.kq_place == "annex":
            out += self.annex_kq_table(unit)
        for s in unit.standards:
            if not s.key_questions:
                continue
            out.append(plain(f"{printed_code(self.r, s.code)}. {s.name}", "h3", keep_with_next=True))
            rows: list[list[Cell]] = []
            for kq in s.key_questions:
                rows.append([Cell([(kq.text, "bold")]), Cell([("Current inspection", "bold")])])
                rows += [[Cell([(p.text, "normal")]), Cell([(f"{p.percent}%", "normal")])] for p in kq.prompts]
            out.append(Table(rows, [0.8, 0.2], header_rows=1, anchor=f"prompts-{s.code}"))
        return out

    def annex_kq_table(self, unit: Unit) -> list[Block]:
        """Every case-based standard with its rating, and its key questions (numbered) with their
        percentages, in one annex table: the only place the key-question scores are printed."""
        domains = domain_titles(self.r)
        notes: dict[str, str] = {}
        comparator = self.r.layout.kq_table == "comparator"  # a third column: the comparison group's %
        empty = [Cell([("", "normal")])] if comparator else []
        header = [Cell([("Standard/Key question", "bold")]), Cell([("Rating/% yes", "bold")])]
        if comparator:
            label = self.r.people["comparator_label"]
            marker, note = self.notes.next(f"{label}: every inspection of this type in the previous year.")
            notes |= note
            header.append(Cell([(label, "bold"), (marker, "sup")]))
        rows: list[list[Cell]] = [header]
        seen: set[str] = set()
        for s in unit.standards:
            if not s.key_questions:
                continue
            dom = s.code.split(".")[0]
            if dom not in seen:
                seen.add(dom)
                rows.append([Cell([(f"{dom}. {domains.get(dom, '')}", "bold")]), Cell([("", "normal")]), *empty])
            shown = self._rating_shown(unit, s)
            rows.append([Cell([(f"{printed_code(self.r, s.code)}. {s.name}", "bold")]),
                         Cell([(shown or "", "bold")], fill=shown), *empty])
            lowest = s.lowest
            for n, kq in enumerate(s.key_questions):
                runs = self._kq_runs(unit, s, n, notes)
                code = f"P {kq.code}" if self.r.framework == "probation-pdu-2023" else kq.code
                runs[0] = (f"{code}. {runs[0][0]}", runs[0][1])
                row = [Cell(runs), Cell([(f"{kq.percent}%", "bold" if kq is lowest else "normal")])]
                if comparator:
                    row.append(Cell([(f"{kq.comparator_percent}%", "normal")]))
                rows.append(row)
        return [plain("Key questions", "h2"),
                plain("The table below shows, for each case-based standard, the percentage of inspected cases "
                      "judged satisfactory against each key question"
                      + (f", beside the same figure for {label.lower()}." if comparator else ".")),
                Table(rows, [0.64, 0.18, 0.18] if comparator else [0.8, 0.2], header_rows=1, repeat_header=True,
                      footnotes=notes, anchor=f"kq-annex-{unit.name}"),
                plain("Prompts", "h2")]

    def letter(self) -> list[Block]:
        r = self.r
        assert r.letter_date is not None
        region_body = f"Probation Service – {r.region} region"
        first_name = r.people["director"].split()[0]
        out: list[Block] = [
            plain("HM Inspectorate of Probation", "h2"),
            plain("Example House, 10 Sample Street, Manchester M1 0XX (synthetic address)", "small"),
            Spacer(10), plain(prose.format_date(r.letter_date)), plain("To:", "label"),
            plain(f"{r.people['director']}, Regional Probation Director"), plain("CC:", "label"),
            plain(f"{r.people['lead']}, Lead Inspector"), plain(f"Dear {first_name},"),
            plain(f"Thank you for the help that you and your staff gave us during our recent inspection of the "
                  f"{region_body}."),
            plain("We have now finished inspecting " + ", ".join(u.name for u in r.units[:-1]) + " and "
                  + r.units[-1].name + ", and this letter sets out what we found."),
            plain("Regional observations:", "h2"),
        ]
        per_topic = max(150, (r.target_pages - 3) * WORDS_PER_PAGE // 4)
        for topic in ("Leadership", "Staff", "Services and interventions", "Information and facilities"):
            out.append(plain(topic, "h3"))
            out += [plain(prose.paragraph(self.rng, topic, 0.5)) for _ in range(2)]
            out.append(plain("Key strengths:", "label", keep_with_next=True))
            out += [plain(prose.bullet(self.rng, topic, True), bullet="•") for _ in range(2)]
            out.append(plain("Key areas for improvement:", "label", keep_with_next=True))
            out += [plain(prose.bullet(self.rng, topic, False), bullet="•") for _ in range(2)]
            out += self._fill(topic, per_topic - 300, 0.5)
        out += [plain("Observations from PDUs:", "h2"), plain("Overall ratings:", "label")]
        out += [plain(f"{u.name}: {u.overall_rating}") for u in r.units]
        narrative = r.narrative_override
        for unit in r.units:
            mentions = [st for st in unit.standards if (unit.name, st.code) not in self.hidden
                        and not (narrative and narrative[:2] == (unit.name, st.code))]
            said = [f"the PDU was rated as '{st.rating}' for {st.name.lower()}"
                    for st in self.rng.sample(mentions, min(2, len(mentions)))]
            out.append(plain(f"In {unit.name}, " + " and ".join(said) + ". "
                             + prose.paragraph(self.rng, "general", self._tone(unit.overall_rating), (2, 4))))
        if narrative:
            unit = next(u for u in r.units if u.name == narrative[0])
            name = unit.standard(narrative[1]).name.lower()
            out.append(plain(f"In {unit.name}, the PDU was rated as '{narrative[2]}' for {name}.",
                             anchor="narrative"))
        out.append(plain(prose.paragraph(self.rng, "general", 0.4)))
        broken = r.broken_ref
        if broken and broken.get("where") == "prose":
            out.append(plain(f"Our recommendations are listed on page {BROKEN_REFERENCE} We look forward to "
                             "receiving your action plan.", anchor="broken-ref"))
        else:
            out.append(plain("Our recommendations are set out in Annexe one. We look forward to receiving your "
                             "action plan in due course."))
        out += [plain("Yours sincerely"), plain(r.people["chief"]), plain("Chief Inspector of Probation"),
                PageBreak(), plain("Annexe one – Recommendations", "h1", anchor="recommendations"),
                plain("The recommendations from the inspection of each PDU in the region are listed below.")]
        for unit in r.units:
            out += self.recommendations(unit.name)
        out += [PageBreak(), plain("Annexe two - PDU ratings", "h1", anchor="ratings"),
                plain("The ratings of each PDU in the region are set out below. The PDU reports on our website "
                      "explain the reasons for them."), plain("Ratings", "h2")]
        for unit in r.units:
            out += [*self.ratings_box(unit), Spacer(18)]
        return out


def compose(report: Report, rng: random.Random) -> tuple[list[Block], str]:
    composer = Composer(report, rng)
    if report.kind == "regional_letter":
        return composer.letter(), "HM Inspectorate of Probation"
    if report.kind == "youth_justice_inspection":
        return composer.inspection(), f"Inspection of youth justice services: {report.unit.name}"
    return composer.inspection(), f"Inspection of probation services: {report.unit.name}"


def iter_tables(blocks: list[Block]) -> Iterator[Table]:
    return (b for b in blocks if isinstance(b, Table))


def lead_in_as(lead_in: str, form: str) -> str:
    """A "... should:" lead-in printed in another form (Layout.lead_in_form): "qualified" puts a time
    qualifier before the colon ("X should, within six months:"), "recommend_that" names the body after
    "We recommend that" ("We recommend that X:"); the addressee is the same body."""
    if form == "should" or not lead_in.endswith(" should:"):
        return lead_in
    body = lead_in.removesuffix(" should:")
    if form == "qualified":
        return f"{body} should, within six months:"
    if form == "recommend_that":
        return f"We recommend that {body[:1].lower() + body[1:] if body.startswith('The ') else body}:"
    raise ValueError(f"unknown lead-in form {form!r}")


SOFT_HYPHEN = "\u00ad"


def soft_hyphenated(text: str, longest: int = 9) -> str:
    """`text` with a soft hyphen (U+00AD) in the middle of every word of `longest` letters or more
    (Layout.soft_hyphens): a line may break there, printed with a hyphen; the truth keeps the words whole."""
    words = []
    for word in text.split(" "):
        if len(word) >= longest and word.isalpha():
            half = len(word) // 2
            word = word[:half] + SOFT_HYPHEN + word[half:]
        words.append(word)
    return " ".join(words)


def _kq_columns(columns: str, rows: list[list[Cell]], widths: list[float],
                s: Standard) -> tuple[list[list[Cell]], list[float]]:
    """A key-question table's rows and column widths in layout `columns` (Layout.kq_columns): as
    drawn ("percent"), with the cases meeting the standard and the cases inspected before the
    percentage ("counts": the percentage is theirs, rounded), or the question column last
    ("percent_first")."""
    if columns == "counts":
        counts = [[Cell([("Cases meeting the standard", "normal")]), Cell([("Cases inspected", "normal")])]]
        counts += [[Cell([(str(kq.yes), "normal")]), Cell([(str(kq.total), "normal")])] for kq in s.key_questions]
        values = [max(0.16, w - 0.04) for w in widths[1:]]  # the count columns take room from the others
        question = max(0.3, sum(widths) - 0.28 - sum(values))  # (0.14: "inspected" whole on one line)
        return ([[row[0], *more, *row[1:]] for row, more in zip(rows, counts, strict=True)],
                [question, 0.14, 0.14, *values])
    if columns == "percent_first":
        return [[*row[1:], row[0]] for row in rows], [*widths[1:], widths[0]]
    return rows, widths

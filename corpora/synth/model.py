"""The drawn content of one synthetic report, before and after defects are injected."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Prompt:
    text: str
    percent: int


@dataclass
class KeyQuestion:
    code: str
    text: str
    yes: int
    total: int
    percent: int
    subsample: bool = False
    comparator_percent: int | None = None
    prompts: list[Prompt] = field(default_factory=list)


@dataclass
class Standard:
    code: str
    name: str
    case_based: bool
    rating: str | None  # as printed (None: printed without a rating)
    true_rating: str  # the rating the score was summed from
    key_questions: list[KeyQuestion] = field(default_factory=list)
    counted: bool = True

    @property
    def lowest(self) -> KeyQuestion | None:
        if not self.key_questions:
            return None
        return min(self.key_questions, key=lambda kq: kq.percent)


@dataclass
class Unit:
    name: str
    short: str  # e.g. "the PDU", "the region"
    standards: list[Standard]
    score: int  # as printed
    max_score: int  # as printed
    overall_rating: str  # as printed
    sample_community: int = 0
    sample_licence: int = 0
    interviews: int = 0

    def standard(self, code: str) -> Standard:
        for s in self.standards:
            if s.code == code:
                return s
        raise KeyError(code)


@dataclass
class Recommendation:
    number: int
    unit: str
    addressee: str
    lead_in: str  # the "... should:" line as printed
    text: str
    page: int | None = None


@dataclass
class Inconsistency:
    type: str
    detail: str
    where: dict[str, Any] = field(default_factory=dict)


@dataclass
class Layout:
    """Layout variants chosen for a report (recorded in the truth's ``synth`` key)."""

    page_size: str  # "A4" | "Letter"
    font: str  # "Helvetica" | "Times"
    heading_colour: str  # name from render.HEADING_COLOURS
    ratings_table: str  # "ruled" | "borderless" | "stacked" | "lines" (code, name, rating each on a line)
    kq_table: str  # "plain" | "comparator"
    kq_wrap: str  # "wide" | "narrow" (narrow wraps long questions inside the cell)
    split_table: bool  # force one key-question table across a page break
    footnote_on_percent: bool  # footnote marker glued to a table percentage ("79%22")
    repeat_header: bool  # repeat the table header row after a split
    # variants added with the producer matrix (drawn from a stream of their own, so the
    # classic variants above stay what they were for a seed)
    score_format: str = "slash"  # "slash" 8/21 | "spaced" 8 / 21 | "words" 8 out of 21
    rating_wrap: bool = False  # rating column so narrow that "Requires improvement" wraps
    domain_after_recs: bool = False  # the first numbered domain heading right after the recommendations
    published_style: str = "month"  # "month" (cover month and year) | "year_only" (only "© Crown copyright YYYY")
    kq_place: str = "section"  # key-question tables in each standard's "section" | in the "annex" only
    kq_row_split: bool = False  # a key-question table row may break across pages (word processors' default; .docx)
    # variants set only with --layout (never drawn: every seed's report and truth stay as they were);
    # left out of the truth while at their defaults
    lead_in_form: str = "should"  # "should" X should: | "qualified" X should, within six months: | "recommend_that"
    # recommendations' long words carry soft hyphens (U+00AD) where a line may break (not for reportlab,
    # which prints U+00AD as a visible hyphen)
    soft_hyphens: bool = False

    # (variant set "all_kq_columns" only) the value columns of the standards' key-question tables: "percent"
    # (question | % [| comparison]), "counts" (question | cases meeting | cases inspected | % [| comparison]),
    # "percent_first" (% [| comparison] | question)
    kq_columns: str = "percent"
    # not drawn (the corpora's reports stay what they were): forced with --layout, in tests
    ratings_columns: str = "code_first"  # ruled/borderless box: "code_first" | "rating_first" (the rating
    # column before the code) | "domain_first" (the domain's name in a first column on every row, no heading row)

    def as_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        for key, default in _SET_ONLY.items():
            if out[key] == default:
                del out[key]
        return out


# Layout variants set only by --layout, with their defaults (see Layout).
_SET_ONLY: dict[str, object] = {"lead_in_form": "should", "soft_hyphens": False, "kq_columns": "percent",
                                "ratings_columns": "code_first"}
LEAD_IN_FORMS = ("should", "qualified", "recommend_that")


@dataclass
class Report:
    name: str
    seed: int
    kind: str
    framework: str
    variant: str | None  # "nps" | "crc" for probation-2018
    title: str | None
    published: dt.date  # first of the publication month
    region: str
    units: list[Unit]
    recommendations: list[Recommendation]
    stated_count: int | None
    count_style: str  # "words" | "digits" | "vague"
    fieldwork_start: dt.date
    sample_windows: list[tuple[dt.date, dt.date]]
    layout: Layout
    people: dict[str, str]
    target_pages: int
    letter_date: dt.date | None = None
    inconsistencies: list[Inconsistency] = field(default_factory=list)
    # defect hooks read by the prose and document builders
    narrative_override: tuple[str, str, str] | None = None  # (unit, code, rating said in prose)
    broken_ref: dict[str, Any] | None = None
    count_percent_defect: dict[str, Any] | None = None
    defects_skipped: list[str] = field(default_factory=list)

    @property
    def unit(self) -> Unit:
        return self.units[0]

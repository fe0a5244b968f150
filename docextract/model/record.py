"""The record docextract produces: pydantic v2 models, schema version "1".

The data model stands apart from readers and exporters: nothing here knows how a
value was found. Every extracted item carries its provenance (`model/prov.py`: 1-based page and,
for PDFs, a bounding box in PDF points with the origin at the page's top left; the line, or the
section and paragraph; the span and text it was read from and the reading path); the metadata's is
in `provenance`, and a warning carries the place of what it is about.

No `from __future__ import annotations` here nor in `prov.py`: pydantic would compile each of the
~120 annotation strings back into a type when it builds the models (start-up, issue 16).
"""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .prov import BBox as BBox  # re-exported: the record's box type
from .prov import MetadataProvenance, Prov

SCHEMA_VERSION = "1"

# The rating words (a type mypy checks); their order, worst to best, is patterns/vocab.yaml's.
Rating = Literal["Outstanding", "Good", "Requires improvement", "Inadequate"]

Kind = Literal[
    "pdu_inspection",
    "regional_inspection",
    "regional_letter",
    "annual_report",
    "thematic_inspection",
    "youth_justice_inspection",
    "unknown",
]
Progress = Literal["sufficient", "some", "insufficient", "transferred"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _empty() -> list[Any]:
    """A new empty list: the list fields' `default_factory`. A function, not `list`: pydantic reads
    a factory's signature when it builds a model, and a builtin's signature is parsed from its text
    (~0.25 ms each, 12 fields: start-up, issue 16)."""
    return []


def _no_places() -> MetadataProvenance:
    """An empty `MetadataProvenance` (the same reason as `_empty`: a model class's signature costs more)."""
    return MetadataProvenance()


class Located(Prov):
    """Provenance shared by every extracted item: the fields of `Prov` (page, bbox, line, section,
    paragraph, row, span, source_text, origin) beside the item's values."""


class Prompt(Located):
    """A prompt of a key question (an annex's sub-question) with its percentage 'Yes'."""

    text: str
    percent: int | None = Field(default=None, ge=0, le=100)


class KeyQuestion(Located):
    """A key question of a case-based standard: code, text, whole-sample percentage 'Yes', comparator, prompts."""

    code: str | None = None
    text: str
    percent: int | None = Field(default=None, ge=0, le=100, description="whole-sample percentage 'Yes'")
    comparator_percent: int | None = Field(default=None, ge=0, le=100)
    comparator_label: str | None = None
    prompts: list[Prompt] = Field(default_factory=_empty)
    also_on_pages: list[int] = Field(
        default_factory=_empty, description="other pages printing the same question (merged occurrences)"
    )


class Standard(Located):
    """A standard of the framework as rated in the report: code, domain, name, rating, key questions."""

    code: str
    domain: str | None = None
    name: str
    rating: Rating | None = None
    counted: bool = Field(
        default=True,
        description="whether the rating counts towards the unit's score and maximum "
        "(false for youth resettlement, rated but not counted, and for a standard printed 'Not rated': "
        "it drops out of the score and the maximum)",
    )
    key_questions: list[KeyQuestion] = Field(default_factory=_empty)


class Unit(Located):
    """A rated body (a PDU, region or service) with its overall rating, score and standards."""

    name: str | None = Field(description="the rated body; null when its name cannot be read")
    overall_rating: Rating | None = None
    score: int | None = Field(default=None, ge=0)
    max_score: int | None = Field(default=None, ge=0)
    standards: list[Standard] = Field(default_factory=_empty)


class Recommendation(Located):
    """A numbered recommendation of this inspection: its unit, addressee (as printed and canonical) and text."""

    number: int | None = None
    unit: str | None = None
    addressee: str | None = Field(default=None, description="the body named in the '... should:' lead-in")
    addressee_canonical: str | None = Field(default=None, description="canonical name of the body")
    addressee_as_printed: str | None = None
    text: str | None = Field(
        default=None, description="null when it may be cut at the foot of a text column (recommendation_text_cut)"
    )


class StatedCount(Located):
    """The number of recommendations the report says it makes, and the sentence saying it."""

    value: int = Field(ge=0)
    sentence: str


class PreviousRecommendation(Located):
    """A recommendation of the previous inspection with the progress judged on it."""

    number: int | None = None
    addressee: str | None = None
    text: str
    progress: Progress | None = None
    judgement: str | None = Field(default=None, description="the sentence the progress was read from")


class ProgressTally(Located):
    """The previous recommendations' progress as the report tallies it (counts per judgement) and its sentence."""

    sufficient: int | None = None
    some: int | None = None
    insufficient: int | None = None
    transferred: int | None = None
    sentence: str


KeyFactUnit = Literal["%", "count", "currency"]


class KeyFact(Located):
    """A figure from an annual report's key-facts pages ("234,827 / Number of people under
    probation supervision"): `value` as a number, `unit` "%", "count" or "currency" (pounds)."""

    label: str
    value: float
    unit: KeyFactUnit
    as_printed: str = Field(description="the figure as printed, e.g. '234,827', '-13%', '£1.2 million'")


class AddresseeTally(_Model):
    """A thematic inspection's recommendations to one addressee, where the report states them."""

    addressee: str
    made: int | None = Field(default=None, ge=0)
    agreed: int | None = Field(default=None, ge=0)
    partly_agreed: int | None = Field(default=None, ge=0)
    not_agreed: int | None = Field(default=None, ge=0)


class ThematicSummary(Located):
    """An annual report's summary of one thematic inspection: the recommendations it made and how
    many were agreed, partly agreed or not agreed, as stated (null where not stated)."""

    title: str
    made: int | None = Field(default=None, ge=0)
    agreed: int | None = Field(default=None, ge=0)
    partly_agreed: int | None = Field(default=None, ge=0)
    not_agreed: int | None = Field(default=None, ge=0)
    by_addressee: list[AddresseeTally] = Field(default_factory=_empty)
    sentence: str | None = Field(default=None, description="the sentence(s) the tally was read from")
    title_page: int | None = Field(default=None, ge=1, description="page of the summary's title")


StatementKind = Literal[
    "rating", "count", "cross_reference", "date", "date_window", "window_start", "window_end", "source_line"
]


class Statement(Located):
    """A located fact of the report's running text that the text checks of `docextract validate` need,
    so that a record alone can be checked (`docextract validate record.json`).

    `kind` says what it states: `rating` (a sentence or list line rating the unit or standard named by
    `field`, "units[0]" or "units[0].standards[2]", as `rating`); `count` ("45 out of 72 (63%)":
    `part`, `whole`, `percent`); `cross_reference` (a broken one a word processor left: "Error! Bookmark
    not defined."); `date` (a date printed with its year anywhere in the text: `day`, `month`, `year`);
    `date_window` (a fieldwork or case-sample window "between 1 May and 5 June 2024", in a sentence
    about fieldwork or the sample), its dates being the `window_start` and `window_end` statements
    that follow it with the same `window` number (`year` null where the start omits it); `source_line`
    (the line or table row the record item named by `field` was read from, which a finding about that
    item quotes). Provenance: `text` is the words as printed (collapsed white space kept as read);
    `start`/`end` are character offsets into the report's running text (body lines in reading order,
    running headers and page numbers dropped; the same text for every statement of a record);
    `page`/`bbox` (or `line`, or `section`/`paragraph`/`row` of a Word draft) locate the words;
    `quotation` is the words with up to ~70 characters either side, as a finding quotes them;
    `unit`/`standard` name the rated unit and standard whose section of the text holds them;
    `order` is the position of their line in reading order (findings sort by it)."""

    kind: StatementKind
    text: str
    start: int | None = Field(default=None, ge=0, description="offset of the words in the running text")
    end: int | None = Field(default=None, ge=0, description="offset just after the words in the running text")
    quotation: str | None = None
    order: int = Field(default=0, ge=0, description="position of the words' line in reading order")
    unit: str | None = Field(default=None, description="the rated unit whose section holds the words")
    standard: str | None = Field(default=None, description="the standard code whose section holds the words")
    field: str | None = Field(default=None, description="rating, source_line: the record item, as a path")
    rating: Rating | None = Field(default=None, description="rating: the rating the text states")
    part: int | None = Field(default=None, ge=0, description="count: N of 'N out of M'")
    whole: int | None = Field(default=None, ge=0, description="count: M of 'N out of M'")
    percent: float | None = Field(default=None, ge=0, description="count: the percentage printed with it")
    day: int | None = Field(default=None, ge=1, le=31)
    month: int | None = Field(default=None, ge=1, le=12)
    year: int | None = None
    window: int | None = Field(default=None, ge=1, description="date windows: the window's number")


class ParseWarning(Prov):
    """Something the parser could not read or had doubts about. `field` names the record field it
    explains, as a path ("units[0].standards[4].rating"; "[*]" for every item, "units[0].*" for
    everything under an item); every null value in a record has a warning naming its field. A refused value
    (`code: implausible_value`) also gives the text as read (`read`) and whether every reading
    path read the same (`confirmed`: then the page prints it, a misprint). Its place is the `Prov`
    of what it is about: the item its `field` names (page, bbox, line, span, source text...), else
    the page it was given."""

    code: str
    message: str
    field: str | None = None
    read: str | None = Field(default=None, description="the refused value as read")
    confirmed: bool | None = Field(
        default=None,
        description="a refused value read the same by every reading path: what the page prints (a misprint)",
    )


class Source(_Model):
    """The file read: path, sha256 of its bytes, page count and format."""

    path: str
    sha256: str
    pages: int = Field(ge=0)
    format: Literal["pdf", "text", "docx"]


class InspectionReport(_Model):
    """The record of one report: source, kind, framework, metadata, units, recommendations, annual facts, warnings."""

    schema_version: Literal["1"] = "1"
    docextract_version: str
    source: Source
    kind: Kind
    framework: str | None = None
    title: str | None = None
    published: str | None = Field(
        default=None,
        pattern=r"^\d{4}(?:-(?:0[1-9]|1[0-2]))?$",
        description="publication date: 'YYYY-MM' (month and year printed on the cover, a 'Published:' line or "
        "a letter's date), or 'YYYY' where the report gives only the year ('© Crown copyright 2019')",
    )
    lead_inspectorates: list[str] = Field(
        default_factory=_empty, description="the inspectorates leading a joint (thematic) inspection, as named"
    )
    provenance: MetadataProvenance = Field(
        default_factory=_no_places,
        description="where the title, the publication date, the kind and the framework were read",
    )
    units: list[Unit] = Field(default_factory=_empty)
    recommendations: list[Recommendation] = Field(default_factory=_empty)
    stated_recommendation_count: StatedCount | None = None
    previous_recommendations: list[PreviousRecommendation] = Field(default_factory=_empty)
    previous_recommendation_tally: ProgressTally | None = None
    key_facts: list[KeyFact] = Field(default_factory=_empty, description="annual reports: the key-facts pages")
    thematic_summaries: list[ThematicSummary] = Field(
        default_factory=_empty, description="annual reports: recommendation tallies of the thematic inspections"
    )
    warnings: list[ParseWarning] = Field(default_factory=_empty)
    statements: list[Statement] | None = Field(
        default=None,
        description="the located facts of the running text the text checks need; null in a record written "
        "before docextract recorded them (its text checks cannot run from the record alone)",
    )

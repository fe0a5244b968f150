"""patterns/detection.yaml: whether a file is an inspectorate publication (publisher cues),
and the cues of each report kind (kinds of patterns/vocab.yaml)."""

from pydantic import Field, field_validator, model_validator

from ..model.codes import RULE_UNKNOWN_KIND
from .common import KnownKind, Strict, check_regex, check_regexes, rule_error
from .plain import DetectionMethods


class Cue(Strict):
    """One cue of a kind: a regex and where it must be found (front page, opening pages, anywhere)."""

    scope: str = Field(pattern=r"^(front|opening|any)$")
    pattern: str

    _v = field_validator("pattern")(lambda cls, v: check_regex(v))


class KindCues(Strict):
    """The cues of one kind, and whether all or any must match."""

    match: str = Field(pattern=r"^(all|any)$")
    cues: list[Cue]


class SeveralUnitsKind(KindCues):
    """A kind a one-unit kind's report is read as when its ratings name several units and these
    cues are found (detection.yaml `several_units`)."""

    kind: KnownKind


class PublisherCues(Strict):
    """How an HM Inspectorate of Probation publication is recognised (detection.yaml `publisher`)."""

    opening_pages: int = Field(ge=1)
    opening_lines: int = Field(ge=1)
    closing_pages: int = Field(ge=0)
    imprint: list[str]
    min_groups: int = Field(ge=1)
    groups: dict[str, list[str]]
    # the cover title: a `furniture` cue counted only on the opening pages
    cover_title: list[str]
    # a heading opening a list of cited works: its lines (to the page's end, or the section's end
    # in a Word document) are citations, not the publication's own identity
    citation_headings: list[str]
    # a line citing a work (a year in brackets, a quoted title, a numbered note naming the publisher)
    citation_lines: list[str]
    # a letter's recipient block ("To:" ... "Dear ..."), and a greeting addressing the inspectorate:
    # the addressee, not the publisher (classify.addressee_lines)
    recipient_start: list[str]
    greeting: list[str]
    greeting_to_inspectorate: list[str]
    recipient_lines: int = Field(ge=1)
    # a front page stating another body as the paper's author: only an imprint recognises it
    other_author_lines: int = Field(ge=1)
    other_author: list[str]

    @field_validator(
        "imprint", "cover_title", "citation_headings", "citation_lines", "recipient_start", "greeting",
        "greeting_to_inspectorate", "other_author",
    )
    @classmethod
    def _imprint(cls, value: list[str]) -> list[str]:
        return check_regexes(value)

    @field_validator("groups")
    @classmethod
    def _groups(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        return {name: [check_regex(v) for v in patterns] for name, patterns in value.items()}


class DetectionPatterns(DetectionMethods, Strict):
    """The schema of patterns/detection.yaml."""

    version: int
    publisher: PublisherCues
    little_text_characters: int = Field(ge=0)
    kinds: dict[KnownKind, KindCues]
    before_framework: list[KnownKind]
    several_units: list[SeveralUnitsKind] = Field(default_factory=list)
    title_start: str
    page_number: str
    running_number: str
    standard_key: str
    code_only: str

    @model_validator(mode="after")
    def _order(self) -> "DetectionPatterns":
        for index, kind in enumerate(self.before_framework):
            if kind not in self.kinds:
                raise rule_error(
                    RULE_UNKNOWN_KIND, f"{kind!r} has no cues under `kinds`", f"before_framework[{index}]"
                )
        return self

    _v = field_validator("title_start", "page_number", "running_number", "standard_key", "code_only")(
        lambda cls, v: check_regex(v)
    )

"""patterns/recommendations.yaml: headings, lead-ins, items, stated counts and progress cues
of recommendations."""

from pydantic import Field, field_validator

from .common import Strict, check_groups, check_regex


class RecommendationHeadings(Strict):
    """The headings of the recommendations sections (this inspection's, the previous one's)."""

    section: str
    current: str
    previous: str

    _v = field_validator("section", "current", "previous")(lambda cls, v: check_regex(v))


class LeadInPatterns(Strict):
    """The lead-ins naming a recommendation's addressee ('HMPPS should:')."""

    should: str
    addressed: list[str] = Field(default_factory=list)
    labelled: str
    previous: str
    this_body: str
    max_words: int = Field(ge=2)
    unit_labels: list[str]

    _b = field_validator("should", "labelled", "previous")(lambda cls, v: check_groups(v, "body"))
    _a = field_validator("addressed")(lambda cls, v: [check_groups(p, "body") for p in v])
    _v = field_validator("this_body")(lambda cls, v: check_regex(v))


class ContinuesAfter(Strict):
    """The words and marks after which a recommendation's text continues on the next line."""

    words: list[str]
    marks: list[str]


class Cleanup(Strict):
    """A regex replacement applied to a recommendation's text."""

    pattern: str
    replace: str

    _v = field_validator("pattern")(lambda cls, v: check_regex(v))


class ProgressCue(Strict):
    """A phrase judging a previous recommendation's progress, and the judgement it gives."""

    progress: str = Field(pattern=r"^(?:sufficient|some|insufficient|transferred)$")
    pattern: str

    _v = field_validator("pattern")(lambda cls, v: check_regex(v))


class NumberedHeading(Strict):
    """A numbered line that ends the list of recommendations: a domain heading, not an item."""

    standard_heading: str
    max_words: int = Field(ge=1)
    similarity: float = Field(gt=0, le=1)
    larger_than: float = Field(gt=1)

    _v = field_validator("standard_heading")(lambda cls, v: check_groups(v, "domain"))


class RecommendationPatterns(Strict):
    """The schema of patterns/recommendations.yaml."""

    version: int
    headings: RecommendationHeadings
    lead_ins: LeadInPatterns
    item: str
    item_glued: str
    item_unnumbered: str
    item_like: str
    numbered_heading: NumberedHeading
    continues_after: ContinuesAfter
    addressee_cleanup: list[Cleanup]
    stated_count: str
    progress: list[ProgressCue] = Field(min_length=1)
    tally: str
    tally_transferred: str

    _i = field_validator("item", "item_glued")(lambda cls, v: check_groups(v, "number", "text"))
    _u = field_validator("item_unnumbered")(lambda cls, v: check_groups(v, "letter", "text"))
    _s = field_validator("stated_count", "tally_transferred")(lambda cls, v: check_groups(v, "count"))
    _t = field_validator("tally")(lambda cls, v: check_groups(v, "progress", "count"))

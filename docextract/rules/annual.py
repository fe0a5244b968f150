"""patterns/annual.yaml: annual reports' key facts and the recommendation tallies of thematic
inspections."""

from pydantic import Field, field_validator

from .common import NumberRange, Strict, check_filled, check_groups, check_regex
from .validation import check_template


class KeyFactPatterns(Strict):
    """How an annual report's key-facts pages are found and read (annual.yaml `key_facts`)."""

    start: str
    end: str
    figure: str
    bullet: str
    max_label_lines: int = Field(ge=1)
    bullet_mark: str
    scales: dict[str, float]
    negative: list[str] = Field(min_length=1)
    thousands: str = Field(min_length=1)
    wrap_share: float = Field(gt=0, le=1)
    label_ends: list[str] = Field(min_length=1)

    _v = field_validator("start", "end", "bullet_mark")(lambda cls, v: check_regex(v))
    _f = field_validator("figure")(lambda cls, v: check_groups(v, "sign", "currency", "number", "scale", "percent"))
    _b = field_validator("bullet")(lambda cls, v: check_groups(v, "number", "label"))


class ThematicTallyPatterns(Strict):
    """The sentences stating a thematic inspection's recommendation tallies (annual.yaml `thematic`)."""

    published: str
    end: str
    made: str
    made_by: str
    agreed: str
    agreed_by: str
    partly: str
    not_agreed: str
    agreed_item: str
    every: list[str] = Field(min_length=1)
    list_separator: str
    title_lines: int = Field(ge=1)
    title_not_ending: list[str] = Field(min_length=1)

    _p = field_validator("published")(lambda cls, v: check_groups(v, "who"))
    _e = field_validator("end", "list_separator")(lambda cls, v: check_regex(v))
    _i = field_validator("agreed_item")(lambda cls, v: check_groups(check_template(v), "n", "body"))
    _t = field_validator("made", "made_by", "agreed", "agreed_by", "partly", "not_agreed")(
        lambda cls, v: check_template(v)
    )


class SentencePatterns(Strict):
    """How the running text of the summaries is cut into sentences."""

    sentence_end: str
    heading_words: int = Field(ge=1)
    heading_not_ending: list[str] = Field(min_length=1)

    _v = field_validator("sentence_end")(lambda cls, v: check_regex(v))


class AnnualPatterns(Strict):
    """The schema of patterns/annual.yaml."""

    version: int
    key_facts: KeyFactPatterns
    thematic: ThematicTallyPatterns
    number_words: NumberRange
    number: str
    sentences: SentencePatterns

    _n = field_validator("number")(lambda cls, v: check_filled(v, "<NUMBER_WORDS>"))

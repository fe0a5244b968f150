"""patterns/keyquestions.yaml: key-question tables (percentages, codes, headers, noise)."""

from pydantic import Field, field_validator

from .common import Strict, check_regex, check_regexes


class KeyQuestionHeader(Strict):
    """Header vocabularies of key-question value columns (regular expressions, validated on load)."""

    current: list[str] = Field(min_length=1)
    comparator: list[str] = Field(min_length=1)
    count: list[str] = Field(min_length=1)
    count_meeting: list[str] = Field(min_length=1)
    count_inspected: list[str] = Field(min_length=1)
    percentages: list[str] = Field(min_length=1)
    starts: list[str]
    question_column: str

    _v = field_validator(
        "current", "comparator", "count", "count_meeting", "count_inspected", "percentages", "starts"
    )(
        lambda cls, v: check_regexes(v)
    )
    _q = field_validator("question_column")(lambda cls, v: check_regex(v))


class KeyQuestionPatterns(Strict):
    """The schema of patterns/keyquestions.yaml."""

    version: int
    percent: str
    count_value: str
    value_token: str
    bare_number: str
    no_value: list[str]
    noise: list[str]
    noise_start: str
    noise_tail: str
    code: str
    heading: str
    header: KeyQuestionHeader
    question_starts: list[str]
    same_question_similarity: float = Field(gt=0, le=1)
    max_question_rows: int = Field(ge=1)
    max_question_chars: int = Field(ge=20)

    _v = field_validator(
        "percent", "count_value", "value_token", "bare_number", "code", "heading", "noise_start", "noise_tail"
    )(lambda cls, v: check_regex(v))
    _n = field_validator("noise")(lambda cls, v: check_regexes(v))

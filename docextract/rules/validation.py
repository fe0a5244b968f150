"""patterns/validation.yaml: the checks of `docextract validate`, their severities and help,
and the patterns of the text checks (templates with placeholders, checked with stand-ins)."""

from pydantic import Field, field_validator

from .common import KnownKind, KnownRating, NumberRange, Strict, check_each, check_regex, check_regexes

# Placeholders the validation checks fill in before compiling; checked here with stand-ins.
VALIDATION_PLACEHOLDERS = {
    "<RATING>": "(?P<rating>x)",
    "<RATING_ANY>": "(?P<rating>x)",
    "<STANDARDS>": "x",
    "<DATE>": "x",
    "<NUMBER>": "x",
}


def check_template(value: str) -> str:
    """`value` checked as a regex once its placeholders are filled in. Raises ValueError when it does not compile."""
    expanded = value
    for placeholder, stand_in in VALIDATION_PLACEHOLDERS.items():
        expanded = expanded.replace(placeholder, stand_in)
    check_regex(expanded)
    return value


class CheckInfo(Strict):
    """A check's severity (error or warning) and summary."""

    severity: str = Field(pattern=r"^(error|warning)$")
    summary: str
    help: str | None = None  # the rule in plain words (SARIF rule help, the HTML review report)


class LeadershipRule(Strict):
    """The leadership cap: the standard whose rating caps the overall rating, and the cap."""

    name: str
    capped_rating: KnownRating
    minimum: KnownRating

    _v = field_validator("name")(lambda cls, v: check_regex(v))


class NarrativePatterns(Strict):
    """The sentences of the narrative stating a rating (validation.yaml `narrative`)."""

    rating_words: list[KnownRating]
    previous: str
    cue: str
    aliases: dict[str, list[str]]
    this_standard: str
    heading: str
    standard: list[str]
    unit: list[str]
    unit_line: str

    _v = field_validator("previous", "cue", "this_standard", "heading")(lambda cls, v: check_regex(v))
    _t = field_validator("standard", "unit")(lambda cls, v: check_each(v, check_template))
    _u = field_validator("unit_line")(lambda cls, v: check_template(v))


class DatePatterns(Strict):
    """The dates printed in the text and the window they must fall in (validation.yaml `dates`)."""

    date: str
    window: str
    context: str
    max_years_apart: int = Field(ge=0)

    _v = field_validator("date", "context")(lambda cls, v: check_regex(v))
    _t = field_validator("window")(lambda cls, v: check_template(v))


class CountPatterns(Strict):
    """The sentences stating a count of recommendations or standards (validation.yaml `counts`);
    `needs`: text every match of every pattern holds (a sentence without it is not searched, for speed)."""

    patterns: list[str]
    number_words: NumberRange
    needs: str = Field(min_length=1)
    tolerance: float = Field(gt=0)

    _t = field_validator("patterns")(lambda cls, v: check_each(v, check_template))


class SectionPatterns(Strict):
    """validation.yaml `sections`: where a standard's section of the text opens and closes."""

    heading: str
    end: str

    _v = field_validator("heading", "end")(lambda cls, v: check_regex(v))


class ValidationPatterns(Strict):
    """The schema of patterns/validation.yaml."""

    version: int
    checks: dict[str, CheckInfo]
    cross_references: list[str]
    leadership: LeadershipRule
    key_questions_expected_kinds: list[KnownKind]
    multi_unit_kinds: list[KnownKind]
    narrative: NarrativePatterns
    dates: DatePatterns
    counts: CountPatterns
    not_checked: dict[str, str]
    sections: SectionPatterns
    nothing_checked: list[str]
    rules_not_checked: list[str]
    ratings_unread: list[str]
    no_rating_read: list[str]

    _v = field_validator("cross_references")(lambda cls, v: check_regexes(v))

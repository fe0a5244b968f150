"""patterns/plausibility.yaml: what no report can mean, whatever it printed."""

from typing import Any

from pydantic import Field, field_validator

from .common import Strict, check_groups, check_regex
from .plain import KeyQuestionRulesMethods


class NamedPattern(Strict):
    """A regex with the name said in a refusal's reason."""

    name: str
    pattern: str

    _v = field_validator("pattern")(lambda cls, v: check_regex(v))


class ScoreRules(Strict):
    """The points a standard adds to the maximum score."""

    points_per_standard: int = Field(ge=1)


class PercentRange(Strict):
    """The range a percentage must lie in (inclusive); an empty range is refused on load."""

    min: int
    max: int

    def model_post_init(self, _context: Any) -> None:
        """Refuse an empty range (min above max). Raises ValueError."""
        if self.min > self.max:
            raise ValueError(f"percent range {self.min}-{self.max} is empty")


class UnitNameRules(Strict):
    """What a unit's name may be: at most `max_words` words, none of the forbidden patterns."""

    max_words: int = Field(ge=1)
    forbidden: list[NamedPattern] = Field(min_length=1)


class StandardNameRules(Strict):
    """What a standard's name may not be: the forbidden patterns."""

    forbidden: list[NamedPattern] = Field(min_length=1)


class KeyQuestionRules(KeyQuestionRulesMethods, Strict):
    """The rules a key question's code and set of questions must keep."""

    code_of_standard: bool
    codes_consecutive: bool
    count_of_framework: bool
    numbered_set: bool
    subject: str
    forbidden_text: list[NamedPattern] = Field(min_length=1)
    forbidden_text_without_value: list[NamedPattern] = Field(min_length=1)

    _v = field_validator("subject")(lambda cls, v: check_groups(v, "subject"))


class ProvenanceRules(Strict):
    """How far apart the words of a value may be printed and still be found on its page."""

    max_gap_words: int = Field(ge=0)


class PlausibilityRules(Strict):
    """patterns/plausibility.yaml: what no report can mean, whatever it printed."""

    version: int
    scores: ScoreRules
    percent: PercentRange
    unit_name: UnitNameRules
    standard_name: StandardNameRules
    key_questions: KeyQuestionRules
    provenance: ProvenanceRules

"""patterns/plausibility.yaml: what no report can mean, whatever it printed."""

from typing import Any

from pydantic import Field, field_validator

from .common import Strict, check_groups, check_regex


class NamedPattern(Strict):
    name: str
    pattern: str

    _v = field_validator("pattern")(lambda cls, v: check_regex(v))


class ScoreRules(Strict):
    points_per_standard: int = Field(ge=1)


class PercentRange(Strict):
    min: int
    max: int

    def model_post_init(self, _context: Any) -> None:
        if self.min > self.max:
            raise ValueError(f"percent range {self.min}-{self.max} is empty")


class UnitNameRules(Strict):
    max_words: int = Field(ge=1)
    forbidden: list[NamedPattern] = Field(min_length=1)


class StandardNameRules(Strict):
    forbidden: list[NamedPattern] = Field(min_length=1)


class KeyQuestionRules(Strict):
    code_of_standard: bool
    subject: str

    _v = field_validator("subject")(lambda cls, v: check_groups(v, "subject"))


class ProvenanceRules(Strict):
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

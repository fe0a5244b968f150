"""patterns/frameworks.yaml: the rating rules of each inspection framework (rating-rules.md).

Checked on load, besides the types: each band list covers its whole range (0 to the maximum
score, or 0-100 for key-question percentages) once, without gaps, overlaps or inverted bands,
its ratings rising with the bounds; a framework's maximum score is the points of the best
rating × its counted standards; no standard code is listed twice (in one variant); a case-based
standard gives the most key questions it has (`key_questions`), a judgement-based one none; every
rating word is one of patterns/vocab.yaml.
"""

from pydantic import Field, ValidationInfo, model_validator

from ..model.codes import (
    RULE_BAND_GAP,
    RULE_BAND_INVERTED,
    RULE_BAND_ORDER,
    RULE_BAND_OVERLAP,
    RULE_MAX_SCORE,
    RULE_SCHEMA,
    RULE_STANDARD_DUPLICATE,
    RULE_UNKNOWN_RATING,
)
from .common import KnownKind, KnownRating, Strict, rule_error, vocab_of
from .plain import FrameworkMethods


class Band(Strict):
    """A band: values from `min` to `max` inclusive get `rating`. Readers look a value up by the
    lower bounds (the highest `min` not above it); the load checks make `max` the next band's
    `min` − 1, and the last band's `max` the top of the range."""

    min: int = Field(ge=0)
    max: int
    rating: KnownRating


def check_bands(bands: list[Band], top: int, info: ValidationInfo, key: str) -> None:
    """Refuse bands that are inverted, overlap, leave a gap in 0..`top` or do not rise in rating
    (vocab.yaml order, worst to best). Raises a coded rule error naming the band (`key`[index])."""
    order = vocab_of(info).ratings
    for index, band in enumerate(bands):
        where = f"{band.rating} {band.min}-{band.max}"
        if band.min > band.max:
            raise rule_error(
                RULE_BAND_INVERTED,
                f"{where}: its lower bound {band.min} exceeds its upper {band.max}",
                f"{key}[{index}]",
            )
        if index == 0:
            if band.min != 0:
                raise rule_error(
                    RULE_BAND_GAP, f"{where}: the first band starts at {band.min}, not 0", f"{key}[{index}]"
                )
            continue
        before = bands[index - 1]
        if band.min <= before.max:
            raise rule_error(
                RULE_BAND_OVERLAP,
                f"{where} overlaps the band before it ({before.min}-{before.max})",
                f"{key}[{index}]",
            )
        if band.min > before.max + 1:
            raise rule_error(
                RULE_BAND_GAP,
                f"{where}: no band holds {before.max + 1}-{band.min - 1} (the band before ends at {before.max})",
                f"{key}[{index}]",
            )
        if order.index(band.rating) <= order.index(before.rating):
            raise rule_error(
                RULE_BAND_ORDER,
                f"{where}: {band.rating} is not better than {before.rating}, the band below",
                f"{key}[{index}]",
            )
    if bands and bands[-1].max != top:
        raise rule_error(
            RULE_BAND_GAP,
            f"the last band ends at {bands[-1].max}, not at the top of the range, {top}",
            f"{key}[{len(bands) - 1}]",
        )


class KeyQuestionBands(Strict):
    """The band of a case-based standard from its lowest key-question percentage."""

    status: str
    bands: list[Band] = Field(min_length=1)
    discretion_points: int

    @model_validator(mode="after")
    def _bands(self, info: ValidationInfo) -> "KeyQuestionBands":
        check_bands(self.bands, 100, info, "bands")
        return self


class StandardRule(Strict):
    """A standard of a framework: code ("2.1"), name, whether its rating comes from key questions,
    the most key questions it has (case-based standards only: the most any report seen prints),
    the report variant printing it (None: every variant) and whether it counts towards the score."""

    code: str = Field(pattern=r"^\d\.\d$")
    name: str
    case_based: bool
    key_questions: int | None = Field(default=None, ge=1)
    variant: str | None = None
    counted: bool = True

    @model_validator(mode="after")
    def _count(self) -> "StandardRule":
        if self.case_based != (self.key_questions is not None):
            has = "a case-based standard gives" if self.case_based else "a judgement-based standard has no"
            raise rule_error(RULE_SCHEMA, f"{self.code} {self.name}: {has} `key_questions` (the most it has)")
        return self


class Framework(FrameworkMethods, Strict):
    """One inspection framework: its maximum score, overall bands, domains and standards."""

    description: str
    kind: KnownKind
    max_score: int
    bands_status: str
    overall_bands: list[Band] = Field(min_length=1)
    leadership_cap: bool
    domains: dict[str, str | list[str]]
    standards: list[StandardRule]

    @model_validator(mode="after")
    def _rules(self, info: ValidationInfo) -> "Framework":
        seen: set[tuple[str, str | None]] = set()
        for index, standard in enumerate(self.standards):
            key = (standard.code, standard.variant)
            if key in seen:
                variant = f" (variant {standard.variant})" if standard.variant else ""
                raise rule_error(
                    RULE_STANDARD_DUPLICATE, f"code {standard.code}{variant} is listed twice", f"standards[{index}]"
                )
            seen.add(key)
        check_bands(self.overall_bands, self.max_score, info, "overall_bands")
        return self


class Frameworks(Strict):
    """patterns/frameworks.yaml: points per rating, key-question bands, the frameworks by name."""

    version: int
    ratings: dict[KnownRating, int]
    key_question_bands: KeyQuestionBands
    frameworks: dict[str, Framework]

    @model_validator(mode="after")
    def _max_scores(self, info: ValidationInfo) -> "Frameworks":
        missing = [r for r in vocab_of(info).ratings if r not in self.ratings]
        if missing:
            raise rule_error(RULE_UNKNOWN_RATING, f"no points for the rating(s) {missing}", "ratings")
        points = max(self.ratings.values())
        for name, framework in self.frameworks.items():
            for variant in framework.variants():
                counted = framework.counted_standards(variant)
                if framework.max_score != points * counted:
                    of = f" (variant {variant})" if variant else ""
                    raise rule_error(
                        RULE_MAX_SCORE,
                        f"{framework.max_score} is not {points} × {counted} counted standards{of} = {points * counted}",
                        f"frameworks.{name}.max_score",
                    )
        return self

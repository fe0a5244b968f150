"""Pattern and rule files (`patterns/*.yaml`): located, loaded once, validated on load.

The files live at the repository root in `patterns/` and are shipped inside the wheel
as `docextract/patterns/`. Each file is checked against a pydantic model when it is
loaded, so a malformed pattern fails loudly at start-up, not silently mid-parse.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import regex
import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from .models import Rating

_M = TypeVar("_M", bound=BaseModel)


def patterns_dir() -> Path:
    """The installed copy inside the package, else the repository's (editable installs)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "patterns", here.parent / "patterns"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("docextract patterns directory not found (expected docextract/patterns)")


def load(name: str, model: type[_M]) -> _M:
    path = patterns_dir() / name
    with path.open(encoding="utf-8") as handle:
        data: Any = yaml.safe_load(handle)
    return model.model_validate(data)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_regex(value: str) -> str:
    try:
        regex.compile(value)
    except regex.error as exc:  # pragma: no cover - exercised by test_patterns
        raise ValueError(f"invalid regular expression {value!r}: {exc}") from exc
    return value


# --- frameworks.yaml -------------------------------------------------------------------


class Band(_Strict):
    min: int
    rating: Rating


class KeyQuestionBands(_Strict):
    status: str
    bands: list[Band]
    discretion_points: int


class StandardRule(_Strict):
    code: str = Field(pattern=r"^\d\.\d$")
    name: str
    case_based: bool
    variant: str | None = None
    counted: bool = True


class Framework(_Strict):
    description: str
    max_score: int
    bands_status: str
    overall_bands: list[Band]
    leadership_cap: bool
    domains: dict[str, str | list[str]]
    standards: list[StandardRule]

    def domain_names(self, number: str) -> list[str]:
        value = self.domains.get(number)
        if value is None:
            return []
        return [value] if isinstance(value, str) else list(value)


class Frameworks(_Strict):
    version: int
    ratings: dict[Rating, int]
    key_question_bands: KeyQuestionBands
    frameworks: dict[str, Framework]


# --- ratings.yaml ----------------------------------------------------------------------


class FuzzyWord(_Strict):
    compact: str = Field(pattern=r"^[a-z0-9]+$")
    max_edits: int = Field(ge=0, le=4)


class RatingWord(FuzzyWord):
    canonical: Rating


class RatingsPatterns(_Strict):
    version: int
    ratings: list[RatingWord]
    labels: dict[str, FuzzyWord]
    name_noise: list[str]

    _v = field_validator("name_noise")(lambda cls, v: [_check_regex(p) for p in v])


# --- detection.yaml --------------------------------------------------------------------


class Cue(_Strict):
    scope: str = Field(pattern=r"^(front|opening|any)$")
    pattern: str

    _v = field_validator("pattern")(lambda cls, v: _check_regex(v))


class KindCues(_Strict):
    match: str = Field(pattern=r"^(all|any)$")
    cues: list[Cue]


class DetectionPatterns(_Strict):
    version: int
    publisher: list[str]
    kinds: dict[str, KindCues]
    title_start: str

    _v = field_validator("title_start")(lambda cls, v: _check_regex(v))


@cache
def frameworks() -> Frameworks:
    return load("frameworks.yaml", Frameworks)


@cache
def ratings_patterns() -> RatingsPatterns:
    return load("ratings.yaml", RatingsPatterns)


@cache
def detection_patterns() -> DetectionPatterns:
    return load("detection.yaml", DetectionPatterns)

"""Rating rules loaded from ``patterns/frameworks.yaml`` (the single source of bands and standards)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

FRAMEWORKS_YAML = Path(__file__).resolve().parents[2] / "patterns" / "frameworks.yaml"
VOCAB_YAML = FRAMEWORKS_YAML.with_name("vocab.yaml")


@functools.cache
def vocab() -> dict[str, Any]:
    """patterns/vocab.yaml, the one list of rating words, number words and superscript digits
    (read as plain YAML: the generator does not depend on docextract)."""
    data: dict[str, Any] = yaml.safe_load(VOCAB_YAML.read_text(encoding="utf-8"))
    return data


# Rating words, worst to best.
RATINGS: tuple[str, ...] = tuple(vocab()["ratings"])
# A str.translate table from the digits 0-9 to their superscripts (footnote markers).
SUPERSCRIPT = str.maketrans("0123456789", vocab()["superscript_digits"])


@dataclass(frozen=True)
class StandardDef:
    code: str
    name: str
    case_based: bool
    variant: str | None = None
    counted: bool = True


@dataclass(frozen=True)
class Framework:
    key: str
    max_score: int
    overall_bands: tuple[tuple[int, str], ...]
    leadership_cap: bool
    domains: dict[str, tuple[str, ...]]
    standards: tuple[StandardDef, ...]

    def standards_for(self, variant: str | None = None) -> list[StandardDef]:
        """Standards rated in a report of this framework (``variant`` nps/crc for probation-2018)."""
        chosen = [s for s in self.standards if s.variant is None or s.variant == variant]
        if self.key == "probation-2018":
            chosen = [s for s in chosen if not s.code.startswith("4.")]
        return chosen

    def overall_band(self, score: int, max_score: int | None = None) -> str:
        if max_score is not None and max_score != self.max_score:
            return mean_band(score, max_score // 3)
        rating = self.overall_bands[0][1]
        for low, name in self.overall_bands:
            if score >= low:
                rating = name
        return rating


@dataclass(frozen=True)
class Rules:
    scores: dict[str, int]
    kq_bands: tuple[tuple[int, str], ...]
    discretion_points: int
    frameworks: dict[str, Framework]

    def kq_band(self, percent: int) -> str:
        rating = self.kq_bands[0][1]
        for low, name in self.kq_bands:
            if percent >= low:
                rating = name
        return rating

    def kq_boundaries(self) -> list[int]:
        return [low for low, _ in self.kq_bands[1:]]

    def within_discretion(self, percent: int, stated: str) -> bool:
        """True if ``stated`` is one band from the computed rating and ``percent`` is near that boundary."""
        computed = self.kq_band(percent)
        if abs(RATINGS.index(stated) - RATINGS.index(computed)) != 1:
            return False
        upper = max(RATINGS.index(stated), RATINGS.index(computed))
        boundary = self.kq_bands[upper][0]
        return abs(percent - boundary) <= self.discretion_points


def mean_band(score: int, count: int) -> str:
    """Band by mean score per standard, halves rounding down (rating-rules.md section 2)."""
    if count <= 0:
        return RATINGS[0]
    # round-half-down of score / count without floats
    index = (2 * score + count - 1) // (2 * count)
    return RATINGS[max(0, min(3, index))]


def _bands(raw: list[dict[str, Any]]) -> tuple[tuple[int, str], ...]:
    return tuple((int(b["min"]), str(b["rating"])) for b in raw)


@functools.cache
def load_rules(path: Path = FRAMEWORKS_YAML) -> Rules:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    frameworks: dict[str, Framework] = {}
    for key, fw in data["frameworks"].items():
        domains: dict[str, tuple[str, ...]] = {}
        for code, value in fw["domains"].items():
            domains[str(code)] = tuple(value) if isinstance(value, list) else (str(value),)
        standards = tuple(
            StandardDef(
                code=str(s["code"]),
                name=str(s["name"]),
                case_based=bool(s["case_based"]),
                variant=s.get("variant"),
                counted=bool(s.get("counted", True)),
            )
            for s in fw["standards"]
        )
        frameworks[key] = Framework(
            key=key,
            max_score=int(fw["max_score"]),
            overall_bands=_bands(fw["overall_bands"]),
            leadership_cap=bool(fw["leadership_cap"]),
            domains=domains,
            standards=standards,
        )
    kq = data["key_question_bands"]
    return Rules(
        scores={str(k): int(v) for k, v in data["ratings"].items()},
        kq_bands=_bands(kq["bands"]),
        discretion_points=int(kq["discretion_points"]),
        frameworks=frameworks,
    )

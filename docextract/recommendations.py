"""Recommendations, stated counts and previous recommendations' progress (issue: recommendations)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .detect import Detection
from .document import Document
from .models import (
    ParseWarning,
    PreviousRecommendation,
    ProgressTally,
    Recommendation,
    StatedCount,
    Unit,
)


@dataclass
class RecommendationsResult:
    recommendations: list[Recommendation] = field(default_factory=list)
    stated_count: StatedCount | None = None
    previous: list[PreviousRecommendation] = field(default_factory=list)
    tally: ProgressTally | None = None


def extract_recommendations(
    doc: Document, detection: Detection, units: list[Unit], warnings: list[ParseWarning]
) -> RecommendationsResult:
    return RecommendationsResult()

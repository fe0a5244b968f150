"""Key questions, prompts and comparators of case-based standards (issue: key questions)."""

from __future__ import annotations

from .detect import Detection
from .document import Document
from .models import ParseWarning, Unit


def extract_key_questions(doc: Document, detection: Detection, units: list[Unit], warnings: list[ParseWarning]) -> None:
    """Fill `standard.key_questions` of every case-based standard of `units` in place."""
    return None

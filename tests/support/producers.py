"""Access to the shared producer inputs (../shared/producers, or $DOCEXTRACT_PRODUCERS).

Reports printed by other PDF producers (headless Chromium, LibreOffice from .docx), each
`NAME.pdf` beside its truth `NAME.json` (the corpus TRUTH-FORMAT plus `expected_errors` and
`expected_warnings`), and `real-world/` PDFs that are not reports, for the reading layer.
Read in place: tests skip when the directory is absent, and fail under CI (CI=true).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from paths import REPO

ENV = "DOCEXTRACT_PRODUCERS"

# Every producer report the tests expect to find (a missing one fails under CI).
REPORTS = (
    "chromium-annex-kq-table-not-read",
    "chromium-annex-prompts-become-key-questions",
    "chromium-fieldwork-date-split-into-unit-name",
    "chromium-kerned-glyphs-duplicated-in-unit-name",
    "chromium-kq-comparator-value-taken-as-current",
    "chromium-score-fraction-split",
    "chromium-standard-heading-split-kq-to-wrong-standard",
    "libreoffice-domain-heading-after-recommendations-read-as-item",
    "libreoffice-published-year-only-not-read",
    "libreoffice-ratings-code-name-rating-on-own-lines-not-read",
    "libreoffice-score-out-of-words-not-read",
    "libreoffice-wrapped-rating-cell-rating-lost",
)
REAL_WORLD = (
    "acrobat-pdfmaker-word-minutes",
    "google-docs-skia-text",
    "quartz-rotated-government-table",
    "word365-lists-and-table",
    "word365-styled-table",
)


def producers_root() -> Path:
    env = os.environ.get(ENV)
    return Path(env) if env else (REPO.parent / "shared" / "producers").resolve()


def _require(paths: list[Path]) -> None:
    missing = [p for p in paths if not p.is_file()]
    if missing:
        message = f"shared producer inputs not found: {', '.join(map(str, missing))}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (required under CI)")
        pytest.skip(message)


def producer_report(name: str) -> tuple[Path, dict[str, Any]]:
    """The PDF of a producer report and its truth; skips (fails under CI) when absent."""
    root = producers_root()
    pdf, truth = root / f"{name}.pdf", root / f"{name}.json"
    _require([pdf, truth])
    return pdf, json.loads(truth.read_text(encoding="utf-8"))


def real_world_pdf(name: str) -> Path:
    """A real-world PDF of another producer (not a report); skips (fails under CI) when absent."""
    path = producers_root() / "real-world" / f"{name}.pdf"
    _require([path])
    return path

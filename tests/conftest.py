from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The shared helpers (tests/support: corpus, producers, golden records, pool tasks, paths) are
# imported by name from any folder of tests/ (and by the bulk pool's worker processes, which
# inherit this sys.path).
sys.path.insert(0, str(Path(__file__).resolve().parent / "support"))

from corpus import corpus_report

import docextract
from docextract.model.record import InspectionReport

_CACHE: dict[tuple[str, str], InspectionReport] = {}


@pytest.fixture(scope="session")
def parsed():
    """parsed(name, fmt) -> InspectionReport for a corpus report, parsed once per session."""

    def get(name: str, fmt: str) -> InspectionReport:
        key = (name, fmt)
        if key not in _CACHE:
            _CACHE[key] = docextract.parse(corpus_report(name).source(fmt))
        return _CACHE[key]

    return get

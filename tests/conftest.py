from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The shared helpers (tests/support: corpus, producers, golden records, pool tasks, paths) are
# imported by name from any folder of tests/ (and by the bulk pool's worker processes, which
# inherit this sys.path).
sys.path.insert(0, str(Path(__file__).resolve().parent / "support"))

import records
from corpus import corpus_report

from docextract.model.record import InspectionReport


@pytest.fixture(scope="session")
def parsed():
    """parsed(name, fmt) -> InspectionReport for a corpus report, read once per process
    (tests/support/records.py: shared with every other test reading the same file)."""

    def get(name: str, fmt: str) -> InspectionReport:
        return records.parsed(corpus_report(name).source(fmt))

    return get

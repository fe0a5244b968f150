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


# --- How the suite is spread over pytest-xdist workers (issue 16: `make test` fast enough to run
# 20 times in a row). pyproject's addopts choose `--dist loadfile --no-loadscope-reorder`: a test
# module is one unit of work (its module-scoped fixtures made once, on one worker), dealt in
# collection order to whichever worker is free.


def _module(item: pytest.Item) -> str:
    return item.nodeid.split("::")[0]


@pytest.hookimpl(trylast=True)  # after pytest's own reordering (parametrized fixtures)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The modules holding a test marked `slow` first (each module's tests in their own order).

    Under pytest-xdist the long modules are then dealt out first, one per free worker, and the
    many short ones fill the gaps, instead of a long one starting last and ending the run on
    one worker while the other waits. Without xdist only the order changes."""
    slow = {_module(item) for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: _module(item) not in slow)  # stable: otherwise the collection order

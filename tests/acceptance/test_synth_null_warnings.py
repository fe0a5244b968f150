"""Every null value of every record has a warning naming its field (docextract.extract.explain;
issue 12): 200 generated reports with every defect kind, 40 per framework, one test per framework
so that pytest-xdist's workers share them. The batch (tests/support/twins.py) is generated once
per run and shared with test_synth_twins.py.
"""

from __future__ import annotations

import pytest
import records
import twins
from twins import FRAMEWORKS, PROPERTY_TOTAL, Batches

from docextract.extract.explain import unexplained_nulls


@pytest.fixture(scope="session")
def batches(tmp_path_factory: pytest.TempPathFactory) -> Batches:
    """Per framework: (reports with every defect kind, clean twins of the first of them)."""
    return twins.batches(tmp_path_factory)


@pytest.mark.slow
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_null_has_a_warning_naming_its_field(batches: Batches, framework: str) -> None:
    reports, _ = batches[framework]
    assert len(reports) == PROPERTY_TOTAL // len(FRAMEWORKS)
    problems: dict[str, list[str]] = {}
    nulls = 0
    for pdf in reports:
        report = records.parsed(pdf)  # the twins of test_synth_twins.py may have been read already (in this process)
        missing = unexplained_nulls(report)
        if missing:
            problems[pdf.name] = missing[:5]
        for warning in report.warnings:
            if warning.field is not None and warning.field != "*":
                assert warning.message, warning  # the reason
        nulls += sum(1 for w in report.warnings if w.field)
    assert problems == {}
    assert nulls > 0  # the batch has null values to explain (hidden ratings, refused maxima...)


def test_the_null_property_reads_all_its_reports(batches: Batches) -> None:
    assert sum(len(defects) for defects, _ in batches.values()) == PROPERTY_TOTAL

"""Reports printed by other producers (../shared/producers) parse to their truth exactly, and
`validate` gives exactly the expected findings (as codes) and no other."""

from __future__ import annotations

from collections import Counter

import pytest
from producers import REPORTS, producer_report

from docextract.eval.evaluate import FAMILIES, items
from docextract.pipeline import validate


@pytest.mark.parametrize("name", REPORTS)
def test_record_matches_truth(name: str) -> None:
    path, truth = producer_report(name)
    result = validate(path)
    record = result.report.model_dump(mode="json")
    for family in FAMILIES:
        got, want = Counter(items(record, family)), Counter(items(truth, family))
        assert got == want, f"{family}: missing {sorted(want - got, key=str)}, extra {sorted(got - want, key=str)}"


@pytest.mark.parametrize("name", REPORTS)
def test_validate_gives_exactly_the_expected_findings(name: str) -> None:
    path, truth = producer_report(name)
    issues = validate(path).issues
    errors = {i.code for i in issues if i.severity == "error"}
    warnings = {i.code for i in issues if i.severity == "warning"}
    assert errors == set(truth["expected_errors"])
    assert warnings == set(truth["expected_warnings"])

"""Caught by a tester: every record carried the warning `value_not_found` "statements: not printed,
or not readable" while it held the statements of its text (14 in a generated report): the nulls
were explained before the statements were read. A warning explaining a null value must name a
value that is null in the record written."""

from __future__ import annotations

from pathlib import Path

import pytest

from docextract.extract.explain import explains, null_paths
from docextract.pipeline import parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = [FIXTURES / "validate" / "warnings-pdu.txt", FIXTURES / "producers" / "chromium-annual.pdf"]


@pytest.mark.parametrize("file", FILES, ids=lambda p: p.name)
def test_every_null_warning_names_a_null_value(file: Path) -> None:
    report = parse(file)
    assert report.statements, "the fixture's record holds statements"
    nulls = null_paths(report)
    explaining = [w for w in report.warnings if w.field is not None and w.message.startswith(f"{w.field}: ")]
    assert explaining, "the fixture has null values explained"
    for warning in explaining:
        assert any(explains(warning.field, path) for path in nulls), warning
    assert not any(w.field == "statements" for w in report.warnings)

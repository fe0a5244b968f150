"""A unit's name wrapped in its cell of the ratings box was cut after its first line (caught on
LibreOffice fixtures made by the generator, tests/fixtures/wrapped_names/make_pdf.py): beside the
score, and with the two lines' loose boxes overlapping. The rest of the name is joined, in the
unit and in every recommendation's unit. (Split out of the rating-columns tests of tester defect 4.)"""

from __future__ import annotations

import json

import paths
import pytest

import docextract

FIXTURES = paths.FIXTURES / "wrapped_names"


@pytest.mark.parametrize("name", ["libreoffice-unit-name-wrapped-beside-score"])
def test_unit_name_wrapped_in_its_cell_beside_the_score(name: str) -> None:
    """The unit's name cell, read as a line of its own level with the score ("Glenwick and Kingsham
    Community" | "Score 10 out of 30"), wraps onto the next line ("Rehabilitation Company"): the
    rest of the name is joined, not left out of the unit and every recommendation's unit (made by
    the generator, tests/fixtures/wrapped_names/make_pdf.py)."""
    fixture = FIXTURES / name
    truth = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    report = docextract.parse(fixture.with_suffix(".pdf"))
    assert [u.name for u in report.units] == [u["name"] for u in truth["units"]]
    assert [r.unit for r in report.recommendations] == [r["unit"] for r in truth["recommendations"]]


def test_unit_name_wrapped_in_its_cell_with_overlapping_line_boxes() -> None:
    """LibreOffice wraps a long unit name in the ratings box ("... National Probation" /
    "Service") at a leading tighter than the font's ascent to descent, so the two lines' loose
    boxes overlap: the second line is still the rest of the name (made by the generator,
    tests/fixtures/wrapped_names/make_pdf.py)."""
    fixture = FIXTURES / "libreoffice-unit-name-wrapped-boxes-overlap"
    truth = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    report = docextract.parse(fixture.with_suffix(".pdf"))
    assert [u.name for u in report.units] == [u["name"] for u in truth["units"]]
    assert [r.unit for r in report.recommendations] == [r["unit"] for r in truth["recommendations"]]

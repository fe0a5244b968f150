"""A PDF printed from a markdown draft without rendering it prints markup ("**Wakefield PDU**" on the
tester's m2/m8/m9 PDFs): the title and the unit name came out with the asterisks. A unit name holds
no markup residue (patterns/plausibility.yaml), and the cover title is read without it.
Fixture: tests/fixtures/titles/markdown-residue-title.pdf (make_markup_pdf.py, a fictional report)."""

from __future__ import annotations

from pathlib import Path

import pytest

import docextract
from docextract.extract.plausibility import unit_name_problem

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "titles" / "markdown-residue-title.pdf"


def test_markdown_asterisks_around_the_name_are_no_part_of_title_or_unit() -> None:
    record = docextract.parse(FIXTURE)
    assert record.title == "An inspection of probation services in: Harrowby Marsh PDU"
    assert [unit.name for unit in record.units] == ["Harrowby Marsh PDU"]
    assert not any("*" in (unit.name or "") for unit in record.units)


@pytest.mark.parametrize("name", ["**Harrowby Marsh PDU**", "__Harrowby Marsh PDU__", "<b>Harrowby Marsh PDU</b>"])
def test_a_unit_name_holding_markup_is_refused(name: str) -> None:
    problem = unit_name_problem(name)
    assert problem is not None and "markup" in problem


def test_a_plain_unit_name_is_kept() -> None:
    assert unit_name_problem("Harrowby Marsh PDU") is None

"""Markup residue in names, generalised (tester defect 5, round 3; 9a2da97 handled '**' in unit names).

A markdown or HTML draft printed without rendering prints its markup: backticks, a heading's '# ',
escaped asterisks ('\\*\\*'), '**…**', '__…__', '*…*', '<b>…</b>' around the unit's name on the cover,
in the ratings box and in the recommendations' lead-in. The title, the unit name and the
recommendations' unit and addressee are read without it (one rule set: patterns/reading.yaml
`name_markup`); `addressee_as_printed` keeps what was printed. Fixture: drawn here with reportlab
from the fictional tests/fixtures/validate/clean-pdu.txt, plus an invented recommendations page."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

import docextract
from docextract.read.normalize import clean_name

SOURCE = Path(__file__).resolve().parents[1] / "fixtures" / "validate" / "clean-pdu.txt"
NAME = "Harrowby Marsh PDU"
RECOMMENDATIONS = (
    "\fRecommendations\n{name} should:\n"
    "1.\tagree a plan with the council so that nobody leaves custody without an address\n"
    "2.\treview the supervision of practitioners new to the service every quarter\n"
)
WRAPPERS = ["`{}`", "# {}", "\\*\\*{}\\*\\*", "**{}**", "__{}__", "*{}*", "<b>{}</b>", "<strong>{}</strong>"]


def _draw(wrapper: str, path: Path) -> Path:
    text = SOURCE.read_text(encoding="utf-8") + RECOMMENDATIONS.format(name=NAME)
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = A4[1] - 50
    for line in text.splitlines():
        if line.startswith(("An inspection of", f"{NAME}\t", f"{NAME} should")):
            line = line.replace(NAME, wrapper.format(NAME))
        if y < 50 or line.startswith("\f"):
            pdf.showPage()
            y, line = A4[1] - 50, line.lstrip("\f")
        pdf.setFont("Helvetica", 9)
        while "\t" not in line and len(line) > 110:
            cut = line.rfind(" ", 0, 110)
            pdf.drawString(40, y, line[:cut])
            y, line = y - 13, line[cut + 1 :]
        for x, field in zip((40, 200, 400), line.split("\t"), strict=False):
            pdf.drawString(x, y, field)
        y -= 13
    pdf.save()
    return path


@pytest.mark.parametrize("wrapper", WRAPPERS)
def test_no_name_field_keeps_markup(tmp_path: Path, wrapper: str) -> None:
    record = docextract.parse(_draw(wrapper, tmp_path / "markup.pdf"))
    assert record.title == f"An inspection of probation services in: {NAME}"
    assert [unit.name for unit in record.units] == [NAME]
    assert [(r.unit, r.addressee, r.addressee_canonical) for r in record.recommendations] == [(NAME, NAME, NAME)] * 2
    assert {r.addressee_as_printed for r in record.recommendations} == {wrapper.format(NAME)}


@pytest.mark.parametrize("wrapper", [*WRAPPERS, "_{}_", "***{}***", "[{}](https://example.org)"])
def test_clean_name_removes_the_markup_around_a_name(wrapper: str) -> None:
    assert clean_name(wrapper.format(NAME)) == NAME


@pytest.mark.parametrize("name", ["Tees_Valley PDU", "Harrowby Marsh PDU", "Case #12 review"])
def test_clean_name_keeps_a_plain_name(name: str) -> None:
    assert clean_name(name) == name

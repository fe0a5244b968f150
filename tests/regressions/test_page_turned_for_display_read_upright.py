"""A page turned for display (`/Rotate`, as a viewer's "rotate page" saves it) gives the record of the
page unturned (issue 11, odd PDFs).

pdfium orders a page's text as the page is displayed: on a page turned by 90, 180 or 270 degrees
whose glyphs stand upright in the page's own coordinates, the cheap pass's lines came out reversed
or scrambled, and on fifteen generated LibreOffice reports turned by 90 degrees docextract stored
cut titles ("An inspection of probation services in: Kent,"; words left out of others) and found
no recommendation. A page whose content is drawn turned so that it displays upright (a landscape
page made so) keeps its turn: its text is read in display order, as before."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from paths import FIXTURES
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from docextract import parse
from docextract.read.open import open_document

REPORT = FIXTURES / "producers" / "libreoffice-pdu2021-classic.pdf"


def _turned(source: Path, target: Path, degrees: int) -> Path:
    pdf = pdfium.PdfDocument(source)
    try:
        for index in range(len(pdf)):
            pdf[index].set_rotation(degrees)
        pdf.save(target)
    finally:
        pdf.close()
    return target


def _values(path: Path) -> dict[str, object]:
    record = parse(path).model_dump(mode="json")
    for name in ("file", "sha256", "source"):
        record.pop(name, None)
    return record


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_turned_pages_give_the_record_of_the_unturned_report(tmp_path: Path, degrees: int) -> None:
    turned = _turned(REPORT, tmp_path / f"turned-{degrees}.pdf", degrees)
    expected = _values(REPORT)
    assert expected["title"] and expected["recommendations"]  # the fixture has what is compared
    assert _values(turned) == expected


def test_content_drawn_turned_keeps_its_display_order(tmp_path: Path) -> None:
    drawn = tmp_path / "landscape-drawn-turned.pdf"
    page = canvas.Canvas(str(drawn), pagesize=A4, invariant=1)
    page.translate(A4[0], 0)
    page.rotate(90)  # the content turned a quarter, the page then turned back for display
    lines = [f"Row {n} of a landscape table printed across the page" for n in range(6)]
    for n, text in enumerate(lines):
        page.drawString(60, A4[0] - 80 - 14 * n, text)
    page.showPage()
    page.save()
    shown = _turned(drawn, tmp_path / "shown-upright.pdf", 270)
    with open_document(shown) as doc:
        assert [line.text for line in doc.pages[0].lines] == lines

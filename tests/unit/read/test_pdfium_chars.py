"""pdfium's characters read with and without naming text objects are the same characters: the
document-wide `ObjectSample` decides only how many reads a page costs, never what it gives."""

from __future__ import annotations

from collections.abc import Callable

import pypdfium2 as pdfium
import pytest
from paths import FIXTURES

from docextract.read.layout import Char
from docextract.read.pdf import ObjectSample, pdfium_chars


def _pages(name: str, sample: Callable[[], ObjectSample]) -> list[list[Char]]:
    """Every page's characters, each page read with the sample `sample()` gives."""
    pdf = pdfium.PdfDocument(str(FIXTURES / "producers" / f"{name}.pdf"))
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(pdfium_chars(textpage, page.get_size()[1], sample=sample()))
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


@pytest.mark.parametrize("producer", ["libreoffice", "chromium", "reportlab", "fpdf2"])
def test_text_objects_named_or_not_give_the_same_characters(producer: str) -> None:
    name = f"{producer}-youth-lines-words-letter"
    named = _pages(name, lambda: ObjectSample(track=True))
    unnamed = _pages(name, lambda: ObjectSample(track=False))
    assert sum(len(page) for page in named) > 1000  # the pages were read
    assert named == unnamed


def test_one_sample_for_the_document_reads_what_a_sample_per_page_reads() -> None:
    name = "chromium-youth-lines-words-letter"
    shared = ObjectSample()
    pages = _pages(name, lambda: shared)
    assert shared.track is False  # decided on the first page: one glyph per text object
    assert pages == _pages(name, ObjectSample)


@pytest.mark.parametrize(("producer", "track"), [("libreoffice", True), ("chromium", False), ("reportlab", False)])
def test_sample_keeps_naming_objects_where_loose_boxes_vary_glyph_by_glyph(producer: str, track: bool) -> None:
    """Regression: the sample counted loose-box changes only where the text object changed, so it
    saw almost none in LibreOffice's PDFs (one object a line, a loose box per glyph) and stopped
    naming objects there: every glyph was then read again (~40 reads for each one kept), which
    made the corpus's character reads 1.6x slower, with the same characters."""
    shared = ObjectSample()
    _pages(f"{producer}-youth-lines-words-letter", lambda: shared)
    assert shared.track is track

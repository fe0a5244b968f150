"""The reading layer on real PDFs of other producers (../shared/producers/real-world): the rows
and cells built from their characters are what the page shows (checked against the rendered
pages; pdfplumber's extract_words as a second opinion where it reads the page upright)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from producers import real_world_pdf

from docextract.read.document import Document
from docextract.read.layout import Row, is_footnote
from docextract.read.open import read_document


@pytest.fixture
def open_doc() -> Iterator[object]:
    docs: list[Document] = []

    def opener(name: str) -> Document:
        doc = read_document(real_world_pdf(name))
        docs.append(doc)
        return doc

    yield opener
    for doc in docs:
        doc.close()


def cells(rows: list[Row]) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in rows]


def test_word365_table_rows(open_doc) -> None:  # type: ignore[no-untyped-def]
    rows = cells(open_doc("word365-lists-and-table").layout_rows(1))
    assert rows[:2] == [["Titre"], ["Lorem ipsum dolor"]]
    assert ["•", "Liste 2"] in rows
    assert ["1.", "Liste numérotée"] in rows
    assert ["Lorem ipsum dolor sit amet"] in rows
    assert rows[-3:] == [["En-tête 1", "En-tête 2", "En-tête 3"], ["Ligne 1", "Alouette", "Farfadet"],
                         ["Linge 2", "Belette", "Bibitte"]]  # fmt: skip


def test_word365_styled_table_rows(open_doc) -> None:  # type: ignore[no-untyped-def]
    rows = cells(open_doc("word365-styled-table").layout_rows(1))
    assert rows == [
        ["Column 1", "Column 2", "Column 3"],
        ["Zelle (0,0)", "Bold (0,1)", "Zelle (0,2)"],
        ["Strikeout (1,0), Zeile 1"],
        ["Hier kommt Zeile 2.", "Zelle (1,1)", "Strikeout (1,2)"],
        ["Bold-monospaced (2,0)", "Italic (2,1)", "Bold-italic (2,2)"],  # wrapped cells beside a centred one
        ["Zelle (3,0)", "Bold-strikeout", "Zelle (3,2)"],
        ["(3,1)"],
    ]


def test_google_docs_skia_one_glyph_per_run(open_doc) -> None:  # type: ignore[no-untyped-def]
    doc = open_doc("google-docs-skia-text")
    rows = doc.layout_rows(1)
    text = cells(rows)
    assert text[0] == ["Example document"]
    assert ["There should be one-- and preferably only one --obvious way to do it."] in text
    assert ["Namespaces are one honking great idea -- let's do more of those!"] in text
    assert ["Capital", "Jakarta", "Berlin", "Vienna", "Paris", "Vatican City"] in text
    # superscript footnote markers after the figures: removed from the text, kept in the raw cell
    population = next(row for row in rows if row.cells[0].text == "Population")
    assert [c.text for c in population.cells] == ["Population", "273.879.750", "83,190,556", "8,935,112",
                                                  "67,413,000", "453"]  # fmt: skip
    assert population.cells[1].raw == "273.879.750¹"
    footnotes = [row for row in rows if is_footnote(row)]
    assert [row.text for row in footnotes] == ["2021 estimate", "2020 estimate", "2020 estimate"]


def test_google_docs_font_size_takes_the_text_matrix(open_doc) -> None:  # type: ignore[no-untyped-def]
    # Skia writes 14.67 pt glyphs scaled by 0.75: the size on the page is 11 pt
    from docextract.read.layout import words_from_chars
    from docextract.read.pdf import pdfium_chars

    doc = open_doc("google-docs-skia-text")
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(doc.path)
    try:
        page = pdf[0]
        textpage = page.get_textpage()
        lines = words_from_chars(pdfium_chars(textpage, page.get_size()[1]))
        textpage.close()
        page.close()
    finally:
        pdf.close()
    body = next(line for line in lines if line[0].text == "Beautiful")
    assert body[0].size == pytest.approx(11.0, abs=0.05)


def test_acrobat_justified_prose_is_one_cell(open_doc) -> None:  # type: ignore[no-untyped-def]
    doc = open_doc("acrobat-pdfmaker-word-minutes")
    text = cells(doc.layout_rows(1))
    assert ["ATTENDU la demande 2023-0379, visant la démolition partielle d'un"] in text
    assert ["M. Gaëtan Gagné, conseiller municipal"] in text
    assert ["1 200 000$;"] in text
    assert all(len(row) <= 2 for row in text)
    assert ["5.", "LEVÉE DE LA SÉANCE"] in cells(doc.layout_rows(2))


def test_quartz_rotated_page_read_in_its_own_coordinates(open_doc) -> None:  # type: ignore[no-untyped-def]
    doc = open_doc("quartz-rotated-government-table")
    rows = doc.layout_rows(1)
    text = cells(rows)
    assert text[:2] == [["NICS Firearm Background Checks"], ["November - 2015"]]
    # a state's row: its name, 21 figures (the two Rentals columns print blank) and its total
    states = {row[0]: row for row in text if len(row) == 23}
    assert len(states) == 55
    alabama = "Alabama 18,870 23,022 22,650 859 1,178 0 14 15 0 2,179 2,307 11 0 0 0 13 14 0 3 2 0 71,137"
    assert states["Alabama"] == alabama.split(" ")
    assert len(next(row for row in text if row[0] == "Totals")) == 25
    assert states["California"][:3] == ["California", "98 452", "41 181"]  # printed with a space, not a comma
    assert "District of Columbia" in states
    # boxes lie on the unrotated page (1008 x 612 points), where the text is upright
    assert all(row.box is not None and row.box[2] <= 1008 and row.box[3] <= 612 for row in rows)


def test_every_real_world_file_reads(open_doc) -> None:  # type: ignore[no-untyped-def]
    for name in ("acrobat-pdfmaker-word-minutes", "google-docs-skia-text", "quartz-rotated-government-table",
                 "word365-lists-and-table", "word365-styled-table"):  # fmt: skip
        doc = open_doc(name)
        for number in range(1, doc.page_count + 1):
            rows = doc.layout_rows(number)
            assert rows, f"{name} page {number}: no rows"
            # every word of the cheap text pass is in the rows (nothing dropped, nothing doubled)
            words = sorted(word for line in doc.page(number).lines for word in line.text.split())
            row_words = sorted(word for row in rows for word in row.text.split())
            assert len(row_words) >= 0.95 * len(words), Path(name)

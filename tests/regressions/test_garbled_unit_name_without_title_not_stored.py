"""A unit name interleaved with other text in a ratings box, with no title to confirm it, is not
stored (never a wrong value; a fresh tester).

Wakefield's ratings box prints its unit name around "Fieldwork started August 2024" ("Wake…field
PDU ork started …"); the title on its cover gives "Wakefield PDU". The same report without its
cover stored the unit name "field PDU" with a unit_name_garbled warning, and `validate` called it
ok. Now the name is null with that warning quoting what was read, and validate says not checked."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from corpus import corpus_report

from docextract import parse, validate


def _without_cover(source: Path, target: Path) -> Path:
    pdf = pdfium.PdfDocument(source)
    try:
        pdf.del_page(0)
        pdf.save(target)
    finally:
        pdf.close()
    return target


def test_garbled_unit_name_without_a_title_is_null(tmp_path: Path) -> None:
    wakefield = corpus_report("2024-wakefield-pdu").pdf
    assert [u.name for u in parse(wakefield).units] == ["Wakefield PDU"]  # the title confirms it
    coverless = _without_cover(wakefield, tmp_path / "wakefield-without-cover.pdf")
    record = parse(coverless)
    assert [u.name for u in record.units] == [None]
    [warning] = [w for w in record.warnings if w.code == "unit_name_garbled"]
    assert "'field PDU'" in warning.message and "not stored" in warning.message
    assert record.units[0].standards and record.units[0].score == 6  # the rest of the box is read
    result = validate(coverless)
    assert any(issue.code == "not_checked" for issue in result.issues)

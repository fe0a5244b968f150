"""A regional letter without its first page typed `pdu_inspection` (a fresh tester, issue 11): its
greeting ("Dear …", the letter's cue) is on the page gone, so its kind came from its framework's
(probation-pdu-2021: a PDU inspection), though it rates two PDUs. A kind that rates one body
(vocab.yaml `one_unit`) whose ratings name several units is read as the kind whose cues it prints
(patterns/detection.yaml `several_units`: it signs off "Yours sincerely"), with a `kind_from_units`
warning. Fixtures: tests/fixtures/first_page_missing/make_first_page_missing.py; the real Wales
letter (../shared/corpus) less its first page, at test time in a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
from corpus import canon, corpus_report
from paths import FIXTURES
from records import parsed

from docextract.model.record import InspectionReport

FIXTURE = FIXTURES / "first_page_missing" / "libreoffice-letter-stacked-slash-without-p1.pdf"


def _check(record: InspectionReport, truth: dict[str, object]) -> None:
    assert record.kind == "regional_letter" == truth["kind"]
    units = truth["units"]
    assert isinstance(units, list)
    assert [canon(u.name) for u in record.units] == [canon(u["name"]) for u in units]
    assert [(u.score, u.overall_rating) for u in record.units] == [(u["score"], u["overall_rating"]) for u in units]
    (warning,) = [w for w in record.warnings if w.code == "kind_from_units"]
    assert warning.field == "kind" and "pdu_inspection" in warning.message and "2 units" in warning.message


def test_generated_letter_without_its_first_page_is_a_letter() -> None:
    truth = json.loads((FIXTURES / "producers" / "libreoffice-letter-stacked-slash.json").read_text("utf-8"))
    record = parsed(FIXTURE)
    _check(record, truth)
    assert len(record.recommendations) == len(truth["recommendations"])


def test_real_letter_without_its_first_page_is_a_letter(tmp_path: Path) -> None:
    report = corpus_report("2022-wales-regional-letter")
    source = pdfium.PdfDocument(report.pdf)
    cut = pdfium.PdfDocument.new()
    cut.import_pages(source, list(range(1, len(source))))
    path = tmp_path / "wales-letter-without-p1.pdf"
    cut.save(path)
    _check(parsed(path), report.truth)


def test_a_one_unit_report_keeps_its_kind() -> None:
    record = parsed(FIXTURES / "producers" / "libreoffice-pdu2021-classic.pdf")
    assert record.kind == "pdu_inspection"
    assert not [w for w in record.warnings if w.code == "kind_from_units"]

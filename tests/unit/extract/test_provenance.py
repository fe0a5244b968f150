"""Provenance on every value (docextract/model/prov.py, docextract/extract/provenance.py): every item
of generated reports (the producer fixtures of every kind and layout, PDF and text) has its span,
source text and reading path, and the span always gives the source text from the page's text; the
metadata (title, date, kind, framework) has its place; a warning has the place of what it names; a
Word draft has no span (no pages) but keeps its source text."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import FIXTURES

from corpora.synth import ReportSpec
from corpora.synth.word_draft import generate_draft
from docextract.extract.explain import unexplained_nulls
from docextract.extract.provenance import _items
from docextract.model.prov import PROVENANCE_FIELDS, Prov
from docextract.model.record import InspectionReport, Located, ParseWarning
from docextract.pipeline import parse, parse_document
from docextract.read.open import open_document

REPORTS = sorted((FIXTURES / "producers").glob("reportlab-*.pdf")) + sorted((FIXTURES / "validate").glob("*.txt"))


def test_every_item_and_warning_is_a_prov() -> None:
    assert issubclass(Located, Prov) and issubclass(ParseWarning, Prov)
    assert {"page", "bbox", "line", "span", "source_text", "origin"} <= set(PROVENANCE_FIELDS)
    assert "provenance" in InspectionReport.model_fields


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_items_have_span_source_text_and_origin(path: Path) -> None:
    with open_document(path) as doc:
        report = parse_document(doc)
        items = list(_items(report))
        assert items
        for item, step, _words in items:
            assert item.origin == f"{doc.format}/{step}"
            assert item.source_text and item.span is not None, (step, item)
            start, end = item.span
            assert doc.page(item.page or 0).text[start:end] == item.source_text  # the span gives the text
        assert unexplained_nulls(report) == []  # provenance fields need no warning


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_metadata_has_its_place(path: Path) -> None:
    with open_document(path) as doc:
        report = parse_document(doc)
        meta = report.provenance
        if report.title is not None:
            assert meta.title is not None and meta.title.source_text is not None
            assert " ".join(meta.title.source_text.split()) == report.title
        if report.published is not None:
            assert meta.published is not None and report.published[:4] in (meta.published.source_text or "")
        if report.kind != "unknown":
            assert meta.kind is not None and meta.kind.origin and meta.kind.source_text
        if report.framework is not None:
            assert meta.framework is not None and meta.framework.page is not None
        for prov in (meta.title, meta.published, meta.kind, meta.framework):
            if prov is not None and prov.span is not None and prov.source_text is not None:
                assert doc.page(prov.page or 0).text[prov.span[0] : prov.span[1]] == prov.source_text


@pytest.mark.parametrize(
    "path", [FIXTURES / "producers" / "reportlab-annual.pdf", FIXTURES / "recommendations" / "restart_per_unit.txt"]
)
def test_a_warning_has_the_place_of_what_it_names(path: Path) -> None:
    """A null explained by a warning naming one item (a tally not stated, a recommendation's unit not
    named): the warning is placed on that item (its page, box or line, span and source text)."""
    report = parse(path)
    named = [w for w in report.warnings if w.field and "*" not in w.field and "[" in w.field]
    assert named
    for warning in named:
        assert warning.field is not None
        head, index = warning.field.split("[", 1)
        item = getattr(report, head)[int(index.split("]", 1)[0])]
        place = ("page", "bbox", "line", "span", "source_text")
        assert [getattr(warning, n) for n in place] == [getattr(item, n) for n in place], warning
        assert warning.source_text and (warning.bbox is not None or warning.line is not None)


def test_word_draft_items_keep_source_text_without_span(tmp_path: Path) -> None:
    _generated, data = generate_draft(ReportSpec("prov-draft", 11, "probation-pdu-2023", [], pages=(8, 10)))
    draft = tmp_path / "draft.docx"
    draft.write_bytes(data)
    report = parse(draft)
    items = list(_items(report))
    assert items
    for item, step, _words in items:
        assert item.origin == f"docx/{step}" and item.page is None and item.span is None
    assert sum(item.source_text is not None for item, _, _ in items) >= 0.9 * len(items)
    assert report.provenance.title is not None and report.provenance.title.section is not None

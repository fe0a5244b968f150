"""Word drafts (.docx): read with python-docx (paragraphs, merged table cells, Word's list numbers,
footnotes), located by heading + paragraph, bounded against zip bombs and huge files; a generated
draft gives the same findings as its PDF rendering."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from producers import producer_report
from typer.testing import CliRunner

from corpora.synth.blocks import Cell as SynthCell
from corpora.synth.blocks import Para, Table
from corpora.synth.generate import ReportSpec
from corpora.synth.word_draft import draft_docx, generate_draft
from docextract.bulk.inputs import expand
from docextract.cli import app
from docextract.model.errors import DocextractError
from docextract.model.record import InspectionReport
from docextract.pipeline import parse, validate
from docextract.read.open import read_document

runner = CliRunner()
DEFECTS = [
    "standard_rating_mismatch",
    "score_mismatch",
    "narrative_rating_mismatch",
    "recommendation_count_mismatch",
    "numbering_gap",
    "numbering_duplicate",
    "broken_cross_reference",
    "date_out_of_range",
    "count_percent_mismatch",
]


def _key(issues: list) -> list[tuple[str, str | None, str | None, str | int | None]]:  # type: ignore[type-arg]
    return sorted((i.code, i.unit, i.standard, str(i.found)) for i in issues)


@pytest.mark.parametrize(("framework", "seed"), [("probation-pdu-2023", 11), ("regional_letter", 14)])
def test_generated_draft_gives_the_same_findings_as_its_pdf(framework: str, seed: int, tmp_path: Path) -> None:
    generated, data = generate_draft(ReportSpec(f"draft-{seed}", seed, framework, DEFECTS, pages=(10, 12)))
    pdf, draft = tmp_path / "draft.pdf", tmp_path / "draft.docx"
    pdf.write_bytes(generated.pdf)
    draft.write_bytes(data)
    from_pdf, from_word = validate(pdf), validate(draft)
    injected = {k["type"] for k in generated.truth["known_inconsistencies"]}
    assert injected <= {i.code for i in from_word.issues}
    assert _key(from_word.issues) == _key(from_pdf.issues)  # same codes, units, standards and values
    assert from_word.report.units == [] or [u.name for u in from_word.report.units] == [
        u.name for u in from_pdf.report.units
    ]
    for found in from_word.issues:  # heading + paragraph, never a page
        assert found.page is None and found.bbox is None, found
        assert found.section and found.paragraph and found.line and found.quotation, found
    xref = next(i for i in from_word.issues if i.code == "broken_cross_reference")
    assert "Error!" in (xref.quotation or "")
    record = json.loads(from_word.report.model_dump_json())
    assert record["source"]["format"] == "docx" and record["source"]["pages"] == 0
    assert all(r["page"] is None and r["section"] for r in record["recommendations"])


def _doc_bytes(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_reader_merged_cells_numbering_footnotes(tmp_path: Path) -> None:
    blocks = [
        Para([("Draft report", "normal")], "title"),
        Para([("Recommendations", "normal")], "h1"),
        Para([("The service should:", "normal")]),
        Para([("first thing", "normal")], bullet="1."),
        Para([("second thing", "normal")], bullet="2."),
        Para([("fourth thing", "normal")], bullet="4."),  # a gap: Word needs a restart at 4
        Para([("a point", "normal")], bullet="•"),
        Para([("Ratings", "normal")], "h2"),
        Para([("See the note", "normal"), ("3", "sup")], footnotes={"3": "A note written for this test."}),
        Table([[SynthCell([("Code", "normal")]), SynthCell([("Rating", "normal")])]], widths=[0.5, 0.5]),
    ]
    document = docx.Document(io.BytesIO(draft_docx(blocks)))
    table = document.tables[0]
    row = table.add_row().cells
    row[0].text, row[1].text = "2.1", "Good"
    merged = table.add_row().cells
    merged[0].merge(merged[1]).text = "Domain two"  # merged across the row
    tall = table.add_row().cells
    tall[0].text = "2.2"
    below = table.add_row().cells
    tall[1].merge(below[1]).text = "Requires improvement"  # merged down two rows
    below[0].text = "2.3"
    path = tmp_path / "reader.docx"
    path.write_bytes(_doc_bytes(document))

    with read_document(path) as doc:
        lines = list(doc.lines())
    texts = [line.text for line in lines]
    assert texts[:7] == [
        "Draft report",
        "Recommendations",
        "The service should:",
        "1. first thing",
        "2. second thing",
        "4. fourth thing",
        "• a point",
    ]
    assert "See the note" in texts  # the footnote reference mark has no text
    rows = [line for line in lines if line.place is not None and line.place.row is not None]
    assert [line.cells for line in rows] == [
        ("Code", "Rating"),
        ("2.1", "Good"),
        ("Domain two",),
        ("2.2", "Requires improvement"),
        ("2.3", "Requires improvement"),  # the merged cell read on both rows
    ]
    assert {(r.place.section, r.place.paragraph) for r in rows if r.place} == {("Ratings", 3)}  # heading is 1
    assert [r.place.row for r in rows if r.place] == [1, 2, 3, 4, 5]
    note = lines[-1]
    assert note.text == "1 A note written for this test." and note.place is not None
    assert note.place.section == "Footnotes"
    third = lines[5].place
    assert third is not None and (third.section, third.paragraph) == ("Recommendations", 5)
    assert [line.place.line for line in lines if line.place] == list(range(1, len(lines) + 1))


def test_word_numbering_formats_and_levels(tmp_path: Path) -> None:
    from docextract.read.wordfile import _format, _Level, _Numbering

    numbering = _Numbering(
        abstract_of={"1": "a", "2": "a"},
        levels={"a": {0: _Level(1, "decimal", "%1."), 1: _Level(1, "lowerLetter", "(%2)")}},
        overrides={"2": {0: 7}},
    )
    labels = [numbering.label("1", 0), numbering.label("1", 1), numbering.label("1", 1), numbering.label("1", 0)]
    labels += [numbering.label("1", 1), numbering.label("2", 0), numbering.label("2", 0)]
    assert labels == ["1.", "(a)", "(b)", "2.", "(a)", "7.", "8."]
    assert [_format(4, "upperRoman"), _format(28, "lowerLetter"), _format(3, "decimalZero")] == ["IV", "ab", "03"]


def test_zip_bomb_and_huge_files_are_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * 50_000_000 + b"</w:document>")
    assert bomb.stat().st_size < 200_000
    with pytest.raises(DocextractError) as caught:
        read_document(bomb)
    assert caught.value.code == "zip_bomb" and "zip bomb" in caught.value.reason

    huge = tmp_path / "huge.docx"
    with huge.open("wb") as handle:
        handle.truncate(101 * 1024 * 1024)  # sparse: nothing is written
    result = runner.invoke(app, ["validate", str(huge)])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert str(huge) in line and "over 100 MB" in line

    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DocextractError) as caught:
        read_document(broken)
    assert caught.value.code == "corrupt_docx"


def _units(report: InspectionReport) -> list[object]:
    return [(u.name, u.overall_rating, u.score, [(s.code, s.rating) for s in u.standards]) for u in report.units]


def test_producer_docx_sources_read_like_their_pdfs() -> None:
    """The producers' .docx sources (python-docx, printed by LibreOffice): the draft gives the PDF's record
    values and the same findings."""
    for name in (
        "libreoffice-score-out-of-words-not-read",
        "libreoffice-wrapped-rating-cell-rating-lost",
        "libreoffice-ratings-code-name-rating-on-own-lines-not-read",
    ):
        pdf, _truth = producer_report(name)
        draft = pdf.with_suffix(".docx")
        from_pdf, from_word = validate(pdf), validate(draft)
        assert _units(from_word.report) == _units(from_pdf.report)
        assert [r.text for r in from_word.report.recommendations] == [r.text for r in from_pdf.report.recommendations]
        assert _key(from_word.issues) == _key(from_pdf.issues)


def test_cli_parse_validate_and_bulk_accept_docx(tmp_path: Path) -> None:
    _generated, data = generate_draft(ReportSpec("cli-draft", 5, "probation-pdu-2021", ["broken_cross_reference"]))
    draft = tmp_path / "drafts" / "cli-draft.docx"
    draft.parent.mkdir()
    draft.write_bytes(data)
    assert parse(draft).source.format == "docx"
    result = runner.invoke(app, ["validate", "--format", "sarif", str(draft)])
    assert result.exit_code == 1
    (xref,) = [r for r in json.loads(result.stdout)["runs"][0]["results"] if r["ruleId"] == "broken_cross_reference"]
    region = xref["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1 and region["properties"]["section"] and region["properties"]["paragraph"]
    text = runner.invoke(app, ["validate", str(draft)]).stdout
    assert "paragraph" in text and "p. " not in text
    assert expand([str(draft.parent)]).files == [str(draft.absolute())]

"""Bad input: a one-line error naming the file and the reason, exit code 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from docextract.cli import app

runner = CliRunner()


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ntruncated")
    not_pdf = tmp_path / "slides.pptx"
    not_pdf.write_bytes(b"PK\x03\x04 not a report")
    fake_pdf = tmp_path / "renamed.pdf"
    fake_pdf.write_bytes(b"GIF89a this is an image")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    no_reports = tmp_path / "no-reports"
    no_reports.mkdir()
    (no_reports / "notes.json").write_text("{}")
    return {
        "missing": (tmp_path / "nope.pdf", "no such file"),
        "corrupt": (corrupt, "corrupt"),
        "not_pdf": (not_pdf, "unsupported file type"),
        "fake_pdf": (fake_pdf, "not a PDF"),
        "empty": (empty, "empty"),
        "directory": (no_reports, "no report files"),
    }


@pytest.mark.parametrize("case", ["missing", "corrupt", "not_pdf", "fake_pdf", "empty", "directory"])
def test_bad_input_exits_2_with_one_line(tmp_path: Path, case: str) -> None:
    path, reason = _bad_files(tmp_path)[case]
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    assert reason in lines[0]
    assert "Traceback" not in result.output + result.stderr


def test_output_file_kept_when_parse_fails(tmp_path: Path) -> None:
    out = tmp_path / "record.json"
    out.write_text('{"previous": true}\n')
    result = runner.invoke(app, ["parse", str(tmp_path / "nope.pdf"), "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_text() == '{"previous": true}\n'


def test_unknown_text_document_is_parsed_with_a_warning(tmp_path: Path) -> None:
    note = tmp_path / "shopping.txt"
    note.write_text("Eggs, flour and milk.\nRemember the bread.\n")
    result = runner.invoke(app, ["parse", str(note)])
    assert result.exit_code == 0
    assert '"kind": "unknown"' in result.stdout
    assert "little_text" in result.stdout  # two short lines: too little text to be a report


def _reportlab_pdf(path: Path, *, text: str | None, user_password: str | None = None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=user_password)
    for _ in range(3):
        if text:
            pdf.drawString(72, 700, text)
        else:  # an image-only page, as a scanner makes: shapes, no text layer
            pdf.rect(72, 400, 400, 300, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = _reportlab_pdf(tmp_path / "locked.pdf", text="Ratings", user_password="secret")
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    assert "encrypted" in result.stderr and str(path) in result.stderr


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    path = _reportlab_pdf(tmp_path / "scan.pdf", text=None)
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    assert "no text layer" in result.stderr and str(path) in result.stderr


def test_a_parser_bug_is_one_line_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr("docextract.pipeline.parse", broken)
    note = tmp_path / "report.txt"
    note.write_text("text\n")
    result = runner.invoke(app, ["parse", str(note)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and str(note) in result.stderr and "simulated bug" in result.stderr


def test_validate_keeps_going_after_an_unreadable_file(tmp_path: Path) -> None:
    good = tmp_path / "note.txt"
    good.write_text("Nothing to see here.\n")
    result = runner.invoke(app, ["validate", str(tmp_path / "missing.pdf"), str(good), "--format", "json"])
    assert result.exit_code == 2
    assert "missing.pdf" in result.stderr
    assert str(good) in result.stdout  # the second file was still checked


def test_text_file_ending_in_a_form_feed_has_no_phantom_page(tmp_path: Path) -> None:
    from docextract import parse

    path = tmp_path / "two-pages.txt"
    path.write_text("first page\fsecond page\f")
    assert parse(path).source.pages == 2


def test_empty_directory_message_lists_every_report_type(tmp_path: Path) -> None:
    # README claim (tester defect 11): .docx drafts are read from a directory too
    result = runner.invoke(app, ["parse", str(tmp_path)])
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert str(tmp_path) in line and ".docx" in line and ".pdf" in line and ".txt" in line


def test_bulk_names_every_bad_input_when_there_are_few(tmp_path: Path) -> None:
    # tester defect 11: "nothere: ... (and 1 more)" did not name the second bad input
    missing, no_match = str(tmp_path / "nothere"), str(tmp_path / "bin" / "*.xyz")
    out = tmp_path / "out"
    result = runner.invoke(app, ["bulk", missing, no_match, "--out", str(out)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert missing in lines[0] and no_match in lines[0] and "more" not in lines[0]
    assert not out.exists()

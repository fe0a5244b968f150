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
    return {
        "missing": (tmp_path / "nope.pdf", "no such file"),
        "corrupt": (corrupt, "corrupt"),
        "not_pdf": (not_pdf, "unsupported file type"),
        "fake_pdf": (fake_pdf, "not a PDF"),
        "empty": (empty, "empty"),
        "directory": (tmp_path, "directory"),
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
    assert "unknown_document" in result.stdout

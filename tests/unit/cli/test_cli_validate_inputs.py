"""`validate` takes what `parse` takes: directories (walked for reports) and `-` for standard input;
`parse` of a directory without reports prints no empty list beside its error (fresh-user test)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import paths
from typer.testing import CliRunner

from docextract.cli import app

runner = CliRunner()
FIXTURES = paths.FIXTURES / "producers"
DEFECTS = FIXTURES / "reportlab-pdu2023-defects.pdf"
CLEAN = FIXTURES / "reportlab-pdu2021-classic.pdf"


def _codes(stdout: str) -> list[list[str]]:
    return [[i["code"] for i in entry["issues"]] for entry in json.loads(stdout)]


def test_validate_walks_a_directory(tmp_path: Path) -> None:
    shutil.copy(DEFECTS, tmp_path / "a.pdf")
    shutil.copy(CLEAN, tmp_path / "b.pdf")
    walked = runner.invoke(app, ["validate", "-f", "json", str(tmp_path)])
    named = runner.invoke(app, ["validate", "-f", "json", str(tmp_path / "a.pdf"), str(tmp_path / "b.pdf")])
    assert walked.exit_code == named.exit_code == 1
    assert _codes(walked.stdout) == _codes(named.stdout) and any(_codes(walked.stdout))


def test_validate_reads_standard_input() -> None:
    piped = runner.invoke(app, ["validate", "-f", "json", "-"], input=DEFECTS.read_bytes())
    named = runner.invoke(app, ["validate", "-f", "json", str(DEFECTS)])
    assert piped.exit_code == named.exit_code == 1
    assert _codes(piped.stdout) == _codes(named.stdout)
    assert json.loads(piped.stdout)[0]["file"] == "-"


def test_validate_of_an_empty_directory_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path}: no report files" in result.stderr


def test_parse_of_an_empty_directory_prints_no_empty_list(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", "-f", "json", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no report files" in result.stderr

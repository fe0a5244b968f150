"""Checks run from the archive alone: `docextract validate out/docextract.duckdb` gives, for every
report of a bulk archive, exactly the findings of `validate` on the report's file (codes, messages,
pages, boxes, quotations, order), and an archive whose records keep no statements of their text says
which checks could not run instead of passing."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
from rich.console import Console

from docextract.bulk import DATABASE_NAME, BulkOptions, run_bulk
from docextract.bulk.archive import read_archive, validate_archive
from docextract.model.errors import DocextractError
from docextract.pipeline import validate
from docextract.validation.checks import TEXT_CHECKS

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
COMMITTED = [
    FIXTURES / "producers" / "reportlab-pdu2023-defects.pdf",
    FIXTURES / "producers" / "libreoffice-pdu2021-classic.docx",
    FIXTURES / "producers" / "chromium-annual.pdf",
    FIXTURES / "validate" / "defects-pdu.txt",
    FIXTURES / "validate" / "warnings-pdu.txt",
    FIXTURES / "unknown_framework" / "unknown-standards-not-forced-by-max-score.txt",
]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "docextract", *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)


def _findings(issues: list[Any]) -> list[dict[str, Any]]:
    return [issue.model_dump(mode="json") for issue in issues]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Generated defect reports (every defect kind) and committed fixtures of each format."""
    out = tmp_path_factory.mktemp("synth")
    command = [sys.executable, "-m", "corpora.synth", "--out", str(out), "--count", "5", "--seed", "11"]
    done = subprocess.run([*command, "--defects", "all", "--quiet"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-500:]
    generated = sorted(out.glob("*.pdf"))
    assert len(generated) == 5
    return [*generated, *COMMITTED]


@pytest.fixture(scope="module")
def archive(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bulk")
    options = BulkOptions(inputs=[str(p) for p in inputs], out_dir=out, jobs=2)
    summary = run_bulk(options, Console(file=io.StringIO(), width=120))
    assert summary.exit_code == 0
    return out / DATABASE_NAME


@pytest.mark.slow
def test_every_report_of_the_archive_gives_its_files_findings(inputs: list[Path], archive: Path) -> None:
    results = validate_archive(archive)
    assert sorted(r.file for r in results) == sorted(str(p) for p in inputs)
    checked = 0
    for result in results:
        from_file = validate(result.file)
        assert result.error is None and result.report is not None
        assert result.report.statements is not None
        assert _findings(result.issues) == _findings(from_file.issues), result.file
        checked += len(result.issues)
    assert checked > 20  # the defects, the text checks' among them, were found from the rows
    codes = {i.code for r in results for i in r.issues}
    assert {"broken_cross_reference", "count_percent_mismatch", "narrative_rating_mismatch"} <= codes


def test_the_command_checks_the_archive_or_the_reports_chosen(inputs: list[Path], archive: Path) -> None:
    pdf = COMMITTED[0]
    [sha] = [r.sha256 for r in read_archive(archive) if r.path == str(pdf)]
    from_file = _cli("validate", str(pdf), "--format", "json")
    by_sha = _cli("validate", str(archive), "--report", sha[:10], "--format", "json")
    by_path = _cli("validate", str(archive), "--report", str(pdf.relative_to(REPO)), "--format", "json")
    assert from_file.returncode == by_sha.returncode == by_path.returncode == 1
    assert json.loads(by_sha.stdout) == json.loads(by_path.stdout) == json.loads(from_file.stdout)
    every = _cli("validate", str(archive), "--format", "json")
    assert every.returncode == 1 and len(json.loads(every.stdout)) == len(inputs)


def test_an_archive_without_statements_is_never_ok(archive: Path, tmp_path: Path) -> None:
    """An archive written before docextract kept statements: no statements table, records without
    them. Its text checks cannot run, and each report says so with an error."""
    old = tmp_path / DATABASE_NAME
    shutil.copy(archive, old)
    with duckdb.connect(str(old)) as con:
        con.execute("DROP TABLE statements")
        for sha, record in con.execute("SELECT sha256, record FROM reports").fetchall():
            data = json.loads(record)
            del data["statements"]
            con.execute("UPDATE reports SET record = ? WHERE sha256 = ?", [json.dumps(data), sha])
    results = validate_archive(old)
    assert results and all(not r.ok() for r in results)
    for result in results:
        (not_run,) = [i for i in result.issues if i.code == "checks_not_run"]
        assert not_run.severity == "error" and all(name in not_run.message for name in TEXT_CHECKS)
    done = _cli("validate", str(old))
    assert done.returncode == 1 and "(ok)" not in done.stdout


def test_resuming_an_older_archive_fills_its_statements_table(
    inputs: list[Path], archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(archive, out / DATABASE_NAME)
    with duckdb.connect(str(out / DATABASE_NAME)) as con:
        expected = con.execute("SELECT * FROM statements ORDER BY sha256, ordinal").fetchall()
        con.execute("DROP TABLE statements")  # as an archive written before the table existed
    summary = run_bulk(BulkOptions(inputs=[str(p) for p in inputs], out_dir=out, jobs=1), Console(file=io.StringIO()))
    assert summary.exit_code == 0 and summary.parsed == 0  # nothing parsed again ...
    with duckdb.connect(str(out / DATABASE_NAME), read_only=True) as con:
        filled = con.execute("SELECT * FROM statements ORDER BY sha256, ordinal").fetchall()
    assert filled == expected and len(expected) > 100  # ... and every statement listed


def test_what_is_not_an_archive_is_refused(archive: Path, tmp_path: Path) -> None:
    fake = tmp_path / "notes.duckdb"
    fake.write_text("not a database", encoding="utf-8")
    with pytest.raises(DocextractError) as raised:
        read_archive(fake)
    assert raised.value.code == "not_an_archive"
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    cases = {
        str(fake): "not_an_archive: not a DuckDB database",
        str(empty): "not_an_archive: not a docextract bulk archive (no reports table)",
        str(tmp_path / "missing.duckdb"): "not_found: no such file",
    }
    for path, reason in cases.items():
        done = _cli("validate", path)
        assert done.returncode == 2 and f"{path}: {reason}" in done.stderr, done.stderr
    done = _cli("validate", str(archive), "--report", "0000000000")
    assert done.returncode == 2 and "--report '0000000000' names no report in it" in done.stderr
    done = _cli("validate", str(FIXTURES / "validate" / "clean-pdu.txt"), "--report", "abcdef")
    assert done.returncode == 2 and "--report: choose reports of a bulk archive" in done.stderr

"""Caught by a tester: `docextract validate out/docextract.duckdb` said "ok" (exit 0) about an archive
whose bulk run could not read some files (its `errors` table), and listed only the reports, while
`docextract validate` on the same files exits 2 (unreadable) or 1 (a non-report: nothing checked).
The archive's error rows must be reported as the files are."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from docextract.bulk import DATABASE_NAME, BulkOptions, run_bulk
from docextract.bulk.archive import validate_archive

REPO = Path(__file__).resolve().parents[2]
REPORT = REPO / "tests" / "fixtures" / "validate" / "warnings-pdu.txt"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "docextract", *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)


def _archive(tmp_path: Path, *names: str) -> tuple[Path, Path]:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(REPORT, inputs / "report.txt")
    if "broken" in names:
        (inputs / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is no pdf body at all\n")
    if "letter" in names:
        (inputs / "letter.txt").write_text(
            "Dear Sam,\n\nThank you for the kind words about the garden party. The roses did well this year.\n"
            "See you at the allotment on Sunday.\n\nBest wishes,\nAlex\n",
            encoding="utf-8",
        )
    out = tmp_path / "out"
    run_bulk(BulkOptions(inputs=[str(inputs)], out_dir=out, jobs=1), Console(file=io.StringIO(), width=120))
    return inputs, out / DATABASE_NAME


@pytest.mark.parametrize(("name", "exit_code"), [("broken", 2), ("letter", 1)])
def test_archive_reports_its_files_not_read_as_the_files_do(tmp_path: Path, name: str, exit_code: int) -> None:
    inputs, archive = _archive(tmp_path, name)
    bad = next(p for p in inputs.iterdir() if p.stem == name)
    from_files = _cli("validate", str(inputs))
    from_archive = _cli("validate", str(archive))
    assert from_files.returncode == exit_code, from_files.stdout + from_files.stderr
    assert from_archive.returncode == exit_code, from_archive.stdout + from_archive.stderr
    assert str(bad) in from_archive.stdout
    results = {r.file: r for r in validate_archive(archive)}
    assert set(results) == {str(bad), str(inputs / "report.txt")}
    assert not results[str(bad)].ok()
    chosen = _cli("validate", str(archive), "--report", str(bad))
    assert chosen.returncode == exit_code, chosen.stdout + chosen.stderr
    assert "holds no reports" not in chosen.stderr
    assert [r.file for r in validate_archive(archive, [str(bad)])] == [str(bad)]


def test_archive_unreadable_file_line_names_the_file_not_the_archive(tmp_path: Path) -> None:
    """The stderr line of a file the bulk run could not read named the archive as the file ("out/
    docextract.duckdb: corrupt_pdf: …"): it names the report's own path, then the archive it is in."""
    inputs, archive = _archive(tmp_path, "broken")
    lines = _cli("validate", str(archive)).stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"docextract: error: {inputs / 'broken.pdf'}: "), lines
    assert lines[0].endswith(f"(in the archive {archive})")

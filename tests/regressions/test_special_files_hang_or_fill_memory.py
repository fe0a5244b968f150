"""Caught by a tester: `parse /dev/zero` grew memory without end; `parse`/`validate` of a FIFO hung
forever; `bulk` on a directory holding a FIFO hung while hashing (and left its database's .wal).
A file that is not a regular file is refused with one coded line (exit 2; in bulk an `errors` row,
the batch going on); standard input (`-`, a pipe by design) is still read, up to the size cap."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from rich.console import Console

from docextract.bulk import DATABASE_NAME, BulkOptions, run_bulk
from docextract.model.codes import NOT_A_FILE

REPO = Path(__file__).resolve().parents[2]
REPORT = REPO / "tests" / "fixtures" / "validate" / "warnings-pdu.txt"

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs need a POSIX system")


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "docextract", *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, input=stdin, timeout=120)


@pytest.mark.parametrize("command", ["parse", "validate"])
def test_a_fifo_is_refused_not_waited_on(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "report.pdf"
    os.mkfifo(fifo)
    done = _cli(command, str(fifo))
    assert done.returncode == 2
    line = done.stderr.decode().strip()
    assert len(line.splitlines()) == 1 and "not a regular file" in line and str(fifo) in line


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_not_read_without_end() -> None:
    done = _cli("parse", "/dev/zero")
    assert done.returncode == 2 and "not a regular file" in done.stderr.decode()


def test_standard_input_is_still_read() -> None:
    done = _cli("validate", "-", stdin=REPORT.read_bytes())
    assert done.returncode in (0, 1), done.stderr
    assert b"Whole report" in done.stdout or b"passed" in done.stdout


def test_bulk_records_a_fifo_as_an_error_and_goes_on(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(REPORT, inputs / "report.txt")
    os.mkfifo(inputs / "pipe.pdf")
    out = tmp_path / "out"
    summary = run_bulk(BulkOptions(inputs=[str(inputs)], out_dir=out, jobs=1), Console(file=io.StringIO(), width=120))
    assert summary.parsed == 1
    with duckdb.connect(str(out / DATABASE_NAME), read_only=True) as con:
        errors = con.execute("SELECT path, code FROM errors").fetchall()
    assert errors == [(str(inputs / "pipe.pdf"), NOT_A_FILE)]
    assert not (out / f"{DATABASE_NAME}.wal").exists()


def test_bulk_of_inputs_without_report_files_creates_nothing(tmp_path: Path) -> None:
    """Caught by the same tester: `bulk emptydir --out out` created out/docextract.duckdb, then exited 2."""
    (tmp_path / "emptydir").mkdir()
    done = _cli("bulk", str(tmp_path / "emptydir"), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "no report files" in done.stderr.decode() and len(done.stderr.decode().strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()

"""`docextract bulk`: mixed batches, duplicates, exit codes, exports, kill -9 and resume, Dask.

The slow part is parsing, so the inputs are a handful of small corpus files and text
variants of them (same report, different bytes -> a distinct sha256).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest
from corpus import corpus_report
from paths import REPO
from pool_tasks import fake_task
from rich.console import Console
from typer.testing import CliRunner

from docextract.bulk import DATABASE_NAME, BulkOptions, BulkSummary, run_bulk
from docextract.bulk import tables as T
from docextract.bulk.executors import ProcessPool
from docextract.bulk.inputs import expand
from docextract.bulk.store import fetch_table
from docextract.bulk.task import Task, run_task
from docextract.cli import app
from docextract.model.record import InspectionReport

VOLATILE = {"reports": ("parse_seconds", "parsed_at"), "errors": ("recorded_at",)}
runner = CliRunner()


def _bulk(inputs: list[Path | str], out: Path, **options: Any) -> BulkSummary:
    options.setdefault("jobs", 2)
    console = Console(file=io.StringIO(), width=120)
    return run_bulk(BulkOptions(inputs=[str(i) for i in inputs], out_dir=out, **options), console)


def _tables(out: Path) -> dict[str, list[tuple[Any, ...]]]:
    with duckdb.connect(str(out / DATABASE_NAME), read_only=True) as con:
        return {t.name: fetch_table(con, t.name, VOLATILE.get(t.name, ())) for t in T.TABLES}


def _count(out: Path, table: str) -> int:
    with duckdb.connect(str(out / DATABASE_NAME), read_only=True) as con:
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        assert row is not None
        return int(row[0])


def _prose_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    lines = [
        "A short history of the allotment",
        "Allotments became popular in the nineteenth century as towns grew.",
        "Runner beans, onions and potatoes remain the favourite crops.",
        "Most sites have a waiting list and an annual show in late summer.",
    ]
    for i, line in enumerate(lines):
        pdf.drawString(72, 760 - 20 * i, line)
    pdf.showPage()
    pdf.save()
    return path


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two good reports, a duplicate of one, a corrupt PDF, a non-report PDF."""
    root = tmp_path_factory.mktemp("mixed")
    inputs = root / "in"
    (inputs / "sub").mkdir(parents=True)
    wakefield = corpus_report("2024-wakefield-pdu").pdf
    letter = corpus_report("2022-wales-regional-letter").pdf
    shutil.copy(wakefield, inputs / "a-wakefield.pdf")
    shutil.copy(letter, inputs / "b-letter.pdf")
    shutil.copy(wakefield, inputs / "sub" / "c-wakefield-copy.pdf")
    (inputs / "d-corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ntruncated")
    _prose_pdf(inputs / "e-allotments.pdf")
    (inputs / "notes.json").write_text("{}")  # not a report suffix: a directory walk skips it
    return {"root": root, "inputs": inputs}


@pytest.fixture(scope="module")
def mixed_run(mixed: dict[str, Path]) -> tuple[Path, BulkSummary]:
    out = mixed["root"] / "out-process"
    summary = _bulk([mixed["inputs"]], out, formats=["duckdb", "parquet", "csv", "jsonl"])
    return out, summary


def test_mixed_batch(mixed: dict[str, Path], mixed_run: tuple[Path, BulkSummary]) -> None:
    out, summary = mixed_run
    assert summary.files == 5
    assert (summary.distinct, summary.duplicates, summary.parsed, summary.skipped) == (4, 1, 2, 0)
    assert summary.failed_files == 2
    assert dict(summary.error_codes) == {"corrupt_pdf": 1, "not_a_report": 1}
    assert sorted((Path(p).name, code) for p, code, _ in summary.failures) == [
        ("d-corrupt.pdf", "corrupt_pdf"),
        ("e-allotments.pdf", "not_a_report"),
    ]
    assert summary.exit_code == 3
    tables = _tables(out)
    kinds = sorted((Path(r[3]).name, r[6]) for r in tables["reports"])
    assert kinds == [("a-wakefield.pdf", "pdu_inspection"), ("b-letter.pdf", "regional_letter")]
    errors = {Path(r[0]).name: r[2] for r in tables["errors"]}
    assert errors == {"d-corrupt.pdf": "corrupt_pdf", "e-allotments.pdf": "not_a_report"}
    by_path = {Path(r[0]).name: r[1] for r in tables["files"]}
    assert by_path["a-wakefield.pdf"] == by_path["c-wakefield-copy.pdf"]
    assert "notes.json" not in by_path
    # child tables hang off the reports, and carry pages
    shas = {r[0] for r in tables["reports"]}
    assert tables["standards"] and {r[0] for r in tables["standards"]} <= shas
    assert all(r[-2] is not None for r in tables["standards"])  # page
    assert all(r[-1] is True for r in tables["standards"])  # counted (no youth report here)
    # the record column is the parse record
    with duckdb.connect(str(out / DATABASE_NAME), read_only=True) as con:
        row = con.execute("SELECT record FROM reports WHERE path LIKE '%a-wakefield.pdf'").fetchone()
    assert row is not None
    record = InspectionReport.model_validate_json(row[0])
    assert record.units and record.units[0].standards


def test_exports_are_readable(mixed_run: tuple[Path, BulkSummary]) -> None:
    out, _ = mixed_run
    assert not list(out.rglob("*.tmp"))
    with duckdb.connect(str(out / DATABASE_NAME), read_only=True) as con:
        for table in T.TABLES:
            expected = con.execute(f"SELECT count(*) FROM {table.name}").fetchone()
            parquet = con.execute(f"SELECT count(*) FROM read_parquet('{out}/parquet/{table.name}.parquet')").fetchone()
            csv = con.execute(f"SELECT count(*) FROM read_csv('{out}/csv/{table.name}.csv', header=true)").fetchone()
            assert expected == parquet == csv, table.name
        ratings = con.execute(
            f"SELECT rating, count(*) FROM read_parquet('{out}/parquet/standards.parquet') GROUP BY ALL"
        ).fetchall()
        assert sum(n for _, n in ratings) > 0
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert {InspectionReport.model_validate_json(line).kind for line in lines} == {"pdu_inspection", "regional_letter"}


def test_rerun_skips_and_duplicates_nothing(mixed: dict[str, Path], mixed_run: tuple[Path, BulkSummary]) -> None:
    out, _ = mixed_run
    before = _tables(out)
    again = _bulk([mixed["inputs"]], out)
    assert (again.skipped, again.parsed, again.failed_files, again.exit_code) == (2, 0, 2, 3)
    assert _tables(out) == before


def test_dask_executor_gives_the_same_tables(mixed: dict[str, Path], mixed_run: tuple[Path, BulkSummary]) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        out = mixed["root"] / "out-dask"
        summary = _bulk([mixed["inputs"]], out, executor="dask", scheduler=cluster.scheduler_address)
    assert summary.exit_code == 3
    assert _tables(out) == _tables(mixed_run[0])


def test_validate_stores_findings(tmp_path: Path) -> None:
    validate = pytest.importorskip("docextract.pipeline")
    report = corpus_report("2024-wakefield-pdu").text
    out = tmp_path / "out"
    summary = _bulk([report], out, validate=True, jobs=1)
    assert summary.exit_code == 0
    issues = validate.validate(str(report.absolute())).issues
    tables = _tables(out)
    assert len(tables["validation_issues"]) == len(issues)
    assert [r[2] for r in tables["validation_issues"]] == [i.code for i in issues]
    assert tables["reports"][0][22:24] == (True, len(issues))
    # asking again without --validate skips; the validated report already satisfies it
    assert _bulk([report], out, jobs=1).skipped == 1


def test_exit_codes(tmp_path: Path) -> None:
    good = corpus_report("2022-wales-regional-letter").text
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.4\n%%EOF garbage")
    ok = runner.invoke(app, ["bulk", str(good), "--out", str(tmp_path / "ok"), "-j", "1"])
    assert ok.exit_code == 0, ok.output
    assert "parsed now" in ok.stdout
    none = runner.invoke(app, ["bulk", str(corrupt), str(tmp_path / "nope.pdf"), "--out", str(tmp_path / "none")])
    assert none.exit_code == 2, none.output
    some = runner.invoke(app, ["bulk", str(good), str(corrupt), "--out", str(tmp_path / "some"), "-j", "1"])
    assert some.exit_code == 3, some.output
    empty = runner.invoke(app, ["bulk", str(tmp_path / "nothing-*.pdf"), "--out", str(tmp_path / "empty")])
    assert empty.exit_code == 2
    bad = runner.invoke(app, ["bulk", str(good), "--out", str(tmp_path / "bad"), "--format", "xlsx"])
    assert bad.exit_code == 2 and "unknown format" in bad.stderr


# -- resume after kill -9 -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 distinct text files: two small reports, each with 20 different trailing blank runs."""
    root = tmp_path_factory.mktemp("variants")
    for name in ("2022-wales-regional-letter", "2024-wakefield-pdu"):
        text = corpus_report(name).text.read_bytes()
        for i in range(20):
            (root / f"{name}-{i:02d}.txt").write_bytes(text + b"\n" * (i + 1))
    return root


@pytest.mark.slow
def test_kill_9_then_resume_loses_and_duplicates_nothing(variants: Path, tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    full = _bulk([variants], reference)
    assert (full.parsed, full.exit_code) == (40, 0)

    out = tmp_path / "killed"
    command = [sys.executable, "-m", "docextract.cli", "bulk", str(variants), "--out", str(out), "-j", "1", "-v"]
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=REPO)
    assert proc.stderr is not None
    deadline = time.monotonic() + 60
    try:
        for line in proc.stderr:
            if line.startswith("committed") or time.monotonic() > deadline:
                break
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    partial = _count(out, "reports")
    assert 0 < partial < 40, "the kill should land part way"

    resumed = _bulk([variants], out)
    assert (resumed.skipped, resumed.parsed, resumed.exit_code) == (partial, 40 - partial, 0)
    assert _tables(out) == _tables(reference)

    # a report stored by another schema version is parsed again and replaced, not duplicated
    with duckdb.connect(str(out / DATABASE_NAME)) as con:
        con.execute("UPDATE reports SET schema_version = '0' WHERE sha256 = (SELECT min(sha256) FROM reports)")
    assert _bulk([variants], out).parsed == 1
    assert _tables(out) == _tables(reference)


# -- the process pool: time limit, crashes, recycling -------------------------------------------


def test_pool_kills_stuck_workers_and_recycles() -> None:
    names = ["ok-1", "hang", "ok-2", "crash", "ok-3", "ok-4", "ok-5"]
    tasks = [Task(sha256=n, path=n, paths=(n,)) for n in names]
    # The time limit counts from when a worker starts the task: a new worker importing the task's
    # module does not eat into it, and that module (tests/support/pool_tasks.py) is cheap to import, so a
    # new worker never holds back another's result (see its docstring).
    # 3 s: enough for a trivial task on a starved machine (imports no longer count, see
    # tests/regressions/test_pool_time_limit_counts_worker_import.py), far below the hanging task's 60 s.
    pool = ProcessPool(jobs=2, timeout=3.0, tasks_per_worker=2, fn=fake_task, poll=0.1)
    started = time.monotonic()
    results = {r.task.path: r for r in pool.map(tasks)}
    assert time.monotonic() - started < 60
    assert set(results) == set(names)
    assert results["hang"].error_code == "timeout"
    assert results["crash"].error_code == "worker_crashed"
    assert "exit code 7" in (results["crash"].error_message or "")
    late = {n: (r.error_code, r.error_message) for n, r in results.items() if n[:2] == "ok" and r.error_code != "fake"}
    assert not late, late
    # 5 ok tasks at 2 per worker: at least 3 different worker processes returned them
    assert len({results[n].error_message for n in names if n.startswith("ok")}) >= 3


def test_run_task_never_raises(tmp_path: Path) -> None:
    result = run_task(Task(sha256="x", path=str(tmp_path / "nope.pdf"), paths=("nope",)))
    assert (result.ok, result.error_code) == (False, "not_found")


# -- inputs and the table reference -----------------------------------------------------------------


def test_expand_files_directories_globs(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.pdf", "a/b/two.txt", "a/b/skip.json", "a/.hidden.pdf", "three.md"):
        (tmp_path / name).write_text("x")
    found = expand([str(tmp_path / "a"), str(tmp_path / "*.md"), str(tmp_path / "a/one.pdf"), str(tmp_path / "z*")])
    names = [Path(p).relative_to(tmp_path).as_posix() for p in found.files]
    assert names == ["a/one.pdf", "a/b/two.txt", "three.md"]
    assert found.unmatched == [str(tmp_path / "z*")]
    recursive = expand([str(tmp_path / "**" / "*.txt")])
    assert [Path(p).name for p in recursive.files] == ["two.txt"]


def test_table_reference_covers_every_table() -> None:
    text = T.markdown()
    assert all(f"`{t.name}`" in text for t in T.TABLES)
    assert json.dumps(T.BY_NAME["reports"].names)  # plain, serialisable names

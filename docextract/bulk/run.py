"""Orchestration of `docextract bulk`: inputs -> hashes -> skip what is done -> parse in
parallel -> stream results to the database in small transactions -> exports -> summary."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from rich.console import Console

from ..model.codes import INTERNAL_ERROR
from ..serialize import formats as output_formats
from . import interrupt
from . import tables as T
from .executors import DaskExecutor, Executor, ExecutorError, ProcessPool, TaskFn
from .inputs import Expanded, Hashed, expand, hash_files
from .progress import BulkProgress
from .rows import Rows
from .store import DATABASE_NAME, ErrorRecord, Store, StoreError
from .summary import BulkSummary
from .task import Task, TaskResult, load_validate, run_task


class BulkError(Exception):
    """The run cannot start (bad options, database locked, ...): exit code 2."""


@dataclass
class BulkOptions:
    """The options of a bulk run (the `docextract bulk` command's arguments), with their defaults."""

    inputs: Sequence[str]
    out_dir: Path
    formats: list[str] = field(default_factory=lambda: ["duckdb"])
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    timeout: float = 120.0
    tasks_per_worker: int = 50
    validate: bool = False
    keep_unknown: bool = False
    executor: str = "process"  # or "dask"
    scheduler: str | None = None
    verbose: bool = False
    quiet: bool = False  # no progress on stderr
    batch_size: int = 25  # reports per transaction at most
    batch_seconds: float = 1.0  # commit at least this often while results arrive


class _Writer:
    """Buffers finished results and commits them in small transactions."""

    def __init__(self, store: Store, options: BulkOptions, progress: BulkProgress) -> None:
        self.store, self.options, self.progress = store, options, progress
        self.reports: list[tuple[Rows, Sequence[str]]] = []
        self.errors: list[ErrorRecord] = []
        self.last_flush = time.monotonic()

    def add(self, result: TaskResult) -> None:
        if result.rows is not None:
            self.reports.append((result.rows, result.task.paths))
        else:
            code, message = result.error_code or INTERNAL_ERROR, result.error_message or ""
            self.errors.extend(ErrorRecord(p, result.task.sha256, code, message) for p in result.task.paths)
        pending = len(self.reports) + len(self.errors)
        if pending >= self.options.batch_size or time.monotonic() - self.last_flush >= self.options.batch_seconds:
            self.flush()

    def flush(self) -> None:
        with _uninterrupted():  # the batch is committed and forgotten together, or not at all
            if self.reports or self.errors:
                self.store.write_batch(self.reports, self.errors)
                self.progress.log(f"committed {len(self.reports)} reports, {len(self.errors)} errors")
                self.reports, self.errors = [], []
        self.last_flush = time.monotonic()


@contextlib.contextmanager
def _uninterrupted() -> Iterator[None]:
    """Ctrl-C or SIGTERM during a commit waits for its end, then interrupts (KeyboardInterrupt).

    A signal met by DuckDB inside a statement abandons it with a RuntimeError ("Query interrupted"),
    not a KeyboardInterrupt: the run would end with a traceback and exit 1, not 130, and without
    its summary. The handlers are swapped on the main thread only (elsewhere signals go to it)."""
    caught: list[int] = []
    with interrupt.handlers(lambda signum, frame: caught.append(signum)):
        yield
    if caught:
        raise KeyboardInterrupt


_NAMED_INPUTS = 5  # bad inputs named one by one in the error line; more are counted

def _plan(
    hashed: Sequence[Hashed], options: BulkOptions, done: set[str], summary: BulkSummary
) -> tuple[list[Task], list[ErrorRecord]]:
    groups: dict[str, list[str]] = {}
    errors: list[ErrorRecord] = []
    for item in hashed:
        if item.sha256 is None:
            errors.append(ErrorRecord(item.path, None, item.code, item.error or "cannot read the file"))
        else:
            groups.setdefault(item.sha256, []).append(item.path)
    summary.distinct = len(groups)
    summary.duplicates = sum(len(paths) - 1 for paths in groups.values())
    tasks = [
        Task(sha, paths[0], tuple(paths), validate=options.validate, keep_unknown=options.keep_unknown)
        for sha, paths in groups.items()
        if sha not in done
    ]
    summary.skipped = len(groups) - len(tasks)
    return tasks, errors


def _executor(options: BulkOptions, task_fn: TaskFn) -> Executor:
    if options.executor == "dask":
        if not options.scheduler:
            raise BulkError("--executor dask needs --scheduler ADDRESS (a running dask.distributed scheduler)")
        try:
            import distributed  # noqa: F401
        except ImportError as exc:
            raise BulkError("--executor dask needs dask.distributed: pip install 'docextract[dask]'") from exc
        return DaskExecutor(options.scheduler, options.timeout, fn=task_fn)
    if options.executor != "process":
        raise BulkError(f"unknown executor '{options.executor}': choose process or dask")
    return ProcessPool(options.jobs, options.timeout, options.tasks_per_worker, fn=task_fn)


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C: commit what is finished, stop the workers, exit 130."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_bulk(
    options: BulkOptions,
    console: Console | None = None,
    task_fn: TaskFn = run_task,
) -> BulkSummary:
    """Run a bulk extraction. Raises BulkError when it cannot start; everything else is recorded."""
    started = time.monotonic()
    console = console or Console(stderr=True)
    out_dir = Path(options.out_dir)
    summary = BulkSummary(out_dir=str(out_dir))
    executor, expanded = _prepare(options, task_fn, out_dir)
    summary.files = len(expanded.files)
    summary.validated = options.validate
    try:
        store = Store(out_dir / DATABASE_NAME)
    except StoreError as exc:
        raise BulkError(str(exc)) from exc
    with store, _sigterm_as_interrupt(), BulkProgress(console, options.verbose, options.quiet) as progress:
        writer = _Writer(store, options, progress)
        try:
            tasks = _tasks(expanded.files, options, store, summary, progress)
            _parse_all(executor, tasks, writer, summary, progress)
            writer.flush()
        except KeyboardInterrupt:
            summary.interrupted = True
            progress.interrupt()  # "parsing 12/2,001 (interrupted: 12 done, 1,989 left)", never "(done)"
            writer.flush()  # finished results are whole reports: keep them
        summary.workers = getattr(executor, "workers", 0)
        if not summary.interrupted:
            _export_all(options, store, out_dir, summary, progress)
    summary.seconds = time.monotonic() - started
    return summary


def _prepare(options: BulkOptions, task_fn: TaskFn, out_dir: Path) -> tuple[Executor, Expanded]:
    """The executor (a Dask one connected) and the inputs expanded; BulkError when the run cannot
    start (no pipeline for --validate, an output path that is a file, an input that matches nothing,
    no report file in the inputs, an unreachable scheduler), before anything is created."""
    if options.validate and load_validate() is None:
        raise BulkError("--validate needs docextract.pipeline, which this docextract does not have")
    executor = _executor(options, task_fn)
    if out_dir.exists() and not out_dir.is_dir():
        raise BulkError(f"{out_dir}: exists and is not a directory")
    expanded = expand(options.inputs)
    if expanded.unmatched:  # a mistyped path: say so before creating anything
        named = expanded.unmatched[:_NAMED_INPUTS]  # every bad input named when few; a count beyond
        more = f" (and {len(expanded.unmatched) - len(named)} more)" if len(expanded.unmatched) > len(named) else ""
        raise BulkError(f"{', '.join(named)}: no such file or directory, or no glob match{more}")
    if not expanded.files:  # directories without a report file: nothing to do, nothing created
        raise BulkError(f"{', '.join(options.inputs[:_NAMED_INPUTS])}: no report files (.pdf, .docx, .txt, .md) in it")
    if isinstance(executor, DaskExecutor):
        try:
            executor.connect()
        except ExecutorError as exc:
            raise BulkError(str(exc)) from None
    return executor, expanded


def _tasks(
    files: Sequence[str], options: BulkOptions, store: Store, summary: BulkSummary, progress: BulkProgress
) -> list[Task]:
    """The files hashed and recorded, and the tasks left to do: one per distinct content not done
    already (unreadable files stored as errors, reports done before counted as skipped)."""
    progress.phase("hashing", len(files))
    hashed = hash_files(files, on_done=lambda _: progress.advance())
    with _uninterrupted():
        store.record_files([(h.path, h.sha256, h.size) for h in hashed])
        tasks, errors = _plan(hashed, options, store.done(validated=options.validate), summary)
        store.write_batch([], errors)
    for error in errors:
        summary.fail(error.path, error.code, error.message)
        progress.log(f"failed {error.path}: {error.code}: {error.message}")
    if summary.skipped:
        progress.log(f"{summary.skipped} reports already in {summary.out_dir}: skipped")
    return tasks


def _parse_all(
    executor: Executor, tasks: list[Task], writer: _Writer, summary: BulkSummary, progress: BulkProgress
) -> None:
    """Every task run by the executor, each result counted and handed to the writer as it comes."""
    progress.phase("parsing", len(tasks))
    summary.planned = len(tasks)
    parse_started = time.monotonic()
    with interrupt.deferred(), contextlib.closing(executor.map(tasks)) as results:
        for result in results:
            _count(result, summary, progress)
            progress.advance(failed=not result.ok)
            summary.parse_seconds = time.monotonic() - parse_started
            writer.add(result)  # last: a Ctrl-C met while it commits is raised once this result is counted
            interrupt.check()


def _count(result: TaskResult, summary: BulkSummary, progress: BulkProgress) -> None:
    """One result in the summary (parsed with its findings' codes, or failed for each of its paths)."""
    summary.processed += 1
    if result.worker_peak_rss:
        summary.worker_peak_rss = max(summary.worker_peak_rss or 0, result.worker_peak_rss)
    if result.ok:
        summary.parsed += 1
        assert result.rows is not None
        summary.findings.update(str(row[3]) for row in result.rows.get("validation_issues", []))
        progress.log(f"parsed {result.task.path} ({result.seconds:.2f} s)")
    else:
        for path in result.task.paths:
            summary.fail(path, result.error_code or INTERNAL_ERROR, result.error_message or "")
        progress.log(f"failed {result.task.path}: {result.error_code}: {result.error_message}")


def _export_all(
    options: BulkOptions, store: Store, out_dir: Path, summary: BulkSummary, progress: BulkProgress
) -> None:
    """The tables exported in every format asked for besides DuckDB, each named in the summary."""
    extra = [f for f in options.formats if f != "duckdb"]
    if extra:
        progress.phase("exporting", len(extra))
        for fmt in extra:
            paths = output_formats.writer(fmt, "bulk")(store.con, out_dir, fmt, T.TABLES)
            written = [str(path.relative_to(out_dir)) for path in paths]
            summary.exports.append(written[0] if len(written) == 1 else f"{fmt}/ ({len(written)} tables)")
            progress.advance()

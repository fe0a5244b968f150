"""One unit of bulk work: parse (or validate) one file and flatten it into rows.

`run_task` runs in a worker (a pool process or a Dask worker). It never raises: every
failure comes back as a TaskResult with an error code, so one bad file cannot stop a batch.
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..model.codes import CHANGED, INTERNAL_ERROR, LITTLE_TEXT, NOT_A_REPORT, UNKNOWN_DOCUMENT, VALIDATE_UNAVAILABLE
from ..model.errors import DocextractError
from ..model.record import InspectionReport
from ..pipeline import parse
from .rows import Rows, report_rows

# pdfium is not thread-safe: serialise parses when a worker runs tasks on threads (Dask).
_PARSE_LOCK = threading.Lock()


@dataclass(frozen=True)
class Task:
    """One distinct report to parse: its hash, the path read and every input path with the same content."""

    sha256: str
    path: str  # the path parsed
    paths: tuple[str, ...]  # every input path with this content (path first)
    validate: bool = False
    keep_unknown: bool = False


@dataclass
class TaskResult:
    """A task's outcome: the table rows of its report, or an error code and message; time and worker memory."""

    task: Task
    rows: Rows | None = None
    error_code: str | None = None
    error_message: str | None = None
    seconds: float = 0.0
    worker: str = ""
    worker_peak_rss: int | None = None  # bytes

    @property
    def ok(self) -> bool:
        """Whether the report was parsed (it has rows)."""
        return self.rows is not None


class ValidationResultLike(Protocol):
    """What `docextract.pipeline.validate` returns, as the bulk task uses it."""

    @property
    def report(self) -> InspectionReport:
        """The parsed record."""

    @property
    def issues(self) -> Sequence[Any]:
        """The findings of the checks."""


def load_validate() -> Callable[[str], ValidationResultLike] | None:
    """`docextract.pipeline.validate`, or None when this docextract has no validation module."""
    try:
        module = importlib.import_module("docextract.pipeline")
    except ModuleNotFoundError as exc:
        if exc.name in ("docextract.pipeline", "docextract"):
            return None
        raise
    function: Callable[[str], ValidationResultLike] | None = getattr(module, "validate", None)
    return function


def peak_rss() -> int | None:
    """This process's peak resident set size in bytes (None where unknown)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return None
    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(value if sys.platform == "darwin" else value * 1024)


def error_result(task: Task, code: str, message: str, seconds: float = 0.0) -> TaskResult:
    """A failed task's result: its error code and message."""
    return TaskResult(task, error_code=code, error_message=message, seconds=seconds)


def run_task(task: Task) -> TaskResult:
    """Parse (and with `validate`, check) one report in a worker: its table rows, or a coded error; never raises."""
    started = time.perf_counter()
    try:
        issues: Sequence[Any] | None = None
        with _PARSE_LOCK:
            if task.validate:
                validate = load_validate()
                if validate is None:
                    raise DocextractError(task.path, VALIDATE_UNAVAILABLE, "docextract.pipeline is not installed")
                outcome = validate(task.path)
                report, issues = outcome.report, list(outcome.issues)
            else:
                report = parse(task.path)
        seconds = time.perf_counter() - started
        if report.source.sha256 != task.sha256:
            result = error_result(task, CHANGED, "the file changed while the batch was running", seconds)
        elif report.kind == "unknown" and not task.keep_unknown:
            message = next(
                (w.message for w in report.warnings if w.code in (UNKNOWN_DOCUMENT, LITTLE_TEXT)),
                "not recognised as an inspection report",
            )
            result = error_result(task, NOT_A_REPORT, message, seconds)
        else:
            result = TaskResult(task, rows=report_rows(report, path=task.path, parse_seconds=seconds, issues=issues))
            result.seconds = seconds
    except DocextractError as exc:
        result = error_result(task, exc.code, exc.reason, time.perf_counter() - started)
    except Exception as exc:  # a parser bug must not stop the batch
        message = f"{type(exc).__name__}: {exc}"
        result = error_result(task, INTERNAL_ERROR, message[:2000], time.perf_counter() - started)
    result.worker = f"{os.uname().nodename if hasattr(os, 'uname') else ''}:{os.getpid()}"
    result.worker_peak_rss = peak_rss()
    return result

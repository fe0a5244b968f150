"""What a person watching a bulk run sees: a progress bar on a terminal, optional per-file log
lines, and the final summary table."""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from .summary import BulkSummary


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed * 60:,.0f}/min" if speed else "-/min", style="progress.data.speed")


class _ErrorsColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        errors = int(task.fields.get("errors", 0))
        return Text(f"{errors} errors", style="red" if errors else "dim")


class BulkProgress:
    """Progress on stderr: a live bar on a terminal; elsewhere (a log, CI, a pipe) a plain line
    every `interval` seconds and at the end of each phase; nothing when `quiet`. `verbose` adds
    a line per file and per commit."""

    def __init__(self, console: Console, verbose: bool = False, quiet: bool = False, interval: float = 5.0) -> None:
        self.console = console
        self.verbose = verbose
        self.quiet = quiet
        self.live = console.is_terminal and not quiet
        self.plain = not console.is_terminal and not quiet
        self.interval = interval
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            _RateColumn(),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            _ErrorsColumn(),
            console=console,
            disable=not self.live,
            transient=False,
        )
        self._task: TaskID | None = None
        self._errors = 0
        self._phase = ""
        self._total = 0
        self._done = 0
        self._phase_started = 0.0
        self._last_line = 0.0
        self._interrupted = False

    def __enter__(self) -> BulkProgress:
        self.progress.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._plain_line(final=True)
        self.progress.stop()

    def phase(self, description: str, total: int) -> None:
        """Start a phase of `total` steps (hashing, parsing, exporting): a new progress bar, errors counted from 0."""
        self._plain_line(final=True)
        if self._task is not None:
            self.progress.remove_task(self._task)
        self._errors = 0
        self._phase, self._total, self._done = description, total, 0
        self._phase_started = self._last_line = time.monotonic()
        self._task = self.progress.add_task(description, total=total, errors=0)

    def interrupt(self) -> None:
        """The run was interrupted (Ctrl-C, SIGTERM): the phase ends saying so, with what was done and
        what is left, never as done."""
        self._interrupted = True
        if self._task is not None:
            self.progress.update(self._task, description=f"{self._phase} (interrupted)")
        self._plain_line(final=True)

    def advance(self, failed: bool = False) -> None:
        """One step of the phase done (`failed`: counted as an error too)."""
        if failed:
            self._errors += 1
        self._done += 1
        if self._task is not None:
            self.progress.update(self._task, advance=1, errors=self._errors)
        if self.plain and time.monotonic() - self._last_line >= self.interval:
            self._plain_line()

    def _plain_line(self, final: bool = False) -> None:
        if not self.plain or not self._phase or (final and self._done == 0 and self._total == 0):
            return
        elapsed = time.monotonic() - self._phase_started
        line = f"docextract bulk: {self._phase} {self._done:,}/{self._total:,}"
        if self._errors:
            line += f", {self._errors:,} failed"
        if self._done and elapsed > 0 and self._phase == "parsing":
            line += f", {self._done * 60 / elapsed:,.0f}/min"
            if not final and self._done < self._total:
                line += f", about {(self._total - self._done) * elapsed / self._done:,.0f} s left"
        line += f", {elapsed:,.0f} s"
        if self._interrupted:
            line += f" (interrupted: {self._done:,} done, {self._total - self._done:,} left)"
        elif final:
            line += " (done)"
        self.console.print(line, markup=False, highlight=False, soft_wrap=True)
        self._last_line = time.monotonic()
        if final:
            self._phase = ""

    def log(self, message: str) -> None:
        """Print `message` on stderr with --verbose; nothing otherwise."""
        if self.verbose:
            self.progress.console.print(message, markup=False, highlight=False, soft_wrap=True)


def _mb(value: int | None) -> str:
    return f"{value / 1e6:,.0f} MB" if value else "-"


FAILED_SHOWN = 20  # failed files named in the summary; all are in the `errors` table


def summary_table(summary: BulkSummary) -> Table:
    """The run's summary as a two-column rich table: files, reports, failures, time, memory, exports."""
    table = Table(title="docextract bulk", title_justify="left", show_header=False)
    table.add_column("", style="bold")
    table.add_column("", justify="right")
    rows: list[tuple[str, str]] = [
        ("input files", f"{summary.files:,}"),
        ("distinct reports (by sha256)", f"{summary.distinct:,}"),
        ("duplicate files (parsed once)", f"{summary.duplicates:,}"),
        ("already in the output (skipped)", f"{summary.skipped:,}"),
        ("parsed now", f"{summary.parsed:,}"),
        ("failed files", f"{summary.failed_files:,}"),
    ]
    rows.extend((f"  {code}", f"{count:,}") for code, count in sorted(summary.error_codes.items()))
    if summary.validated:
        rows.append(("validation findings", f"{sum(summary.findings.values()):,}"))
        rows.extend((f"  {severity}", f"{summary.findings[severity]:,}") for severity in _severities(summary))
    rows += [
        ("time", f"{summary.seconds:,.1f} s"),
        ("rate", f"{summary.rate_per_minute:,.0f} reports/min" if summary.rate_per_minute else "-"),
        ("worker processes", f"{summary.workers:,}" if summary.workers else "-"),
        ("peak RSS per worker", _mb(summary.worker_peak_rss)),
        ("output", summary.out_dir),
    ]
    if summary.exports:
        rows.append(("exports", ", ".join(summary.exports)))
    if summary.interrupted:
        rows.append(("interrupted", _interrupted(summary)))
    for name, value in rows:
        table.add_row(name, value)
    return table


def _interrupted(summary: BulkSummary) -> str:
    """What an interrupted run did and left: the reports of its parsing phase processed and left."""
    if summary.planned is None:
        return "yes, before parsing began: run again to finish"
    left = summary.planned - summary.processed
    return f"yes, {summary.processed:,} of {summary.planned:,} reports done, {left:,} left: run again to finish"


def _severities(summary: BulkSummary) -> list[str]:
    """error and warning always (0 is news too), then any other severity found."""
    return ["error", "warning", *sorted(s for s in summary.findings if s not in ("error", "warning"))]


def failures_text(summary: BulkSummary) -> Text:
    """The failed files with their codes: the first FAILED_SHOWN, then how many more."""
    text = Text()
    if not summary.failures:
        return text
    text.append(f"failed files ({summary.failed_files:,}; all in the errors table of {summary.out_dir}):\n")
    for path, code, message in summary.failures[:FAILED_SHOWN]:
        text.append(f"  {path}: {code}: {message}\n")
    if len(summary.failures) > FAILED_SHOWN:
        text.append(f"  ... and {len(summary.failures) - FAILED_SHOWN:,} more\n")
    return text


def print_summary(summary: BulkSummary, console: Console) -> None:
    """The summary table, then the failed files."""
    console.print(summary_table(summary))
    failures = failures_text(summary)
    if failures:
        console.print(failures, end="", soft_wrap=True)

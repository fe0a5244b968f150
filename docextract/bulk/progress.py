"""What a person watching a bulk run sees: a progress bar on a terminal, optional per-file log
lines, and the final summary table."""

from __future__ import annotations

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
    """Progress bar when `console` is a terminal (silent otherwise); `verbose` adds a line per file."""

    def __init__(self, console: Console, verbose: bool = False) -> None:
        self.console = console
        self.verbose = verbose
        self.enabled = console.is_terminal
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
            disable=not self.enabled,
            transient=False,
        )
        self._task: TaskID | None = None
        self._errors = 0

    def __enter__(self) -> BulkProgress:
        self.progress.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.progress.stop()

    def phase(self, description: str, total: int) -> None:
        if self._task is not None:
            self.progress.remove_task(self._task)
        self._errors = 0
        self._task = self.progress.add_task(description, total=total, errors=0)

    def advance(self, failed: bool = False) -> None:
        if failed:
            self._errors += 1
        if self._task is not None:
            self.progress.update(self._task, advance=1, errors=self._errors)

    def log(self, message: str) -> None:
        if self.verbose:
            self.progress.console.print(message, markup=False, highlight=False, soft_wrap=True)


def _mb(value: int | None) -> str:
    return f"{value / 1e6:,.0f} MB" if value else "-"


def summary_table(summary: BulkSummary) -> Table:
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
    rows += [
        ("time", f"{summary.seconds:,.1f} s"),
        ("rate", f"{summary.rate_per_minute:,.0f} files/min" if summary.rate_per_minute else "-"),
        ("workers started", f"{summary.workers_started:,}" if summary.workers_started else "-"),
        ("peak RSS per worker", _mb(summary.worker_peak_rss)),
        ("output", summary.out_dir),
    ]
    if summary.exports:
        rows.append(("exports", ", ".join(summary.exports)))
    if summary.interrupted:
        rows.append(("interrupted", "yes: run again to finish"))
    for name, value in rows:
        table.add_row(name, value)
    return table

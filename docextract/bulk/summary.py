"""What a bulk run did, and the exit code that follows from it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model.codes import EXIT_INTERRUPTED, EXIT_OK, EXIT_SOME_FAILED, EXIT_UNREADABLE

EXIT_NONE_READ = EXIT_UNREADABLE  # no file of the batch could be read


@dataclass
class BulkSummary:
    """The counts of a bulk run (files, reports parsed, skipped, failed), its timings and its exit code."""

    out_dir: str
    files: int = 0  # input files found (plus inputs matching nothing)
    distinct: int = 0  # distinct contents among readable files
    duplicates: int = 0  # files whose content another input path already has
    skipped: int = 0  # distinct reports already in the output
    parsed: int = 0  # distinct reports parsed and stored by this run
    processed: int = 0  # tasks finished by this run (parsed or failed)
    planned: int | None = None  # tasks (distinct reports) to parse in this run; None before parsing began
    failed_files: int = 0  # input files (paths) recorded in `errors` by this run
    error_codes: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (path, code, message), in order
    validated: bool = False  # --validate: findings were counted
    findings: Counter[str] = field(default_factory=Counter)  # validation findings by severity
    seconds: float = 0.0
    parse_seconds: float = 0.0  # wall time of the parsing phase
    workers: int = 0  # worker processes run at a time (the pool size used); 0 when unknown (Dask)
    worker_peak_rss: int | None = None  # bytes, the largest of any worker
    exports: list[str] = field(default_factory=list)
    interrupted: bool = False

    @property
    def rate_per_minute(self) -> float | None:
        """Reports parsed per minute of the parsing phase; None when none was parsed."""
        return self.parsed * 60 / self.parse_seconds if self.parsed and self.parse_seconds > 0 else None

    def fail(self, path: str, code: str, message: str) -> None:
        """Count one failed input file."""
        self.failed_files += 1
        self.error_codes[code] += 1
        self.failures.append((path, code, message))

    @property
    def exit_code(self) -> int:
        """The command's exit code: 130 interrupted, 0 every file parsed, 2 none read, else 3 (some failed)."""
        if self.interrupted:
            return EXIT_INTERRUPTED
        if self.failed_files == 0 and self.files > 0:
            return EXIT_OK
        if self.parsed + self.skipped == 0:
            return EXIT_NONE_READ
        return EXIT_SOME_FAILED

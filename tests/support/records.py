"""One read of a report file per test process, shared by every test that reads the same file.

`validated(path)` is `docextract.validate(path)` (the public entry point: read, parse, check) run
once per file and kept; `parsed(path)` is its record, which is exactly `docextract.parse(path)`
(`validate` parses, then checks the record alone: `validation.run.validate_record`). A test gets
a deep copy each time, so what one test does with a record never reaches another.

Keyed by the resolved path, its size and its modification time: a file rewritten in place is read
again. At most `KEEP` files are kept (least recently used first out): a generated report's record
is about half a megabyte. Only for report files: a record file (.json) goes to `validate` itself.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from docextract import validate
from docextract.model.record import InspectionReport
from docextract.validation.run import ValidationResult

KEEP = 256


@lru_cache(maxsize=KEEP)
def _validated(path: Path, size: int, mtime_ns: int) -> ValidationResult:
    return validate(path)


def _kept(path: str | os.PathLike[str]) -> ValidationResult:
    file = Path(path).resolve()
    stat = file.stat()
    return _validated(file, stat.st_size, stat.st_mtime_ns)


def validated(path: str | os.PathLike[str]) -> ValidationResult:
    """`docextract.validate(path)`, read once per process; a deep copy of the kept result."""
    return _kept(path).model_copy(deep=True)


def parsed(path: str | os.PathLike[str]) -> InspectionReport:
    """`docextract.parse(path)`, read once per process; a deep copy of the kept record."""
    return _kept(path).report.model_copy(deep=True)

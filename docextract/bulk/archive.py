"""Reports read back from a bulk archive (`DIR/docextract.duckdb`), to be checked without their files.

`docextract validate out/docextract.duckdb` checks every report the archive holds (or those chosen
with `--report`), each from its row alone: the `reports.record` column holds the whole record as
`docextract parse -f json` writes it (its `statements` included, which the `statements` table also
lists row by row), so the findings are those of the report's file, field for field
(`docextract.validation.run.check`). A record stored before docextract kept statements has
`statements: null`; its text checks cannot run, and its result says so (`checks_not_run`), never "ok".

Files the bulk run could not make into a report (its `errors` table) are reported as validating
the files reports them: unreadable (its code and message: exit 2), or, for a file not recognised as
a report (`not_a_report`), the `not_checked` error that nothing could be checked (exit 1).

The archive is opened read-only: reading it never changes it, and a bulk run writing it meanwhile
makes it refused as locked (`unreadable`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from ..model.codes import EMPTY, NOT_A_RECORD, NOT_A_REPORT, NOT_AN_ARCHIVE, NOT_CHECKED, NOT_FOUND, UNREADABLE
from ..model.errors import DocextractError
from ..model.record import InspectionReport

if TYPE_CHECKING:
    import duckdb

    from ..serialize.findings import FileFindings


@dataclass(frozen=True)
class ArchivedReport:
    """One report of an archive: its `sha256`, the `path` it was parsed from (the first, when the same
    file was at several paths), and its `report` rebuilt from the row, or `error` (its record is not
    one this docextract reads: code `not_a_record`) with `report` None."""

    sha256: str
    path: str
    report: InspectionReport | None = None
    error: DocextractError | None = None


@dataclass(frozen=True)
class ArchivedError:
    """One row of an archive's `errors` table: a file the bulk run could not make into a report."""

    path: str
    code: str
    message: str


# A DuckDB database file starts with an 8-byte checksum, then these bytes (DuckDB's storage format).
_MAGIC = b"DUCK"


def _connect(archive: str) -> duckdb.DuckDBPyConnection:
    """A read-only DuckDB connection to `archive`; DocextractError when it is not one."""
    import duckdb

    file = Path(archive)
    if not file.exists():
        raise DocextractError(archive, NOT_FOUND, "no such file")
    if file.is_dir():
        raise DocextractError(archive, NOT_AN_ARCHIVE, "is a directory, not a bulk archive")
    try:
        with file.open("rb") as handle:
            header = handle.read(len(_MAGIC) + 8)
    except OSError as exc:
        raise DocextractError(archive, UNREADABLE, f"cannot read the file ({exc.strerror or exc})") from None
    if header[8:] != _MAGIC:
        raise DocextractError(archive, NOT_AN_ARCHIVE, "not a DuckDB database (no DuckDB file header)")
    try:
        con = duckdb.connect(archive, read_only=True)
    except duckdb.Error as exc:  # locked by a running bulk, a newer DuckDB's format, ...
        raise DocextractError(archive, UNREADABLE, f"cannot open the archive ({_first_line(exc)})") from None
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "reports" not in tables:
        con.close()
        raise DocextractError(archive, NOT_AN_ARCHIVE, "not a docextract bulk archive (no reports table)")
    return con


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def read_archive(archive: str | os.PathLike[str], select: Sequence[str] = ()) -> list[ArchivedReport]:
    """The reports of a bulk archive, in the order of their paths; with `select`, only those each
    selector names: a sha256 (or a prefix of it, at least 6 hex digits, naming one report) or a path
    the report was read from (any of its paths in the `files` table, as given or absolute).

    Raises DocextractError: `not_found`, `unreadable` (locked by a running bulk, permissions),
    `not_an_archive` (not DuckDB, or no reports table), `not_found` (no such file, or a selector
    naming no report or several)."""
    return read_archive_all(archive, select)[0]


def read_archive_all(
    archive: str | os.PathLike[str], select: Sequence[str] = ()
) -> tuple[list[ArchivedReport], list[ArchivedError]]:
    """The reports of a bulk archive (as `read_archive`) and the files it could not read (its
    `errors` rows, in path order); a selector may name an error row's path (as given or absolute).
    Raises DocextractError as `read_archive`."""
    name = os.fspath(archive)
    con = _connect(name)
    try:
        rows = con.execute("SELECT sha256, path, record FROM reports ORDER BY path, sha256").fetchall()
        errors = _errors(con)
        error_paths = {e.path for e in errors}
        rest = [s for s in select if s not in error_paths and os.path.abspath(s) not in error_paths]
        chosen = _select(con, name, rows, rest) if rest else [] if select else [row[0] for row in rows]
    finally:
        con.close()
    if select:
        errors = [e for e in errors if any(e.path in (s, os.path.abspath(s)) for s in select)]
    by_sha = {row[0]: row for row in rows}
    return [_rebuild(name, *by_sha[sha]) for sha in chosen], errors


def _errors(con: duckdb.DuckDBPyConnection) -> list[ArchivedError]:
    """The `errors` rows of an archive (none when it has no such table), in path order."""
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "errors" not in tables:
        return []
    found = con.execute("SELECT path, code, message FROM errors ORDER BY path").fetchall()
    return [ArchivedError(str(path), str(code), str(message or "")) for path, code, message in found]


def _select(
    con: duckdb.DuckDBPyConnection, archive: str, rows: Sequence[tuple[str, str, str]], select: Sequence[str]
) -> list[str]:
    """The sha256 of each report the selectors name, in the archive's order, each once."""
    paths: dict[str, set[str]] = {}
    for path, sha in con.execute("SELECT path, sha256 FROM files WHERE sha256 IS NOT NULL").fetchall():
        paths.setdefault(path, set()).add(sha)
    for sha, path, _ in rows:
        paths.setdefault(path, set()).add(sha)
    wanted: set[str] = set()
    for selector in select:
        wanted |= _match(archive, selector, [row[0] for row in rows], paths)
    return [row[0] for row in rows if row[0] in wanted]


def _match(archive: str, selector: str, shas: Sequence[str], paths: dict[str, set[str]]) -> set[str]:
    for candidate in (selector, os.path.abspath(selector)):
        if candidate in paths:
            return {sha for sha in paths[candidate] if sha in shas}
    found = {sha for sha in shas if len(selector) >= 6 and sha.startswith(selector.lower())}
    if len(found) == 1:
        return found
    reason = "names several reports (give more of the sha256)" if found else "names no report in it"
    raise DocextractError(archive, NOT_FOUND, f"--report {selector!r} {reason}")


def _rebuild(archive: str, sha: str, path: str, record: str | None) -> ArchivedReport:
    """The report of one `reports` row, from its `record` column (the whole record as JSON)."""
    try:
        if record is None:
            raise ValueError("the row keeps no record")
        report = InspectionReport.model_validate_json(record)
    except (ValidationError, ValueError) as exc:
        first = exc.errors()[0] if isinstance(exc, ValidationError) else {"loc": (), "msg": str(exc)}
        where = ".".join(str(part) for part in first["loc"]) or "the record"
        reason = f"report {sha[:12]} ({path}): not a record this docextract reads ({where}: {first['msg']})"
        return ArchivedReport(sha, path, error=DocextractError(archive, NOT_A_RECORD, reason))
    return ArchivedReport(sha, path, report=report)


def validate_archive(archive: str | os.PathLike[str], select: Sequence[str] = ()) -> list[FileFindings]:
    """`docextract validate ARCHIVE`: each report of the archive (or of `select`, as `read_archive_all`
    takes) checked from its row alone, and each file it could not read (its `errors` rows), as
    `FileFindings` named by the path, in path order: a record this docextract cannot read, or a file
    the run could not read, carries its `error`; a file not recognised as a report gets the
    `not_checked` error `validate` gives that file. Raises DocextractError as `read_archive`."""
    from ..serialize.findings import FileFindings
    from ..validation.run import validate_record

    name = os.fspath(archive)
    items, errors = read_archive_all(archive, select)
    if not items and not errors:
        raise DocextractError(name, EMPTY, "holds no reports")
    results: list[FileFindings] = [_error_findings(name, error) for error in errors]
    for item in items:
        if item.report is None:
            reason = item.error.reason if item.error is not None else "no record"
            results.append(FileFindings(file=item.path, error=reason, archive=name))
            continue
        result = validate_record(item.report)
        results.append(FileFindings(file=item.path, issues=result.issues, report=item.report, archive=name))
    return sorted(results, key=lambda r: r.file)


def _error_findings(archive: str, error: ArchivedError) -> FileFindings:
    """The findings of a file the bulk run could not make into a report: not a report, nothing
    checked (`not_checked` error, as `validate` on the file); else unreadable, with its code."""
    from ..serialize.findings import FileFindings
    from ..validation.checks.issue import issue

    if error.code == NOT_A_REPORT:
        found = issue(NOT_CHECKED, f"Could not check anything: {error.message}.", found=NOT_A_REPORT)
        return FileFindings(file=error.path, issues=[found.model_copy(update={"severity": "error"})], archive=archive)
    return FileFindings(file=error.path, error=f"{error.code}: {error.message}", archive=archive)

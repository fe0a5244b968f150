"""Reports read back from a bulk archive (`DIR/docextract.duckdb`), to be checked without their files.

`docextract validate out/docextract.duckdb` checks every report the archive holds (or those chosen
with `--report`), each from its row alone: the `reports.record` column holds the whole record as
`docextract parse -f json` writes it (its `statements` included, which the `statements` table also
lists row by row), so the findings are those of the report's file, field for field
(`docextract.validation.run.check`). A record stored before docextract kept statements has
`statements: null`; its text checks cannot run, and its result says so (`checks_not_run`), never "ok".

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

from ..model.codes import EMPTY, NOT_A_RECORD, NOT_AN_ARCHIVE, NOT_FOUND, UNREADABLE
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
    name = os.fspath(archive)
    con = _connect(name)
    try:
        rows = con.execute("SELECT sha256, path, record FROM reports ORDER BY path, sha256").fetchall()
        chosen = _select(con, name, rows, select) if select else [row[0] for row in rows]
    finally:
        con.close()
    by_sha = {row[0]: row for row in rows}
    return [_rebuild(name, *by_sha[sha]) for sha in chosen]


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
    """`docextract validate ARCHIVE`: each report of the archive (or of `select`, as `read_archive`
    takes) checked from its row alone, as `FileFindings` named by the path it was parsed from (a
    record this docextract cannot read carries its `error`). Raises DocextractError as `read_archive`."""
    from ..serialize.findings import FileFindings
    from ..validation.run import validate_record

    items = read_archive(archive, select)
    if not items:
        raise DocextractError(os.fspath(archive), EMPTY, "holds no reports")
    results: list[FileFindings] = []
    for item in items:
        if item.report is None:
            reason = item.error.reason if item.error is not None else "no record"
            results.append(FileFindings(file=item.path, error=reason, archive=os.fspath(archive)))
            continue
        result = validate_record(item.report)
        results.append(
            FileFindings(file=item.path, issues=result.issues, report=item.report, archive=os.fspath(archive))
        )
    return results

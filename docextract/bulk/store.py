"""The DuckDB database of a bulk run: schema, resume lookups and transactional batch writes.

One writer (the orchestrating process) owns the connection. Each batch of results is
written in one transaction, so after a crash the database holds whole reports only; a
report's rows are replaced, never appended twice. Rows go in column-wise (one statement
per table per batch, `unnest` of list parameters): far faster than row-wise inserts.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
from pydantic import ValidationError

from .._version import __version__
from ..model.record import SCHEMA_VERSION
from . import tables as T
from .rows import Row, Rows

DATABASE_NAME = "docextract.duckdb"


class StoreError(Exception):
    """The database cannot be opened or written."""


@dataclass(frozen=True)
class ErrorRecord:
    """One file that could not be parsed: its path, content hash (None when unreadable), error code and message."""

    path: str
    sha256: str | None
    code: str
    message: str


def _ddl(table: T.Table) -> str:
    columns = [f'"{c.name}" {c.type}' for c in table.columns]  # quoted: `order`, `end` are SQL keywords
    if table.primary_key:
        columns.append(f"PRIMARY KEY ({', '.join(table.key)})")
    return f"CREATE TABLE IF NOT EXISTS {table.name} ({', '.join(columns)})"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """The DuckDB database of a run: its tables created if missing, reports and errors written in transactions."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(self.path))
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from exc
        existing = {row[0] for row in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        with self.transaction():
            for table in T.TABLES:
                self.con.execute(_ddl(table))
            if "reports" in existing and T.STATEMENTS.name not in existing:
                self._fill_statements()  # an archive of an older docextract, opened to be resumed
        self._report_shas: set[str] = {row[0] for row in self.con.execute("SELECT sha256 FROM reports").fetchall()}

    def _fill_statements(self) -> None:
        """The `statements` rows of the reports an older docextract stored before the table existed,
        from their records (`reports.record`; none for a record that keeps no statements)."""
        from ..model.record import Statement

        rows: list[Row] = []
        for sha, record in self.con.execute("SELECT sha256, record FROM reports ORDER BY sha256").fetchall():
            found = json.loads(record).get("statements") if record else None
            try:
                statements = [Statement.model_validate(data) for data in found or ()]
            except ValidationError:  # a shape this docextract does not read: parsed again by `done`'s rule
                continue
            rows += [T.STATEMENTS.row(item, sha256=sha, ordinal=i) for i, item in enumerate(statements, 1)]
        self._insert(T.STATEMENTS, rows)

    # -- lookups -------------------------------------------------------------------------
    def done(self, *, validated: bool) -> set[str]:
        """Reports already stored in this schema version (and validated, when that is asked for)."""
        sql = "SELECT sha256 FROM reports WHERE schema_version = ?" + (" AND validated" if validated else "")
        return {row[0] for row in self.con.execute(sql, [SCHEMA_VERSION]).fetchall()}

    def count(self, table: str) -> int:
        """The number of rows of one table (by its name in `tables.BY_NAME`)."""
        row = self.con.execute(f"SELECT count(*) FROM {T.BY_NAME[table].name}").fetchone()
        return int(row[0]) if row else 0

    # -- writes --------------------------------------------------------------------------
    def transaction(self) -> _Transaction:
        """A transaction on the database: committed on success, rolled back on any exception."""
        return _Transaction(self.con)

    def _insert(self, table: T.Table, rows: Sequence[Row], *, upsert: bool = False) -> None:
        if not rows:
            return
        columns = [list(values) for values in zip(*rows, strict=True)]
        select = ", ".join(f"unnest(?::{c.type}[])" for c in table.columns)
        verb = "INSERT OR REPLACE INTO" if upsert else "INSERT INTO"
        self.con.execute(f"{verb} {table.name} SELECT {select}", columns)

    def _delete(self, table: T.Table, column: str, values: Iterable[str]) -> None:
        keys = sorted(set(values))
        if keys:
            self.con.execute(f"DELETE FROM {table.name} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [keys])

    def record_files(self, files: Sequence[tuple[str, str | None, int | None]]) -> None:
        """Upsert (path, sha256, bytes) for every input file."""
        with self.transaction():
            self._insert(T.FILES, files, upsert=True)

    def write_batch(self, reports: Sequence[tuple[Rows, Sequence[str]]], errors: Sequence[ErrorRecord]) -> None:
        """One transaction: whole reports (rows, and the input paths they came from) and errors.

        A report stored before (another schema version, or now validated) is replaced; a
        success clears earlier errors of its content and paths.
        """
        if not reports and not errors:
            return
        shas = [rows["reports"][0][0] for rows, _ in reports]
        replaced = [sha for sha in shas if sha in self._report_shas]
        with self.transaction():
            for table in T.CHILD_TABLES:
                self._delete(table, "sha256", replaced)
            self._delete(T.ERRORS, "sha256", shas)
            self._delete(T.ERRORS, "path", (p for _, paths in reports for p in paths))
            for table in T.REPORT_TABLES:
                batch = [row for rows, _ in reports for row in rows[table.name]]
                self._insert(table, batch, upsert=table.primary_key)
            now = _now()
            error_rows = [(e.path, e.sha256, e.code, e.message, __version__, now) for e in errors]
            self._insert(T.ERRORS, error_rows, upsert=True)
        self._report_shas.update(shas)

    def close(self) -> None:
        """Close the database connection."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Transaction:
    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        self.con.execute("BEGIN TRANSACTION")
        return self.con

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            try:
                self.con.execute("COMMIT")
            except duckdb.Error as error:
                raise StoreError(f"cannot commit to the database ({error})") from error
        else:
            with contextlib.suppress(duckdb.Error):
                self.con.execute("ROLLBACK")


def fetch_table(con: duckdb.DuckDBPyConnection, table: str, exclude: Sequence[str] = ()) -> list[tuple[Any, ...]]:
    """All rows of a table in key order (for tests and comparisons)."""
    spec = T.BY_NAME[table]
    columns = [f'"{c}"' for c in spec.names if c not in exclude]
    order = ", ".join(spec.key)
    return con.execute(f"SELECT {', '.join(columns)} FROM {spec.name} ORDER BY {order}").fetchall()

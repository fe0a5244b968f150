"""Parquet, CSV and JSON Lines exports, regenerated from the database at the end of a run.

Each file is written to a temporary name in its final directory and renamed into place,
so a reader never sees a half-written export and an interrupted export leaves the old one.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .atomic import replacing

if TYPE_CHECKING:  # DuckDB is imported by bulk, which passes its connection
    import duckdb

JSONL_NAME = "records.jsonl"


class ExportedTable(Protocol):
    """A table of the bulk database as the exports see it (`docextract.bulk.tables.Table`)."""

    @property
    def name(self) -> str:
        """The table's name (the export file's stem)."""

    @property
    def key(self) -> tuple[str, ...]:
        """The table's key columns (the export's sort order)."""

    @property
    def exported(self) -> tuple[str, ...]:
        """The columns written to Parquet and CSV (the whole record stays in records.jsonl)."""
        ...


def _sql_string(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _select(table: ExportedTable) -> str:
    columns = ", ".join(f'"{name}"' for name in table.exported)  # quoted: some are SQL keywords
    return f"SELECT {columns} FROM {table.name} ORDER BY {', '.join(table.key)}"


def export_table(con: duckdb.DuckDBPyConnection, table: ExportedTable, fmt: str, directory: Path) -> Path:
    """`bulk --format parquet|csv`: one table to `directory/<table>.<fmt>`, replaced atomically."""
    target = directory / f"{table.name}.{fmt}"
    options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
    with replacing(target) as tmp:
        con.execute(f"COPY ({_select(table)}) TO {_sql_string(tmp)} ({options})")
    return target


def export_jsonl(con: duckdb.DuckDBPyConnection, target: Path, chunk: int = 200) -> Path:
    """One record per line, in sha256 order, streamed from the database."""
    with replacing(target) as tmp, tmp.open("w", encoding="utf-8") as handle:
        cursor = con.execute("SELECT record FROM reports ORDER BY sha256")
        while rows := cursor.fetchmany(chunk):
            handle.writelines(f"{record}\n" for (record,) in rows)
        handle.flush()
        os.fsync(handle.fileno())
    return target


def export_tables(
    con: duckdb.DuckDBPyConnection, out_dir: Path, fmt: str, tables: Sequence[ExportedTable]
) -> list[Path]:
    """`bulk --format parquet` or `csv`: every table to `out_dir/<fmt>/<table>.<fmt>`."""
    return [export_table(con, table, fmt, out_dir / fmt) for table in tables]


def export_records(
    con: duckdb.DuckDBPyConnection, out_dir: Path, fmt: str, tables: Sequence[ExportedTable]
) -> list[Path]:
    """`bulk --format jsonl`: `out_dir/records.jsonl`, one record a line."""
    return [export_jsonl(con, out_dir / JSONL_NAME)]

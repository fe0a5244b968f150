"""Parquet, CSV and JSON Lines exports, regenerated from the database at the end of a run.

Each file is written to a temporary name in its final directory and renamed into place,
so a reader never sees a half-written export and an interrupted export leaves the old one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import duckdb

from ..serialize.output import replacing
from . import tables as T

FORMATS = ("duckdb", "parquet", "csv", "jsonl")
JSONL_NAME = "records.jsonl"


def parse_formats(value: str | Iterable[str]) -> list[str]:
    """'duckdb,parquet' -> ['duckdb', 'parquet']; raises ValueError naming an unknown format."""
    items = value.split(",") if isinstance(value, str) else list(value)
    formats: list[str] = []
    for item in (i.strip().lower() for i in items):
        if not item:
            continue
        if item not in FORMATS:
            raise ValueError(f"unknown format '{item}': choose from {', '.join(FORMATS)}")
        if item not in formats:
            formats.append(item)
    return formats or ["duckdb"]


def _sql_string(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _select(table: T.Table) -> str:
    excluded = T.EXPORT_EXCLUDED_COLUMNS.get(table.name, ())
    columns = ", ".join(c for c in table.names if c not in excluded)
    return f"SELECT {columns} FROM {table.name} ORDER BY {', '.join(table.key)}"


def export_table(con: duckdb.DuckDBPyConnection, table: T.Table, fmt: str, directory: Path) -> Path:
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


def export(con: duckdb.DuckDBPyConnection, out_dir: Path, formats: Iterable[str]) -> list[str]:
    """Write the requested non-database formats; returns the paths written (relative to out_dir)."""
    written: list[Path] = []
    for fmt in formats:
        if fmt in ("parquet", "csv"):
            written.extend(export_table(con, table, fmt, out_dir / fmt) for table in T.TABLES)
        elif fmt == "jsonl":
            written.append(export_jsonl(con, out_dir / JSONL_NAME))
    return [str(p.relative_to(out_dir)) for p in written]

"""The one registry of output formats: which command offers which `--format`, what it writes, and
the serialize module that writes it. The command line builds its `--format` choices, metavars and
help from here (`choices`, `metavar`, `help_text`), and `validate` and `bulk` dispatch through it.

Pure data and no import of pydantic, rich or DuckDB: `cli.py` reads it at start-up. A format's writer
is named as `module:function` and imported only when that format is written (`writer`).

| format  | parse                           | validate                          | bulk                          |
|---------|---------------------------------|-----------------------------------|-------------------------------|
| json    | the record (a list for several) | the findings, a list of files      |                               |
| jsonl   | one record a line               |                                   | records.jsonl                 |
| table   | the record for people           |                                   |                               |
| text    |                                 | the findings for people (default) |                               |
| sarif   |                                 | SARIF 2.1.0                       |                               |
| junit   |                                 | JUnit XML                         |                               |
| html    |                                 | `--html FILE`: the review report  |                               |
| duckdb  |                                 |                                   | docextract.duckdb (always)    |
| parquet |                                 |                                   | parquet/<table>.parquet       |
| csv     |                                 |                                   | csv/<table>.csv               |
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

Command = Literal["parse", "validate", "bulk"]


@dataclass(frozen=True)
class Format:
    """One output format: its `name` (the `--format` value), what it writes for each command that
    offers it (`writes`, command -> the help words), and the function writing it for each command
    (`writers`, command -> "module:function", imported on use)."""

    name: str
    writes: dict[Command, str]
    writers: dict[Command, str]


_SERIALIZE = "docextract.serialize"

FORMATS: tuple[Format, ...] = (  # in the order each command's help lists them
    Format("text", {"validate": "text (default)"}, {"validate": f"{_SERIALIZE}.text_output:render_text"}),
    Format(
        "json",
        {"parse": "json (default; a list for several files)", "validate": "json (a list)"},
        {"parse": f"{_SERIALIZE}.json_output:records_json", "validate": f"{_SERIALIZE}.json_output:findings_json"},
    ),
    Format("duckdb", {"bulk": "duckdb (always kept)"}, {}),
    Format("parquet", {"bulk": "parquet"}, {"bulk": f"{_SERIALIZE}.export_output:export_tables"}),
    Format("csv", {"bulk": "csv"}, {"bulk": f"{_SERIALIZE}.export_output:export_tables"}),
    Format(
        "jsonl",
        {"parse": "jsonl (one record a line)", "bulk": "jsonl"},
        {"parse": f"{_SERIALIZE}.json_output:records_jsonl", "bulk": f"{_SERIALIZE}.export_output:export_records"},
    ),
    Format("table", {"parse": "table (for people)"}, {"parse": f"{_SERIALIZE}.table_output:tables_text"}),
    Format("sarif", {"validate": "sarif"}, {"validate": f"{_SERIALIZE}.sarif_output:render_sarif"}),
    Format("junit", {"validate": "junit"}, {"validate": f"{_SERIALIZE}.junit_output:render_junit"}),
)

# Written beside another format by an option of its own (`validate --html FILE`), not by --format.
HTML_REVIEW = f"{_SERIALIZE}.html_output:write_review"

_BY_NAME = {f.name: f for f in FORMATS}


def choices(command: Command) -> tuple[str, ...]:
    """The `--format` values `command` accepts, in the order its help lists them."""
    return tuple(f.name for f in FORMATS if command in f.writes)


def metavar(command: Command) -> str:
    """`json|jsonl|table`: the choices as the usage line shows them (bulk: a comma-separated LIST)."""
    return "LIST" if command == "bulk" else "|".join(choices(command))


def help_text(command: Command) -> str:
    """The `--format` help of `command`, built from what each of its formats writes."""
    words = [f.writes[command] for f in FORMATS if command in f.writes]
    if command == "bulk":
        return "Comma-separated: " + ", ".join(words) + "."
    return ", ".join(words[:-1]) + f" or {words[-1]}." if len(words) > 1 else words[0] + "."


def get(name: str, command: Command) -> Format:
    """The format `name` of `command`; raises ValueError naming the choices."""
    found = _BY_NAME.get(name)
    if found is None or command not in found.writes:
        raise ValueError(f"unknown format '{name}': choose from {', '.join(choices(command))}")
    return found


def writer(name: str, command: Command) -> Callable[..., Any]:
    """The function writing format `name` for `command`, imported now. Raises ValueError for an
    unknown format, LookupError for a format with no writer of its own (duckdb: the bulk store)."""
    spec = get(name, command).writers.get(command)
    if spec is None:
        raise LookupError(f"format '{name}' of {command} has no writer of its own")
    return load(spec)


def load(spec: str) -> Callable[..., Any]:
    """The function named by `spec` ("module:function"), imported now."""
    module, _, function = spec.partition(":")
    found: Callable[..., Any] = getattr(importlib.import_module(module), function)
    return found


def parse_list(value: str | Iterable[str], command: Command = "bulk") -> list[str]:
    """'duckdb,parquet' -> ['duckdb', 'parquet'] (bulk's comma-separated list; duckdb when empty);
    raises ValueError naming an unknown format and the choices."""
    items = value.split(",") if isinstance(value, str) else list(value)
    names: list[str] = []
    for item in (i.strip().lower() for i in items):
        if item and get(item, command).name not in names:
            names.append(item)
    return names or ["duckdb"]

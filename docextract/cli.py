"""The `docextract` command line: a thin typer layer over the library."""

from __future__ import annotations

import io
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from . import __version__
from .errors import DocextractError
from .output import print_tables, to_json, write_atomic
from .parser import parse

app = typer.Typer(
    name="docextract",
    help="Structured, validated data from HM Inspectorate of Probation inspection reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_UNREADABLE = 2


class ParseFormat(StrEnum):
    json = "json"
    table = "table"


def fail(message: str, code: int = EXIT_UNREADABLE) -> typer.Exit:
    """Print one line to stderr naming the file and the reason; return the Exit to raise."""
    Console(stderr=True, highlight=False, soft_wrap=True).print(f"docextract: error: {message}", markup=False)
    return typer.Exit(code)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"docextract {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """docextract turns inspection report PDFs into validated records."""


@app.command("parse")
def parse_command(
    file: Annotated[Path, typer.Argument(help="A report: PDF, or a .txt/.md text conversion.")],
    fmt: Annotated[ParseFormat, typer.Option("--format", "-f", help="json (default) or table.")] = ParseFormat.json,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Parse one report into a record (JSON by default)."""
    try:
        report = parse(file)
    except DocextractError as exc:
        raise fail(str(exc)) from None
    if fmt is ParseFormat.table and out is None:
        print_tables(report, Console())
        return
    if fmt is ParseFormat.table:
        buffer = io.StringIO()
        print_tables(report, Console(file=buffer, width=140, color_system=None))
        text = buffer.getvalue()
    else:
        text = to_json(report) + "\n"
    if out is not None:
        try:
            write_atomic(out, text)
        except OSError as exc:
            raise fail(f"{out}: cannot write output ({exc.strerror or exc})") from None
    else:
        sys.stdout.write(text)


if __name__ == "__main__":  # pragma: no cover
    app()

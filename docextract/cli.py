"""The `docextract` command line: a thin typer layer over the library."""

from __future__ import annotations

import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from . import __version__
from .errors import DocextractError
from .output import print_tables, replacing, to_json, write_atomic
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


def internal_error(file: Path, exc: Exception) -> str:
    return f"{file}: internal error, please report it ({type(exc).__name__}: {exc})"


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
    except Exception as exc:  # a parser bug: still one line naming the file, never a traceback
        raise fail(internal_error(file, exc)) from None
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


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"


@app.command("validate")
def validate_command(
    files: Annotated[
        list[Path], typer.Argument(help="Reports to check: PDFs, Word drafts (.docx), or .txt/.md text conversions.")
    ],
    fmt: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="text (default), json (a list), sarif or junit.")
    ] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Also write a self-contained HTML review report (with page images) here."),
    ] = None,
) -> None:
    """Recompute ratings and check each report's consistency before publication.

    Exit 0 when no file has an error (warnings pass unless --strict), 1 when one does,
    2 when a file cannot be read (the others are still checked).
    """
    from .findings_output import FileFindings, exit_code, render, text_lines
    from .validate import validate

    results: list[FileFindings] = []
    for file in files:
        try:
            result = validate(file)
        except DocextractError as exc:
            fail(str(exc))  # one line on stderr; carry on with the other files
            results.append(FileFindings(file=str(file), error=exc.reason))
            continue
        except Exception as exc:  # a bug must not stop the other files, nor look like a finding (1)
            fail(internal_error(file, exc))
            results.append(FileFindings(file=str(file), error=f"internal error ({type(exc).__name__})"))
            continue
        results.append(FileFindings(file=str(file), issues=result.issues, report=result.report))
    if html is not None:
        from .review_html import write_review

        try:
            write_review(html, results, strict)
        except OSError as exc:
            raise fail(f"{html}: cannot write the HTML report ({exc.strerror or exc})") from None
    if fmt is ValidateFormat.text and sys.stdout.isatty():  # colour on a terminal only
        console = Console(highlight=False, soft_wrap=True)
        for line in text_lines(results, strict):
            console.print(line)
    else:
        sys.stdout.write(render(results, fmt.value, strict))
    raise typer.Exit(exit_code(results, strict))


@app.command("show")
def show_command(
    file: Annotated[Path, typer.Argument(help="A PDF report.")],
    page: Annotated[int, typer.Option("--page", "-p", min=1, help="1-based page number.")],
    png: Annotated[
        Path | None, typer.Option("--png", help="Write the image here (default: NAME-pageN.png in this directory).")
    ] = None,
) -> None:
    """Draw every value read from a PDF page in its box, labelled (a PNG), and list them.

    Exit 2 if the file cannot be read, is not a PDF or has no such page.
    """
    from .pageimage import PageRenderer, draw_boxes, value_boxes

    try:
        report = parse(file)
    except DocextractError as exc:
        raise fail(str(exc)) from None
    except Exception as exc:
        raise fail(internal_error(file, exc)) from None
    if report.source.format != "pdf":
        raise fail(f"{file}: show draws PDF pages; a {report.source.format} file has no page images")
    if page > report.source.pages:
        raise fail(f"{file}: page {page} is out of range (the PDF has {report.source.pages} pages)")
    boxes = value_boxes(report, page)
    target = png if png is not None else Path(f"{file.stem}-page{page}.png")
    try:
        with PageRenderer(file) as renderer:
            image = draw_boxes(renderer.render(page), boxes)
        with replacing(target) as tmp:
            image.save(tmp, format="PNG")
    except DocextractError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"{target}: cannot write the image ({exc.strerror or exc})") from None
    console = Console(highlight=False, soft_wrap=True)
    for box in boxes:
        b = box.bbox
        console.print(
            f"{box.label:<40} x0={b.x0:7.1f} top={b.top:7.1f} x1={b.x1:7.1f} bottom={b.bottom:7.1f}", markup=False
        )
    console.print(f"{len(boxes)} value{'s' * (len(boxes) != 1)} on page {page}: {target}", markup=False)


@app.command("bulk")
def bulk_command(
    inputs: Annotated[list[str], typer.Argument(help="Report files, directories (walked recursively) or globs.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output directory (holds docextract.duckdb).")],
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated: duckdb (always kept), parquet, csv, jsonl.")
    ] = "duckdb",
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores).")
    ] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds allowed per file.")] = 120.0,
    tasks_per_worker: Annotated[
        int, typer.Option("--tasks-per-worker", min=1, help="Replace each worker process after this many files.")
    ] = 50,
    validate: Annotated[bool, typer.Option("--validate", help="Also store validation findings.")] = False,
    keep_unknown: Annotated[
        bool, typer.Option("--keep-unknown", help="Store documents not recognised as reports (else: errors).")
    ] = False,
    executor: Annotated[str, typer.Option("--executor", help="process (default) or dask.")] = "process",
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler address, with --executor dask.")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every file and commit to stderr.")] = False,
) -> None:
    """Parse many reports in parallel into DuckDB tables (and Parquet/CSV/JSON Lines); resumable.

    Exit code 0 when every file parsed, 3 when some failed, 2 when none could be read.
    """
    import os

    from .bulk import BulkError, BulkOptions, run_bulk
    from .bulk.exports import parse_formats
    from .bulk.progress import summary_table

    try:
        options = BulkOptions(
            inputs=inputs,
            out_dir=out,
            formats=parse_formats(formats),
            jobs=jobs or os.cpu_count() or 1,
            timeout=timeout,
            tasks_per_worker=tasks_per_worker,
            validate=validate,
            keep_unknown=keep_unknown,
            executor=executor,
            scheduler=scheduler,
            verbose=verbose,
        )
        summary = run_bulk(options, Console(stderr=True))
    except (BulkError, ValueError) as exc:
        raise fail(str(exc)) from None
    Console(highlight=False).print(summary_table(summary))
    raise typer.Exit(summary.exit_code)


@app.command("eval")
def eval_command(
    reports: Annotated[Path, typer.Argument(help="Directory of reports (PDF, .txt, .md).")],
    truth: Annotated[Path, typer.Argument(help="Directory of ground-truth NAME.json files (TRUTH-FORMAT).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Field-level precision, recall and F1 against ground truth, strict and normalised."""
    from .evaluate import evaluate, render

    for directory in (reports, truth):
        if not directory.is_dir():
            raise fail(f"{directory}: not a directory")
    result = evaluate(reports, truth)
    if as_json:
        sys.stdout.write(json.dumps(result.as_dict(), indent=2) + "\n")
    else:
        Console(width=120).print(render(result, f"docextract field-level accuracy: {reports}"))
    if result.documents == 0:
        raise fail(f"{reports}: no report has a truth file in {truth}")
    if result.failed:
        raise typer.Exit(3)


if __name__ == "__main__":  # pragma: no cover
    app()

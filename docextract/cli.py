"""The `docextract` command line: a thin typer layer over the library.

Start-up matters (people run it by hand): this module imports only typer at load time. Each
command imports what it needs when it runs (the parser, rich tables, DuckDB, Dask), and
the entry point (`docextract.command.main`) answers `--version`/`-V` before importing even
typer, and runs `parse FILE...` (file paths alone) without typer (`docextract.parsing`, which
holds the parse command's work); `main()` ends the process with os._exit once its output is
flushed (skipping the interpreter's teardown of every object).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import __version__
from .model.codes import EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK, EXIT_SOME_FAILED, EXIT_UNREADABLE
from .parsing import (
    STDIN,
    collecting_after_the_first,
    error_line,
    exit_code_of,
    flush_and_exit,
    inputs,
    internal_error,
    parse_files,
)
from .serialize import formats as output_formats

if TYPE_CHECKING:
    from .serialize.findings import FileFindings


HELP = f"""Structured, validated data from HM Inspectorate of Probation inspection reports.

\b
Examples:
  docextract parse report.pdf                  the record as JSON
  docextract parse report.pdf --format table   the record for people
  docextract validate draft.pdf                check a draft before publication
  docextract bulk archive/ --out out/          many reports into DuckDB
  docextract schema                            the record's JSON Schema

\b
Exit codes: {EXIT_OK} success; {EXIT_FINDINGS} validate found errors; {EXIT_UNREADABLE} bad input or usage
(one line on stderr names the file and the reason); {EXIT_SOME_FAILED} some files of a batch failed;
{EXIT_INTERRUPTED} interrupted.
"""

# A flush-then-os._exit at the end skips ~0.4 s of freeing objects; commands that hold
# resources whose teardown matters (bulk: worker processes, the database) turn it off.
_fast_exit = True


app = typer.Typer(
    name="docextract",
    help=HELP,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


class _Command(typer.core.TyperCommand):
    """Usage lines and argument rows as people write them (`FILE...`), not typer's own
    `{file}` and `<list[str]>`: each argument shows its metavar, and no Python type."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, typer.core.TyperArgument):
                shown = param.metavar or (param.name or "").upper()
                param._usage_display_name = _constant(shown if param.required else f"[{shown}]")  # type: ignore[method-assign]
                param.display_type_rich = _no_type  # type: ignore[method-assign]


def _constant(text: str) -> Callable[[], str]:
    return lambda: text


def _no_type(ctx: Any) -> None:
    return None


def command(name: str, short_help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`@app.command` with the clean rendering above and a one-line summary for the command list."""
    return app.command(name, cls=_Command, short_help=short_help)


def _choice(*choices: str) -> Callable[[str | None], str | None]:
    """A typer callback refusing anything but `choices`, naming them in plain words."""

    def check(value: str | None) -> str | None:
        if value is None or value in choices:
            return value
        allowed = ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]
        raise typer.BadParameter(f"'{value}' is not a choice: use {allowed}.")

    return check


def fail(message: str, code: int = EXIT_UNREADABLE) -> Any:
    """Print one line to stderr naming the file and the reason; return the Exit to raise."""
    error_line(message)
    return typer.Exit(code)


def version_callback(value: bool) -> None:
    """`--version`: print the version and exit."""
    if value:
        typer.echo(f"docextract {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=version_callback, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """The `docextract` command group (its options come before any command)."""
    pass


# --- parse -------------------------------------------------------------------------------------


@command("parse", "Parse reports into records (JSON, JSON Lines or tables).")
def parse_command(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...",
            help="Reports: PDFs, Word drafts (.docx), .txt/.md text conversions, directories of them (walked), "
            "or - for stdin.",
        ),
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar=output_formats.metavar("parse"),
            callback=_choice(*output_formats.choices("parse")),
            help=output_formats.help_text("parse"),
        ),
    ] = "json",
    out: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="OUT", help="Write to this file (atomically) instead of stdout."),
    ] = None,
) -> None:
    """Parse reports into records: JSON by default, every value with its page.

    \b
    Examples:
      docextract parse report.pdf
      docextract parse report.pdf --format table
      docextract parse report.pdf -o report.json
      docextract parse reports/ --format jsonl > records.jsonl
      cat report.pdf | docextract parse -

    Exit codes: 0 every file parsed; 2 a file could not be read (one line on stderr names it
    and the reason; the other files are still parsed, and -o is then not written).
    """
    code = parse_files(files, fmt, out)
    if code:
        raise typer.Exit(code)


# --- schema ------------------------------------------------------------------------------------


@command("schema", "Print the JSON Schema of the record.")
def schema_command() -> None:
    """Print the JSON Schema of the record that parse writes.

    \b
    Examples:
      docextract schema > inspection-report.schema.json
      docextract schema | jq '.properties | keys'
    """
    import json

    from .model.record import InspectionReport

    sys.stdout.write(json.dumps(InspectionReport.model_json_schema(), indent=2) + "\n")


# --- validate ----------------------------------------------------------------------------------

_ArchiveReports = Annotated[
    list[str] | None,
    typer.Option(
        "--report",
        metavar="SHA256|PATH",
        help="Of a bulk archive, check only this report: its sha256 (or a prefix of 6+ hex digits) or a "
        "path it was read from. Repeatable.",
    ),
]


@command("validate", "Check reports against their rating rules before publication.")
def validate_command(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...",
            help="Reports to check: PDFs, Word drafts (.docx), .txt/.md text conversions, records written by "
            "parse -f json, directories of them, bulk archives (.duckdb: every report in it), or - for "
            "standard input.",
        ),
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar=output_formats.metavar("validate"),
            callback=_choice(*output_formats.choices("validate")),
            help=output_formats.help_text("validate"),
        ),
    ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    reports: _ArchiveReports = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html", metavar="FILE", help="Also write a self-contained HTML review report (with page images) here."
        ),
    ] = None,
) -> None:
    """Recompute ratings and check each report's consistency before publication.

    \b
    Examples:
      docextract validate draft.pdf
      docextract validate drafts/*.pdf --format json > findings.json
      docextract validate draft.pdf --format sarif > draft.sarif
      docextract validate draft.docx --html review.html
      docextract validate out/docextract.duckdb --report 3f2a9c1d

    Exit codes: 0 no file has an error (warnings pass unless --strict); 1 a file has one; 2 a
    file cannot be read (the others are still checked).
    """
    from .serialize.findings import exit_code

    if reports and not any(_is_archive(file) for file in files):
        raise fail("--report: choose reports of a bulk archive (a .duckdb file); none was given")
    results: list[FileFindings] = []
    for file in collecting_after_the_first(inputs(files)):
        if _is_archive(file):
            results += _validate_archive(file, reports or ())
        else:
            results.append(_validate_one(file))
    _write_findings(results, fmt, strict, html)
    raise typer.Exit(exit_code(results, strict))


def _write_findings(results: Sequence[FileFindings], fmt: str, strict: bool, html: Path | None) -> None:
    """The findings in `fmt` on standard output (text coloured on a terminal), and the HTML review."""
    if html is not None:
        try:
            output_formats.load(output_formats.HTML_REVIEW)(html, results, strict)
        except OSError as exc:
            raise fail(f"{html}: cannot write the HTML report ({exc.strerror or exc})") from None
    if fmt == "text" and sys.stdout.isatty():  # colour on a terminal only
        from rich.console import Console

        from .serialize.text_output import text_lines

        console = Console(highlight=False, soft_wrap=True)
        for line in text_lines(results, strict):
            console.print(line)
    else:
        sys.stdout.write(output_formats.writer(fmt, "validate")(results, strict))


def _is_archive(file: str) -> bool:
    return file != STDIN and Path(file).suffix.lower() == ".duckdb"


def _validate_archive(file: str, reports: Sequence[str]) -> list[FileFindings]:
    """The findings of every report of a bulk archive (or those `reports` selects), each from its
    row alone; the reason it could not be read (one line on stderr) as one unreadable result; a
    report of it that could not be read is one line naming its own path and the archive."""
    from .bulk.archive import validate_archive
    from .model.errors import DocextractError
    from .serialize.findings import FileFindings

    try:
        results = validate_archive(file, reports)
    except DocextractError as exc:
        error_line(str(exc))
        return [FileFindings(file=file, error=exc.reason)]
    for result in results:
        if result.error is not None:  # the report's own path, and the archive it was read from
            error_line(f"{result.file}: {result.error} (in the archive {file})")
    return results


def _validate_one(file: str) -> FileFindings:
    """The findings of one file (`-`: standard input), or the reason it could not be checked (one
    line on stderr; a directory without reports was reported by `inputs`)."""
    import io

    from .model.errors import DocextractError
    from .pipeline import validate
    from .read.open import read_stream
    from .serialize.findings import FileFindings

    if file != STDIN and Path(file).is_dir():
        return FileFindings(file=file, error="no report files in this directory")
    try:
        result = validate(io.BytesIO(read_stream("<stdin>", sys.stdin.buffer)) if file == STDIN else file)
    except DocextractError as exc:
        error_line(str(exc))  # one line on stderr; carry on with the other files
        return FileFindings(file=str(file), error=exc.reason)
    except Exception as exc:  # a bug must not stop the other files, nor look like a finding (1)
        error_line(internal_error(file, exc))
        return FileFindings(file=str(file), error=f"internal error ({type(exc).__name__})")
    return FileFindings(file=str(file), issues=result.issues, report=result.report)


# --- show --------------------------------------------------------------------------------------


@command("show", "Draw the values extracted from a PDF page in their boxes (a PNG).")
def show_command(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A PDF report.")],
    page: Annotated[int, typer.Option("--page", "-p", metavar="N", min=1, help="1-based page number.")],
    png: Annotated[
        Path | None,
        typer.Option("--png", metavar="OUT", help="Write the image here (default: NAME-pageN.png in this directory)."),
    ] = None,
) -> None:
    """Draw every value read from a PDF page in its box, labelled (a PNG), and list them.

    \b
    Examples:
      docextract show report.pdf --page 3
      docextract show report.pdf -p 3 --png page3.png

    Exit codes: 0 drawn; 2 the file cannot be read or is not a PDF, or the page is out of range.
    """
    from rich.console import Console

    from .model.errors import DocextractError
    from .pipeline import parse
    from .read.pageimage import PageRenderer, draw_boxes, value_boxes
    from .serialize.atomic import replacing

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


# --- bulk --------------------------------------------------------------------------------------


class _Bulk:
    """The arguments and options of `docextract bulk`, as typer annotations."""

    Inputs = Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT...",
            help="Reports (PDFs, Word drafts .docx, .txt/.md text conversions), directories of them (walked "
            "recursively) or globs.",
        ),
    ]
    Out = Annotated[
        Path, typer.Option("--out", "-o", metavar="DIR", help="Output directory (holds docextract.duckdb).")
    ]
    Formats = Annotated[
        str,
        typer.Option(
            "--format", "-f", metavar=output_formats.metavar("bulk"), help=output_formats.help_text("bulk")
        ),
    ]
    Jobs = Annotated[
        int | None, typer.Option("--jobs", "-j", metavar="N", min=1, help="Worker processes (default: all cores).")
    ]
    Timeout = Annotated[float, typer.Option("--timeout", metavar="SECONDS", min=0.1, help="Seconds allowed per file.")]
    TasksPerWorker = Annotated[
        int,
        typer.Option(
            "--tasks-per-worker", metavar="N", min=1, help="Replace each worker process after this many files."
        ),
    ]
    Validate = Annotated[bool, typer.Option("--validate", help="Also store validation findings.")]
    KeepUnknown = Annotated[
        bool, typer.Option("--keep-unknown", help="Store documents not recognised as reports (else: errors).")
    ]
    Executor = Annotated[
        str,
        typer.Option(
            "--executor",
            metavar="process|dask",
            callback=_choice("process", "dask"),
            help="process (default) or dask.",
        ),
    ]
    Scheduler = Annotated[
        str | None,
        typer.Option("--scheduler", metavar="ADDRESS", help="Dask scheduler address, with --executor dask."),
    ]
    Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Log every file and commit to stderr.")]
    Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr (the summary stays).")]


@command("bulk", "Parse many reports in parallel into DuckDB (resumable).")
def bulk_command(
    inputs: _Bulk.Inputs,
    out: _Bulk.Out,
    formats: _Bulk.Formats = "duckdb",
    jobs: _Bulk.Jobs = None,
    timeout: _Bulk.Timeout = 120.0,
    tasks_per_worker: _Bulk.TasksPerWorker = 50,
    validate: _Bulk.Validate = False,
    keep_unknown: _Bulk.KeepUnknown = False,
    executor: _Bulk.Executor = "process",
    scheduler: _Bulk.Scheduler = None,
    verbose: _Bulk.Verbose = False,
    quiet: _Bulk.Quiet = False,
) -> None:
    """Parse many reports in parallel into DuckDB tables (and Parquet, CSV, JSON Lines); resumable.

    \b
    Examples:
      docextract bulk archive/ --out out/
      docextract bulk archive/ 'more/**/*.pdf' --out out/ --format duckdb,parquet,csv,jsonl --validate
      docextract bulk archive/ --out out/ --executor dask --scheduler tcp://host:8786

    Exit codes: 0 every file parsed; 3 some failed (each is named in the summary and stored in
    the errors table); 2 none could be read, or the run could not start (an input path that
    does not exist, an unreachable Dask scheduler, ...); 130 interrupted (run again to finish).
    """
    global _fast_exit
    _fast_exit = False  # worker processes and the database close properly
    from rich.console import Console

    from .bulk import BulkError, BulkOptions, run_bulk
    from .bulk.progress import print_summary

    try:
        options = BulkOptions(
            inputs=inputs,
            out_dir=out,
            formats=output_formats.parse_list(formats, "bulk"),
            jobs=jobs or os.cpu_count() or 1,
            timeout=timeout,
            tasks_per_worker=tasks_per_worker,
            validate=validate,
            keep_unknown=keep_unknown,
            executor=executor,
            scheduler=scheduler,
            verbose=verbose,
            quiet=quiet,
        )
        summary = run_bulk(options, Console(stderr=True))
    except (BulkError, ValueError) as exc:
        raise fail(str(exc)) from None
    print_summary(summary, Console(highlight=False))
    raise typer.Exit(summary.exit_code)


# --- eval --------------------------------------------------------------------------------------


@command("eval", "Field-level accuracy against ground truth.")
def eval_command(
    reports: Annotated[Path, typer.Argument(metavar="REPORTS_DIR", help="Directory of reports (PDF, .txt, .md).")],
    truth: Annotated[
        Path, typer.Argument(metavar="TRUTH_DIR", help="Directory of ground-truth NAME.json files (TRUTH-FORMAT).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    misses: Annotated[
        bool, typer.Option("--misses", help="Also list every document and field that missed (normalised).")
    ] = False,
) -> None:
    """Field-level precision, recall and F1 against ground truth, strict and normalised.

    \b
    Examples:
      docextract eval ../shared/corpus/pdf ../shared/corpus/expected
      docextract eval ../shared/corpus/text ../shared/corpus/expected --misses
      docextract eval reports/ truth/ --json > accuracy.json

    Exit codes: 0 every report read; 3 some report could not be read; 2 a directory is missing,
    holds no report with a truth file, or its truth files are docextract records, not truth.
    """
    import json

    from .eval.evaluate import TruthError, evaluate, render, render_misses

    for directory in (reports, truth):
        if not directory.is_dir():
            raise fail(f"{directory}: not a directory")
    try:
        result = evaluate(reports, truth)
    except TruthError as exc:
        raise fail(str(exc)) from None
    if result.documents == 0:
        raise fail(f"{reports}: no report has a truth file in {truth}")
    if as_json:
        sys.stdout.write(json.dumps(result.as_dict(), indent=2) + "\n")
    else:
        from rich.console import Console

        console = Console(width=120, highlight=False)
        console.print(render(result, f"docextract field-level accuracy: {reports}"))
        if misses:
            console.print(render_misses(result))
    if result.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


# --- the entry point ---------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    """The `docextract` command. Exits the process with the command's exit code."""
    args = list(sys.argv[1:] if argv is None else argv)

    def run() -> None:
        app(args=args, prog_name="docextract")

    code = exit_code_of(run)
    if _fast_exit:
        flush_and_exit(code)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()

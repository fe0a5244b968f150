"""The command line as people meet it: help, versions, errors, parse inputs and formats, schema,
bulk summaries and progress, eval's guards and misses, and the Python API (issue 16)."""

from __future__ import annotations

import gc
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from corpus import corpus_report
from paths import REPO
from typer.testing import CliRunner

import docextract
from docextract.cli import app

SAMPLE = REPO / "examples" / "sample-pdu-report.pdf"
COMMANDS = ("parse", "schema", "validate", "bulk", "eval")
runner = CliRunner()


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """The real command in a fresh process (`python -m docextract`)."""
    return subprocess.run(
        [sys.executable, "-m", "docextract", *args], input=stdin, capture_output=True, cwd=REPO, timeout=300
    )


def _report_text(tmp_path: Path, name: str = "report.txt") -> Path:
    """A small readable report: the Wakefield text conversion from the shared corpus."""
    path = tmp_path / name
    shutil.copy(corpus_report("2024-wakefield-pdu").text, path)
    return path


# --- help, version, errors -----------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    result = runner.invoke(app, [flag])
    assert result.exit_code == 0 and result.stdout == f"docextract {docextract.__version__}\n"
    real = _run(flag)
    assert real.returncode == 0 and real.stdout.decode() == f"docextract {docextract.__version__}\n"


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_clean_with_examples_and_exit_codes(command: str | None) -> None:
    result = runner.invoke(app, [command, "--help"] if command else ["--help"])
    assert result.exit_code == 0
    text = result.stdout
    assert not re.search(r"\{\w|<bool>|<list\[|<str>|<path>|<int", text), text
    assert "Examples:" in text
    if command not in (None, "schema"):
        assert "Exit codes:" in text
    if command is None:
        assert all(re.search(rf"^\s+{c}\s+\S", text, re.M) for c in COMMANDS)
        assert "--install-completion" in text  # shell completion is on
        assert "..." not in text.split("Commands:")[1]  # command summaries are whole sentences


def test_usage_line_names_arguments_plainly() -> None:
    assert "Usage: docextract parse [OPTIONS] FILE..." in runner.invoke(app, ["parse", "--help"]).stdout
    assert "Usage: docextract eval [OPTIONS] REPORTS_DIR TRUTH_DIR" in runner.invoke(app, ["eval", "-h"]).stdout


@pytest.mark.parametrize(
    ("args", "choices"),
    [
        (["parse", "x.pdf", "-f", "csv"], "use json, jsonl or table"),
        (["validate", "x.pdf", "--format", "xml"], "use text, json, sarif or junit"),
        (["bulk", "x", "--out", "o", "--executor", "ray"], "use process or dask"),
    ],
)
def test_a_wrong_choice_lists_the_valid_ones_in_plain_words(args: list[str], choices: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert choices in result.stderr
    assert "Value error" not in result.stderr


# --- parse ---------------------------------------------------------------------------------------


def test_parse_several_files_gives_a_list_in_order(tmp_path: Path) -> None:
    first = _report_text(tmp_path, "a.txt")
    second = tmp_path / "b.txt"
    second.write_text("Eggs, flour and milk.\n")
    result = runner.invoke(app, ["parse", str(first), str(second)])
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["source"]["path"] for r in records] == [str(first), str(second)]
    assert [r["kind"] for r in records] == ["pdu_inspection", "unknown"]


def test_parse_a_directory_and_jsonl(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    _report_text(folder, "one.txt")
    _report_text(folder / "sub", "two.txt")
    (folder / "notes.json").write_text("{}")
    result = runner.invoke(app, ["parse", str(folder), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert [Path(json.loads(line)["source"]["path"]).name for line in lines] == ["one.txt", "two.txt"]


def test_parse_stdin(tmp_path: Path) -> None:
    text = _report_text(tmp_path).read_bytes()
    result = runner.invoke(app, ["parse", "-"], input=text)
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["source"]["path"] == "<stdin>" and record["kind"] == "pdu_inspection"
    real = _run("parse", "-", stdin=SAMPLE.read_bytes())  # a PDF on stdin, known by its header
    assert real.returncode == 0, real.stderr
    assert json.loads(real.stdout)["source"]["format"] == "pdf"


def test_parse_keeps_going_and_exits_2_when_one_file_is_bad(tmp_path: Path) -> None:
    good = _report_text(tmp_path)
    out = tmp_path / "out.json"
    out.write_text("previous\n")
    result = runner.invoke(app, ["parse", str(tmp_path / "nope.pdf"), str(good), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "nope.pdf: not_found: no such file" in result.stderr
    assert out.read_text() == "previous\n"  # a partial batch never replaces an output
    listed = runner.invoke(app, ["parse", str(tmp_path / "nope.pdf"), str(good)])
    assert listed.exit_code == 2 and len(json.loads(listed.stdout)) == 1


def test_table_format_for_people(tmp_path: Path) -> None:
    one_page = tmp_path / "one-page.txt"  # no form feeds: one page
    shutil.copy(corpus_report("2021-nps-south-west").text, one_page)
    result = runner.invoke(app, ["parse", str(one_page), "--format", "table"])
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "· 1 page ·" in text and "1 pages" not in text
    assert max(len(line) for line in text.splitlines()) > 80  # piped: not wrapped to 80 columns
    rows = {line.split("│")[1].strip(): line for line in text.splitlines() if line.startswith("│ 1.1 ")}
    assert rows and " 0 " not in next(iter(rows.values()))  # no key questions: '-', not a 0
    assert "key questions" in text and "Does assessment focus sufficiently on keeping other people safe?" in text
    assert "Previous inspection's recommendations" in text and "sufficient" in text
    assert "\x1b[" not in text  # no colour codes when piped


# --- schema --------------------------------------------------------------------------------------


def test_schema_is_the_record_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "InspectionReport"
    assert {"units", "recommendations", "warnings"} <= set(schema["properties"])
    jsonschema = pytest.importorskip("jsonschema")
    record = json.loads(runner.invoke(app, ["parse", str(SAMPLE)]).stdout)
    jsonschema.validate(record, schema)


# --- bulk ----------------------------------------------------------------------------------------


def test_bulk_refuses_a_missing_input_before_creating_anything(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["bulk", str(tmp_path / "archve"), "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "archve: no such file" in result.stderr
    assert not out.exists()


def test_bulk_summary_names_failed_files_and_gives_no_rate_when_nothing_parsed(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(23):
        (inputs / f"broken-{i:02d}.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ntruncated" + bytes([i]))
    result = runner.invoke(app, ["bulk", str(inputs), "--out", str(tmp_path / "out"), "-j", "1", "--quiet"])
    assert result.exit_code == 2
    out = result.stdout
    assert "failed files (23;" in out
    assert len(re.findall(r"broken-\d\d\.pdf: corrupt_pdf: ", out)) == 20
    assert "... and 3 more" in out
    assert re.search(r"rate\W+-", out) and "/min" not in out
    assert result.stderr == ""  # --quiet: no progress


def test_bulk_states_validation_findings_by_severity(tmp_path: Path) -> None:
    report = _report_text(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(app, ["bulk", str(report), "--out", str(out), "-j", "1", "--validate", "-q"])
    assert result.exit_code == 0, result.output
    issues = docextract.validate(report).issues
    counts = {s: sum(i.severity == s for i in issues) for s in ("error", "warning")}
    assert re.search(rf"validation findings\W+{len(issues)}\b", result.stdout), result.stdout
    assert re.search(rf"error\W+{counts['error']}\b", result.stdout)
    assert re.search(rf"warning\W+{counts['warning']}\b", result.stdout)


def test_bulk_prints_plain_progress_lines_when_not_a_terminal(tmp_path: Path) -> None:
    from rich.console import Console

    from docextract.bulk import BulkOptions, run_bulk

    report = _report_text(tmp_path)
    stream = io.StringIO()
    options = BulkOptions(inputs=[str(report)], out_dir=tmp_path / "out", jobs=1)
    summary = run_bulk(options, Console(file=stream, width=200))
    assert summary.parsed == 1
    lines = stream.getvalue().splitlines()
    assert any(line.startswith("docextract bulk: parsing 1/1") and "(done)" in line for line in lines), lines
    quiet = io.StringIO()
    options = BulkOptions(inputs=[str(report)], out_dir=tmp_path / "out2", jobs=1, quiet=True)
    run_bulk(options, Console(file=quiet, width=200))
    assert quiet.getvalue() == ""


@pytest.mark.slow
def test_bulk_dask_unreachable_is_one_line_and_exit_2(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    report = _report_text(tmp_path)
    out = tmp_path / "out"
    result = _run("bulk", str(report), "--out", str(out), "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert result.returncode == 2, result.stderr
    stderr = result.stderr.decode()
    assert stderr.count("\n") == 1 and "cannot connect to the Dask scheduler at tcp://127.0.0.1:9" in stderr
    assert "Traceback" not in stderr and not out.exists()


# --- eval ----------------------------------------------------------------------------------------


def test_eval_refuses_docextract_records_as_truth(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    report = _report_text(reports)
    runner.invoke(app, ["parse", str(report), "-o", str(reports / "report.json")])
    result = runner.invoke(app, ["eval", str(reports), str(reports)])
    assert result.exit_code == 2
    assert "a docextract record" in result.stderr and "not ground truth" in result.stderr
    assert result.stdout == ""


def test_eval_misses_lists_every_document_and_field_that_missed(tmp_path: Path) -> None:
    wakefield = corpus_report("2024-wakefield-pdu")
    reports, truth = tmp_path / "reports", tmp_path / "truth"
    reports.mkdir()
    truth.mkdir()
    shutil.copy(wakefield.text, reports / "w.txt")
    expected = json.loads(wakefield.truth_path.read_text(encoding="utf-8"))
    expected["units"][0]["standards"][0]["rating"] = "Outstanding"  # a rating the parse will not give
    (truth / "w.json").write_text(json.dumps(expected), encoding="utf-8")
    result = runner.invoke(app, ["eval", str(reports), str(truth), "--misses"])
    assert result.exit_code == 0, result.output
    assert "field-level accuracy" in result.stdout  # the per-family table as before
    misses = result.stdout.split("misses (")[1]
    assert "w.txt" in misses
    assert re.search(r"ratings missed: Wakefield PDU \| 1\.1 \| Leadership \| Outstanding", misses)
    assert re.search(r"ratings extra: Wakefield PDU \| 1\.1 \| Leadership \| Good", misses)
    as_json = json.loads(runner.invoke(app, ["eval", str(reports), str(truth), "--json"]).stdout)
    assert {(m["file"], m["family"], m["kind"]) for m in as_json["misses"]} == {
        ("w.txt", "ratings", "missed"),
        ("w.txt", "ratings", "extra"),
    }


# --- the Python API ------------------------------------------------------------------------------


def test_python_api_parse_and_validate_are_functions(tmp_path: Path) -> None:
    from docextract import DocextractError, InspectionReport, ValidationResult, parse, validate

    assert callable(parse) and callable(validate)
    report = parse(SAMPLE)
    assert isinstance(report, InspectionReport) and report.kind == "pdu_inspection"
    with SAMPLE.open("rb") as handle:
        from_file = parse(handle)
    assert from_file.model_dump(exclude={"source"}) == report.model_dump(exclude={"source"})
    assert from_file.source.sha256 == report.source.sha256
    assert parse(io.BytesIO(SAMPLE.read_bytes())).source.path == "<stream>"
    result = validate(SAMPLE)
    assert isinstance(result, ValidationResult) and result.report.units
    with pytest.raises(DocextractError) as error:
        parse(tmp_path / "nope.pdf")
    assert error.value.code == "not_found"
    with pytest.raises(TypeError, match="binary file object"), SAMPLE.open(encoding="latin-1") as text_handle:
        parse(text_handle)  # type: ignore[arg-type]
    import docextract.pipeline

    assert docextract.validate is validate and docextract.pipeline.validate is not validate


def test_importing_the_package_loads_neither_parser_nor_pydantic() -> None:
    code = "import sys, docextract; print(sorted(m for m in ('pydantic', 'docextract.pipeline') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.strip() == "[]"


def test_help_and_version_import_no_parser() -> None:
    code = (
        "import sys; from docextract.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('docextract.pipeline', 'docextract.model.record', 'pdfplumber', 'duckdb', 'spacy', "
        "'dask', 'pypdfium2') if m in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stderr.strip() == "[]"


def _imported_by(args: list[str], env: dict[str, str]) -> set[str]:
    """The modules a fresh `docextract ARGS` process imports (Python's -X importtime, on stderr)."""
    command = [sys.executable, "-X", "importtime", "-m", "docextract", *args]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env, timeout=300, check=True)
    return {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}


def test_a_cold_parse_imports_only_what_it_uses(tmp_path: Path) -> None:
    """Start-up (issue 16): with the pattern files validated and cached, a parse of a report the
    patterns resolve imports no YAML parser, no package-metadata scan (pydantic's plugin lookup,
    off for the command), and none of the libraries of other commands or other documents."""
    env = {**os.environ, "DOCEXTRACT_CACHE": str(tmp_path / "cache")}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    args = ["parse", str(corpus_report("2024-wakefield-pdu").pdf)]
    first = _imported_by(args, env)  # validates the pattern files and caches them
    assert "yaml" in first and "docextract" in first
    imported = _imported_by(args, env)
    unwanted = {"yaml", "importlib.metadata", "spacy", "pdfplumber", "duckdb", "dask", "rich", "pebble", "docx"}
    unwanted |= {"typer", "click"}  # `parse FILE...` runs without the command-line framework
    from docextract.rules.patterns import SCHEMAS

    unwanted |= {f"docextract.rules.{module}" for module, _ in SCHEMAS.values()}  # cached rules are plain
    unwanted |= {"docextract.rules.common", "docextract.rules.ratings"}  # nor their base (a type hint pulled them in)
    unwanted |= {"docextract.read.wordfile"}  # a PDF needs no Word reader
    unwanted |= {"docextract.extract.annual"}  # nor a PDU inspection an annual report's extractor
    assert "pypdfium2" in imported and not imported & unwanted, sorted(imported & unwanted)


@pytest.mark.parametrize(
    ("args", "plain"),
    [
        (["report.pdf"], True),
        (["a.pdf", "reports/"], True),
        ([], False),
        (["report.pdf", "-f", "table"], False),
        (["--help"], False),
        (["-"], False),
        (["--", "report.pdf"], False),
        ([""], False),
    ],
)
def test_only_file_paths_skip_typer(args: list[str], plain: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    from docextract.parsing import COMPLETION_VARIABLE, plain_files

    monkeypatch.delenv(COMPLETION_VARIABLE, raising=False)
    assert plain_files(args) is plain
    monkeypatch.setenv(COMPLETION_VARIABLE, "complete_bash")  # a shell asking typer for completions
    assert plain_files(args) is False


@pytest.mark.parametrize("case", ["one", "several", "missing", "empty directory"])
def test_parse_without_typer_answers_as_typer_does(tmp_path: Path, case: str) -> None:
    """`parse FILE...` (file paths alone) runs without typer; `-f json` is the same command through
    typer: the same output, lines on stderr and exit code."""
    (tmp_path / "empty").mkdir()
    files = {
        "one": [str(_report_text(tmp_path))],
        "several": [str(SAMPLE), str(_report_text(tmp_path))],
        "missing": [str(_report_text(tmp_path)), str(tmp_path / "missing.pdf")],
        "empty directory": [str(tmp_path / "empty")],
    }[case]
    direct, through_typer = _run("parse", *files), _run("parse", "-f", "json", *files)
    assert (direct.returncode, direct.stdout, direct.stderr) == (
        through_typer.returncode,
        through_typer.stdout,
        through_typer.stderr,
    )
    assert direct.returncode == (0 if case in ("one", "several") else 2)


def test_the_plugin_loader_stand_in_answers_as_pydantic_would() -> None:
    """With plugins off, the command's stand-in for pydantic's plugin loader gives no plugins (and
    no package-metadata import); any other name loads the real loader; with plugins on, nothing
    is replaced."""
    code = (
        "import os, sys\n"
        "from docextract.command import skip_plugin_loader\n"
        "skip_plugin_loader()\n"
        "from pydantic import BaseModel\n"
        "class M(BaseModel):\n    x: int\n"
        "assert M(x='1').x == 1\n"
        "from pydantic.plugin._loader import get_plugins\n"
        "print(list(get_plugins()), 'importlib.metadata' in sys.modules)\n"
        "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP\n"
        "print(PYDANTIC_ENTRY_POINT_GROUP, 'importlib.metadata' in sys.modules)\n"
    )
    for setting, expected in (("__all__", "[] False\npydantic True"), ("", "[] True\npydantic True")):
        env = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": setting}
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env)
        assert (done.returncode, done.stdout.strip()) == (0, expected), done.stderr


def test_the_garbage_collector_is_back_on_after_the_first_file() -> None:
    from docextract.parsing import collecting_after_the_first as _collecting_after_the_first

    was_enabled = gc.isenabled()
    try:
        gc.disable()
        seen = []
        for item in _collecting_after_the_first(["a.pdf", "b.pdf"]):
            seen.append((item, gc.isenabled()))
        assert seen == [("a.pdf", False), ("b.pdf", True)]
        gc.disable()
        for _ in _collecting_after_the_first(["a.pdf", "b.pdf"]):
            break  # an early end turns it on as well
        assert gc.isenabled()
    finally:
        gc.unfreeze()  # what the run froze (the objects made before the collector was back on)
        (gc.enable if was_enabled else gc.disable)()


def test_spacy_is_not_loaded_for_a_report_patterns_resolve() -> None:
    code = (
        "import sys, docextract\n"
        f"docextract.parse({str(corpus_report('2024-wakefield-pdu').pdf)!r})\n"
        "print('spacy' in sys.modules, 'pdfplumber' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.split()[0] == "False"


def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    report = _report_text(tmp_path)
    command = f"{sys.executable} -m docextract parse {report} --format table | head -n 1"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.stdout.strip() and "Traceback" not in result.stderr and "Broken pipe" not in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_line_and_exit_2() -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "docextract", "parse", str(SAMPLE)], stdout=full, stderr=subprocess.PIPE, cwd=REPO
        )
    assert result.returncode == 2
    assert result.stderr.decode() == "docextract: error: cannot write the output (No space left on device)\n"


def test_bulk_summary_counts_the_workers_of_a_run_where_every_file_timed_out(tmp_path: Path) -> None:
    # Fresh-user tester: `bulk ... --jobs 1 --timeout 5` where every file timed out showed
    # "worker processes: -" (workers were counted from the results they returned).
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("2021-nps-south-west", "2021-annual-report"):  # the largest reports: parses far beyond 0.1 s
        shutil.copy(corpus_report(name).pdf, inputs / f"{name}.pdf")
    result = runner.invoke(app, ["bulk", str(inputs), "--out", str(tmp_path / "out"), "-j", "1", "--timeout", "0.1"])
    out = result.stdout
    assert re.search(r"timeout\W+2\b", out) and re.search(r"parsed now\W+0\b", out), out
    assert re.search(r"worker processes\W+1\b", out), out


@pytest.mark.parametrize("command", ["parse", "validate", "bulk"])
def test_help_of_commands_reading_word_drafts_names_docx(command: str) -> None:
    # Fresh-user tester: `parse --help` left .docx out although `parse draft.docx` works.
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and ".docx" in result.stdout, result.stdout

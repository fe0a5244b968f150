"""One registry of output formats (docextract/serialize/formats.py): the command line's `--format`
choices and help come from it, every registered writer exists, and no other list of formats is kept."""

from __future__ import annotations

import ast
import inspect

import pytest
from paths import FIXTURES, REPO
from typer.testing import CliRunner

from docextract.cli import app
from docextract.serialize import formats

EXAMPLE = FIXTURES / "validate" / "clean-pdu.txt"


def test_each_command_offers_its_formats_in_order() -> None:
    assert formats.choices("parse") == ("json", "jsonl", "table")
    assert formats.choices("validate") == ("text", "json", "sarif", "junit")
    assert formats.choices("bulk") == ("duckdb", "parquet", "csv", "jsonl")


def test_every_writer_is_importable_and_documented() -> None:
    for fmt in formats.FORMATS:
        for command, spec in fmt.writers.items():
            assert command in fmt.writes
            function = formats.writer(fmt.name, command)
            assert callable(function) and inspect.getdoc(function), spec
    assert callable(formats.load(formats.HTML_REVIEW))
    with pytest.raises(LookupError):
        formats.writer("duckdb", "bulk")  # the store itself, no writer of its own
    with pytest.raises(ValueError, match="choose from text, json, sarif, junit"):
        formats.get("csv", "validate")


@pytest.mark.parametrize("command", ["parse", "validate", "bulk"])
def test_cli_help_is_built_from_the_registry(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0
    help_text = " ".join(result.output.split())
    assert formats.help_text(command) in help_text  # type: ignore[arg-type]
    assert formats.metavar(command) in help_text  # type: ignore[arg-type]


def test_cli_refuses_a_format_naming_the_registry_choices() -> None:
    result = CliRunner().invoke(app, ["parse", str(EXAMPLE), "--format", "csv"])
    assert result.exit_code == 2
    assert "'csv' is not a choice: use json, jsonl or table." in result.output


def test_bulk_format_list() -> None:
    assert formats.parse_list("parquet, CSV,parquet") == ["parquet", "csv"]
    assert formats.parse_list("") == ["duckdb"]
    with pytest.raises(ValueError, match="unknown format 'xlsx': choose from duckdb, parquet, csv, jsonl"):
        formats.parse_list("duckdb,xlsx")


@pytest.mark.parametrize("fmt", formats.choices("parse"))
def test_parse_writes_every_registered_format(fmt: str) -> None:
    result = CliRunner().invoke(app, ["parse", str(EXAMPLE), "--format", fmt])
    assert result.exit_code == 0 and result.output.strip()


@pytest.mark.parametrize("fmt", formats.choices("validate"))
def test_validate_writes_every_registered_format(fmt: str) -> None:
    result = CliRunner().invoke(app, ["validate", str(EXAMPLE), "--format", fmt])
    assert result.exit_code in (0, 1) and result.output.strip()


def test_no_other_list_of_formats() -> None:
    """A tuple or list of two or more format names anywhere but the registry would be a second list."""
    names = {f.name for f in formats.FORMATS}
    found: list[str] = []
    for path in sorted((REPO / "docextract").rglob("*.py")):
        if path.name == "formats.py" and path.parent.name == "serialize":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple | ast.List | ast.Set):
                values = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                if len(values) >= 2 and len(values) == len(node.elts) and set(values) <= names:
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}: {values}")
    assert found == []

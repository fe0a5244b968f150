"""One registry of codes (docextract/model/codes.py): every code docextract gives is registered there,
given through its constant (never a bare string), and documented in the README's *Codes* section.

Three ways a code could escape the registry, three checks: the source (an AST scan of every module
for a code written as a string), the pattern files (codes that are data: nulls.yaml, validation.yaml)
and the running program (the codes of the records and findings of generated reports, and of bad
input)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from paths import FIXTURES, REPO

from docextract.model import codes
from docextract.model.errors import DocextractError
from docextract.pipeline import parse, validate
from docextract.rules.patterns import nulls_patterns, validation_patterns

PACKAGE = REPO / "docextract"
README = REPO / "README.md"

# Calls whose argument at this position (or keyword) is a code.
CODE_ARGUMENTS = {
    "DocextractError": 1, "error_result": 1, "issue": 0, "ErrorRecord": 2, "fail": 1, "problem": 0, "rule_error": 0
}


def _modules() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name != "codes.py" or path.parent.name != "model":
            yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _code_literals(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """String constants given where a code goes: `code=...` keywords, comparisons with `.code`, and
    the code argument of the calls above."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg in ("code", "error_code") and isinstance(keyword.value, ast.Constant):
                    yield node.lineno, str(keyword.value.value)
            position = CODE_ARGUMENTS.get(_call_name(node))
            if position is not None and len(node.args) > position:
                argument = node.args[position]
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    yield node.lineno, argument.value
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Attribute) and s.attr in ("code", "error_code") for s in sides):
                for side in sides:
                    for sub in ast.walk(side):
                        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                            yield node.lineno, sub.value


def test_the_source_gives_codes_through_the_registry_constants() -> None:
    bare: list[str] = []
    for path, tree in _modules():
        for line, value in _code_literals(tree):
            bare.append(f"{path.relative_to(REPO)}:{line}: {value!r}")
    assert bare == [], "give codes through docextract.model.codes constants (registered, documented)"


def test_no_registered_code_is_spelt_out_in_the_source() -> None:
    """A registered code written as a string anywhere else is a code given around the registry (the
    JUnit XML `type` attribute, a word of its own format, is the one exception)."""
    spelt: list[str] = []
    for path, tree in _modules():
        allowed = {
            id(k.value) for n in ast.walk(tree) if isinstance(n, ast.Call) for k in n.keywords if k.arg == "type"
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value in codes.REGISTRY
                and id(node) not in allowed
            ):
                spelt.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.value!r}")
    assert spelt == []


def test_codes_in_the_pattern_files_are_registered_warnings_and_findings() -> None:
    reasons = nulls_patterns().fields
    warning_codes = {r.code for r in reasons} | {a for r in reasons for a in r.adopt}
    validation = validation_patterns()
    warning_codes |= set(validation.not_checked) | set(validation.nothing_checked) | set(validation.rules_not_checked)
    assert sorted(c for c in warning_codes if c not in codes.REGISTRY) == []
    assert sorted(c for c in warning_codes if codes.info(c).kind != "warning") == []
    assert set(validation.checks) == set(codes.codes("finding"))


def test_registry_is_consistent() -> None:
    for code, item in codes.REGISTRY.items():
        assert item.code == code and item.meaning and code == code.lower() and " " not in code
        assert (item.severity is None) == (item.kind == "finding")
    assert codes.info("corrupt_pdf").exit_code == codes.EXIT_UNREADABLE
    assert codes.info("timeout").exit_code == codes.EXIT_SOME_FAILED
    with pytest.raises(KeyError, match="not registered"):
        codes.info("no_such_code")


def _readme_section() -> str:
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- codes: generated by docextract.model.codes.markdown() -->", "<!-- /codes -->"
    assert start in text and end in text
    return text.split(start, 1)[1].split(end, 1)[0].strip()


def test_every_code_is_documented_in_the_readme() -> None:
    assert _readme_section() == codes.markdown().strip()  # regenerate: python -m docextract.model.codes


def _generated_reports() -> list[Path]:
    files = sorted((FIXTURES / "producers").glob("reportlab-*.pdf"))
    files += sorted((FIXTURES / "validate").glob("*.txt")) + sorted((FIXTURES / "unknown_framework").glob("*.txt"))
    assert len(files) >= 12
    return files


def test_codes_given_at_run_time_are_registered(tmp_path: Path) -> None:
    """The warnings and findings of generated reports (every kind, layout and defect of the producer
    fixtures), an unknown document and bad input: every code registered in its own kind."""
    given: set[tuple[str, str]] = set()
    for path in _generated_reports():
        result = validate(path)
        given |= {("warning", w.code) for w in result.report.warnings}
        given |= {("finding", i.code) for i in result.issues}
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear neighbour,\n\nThe hedge needs trimming before the summer.\n" * 12, encoding="utf-8")
    given |= {("warning", w.code) for w in parse(letter).warnings}
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "fake.pdf").write_text("not a pdf at all", encoding="utf-8")
    (tmp_path / "odd.xyz").write_text("x", encoding="utf-8")
    for bad in ("missing.pdf", "empty.pdf", "fake.pdf", "odd.xyz", "."):
        with pytest.raises(DocextractError) as caught:
            parse(tmp_path / bad)
        given.add(("input", caught.value.code))
    unregistered = sorted(f"{kind} {code}" for kind, code in given if code not in codes.REGISTRY)
    assert unregistered == []
    assert sorted(f"{k} {c}" for k, c in given if codes.info(c).kind != k) == []
    kinds = {k for k, _ in given}
    assert kinds == {"warning", "finding", "input"}  # the run exercised every kind it can
    assert {"unknown_document", "not_found", "empty", "not_pdf", "unsupported", "is_directory"} <= {c for _, c in given}

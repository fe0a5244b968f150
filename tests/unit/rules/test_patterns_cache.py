"""Validated pattern files are cached (pickled) for start-up speed, never at the cost of checking:
a changed file is validated again (and refused when broken), a damaged cache entry is ignored."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from paths import REPO

from docextract.rules import loader, patterns
from docextract.rules.errors import RuleError


@pytest.fixture
def pattern_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "patterns"
    shutil.copytree(patterns.patterns_dir(), folder)
    monkeypatch.setattr(loader, "patterns_dir", lambda: folder)
    monkeypatch.setenv("DOCEXTRACT_CACHE", str(tmp_path / "cache"))
    return folder


def test_second_load_comes_from_the_cache_and_equals_the_validated(pattern_files: Path) -> None:
    first = patterns.load("ratings.yaml", patterns.RatingsPatterns)
    cached = list((pattern_files.parent / "cache").glob("patterns-ratings-*.pickle"))
    assert len(cached) == 1
    second = patterns.load("ratings.yaml", patterns.RatingsPatterns)
    assert second == first and second is not first


def test_a_changed_file_is_validated_again(pattern_files: Path) -> None:
    patterns.load("ratings.yaml", patterns.RatingsPatterns)
    data = yaml.safe_load((pattern_files / "ratings.yaml").read_text(encoding="utf-8"))
    data["unexpected_key"] = 1  # the models forbid extra keys
    (pattern_files / "ratings.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(RuleError) as refused:
        patterns.load("ratings.yaml", patterns.RatingsPatterns)
    assert refused.value.code == "rule_schema" and refused.value.key == "unexpected_key"


def test_a_damaged_cache_entry_is_ignored(pattern_files: Path) -> None:
    expected = patterns.load("bodies.yaml", patterns.BodiesPatterns)
    for entry in (pattern_files.parent / "cache").glob("patterns-bodies-*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert patterns.load("bodies.yaml", patterns.BodiesPatterns) == expected


def test_the_cache_can_be_switched_off(pattern_files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCEXTRACT_CACHE", "off")
    assert patterns.cache_dir() is None
    patterns.load("ratings.yaml", patterns.RatingsPatterns)
    assert not (pattern_files.parent / "cache").exists()


def _plain_data(value: object) -> object:
    """A plain rule object's values as the dicts and lists `model_dump` gives a model's."""
    from docextract.rules.plain import Plain

    if isinstance(value, Plain):
        return {name: _plain_data(item) for name, item in vars(value).items()}
    if isinstance(value, list):
        return [_plain_data(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain_data(item) for key, item in value.items()}
    return value


def test_what_a_run_reads_equals_the_validated_models(pattern_files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The accessors give each file as load_all keeps it (plain objects, from the cache once it is
    filled): the same values and the same methods' answers as the validated pydantic models."""
    monkeypatch.setattr(patterns, "patterns_dir", lambda: pattern_files)
    patterns.load_all.cache_clear()
    try:
        validated = patterns.check_all(pattern_files)
        fresh, cached = patterns.load_all(), (patterns.load_all.cache_clear(), patterns.load_all())[1]
        assert list((pattern_files.parent / "cache").glob("rules-*.pickle"))
        for name in patterns.SCHEMAS:
            model = validated[name]
            assert _plain_data(fresh[name]) == _plain_data(cached[name]) == model.model_dump(), name
            assert type(model).__name__ in type(fresh[name]).__name__ or type(fresh[name]).__name__ == "Plain"
        words, plain_words = validated["vocab.yaml"], cached["vocab.yaml"]
        for kind in ("rated", "one_unit", "recommendations"):
            assert plain_words.kinds_where(kind) == words.kinds_where(kind)
        assert [plain_words.number_value(w) for w in ("9", "nine", "twenty-one", "a")] == [9, 9, 21, None]
        for name, framework in validated["frameworks.yaml"].frameworks.items():
            twin = cached["frameworks.yaml"].frameworks[name]
            assert twin.variants() == framework.variants()
            assert [twin.counted_standards(v) for v in twin.variants()] == [
                framework.counted_standards(v) for v in framework.variants()
            ]
        source = cached["metadata.yaml"].published[0]
        assert source.compiled.pattern == validated["metadata.yaml"].published[0].compiled.pattern
        with pytest.raises(AttributeError):
            cached["ratings.yaml"].version = 2  # read-only, as the frozen models are
    finally:
        patterns.load_all.cache_clear()


def test_load_all_checks_a_changed_file_again(pattern_files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "patterns_dir", lambda: pattern_files)
    patterns.load_all.cache_clear()
    try:
        patterns.load_all()  # fills the cache
        data = yaml.safe_load((pattern_files / "nulls.yaml").read_text(encoding="utf-8"))
        data["unexpected_key"] = 1
        (pattern_files / "nulls.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
        patterns.load_all.cache_clear()
        with pytest.raises(RuleError) as refused:
            patterns.load_all()
        assert (refused.value.code, refused.value.key) == ("rule_schema", "unexpected_key")
    finally:
        patterns.load_all.cache_clear()


def test_a_run_with_unchanged_files_imports_no_schema_module(tmp_path: Path) -> None:
    """Start-up (issue 16): once the files are validated and cached, the accessors import none of
    the ~17 schema modules (their pydantic classes cost ~0.02 s to create)."""
    code = (
        "import sys\n"
        "from docextract.rules import patterns\n"
        "patterns.load_all(); patterns.vocab().kinds_where('rated'); patterns.frameworks().frameworks\n"
        "modules = {f'docextract.rules.{module}' for module, _ in patterns.SCHEMAS.values()}\n"
        "print(sorted(modules & set(sys.modules)))\n"
    )
    env = {**os.environ, "DOCEXTRACT_CACHE": str(tmp_path / "cache")}
    first, second = (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO, check=True)
        for _ in range(2)
    )
    assert first.stdout.strip() != "[]"  # the first run validated them
    assert second.stdout.strip() == "[]", second.stdout


def test_every_method_of_a_schema_class_is_one_its_plain_twin_has() -> None:
    """A run reads the plain twins (rules/plain.py), not the schema classes: a method or property
    defined on a schema class itself would be missing at run time. It belongs in a `...Methods`
    class of rules/plain.py that the schema class inherits (its plain twin then has it too)."""
    import importlib
    import inspect

    from pydantic import BaseModel

    from docextract.rules.plain import TWINS

    missing = []
    for module_name, _ in patterns.SCHEMAS.values():
        module = importlib.import_module(f"docextract.rules.{module_name}")
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and issubclass(cls, BaseModel) and cls.__module__ == module.__name__):
                continue
            for name, value in vars(cls).items():
                public = not name.startswith("_") and not name.startswith("model_")
                if public and (inspect.isfunction(value) or isinstance(value, property | classmethod | staticmethod)):
                    missing.append(f"{module_name}.{cls.__name__}.{name}")
            mixins = [base for base in cls.__mro__ if base in TWINS]
            for mixin in mixins:
                assert issubclass(TWINS[mixin], mixin)
    assert not missing, f"define these in a ...Methods class of rules/plain.py: {missing}"

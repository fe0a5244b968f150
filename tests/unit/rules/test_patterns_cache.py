"""Validated pattern files are cached (pickled) for start-up speed, never at the cost of checking:
a changed file is validated again (and refused when broken), a damaged cache entry is ignored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

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

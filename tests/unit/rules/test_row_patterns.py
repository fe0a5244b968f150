"""The row patterns of ratings boxes and key-question tables and the narrative check's composed
patterns are data (patterns/ratings_table.yaml, keyquestions_scan.yaml, narrative_shapes.yaml),
validated on load: a broken pattern, a missing group or placeholder is refused with its code."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import regex
import yaml

from docextract.rules import loader
from docextract.rules.errors import RuleError
from docextract.rules.patterns import (
    check_all,
    keyquestion_patterns,
    keyquestion_scan_patterns,
    narrative_shapes,
    ratings_table_patterns,
)


def test_ratings_table_patterns_expand() -> None:
    rules = ratings_table_patterns()
    match = regex.compile(rules.expanded("score")).match("Overall score 8 out o f 21")
    assert match is not None and (match["score"], match["max"]) == ("8", "21")
    assert "<OUT_OF>" not in rules.expanded("fraction")
    fraction = regex.compile(rules.expanded("fraction")).search("2021: 3/21")
    assert fraction is not None and fraction["score"] == "3"
    column = regex.compile(rules.expanded("column")).search("Previous inspection (2019)")
    assert column is not None and column["in"] == "2019"


def test_keyquestion_scan_patterns_expand() -> None:
    rows, words = keyquestion_scan_patterns(), keyquestion_patterns()
    cell = regex.compile(rows.expanded(words, "value_cell"))
    assert cell.match("90% 87%") and cell.match("85% n/a") and not cell.match("Is the work good?")
    trailing = regex.compile(rows.expanded(words, "trailing_values")).match("Is the work safe? 89% 91%")
    assert trailing is not None and trailing["values"] == "89% 91%"
    start = regex.compile(rows.expanded(words, "question_start"))
    assert start.match("Does the plan") and start.match("Post-custody work") and not start.match("Doesn't")


def test_narrative_shapes_compose_the_check_patterns() -> None:
    quoted, any_rating = narrative_shapes().ratings(r"Good|Requires\s+improvement")
    found = regex.search(quoted, "rated 'Good' overall")
    assert found is not None and found["rating"] == "Good"
    assert regex.search(any_rating, "rated as: Requires improvement", regex.IGNORECASE) is not None
    assert regex.search(any_rating, "a good start", regex.IGNORECASE) is None  # a bare word is capitalised
    one, listing = narrative_shapes().standards("assessment|court work", r"this\s+standard")
    assert regex.fullmatch(listing, "Assessment, court work and this standard", regex.IGNORECASE) is not None
    assert regex.fullmatch(one, "this  standard") is not None


# (file, key, value, code): the value breaks the file; the error names the key.
CASES: list[tuple[str, str, Any, str]] = [
    ("ratings_table.yaml", "score", r"\bScore\b(?P<score>\d+)", "rule_regex_group_missing"),
    ("ratings_table.yaml", "standard", "(unclosed", "rule_regex_invalid"),
    ("ratings_table.yaml", "out_of", "of(", "rule_regex_invalid"),
    ("ratings_table.yaml", "max_name_words", 0, "rule_schema"),
    ("keyquestions_scan.yaml", "trailing_values", "<VALUE>", "rule_regex_group_missing"),
    ("keyquestions_scan.yaml", "percent_line", "[", "rule_regex_invalid"),
    ("keyquestions_scan.yaml", "unknown", "x", "rule_schema"),
    ("narrative_shapes.yaml", "quoted_rating", "'<WORDS>'", "rule_regex_group_missing"),
    ("narrative_shapes.yaml", "standard_list", "<NAMES>(?:, <NAMES>)*", "rule_template_placeholder"),
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of patterns/, validated without the cache."""
    copy = tmp_path / "patterns"
    shutil.copytree(loader.patterns_dir(), copy)
    monkeypatch.setenv("DOCEXTRACT_CACHE", "off")
    return copy


@pytest.mark.parametrize(("file", "key", "value", "code"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_a_broken_row_pattern_is_refused_with_its_code(
    folder: Path, file: str, key: str, value: Any, code: str
) -> None:
    path = folder / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[key] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(RuleError) as refused:
        check_all(folder)
    assert (refused.value.code, refused.value.file, refused.value.key) == (code, file, key), refused.value.problems

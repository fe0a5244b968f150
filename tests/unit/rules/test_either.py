"""rules.regexes.either: one alternation matches exactly where one of its patterns would, each
pattern's leading inline flags kept to its own branch."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from docextract.rules.patterns import keyquestion_patterns
from docextract.rules.regexes import compiled, either

_HEADER = keyquestion_patterns().header
_LISTS = {
    "current": _HEADER.current,
    "comparator": _HEADER.comparator,
    "count": _HEADER.count,
    "percentages": _HEADER.percentages,
    "starts": _HEADER.starts,
}
_WORDS = [
    "Current",
    "inspection",
    "All",
    "PDUs",
    "%",
    "Percentage",
    "'Yes'",
    "2022",
    "/23",
    "national",
    "n",
    "Cases",
    "(n)",
    "this",
    "region",
    "England",
    "and",
    "Wales",
    "average",
    "percent",
    "number",
    "of",
    "cases",
    " ",
    "?",
]


def _any(patterns: list[str], text: str, search: bool = False) -> bool:
    return any((compiled(p).search(text) if search else compiled(p).match(text)) for p in patterns)


@given(st.lists(st.sampled_from(_WORDS), max_size=5).map(" ".join), st.sampled_from(sorted(_LISTS)))
def test_either_matches_where_one_of_the_header_patterns_does(text: str, name: str) -> None:
    patterns = _LISTS[name]
    union = either(patterns)
    assert (union.match(text) is not None) == _any(patterns, text)
    assert (union.search(text) is not None) == _any(patterns, text, search=True)


def test_each_pattern_keeps_its_own_flags() -> None:
    union = either(["(?i)^current$", "^ALL$", "(?x) ^ n \\s* = $"])
    assert union.match("CURRENT") and union.match("ALL") and union.match("n =")
    assert not union.match("all")  # the first pattern's (?i) does not reach the second
    assert union.pattern == "(?i:^current$)|(?:^ALL$)|(?x: ^ n \\s* = $)"


def test_a_bad_pattern_is_refused() -> None:
    with pytest.raises(regex.error):
        either(["(?i)^ok$", "(unclosed"])

"""extract.ratings.table: the quick test for a ratings box's "Overall rating" label finds what
`find_label` finds over a line's first eight words, and nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from docextract.extract.ratings.table import _labelled
from docextract.read.fuzzy import find_label
from docextract.rules.patterns import ratings_patterns

WORDS = ["Overall", "rating", "Overa", "II", "ratin", "g", "Over", "all", "Ratings", "Good", "Score", "8/21",
         "2.1", "Assessment", "overallrating", "Overal", "lrating", "O", "verall", "Outstanding", "–", "(PDU)"]


def _expected(text: str) -> bool:
    return find_label(text.split()[:8], ratings_patterns().labels["overall_rating"]) is not None


@given(st.lists(st.sampled_from(WORDS), max_size=12), st.sampled_from([" ", "  ", "\t"]))
def test_labelled_is_find_label(words: list[str], space: str) -> None:
    text = space.join(words)
    assert _labelled(text, ratings_patterns().labels["overall_rating"]) == _expected(text)


def test_labelled_examples() -> None:
    label = ratings_patterns().labels["overall_rating"]
    assert _labelled("Overall rating Good", label)
    assert _labelled("Overa II rating   Requires improvement", label)
    assert not _labelled("The rating was good overall", label)
    assert not _labelled("one two three four five six seven eight Overall rating", label)

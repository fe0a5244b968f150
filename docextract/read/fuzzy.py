"""Fuzzy word matching for text broken by extraction ("Overa II rating", "Requires improvem ent").

Matching works on compact text (letters and digits, lower case) with the `regex`
package's bounded edit distance, so broken spacing costs nothing and a misread
letter or two is tolerated.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import regex

from ..model.record import Rating
from ..rules.patterns import ratings_patterns, ratings_table_patterns
from ..rules.regexes import compiled
from ..rules.text import best_match as best_match
from ..rules.text import compact
from ..rules.text import similarity as similarity

if TYPE_CHECKING:  # the schema classes load only to validate a changed rule file
    from ..rules.patterns import FuzzyWord


@cache
def _fuzzy(word: str, edits: int) -> regex.Pattern[str]:
    body = regex.escape(word)
    return compiled(f"(?b)(?:{body}){{e<={edits}}}" if edits else body)


@cache
def _pieces(word: str, edits: int) -> tuple[str, ...]:
    """max_edits + 1 disjoint pieces of `word`: at least one survives any `edits` edits intact."""
    size = max(1, len(word) // (edits + 1))
    return tuple(word[i * size : (i + 1) * size if i < edits else len(word)] for i in range(edits + 1))


def fuzzy_search(word: FuzzyWord, text: str) -> bool:
    """Whether compact `text` contains `word` within its allowed edits (pigeonhole pre-filter first)."""
    if not any(piece in text for piece in _pieces(word.compact, word.max_edits)):
        return False
    return _fuzzy(word.compact, word.max_edits).search(text) is not None


def fuzzy_equal(text: str, word: FuzzyWord) -> bool:
    """Whether the compact form of `text` is `word` within its allowed edits."""
    key = compact(text)
    if abs(len(key) - len(word.compact)) > word.max_edits:  # more edits needed than allowed
        return False
    return _fuzzy(word.compact, word.max_edits).fullmatch(key) is not None


@lru_cache(maxsize=1 << 14)
def as_rating(text: str) -> Rating | None:
    """The rating that `text` is (nothing else but stray symbols), or None. Kept for the last
    16,384 texts asked (a pure function of the text and ratings.yaml, loaded once a process): the
    ratings reader, the key-question scanner and detection ask the same cells and line ends."""
    key = compact(text)
    if not key:
        return None
    for word in ratings_patterns().ratings:
        if abs(len(key) - len(word.compact)) > word.max_edits:  # more edits needed than allowed
            continue
        if _fuzzy(word.compact, word.max_edits).fullmatch(key):
            return word.canonical
    return None


def _is_junk(token: str) -> bool:
    """Stray marks printed beside ratings: symbols, arrows, TeX residue like '\\searrow'."""
    return not any(ch.isalnum() for ch in token) or token.startswith("\\")


def split_rating(text: str) -> tuple[str, Rating | None]:
    """Split a trailing rating off `text`: ('P 2.1 Assessment', 'Good') from 'P 2.1 Assessment Good ☆'."""
    tokens = text.split()
    while tokens and _is_junk(tokens[-1]):
        tokens.pop()
    for size in (3, 2, 1):
        if len(tokens) >= size:
            rating = as_rating(" ".join(tokens[-size:]))
            if rating is not None:
                return " ".join(tokens[:-size]), rating
    return " ".join(tokens), None


@cache
def _code_within() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    rules = ratings_table_patterns()
    return compiled(rules.expanded("code_within")), compiled(rules.expanded("domain"))


def cells_before_code(text: str) -> tuple[str, tuple[Rating, ...], str | None] | None:
    """A standard's row printing other cells before its code, split: the row from the code on,
    the ratings printed before the code (a rating column printed first; one per inspection's
    column, in order) and the domain heading printed before it (a merged first column holding
    the domain's name, "1. Organisational arrangements"). None when the code opens the row, or
    when what comes before it is neither ratings only nor a domain heading (patterns/ratings_table.yaml
    `code_within`, `domain`; ratings.yaml for the rating words)."""
    code, domain = _code_within()
    found = code.search(text)
    if found is None or found.start() == 0:
        return None
    head, rest = text[: found.start()].strip(), text[found.start() :]
    if domain.match(head):
        return rest, (), head
    ratings = _ratings_only(head.split())
    return (rest, ratings, None) if ratings else None


def _ratings_only(tokens: Sequence[str]) -> tuple[Rating, ...]:
    """The ratings that `tokens` are, one after another (stray marks between them allowed), or ()."""
    found: list[Rating] = []
    rest = [token for token in tokens if not _is_junk(token)]
    while rest:
        for size in (3, 2, 1):
            rating = as_rating(" ".join(rest[:size])) if len(rest) >= size else None
            if rating is not None:
                found.append(rating)
                rest = rest[size:]
                break
        else:
            return ()
    return tuple(found)


def find_label(words: Sequence[str], label: FuzzyWord, max_words: int = 4) -> tuple[int, int] | None:
    """Word span [start, end) of the first occurrence of `label` in `words`, or None."""
    if not fuzzy_search(label, compact(" ".join(words))):
        return None  # one cheap search rules out most lines
    for start in range(len(words)):
        for end in range(start + 1, min(len(words), start + max_words) + 1):
            if fuzzy_equal(" ".join(words[start:end]), label):
                return start, end
    return None

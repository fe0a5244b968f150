"""Text normalisation, done once, in one place, by the readers.

Everything downstream sees normalised text: ligatures expanded, non-breaking and
odd spaces made plain, curly quotes straightened, dash variants folded, footnote
markers (superscript digits, digits glued after a question mark) removed, and
markdown/HTML residue of text conversions stripped. What is folded and removed is data
(patterns/reading.yaml; the superscript digits are in patterns/vocab.yaml).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import NamedTuple

import regex

from ..rules.patterns import reading_patterns, vocab
from ..rules.regexes import compiled
from ..rules.text import collapse as collapse
from ..rules.text import compact as compact


@cache
def superscript_digits() -> str:
    """The superscript digits 0-9 (patterns/vocab.yaml)."""
    return vocab().superscript_digits


class _Reading(NamedTuple):
    """patterns/reading.yaml, ready to apply: the translate table, the ASCII characters it folds
    (an ASCII line without one has nothing to translate), and the compiled patterns."""

    fold: dict[int, str]
    ascii_folded: tuple[str, ...]
    sup_tag: regex.Pattern[str]
    sup_tag_needs: str
    superscripts: regex.Pattern[str]
    after_question: regex.Pattern[str]
    after_question_needs: str
    markup: tuple[tuple[regex.Pattern[str], str], ...]


@cache
def _reading() -> _Reading:
    rules = reading_patterns()
    return _Reading(
        fold=str.maketrans(rules.fold),
        ascii_folded=tuple(c for c in rules.fold if c.isascii()),
        sup_tag=compiled(rules.sup_tag.pattern),
        sup_tag_needs=rules.sup_tag.needs,
        superscripts=compiled(rules.footnote_superscripts.replace("<SUPERSCRIPTS>", superscript_digits())),
        after_question=compiled(rules.footnote_after_question.pattern),
        after_question_needs=rules.footnote_after_question.needs,
        markup=tuple((compiled(m.pattern), m.replace) for m in rules.markup),
    )


def ends_in_break(raw: str) -> bool:
    """Whether a raw (not yet normalised) line's last printed character is a hyphenation break
    (patterns/reading.yaml `break_hyphens`: a soft hyphen, a typesetter's or pdfium's hyphen)."""
    return raw.rstrip()[-1:] in break_hyphens()


@cache
def break_hyphens() -> frozenset[str]:
    """The hyphenation breaks of `ends_in_break` (patterns/reading.yaml `break_hyphens`)."""
    return frozenset(reading_patterns().break_hyphens)


def normalize_text(text: str) -> str:
    """Normalise one line of extracted text (no tabs left inside: split cells first)."""
    rules = _reading()
    if not text.isascii() or any(c in text for c in rules.ascii_folded):  # else nothing to translate
        text = text.translate(rules.fold)
    if rules.sup_tag_needs in text:
        text = rules.sup_tag.sub("", text)
    if not text.isascii():  # superscript digits are not ASCII
        text = rules.superscripts.sub(" ", text)
    if rules.after_question_needs in text:
        text = rules.after_question.sub("", text)
    return collapse(text)


def line_normalizer(text: str) -> Callable[[str], str]:
    """`normalize_text`, or a shorter function giving the same result for every line of `text` (a
    page's text, its line breaks LF): for an ASCII text holding none of the ASCII characters that
    reading.yaml folds, the fold and the superscripts are skipped, and where it holds neither
    pattern's `needs` either, a line is only collapsed. The tests on the whole text hold for each
    of its lines (a line is part of it), so they are made once a page instead of once a line."""
    rules = _reading()
    if not text.isascii() or any(c in text for c in rules.ascii_folded):
        return normalize_text
    if rules.sup_tag_needs in text or rules.after_question_needs in text:
        return _normalize_plain
    return collapse


def _normalize_plain(text: str) -> str:
    """`normalize_text` of an ASCII line holding no character the fold changes."""
    rules = _reading()
    if rules.sup_tag_needs in text:
        text = rules.sup_tag.sub("", text)
    if rules.after_question_needs in text:
        text = rules.after_question.sub("", text)
    return collapse(text)


def clean_name(text: str) -> str:
    """A name (the title, a unit's name, an addressee) without the markup a draft printed unrendered
    leaves: markdown escapes, links, HTML tags, heading marks, emphasis and code marks
    (patterns/reading.yaml `name_markup`, in order), spaces collapsed. May return ''."""
    for pattern, replace in _name_markup():
        text = pattern.sub(replace, text)
    return collapse(text)


@cache
def _name_markup() -> list[tuple[regex.Pattern[str], str]]:
    return [(compiled(rule.pattern), rule.replace) for rule in reading_patterns().name_markup]


def strip_markup(text: str) -> str:
    """Remove markdown/HTML markers that text conversions leave around words (patterns/reading.yaml
    `markup`, in order)."""
    for pattern, replace in _reading().markup:
        text = pattern.sub(replace, text)
    return text

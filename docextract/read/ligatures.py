"""Ligature glyphs a PDF gives as wrong characters, repaired only where the report proves them.

A PDF re-distilled with a broken ToUnicode map (Ghostscript) gives a ligature glyph as an unrelated
character: "oûending" for "offending", "üve" for "five". A character other than a-z beside a
letter of a word stands for one expansion ("ff", "fi", ...) when, read as it, at least `min_words`
distinct words of the document become known words (printed elsewhere in the document without
the character, or listed in patterns/reading.yaml `broken_ligatures.words`) and no other expansion
makes any known word. The document's text is then repaired everywhere (cheap lines, layout rows,
pdfplumber's rows) with one `broken_ligature` warning per character saying what was read, where,
and the words that proved it. Nothing else is changed: a Welsh "tŷ" or a "café" makes no known word.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from ..model.codes import BROKEN_LIGATURE
from ..model.record import ParseWarning
from ..rules.patterns import reading_patterns
from .document import Document, Line, Precise
from .layout import Cell, Row

_PUNCTUATION = string.punctuation + "’‘“”–—…"


def _word_char(char: str) -> bool:
    return char.isalpha() or unicodedata.category(char) in ("Co", "Cn", "So")


def words(text: str) -> list[str]:
    """The words of `text` (letters, private-use and unassigned code points), case folded."""
    return "".join(c if _word_char(c) else " " for c in text).casefold().split()


def _ascii_word(word: str) -> bool:
    return word.isascii() and word.isalpha()


def _runs(word: str) -> set[str]:
    """The runs of characters other than a-z in a word holding a-z ("oûending": {"û"})."""
    runs: set[str] = set()
    run = ""
    for char in word:
        if "a" <= char <= "z":
            if run:
                runs.add(run)
            run = ""
        else:
            run += char
    if run:
        runs.add(run)
    return runs


def ligature_map(texts: Iterable[str]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """{run of characters: expansion} proved by the document's words (`texts`): a run is one
    character ("û" for "ff") or a few (a UTF-16 map read byte-swapped: "昀昀" for "ff"); and for
    each run the known words that proved it (sorted). Empty when every line is plain ASCII."""
    rules = reading_patterns().broken_ligatures
    texts = list(texts)
    suspects: dict[str, set[str]] = {}
    for text in texts:
        if text.isascii():  # most lines (normalisation folds quotes and dashes): nothing to suspect
            continue
        # a line's words are its tokens' words (white space is no word character); an ASCII token's are ASCII
        for token in text.split():
            if token.isascii():
                continue
            for word in words(token):
                if not _ascii_word(word) and any("a" <= c <= "z" for c in word):
                    for run in _runs(word):
                        suspects.setdefault(run, set()).add(word)
    if not suspects:
        return {}, {}
    own = {w for text in texts for w in (p.strip(_PUNCTUATION) for p in text.casefold().split()) if _ascii_word(w)}
    known = own | {w.casefold() for w in rules.words}
    found: dict[str, str] = {}
    proof: dict[str, list[str]] = {}
    for run, held in suspects.items():
        confirmed = {e: sorted({w.replace(run, e) for w in held} & known) for e in rules.expansions}
        proved = [e for e, hits in confirmed.items() if len(hits) >= rules.min_words]
        if len(proved) == 1 and not any(hits for e, hits in confirmed.items() if e != proved[0]):
            found[run], proof[run] = proved[0], confirmed[proved[0]]
    return found, proof


def repaired_text(text: str, mapping: dict[str, str]) -> str:
    """`text` with each proved run replaced by its expansion (longest runs first)."""
    if text.isascii():
        return text
    for run in sorted(mapping, key=len, reverse=True):
        text = text.replace(run, mapping[run])
    return text


def repair(doc: Document) -> Document:
    """The document with proved broken ligatures repaired in every reading of its text, one
    `broken_ligature` warning per character repaired in its `warnings`; the document itself when
    there are none."""
    mapping, proof = ligature_map(line.text for line in doc.lines())
    if not mapping:
        return doc
    table = mapping
    warnings = [_warning(doc, char, expansion, proof[char]) for char, expansion in sorted(mapping.items())]
    pages = [replace(page, lines=[_line(line, table) for line in page.lines]) for page in doc.pages]
    rows, precise = doc._rows, doc._precise
    fixed = replace(
        doc,
        pages=pages,
        warnings=doc.warnings + warnings,
        _rows=None if rows is None else _rows_fixed(rows, table),
        _precise=None if precise is None else _precise_fixed(precise, table),
        _rows_cache={}, _lines_cache={}, _precise_cache={},
    )
    return fixed


def _warning(doc: Document, char: str, expansion: str, proof: Sequence[str]) -> ParseWarning:
    where = sorted({line.page for line in doc.lines() if char in line.text})
    sample = next(w for line in doc.lines() for w in line.text.split() if char in w)
    pages = ("page " if len(where) == 1 else "pages ") + ", ".join(map(str, where[:10]))
    pages += " …" if len(where) > 10 else ""
    codes = " ".join(f"U+{ord(c):04X}" for c in char)
    return ParseWarning(
        code=BROKEN_LIGATURE,
        message=f"the PDF gives a ligature glyph as {char!r} ({codes}; e.g. {sample!r}, {pages}): "
        f"read as {expansion!r}, as the report's own words prove it ({', '.join(proof[:6])})",
        field="*",
    )


def _line(line: Line, table: dict[str, str]) -> Line:
    return line._replace(text=repaired_text(line.text, table), cells=tuple(repaired_text(c, table) for c in line.cells))


def _row(row: Row, table: dict[str, str]) -> Row:
    cells = tuple(Cell(repaired_text(c.text, table), repaired_text(c.raw, table), c.box) for c in row.cells)
    return row._replace(cells=cells)


def _rows_fixed(rows: Callable[[int], list[Row]], table: dict[str, str]) -> Callable[[int], list[Row]]:
    return lambda number: [_row(row, table) for row in rows(number)]


def _precise_fixed(precise: Callable[[int], Precise], table: dict[str, str]) -> Callable[[int], Precise]:
    def read(number: int) -> Precise:
        found = precise(number)
        return Precise(
            rows=[_row(r, table) for r in found.rows],
            table_rows=[_row(r, table) for r in found.table_rows],
            table_boxes=found.table_boxes,
        )

    return read

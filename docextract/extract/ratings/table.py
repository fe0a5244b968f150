"""Ratings tables: every rated unit with its overall rating, score and standards.

A pipeline of small pure functions:

    candidate_pages -> table_rows -> classify (one event per row) -> assemble -> finish

It keys on the words and structure of a ratings box ("Score 6/21", "Overall rating",
"2.1 Assessment  Good"), not on its look: the same events come out of a ruled table,
a borderless grid, stacked lines (name on one line, rating on the next) or a
tab-separated text conversion. Multiple boxes (a regional letter) give multiple units.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

import regex

from ...detect.classify import Detection
from ...model.codes import (
    OVERALL_RATING_UNREADABLE,
    RATING_COLUMN_UNKNOWN,
    RATING_UNREADABLE,
    STANDARD_NOT_RATED,
    STANDARDS_MISSING,
    UNIT_NAME_FROM_TITLE,
    UNIT_NAME_GARBLED,
    UNIT_NAME_MISSING,
)
from ...model.record import ParseWarning, Rating, Standard, Unit
from ...read.document import BoxTuple, Document, Line
from ...read.fuzzy import as_rating, best_match, cells_before_code, find_label, fuzzy_equal, split_rating
from ...read.normalize import clean_name, collapse, compact
from ...rules.patterns import frameworks, ratings_patterns, ratings_table_patterns
from ...rules.regexes import compiled
from ..plausibility import (
    Provenance,
    Refusal,
    score_problems,
    standard_code_problem,
    standard_name_problem,
    unit_name_problem,
)

if TYPE_CHECKING:  # the schema classes load only to validate a changed rule file
    from ...rules.patterns import Framework, FuzzyWord


class _Patterns(NamedTuple):
    """patterns/ratings_table.yaml compiled: the shapes of a ratings box's rows."""

    score: regex.Pattern[str]  # "Score 8/21", "Score: 8 out of 21" (prefix, score, max, rest)
    score_open: regex.Pattern[str]  # a score label cut short at the end of its row ("Score 8 out o")
    score_label: regex.Pattern[str]  # a score label and whatever follows (prefix, rest)
    fraction: regex.Pattern[str]  # "8/21", "8 out of 21" (score, max), not the end of a year
    code_only: regex.Pattern[str]  # a row holding only a standard's code ("P 1.1", "2.3.")
    code_letter: regex.Pattern[str]  # a code's letter printed above its number ("P")
    code_number: regex.Pattern[str]  # a code's number printed under its letter ("1.1")
    standard: regex.Pattern[str]  # a standard's code and the rest of its row (a, b, rest)
    previous_note: regex.Pattern[str]  # a previous inspection's rating in brackets at the end of a row
    domain: regex.Pattern[str]  # a domain's number and name (d, name)
    column: regex.Pattern[str]  # a rating column's label: this, a previous or a year's inspection
    max_name_words: int
    max_column_words: int
    max_prelude_rows: int


@cache
def _p() -> _Patterns:
    rules = ratings_table_patterns()
    return _Patterns(
        score=compiled(rules.expanded("score")),
        score_open=compiled(rules.expanded("score_open")),
        score_label=compiled(rules.expanded("score_label")),
        fraction=compiled(rules.expanded("fraction")),
        code_only=compiled(rules.expanded("code_only")),
        code_letter=compiled(rules.expanded("code_letter")),
        code_number=compiled(rules.expanded("code_number")),
        standard=compiled(rules.expanded("standard")),
        previous_note=compiled(rules.expanded("previous_note")),
        domain=compiled(rules.expanded("domain")),
        column=compiled(rules.expanded("column")),
        max_name_words=rules.max_name_words,
        max_column_words=rules.max_column_words,
        max_prelude_rows=rules.max_prelude_rows,
    )


def _has_digit(text: str) -> bool:
    return any(ch.isdecimal() for ch in text)


# --- events ----------------------------------------------------------------------------


class Score(NamedTuple):
    """Event: a score row ('Score 8/21'), or one printing a score per rating column (`choices`)."""

    line: Line
    score: int | None
    max_score: int | None
    prefix: str
    choices: tuple[tuple[int, int], ...] = ()  # several scores printed (one per inspection's column)


class Overall(NamedTuple):
    """Event: an overall-rating row, its rating (None when unreadable or one per column in `choices`)."""

    line: Line
    rating: Rating | None
    prefix: str
    choices: tuple[Rating, ...] = ()  # several ratings printed (one per inspection's column)


class Columns(NamedTuple):
    """A column header naming the rating columns ("2021 rating | 2025 rating", "Previous
    inspection | This inspection"): how many, and which is this inspection's (None: not told)."""

    line: Line
    labels: tuple[str, ...]
    current: int | None


class Domain(NamedTuple):
    """Event: a domain's heading row ('2 Case supervision'): its number and name."""

    line: Line
    number: str
    name: str


class StandardRow(NamedTuple):
    """Event: a standard's row: code, name and rating (or one per rating column in `choices`)."""

    line: Line
    code: str
    name: str
    rating: Rating | None
    choices: tuple[Rating, ...] = ()  # several ratings printed (one per inspection's column)
    not_rated: bool = False  # its rating cell says it was not rated (patterns/ratings.yaml `not_rated`)
    domain: Domain | None = None  # the domain's heading printed before the code (a merged first column)


class RatingOnly(NamedTuple):
    """Event: a row holding a rating alone (the rating of the row above, wrapped)."""

    line: Line
    rating: Rating


class Heading(NamedTuple):
    """Event: a 'Ratings' heading row."""

    line: Line


class Furniture(NamedTuple):
    """Event: page furniture (running header or footer, page number)."""

    line: Line


class Other(NamedTuple):
    """Event: any other row."""

    line: Line


Event = Score | Overall | Columns | Domain | StandardRow | RatingOnly | Heading | Furniture | Other


# --- finding the rows ------------------------------------------------------------------


def candidate_pages(doc: Document, detection: Detection) -> list[int]:
    """Pages of the cheap text pass with a score or overall-rating label and rated rows, and the
    page after one whose ratings box may go on overleaf (its last rows are still table rows)."""
    label = ratings_patterns().labels["overall_rating"]
    pages: set[int] = set()
    for page in doc.pages:
        printed = _printed_pieces(compact(page.text), label)
        anchored = any(_p().score.match(line.text) or _labelled(line.text, label, printed) for line in page.lines)
        if not anchored:
            continue
        rated = sum(1 for line in page.lines if split_rating(line.text)[1] is not None)
        standards = sum(1 for line in page.lines if _p().standard.match(line.text) or cells_before_code(line.text))
        if rated >= 3 or standards >= 3:
            pages.add(page.number)
            body = [line for line in page.lines if not detection.is_furniture(line)]
            if page.number < doc.page_count and any(_is_table_row(line) for line in body[-3:]):
                pages.add(page.number + 1)
    for number in sorted(pages):
        if number > 1 and number - 1 not in pages and _box_starts_at_foot(doc.pages[number - 2].lines, detection):
            pages.add(number - 1)
    return sorted(pages)


def _box_starts_at_foot(lines: Sequence[Line], detection: Detection) -> bool:
    """Whether a page ends with the first rows of a ratings box whose standards are overleaf: among
    its last body rows, a score row or an overall-rating row holding only its label and rating(s)
    (not a sentence saying a rating: nothing before the label, nothing after the value)."""
    body = [line for line in lines if not detection.is_furniture(line)]
    for line in body[-_EDGE_ROWS:]:
        score = _p().score.match(line.text)
        if score and not score.group("rest").strip() and len(score.group("prefix").split()) <= _p().max_name_words:
            return True
        overall = _overall_event(line) if not score else None
        if overall is not None and not overall.prefix and (overall.rating is not None or overall.choices):
            return True
    return False


def _printed_pieces(key: str, label: FuzzyWord) -> tuple[str, ...]:
    """The pieces of `label` (`_pieces`) that compact text `key` holds: a page's key (its text
    compacted: its lines' keys end to end) holds every piece any of its lines holds."""
    return tuple(piece for piece in _pieces(label.compact, label.max_edits) if piece in key)


def _labelled(text: str, label: FuzzyWord, printed: tuple[str, ...] | None = None) -> bool:
    """Whether `label` is among the first eight words of `text` (what `find_label` finds: one to four
    words whose compact key is the label's within its allowed edits). Ruled out first by the whole
    line's compact key (kept by `compact`): a label within `max_edits` edits leaves at least one of
    its `max_edits + 1` disjoint pieces intact; then only spans of a length within reach are tried.
    `printed`: the pieces the line's page holds (`_printed_pieces`), when known: no other can be in
    the line (none: the line is not tested)."""
    pieces = _pieces(label.compact, label.max_edits) if printed is None else printed
    if not pieces:
        return False
    key = compact(text)
    if not any(piece in key for piece in pieces):
        return False
    keys = [compact(word) for word in text.split()[:8]]  # a span's key is its words' keys joined
    for start in range(len(keys)):
        for end in range(start + 1, min(len(keys), start + 4) + 1):
            span = "".join(keys[start:end])
            if abs(len(span) - len(label.compact)) > label.max_edits or not any(p in span for p in pieces):
                continue  # (the same pigeonhole test, span by span)
            if fuzzy_equal(span, label):
                return True
    return False


@cache
def _pieces(word: str, edits: int) -> tuple[str, ...]:
    size = max(1, len(word) // (edits + 1))
    return tuple(word[i * size : (i + 1) * size if i < edits else len(word)] for i in range(edits + 1))


def _is_table_row(line: Line) -> bool:
    """A row of a ratings table in any layout: a standard with its name, a code on its own row,
    a domain heading, a score or a rating."""
    text = line.text
    return bool(_p().standard.match(text) or _p().code_only.match(text) or _p().score.match(text) or as_rating(text)
                or _p().domain.match(text))  # fmt: skip


def table_rows(
    doc: Document, pages: Iterable[int], precise: bool = False, detection: Detection | None = None
) -> list[Line]:
    """The rows of the candidate pages, rebuilt from layout (PDF) so that cells are known,
    with the rows a wrapped or stacked cell broke apart joined again (`join_wrapped`). With
    `detection`, page furniture (running headers, footers, page numbers) is left out first, so
    that a table continued over a page break reads on as one table (a code at the foot of one
    page, its name and rating at the head of the next)."""
    rows: list[Line] = []
    for number in pages:
        page = doc.precise_lines(number) if precise else doc.layout_lines(number)
        rows.extend(_without_furniture(page, detection) if detection is not None else page)
    return join_wrapped(rows)


_EDGE_ROWS = 3  # rows at the head and the foot of a page where running headers, footers and page numbers sit


def _without_furniture(rows: list[Line], detection: Detection) -> list[Line]:
    """A page's rows less the furniture at its head and foot (a score printed '8/21' on a row of its
    own inside the box is not a page number)."""
    start, end = 0, len(rows)
    while start < min(end, _EDGE_ROWS) and detection.is_furniture(rows[start]):
        start += 1
    while end > max(start, len(rows) - _EDGE_ROWS) and detection.is_furniture(rows[end - 1]):
        end -= 1
    return rows[start:end]


# --- joining rows that one table row was broken into -------------------------------------

_MAX_TAIL_WORDS = 2  # words a wrapped rating cell carries over to the next row ("improvement")


def join_wrapped(rows: Sequence[Line]) -> list[Line]:
    """Rows of a ratings table rejoined where the layout broke one row into several, whatever the
    producer: a score whose value wraps ("Score 8 out o" / "f 21", "Score:" / "8/21"), a rating
    wrapped in its cell ("Requires" / "improvement"), and a code, name and rating each printed on
    a row of its own ("P 1.1" / "Leadership" / "Good"). Keys on the words only, and on positions
    where the reader knows them (a wrapped rating continues under its own cell)."""
    out: list[Line] = []
    index = 0
    while index < len(rows):
        line = rows[index]
        following = rows[index + 1] if index + 1 < len(rows) else None
        joined = None
        if following is not None and following.page == line.page:
            joined = (
                _join_code_number(line, following)
                or _join_score(line, following)
                or _join_rating(line, following)
                or _join_code(line, following)
            )
        elif following is not None and following.page == line.page + 1:
            # a code at the foot of a page, its name at the head of the next (furniture left out)
            joined = _join_code(line, following)
        if joined is not None:
            rows = [*rows[:index], joined, *rows[index + 2 :]]
            continue  # the joined row may join the next one too (code + name, then + rating)
        out.append(line)
        index += 1
    return out


def _joined(first: Line, second: Line, cells: tuple[str, ...] | None = None) -> Line:
    boxes = None
    if first.cell_boxes is not None and second.cell_boxes is not None and cells is None:
        boxes = first.cell_boxes + second.cell_boxes
    merged = cells if cells is not None else (*first.cells, *second.cells)
    merged = tuple(cell for cell in merged if cell)
    if second.page != first.page:  # over a page break: the row's place is where it starts
        boxes = None
    return Line(
        text=collapse(f"{first.text} {second.text}"),
        page=first.page,
        cells=merged,
        bbox=union_box(first.bbox, second.bbox) if second.page == first.page else first.bbox,
        cell_boxes=boxes if boxes is not None and len(boxes) == len(merged) else None,
    )


def union_box(a: BoxTuple | None, b: BoxTuple | None) -> BoxTuple | None:
    """The smallest box holding both boxes (the known one when the other is None)."""
    if a is None or b is None:
        return a or b
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _join_code_number(line: Line, following: Line) -> Line | None:
    """'P | Leadership | Good' + '1.1': a standard's code printed in a tall cell as its letter above
    its number, the name and rating centred between them (so on the letter's row). The number,
    and any cell wrapped beside it ('1.2 | IMPROVEMENT'), joins the cell above it that it overlaps;
    a cell of the next row under none of them, or positions unknown: not joined."""
    cells, boxes = line.cells, line.cell_boxes
    below, under = following.cells, following.cell_boxes
    if len(cells) < 2 or not boxes or not under or len(boxes) != len(cells) or len(under) != len(below):
        return None
    if not _p().code_letter.match(cells[0]) or not _p().code_number.match(below[0]):
        return None
    height = boxes[0][3] - boxes[0][1]
    if following.bbox is None or line.bbox is None or following.bbox[1] - line.bbox[3] > height:
        return None
    merged, merged_boxes = list(cells), list(boxes)
    for position, (cell, box) in enumerate(zip(below, under, strict=True)):
        index = next((i for i, b in enumerate(boxes) if min(b[2], box[2]) > max(b[0], box[0])), None)
        if index is None or (position == 0) != (index == 0):
            return None
        merged[index] = f"{merged[index]} {cell}"
        merged_boxes[index] = union_box(merged_boxes[index], box) or box
    return Line(
        text=collapse(" ".join(merged)),
        page=line.page,
        cells=tuple(merged),
        bbox=union_box(line.bbox, following.bbox),
        cell_boxes=tuple(merged_boxes),
    )


def _join_score(line: Line, following: Line) -> Line | None:
    """'Score 8 out o' + 'f 21', 'Score:' + '8 out of 21': the score's value wrapped onto the next row."""
    if not _p().score_open.match(line.text) or _p().score.match(line.text) or len(following.text.split()) > 4:
        return None
    joined = _joined(line, following)
    # a word broken inside "out of" is rejoined by the pattern, which allows a space in it
    return joined if _p().score.match(joined.text) else None


def _join_rating(line: Line, following: Line) -> Line | None:
    """'P 1.2 Staffing Requires' + 'improvement': a rating wrapped in its cell. The next row must hold
    only the rest of the rating (under the same cell, where positions are known), and neither part
    may be a rating on its own."""
    if split_rating(line.text)[1] is not None or as_rating(following.text) is not None:
        return None
    tokens = line.text.split()
    cells = [cell for cell in following.cells if cell]
    # the whole next row is the rest of the rating, or (cells known) its last cell is, the cells
    # before it the rest of the standard's name wrapped in its own cell ("delivery" | "improvement")
    tails: list[tuple[str, list[str]]] = [(following.text, [])]
    if len(cells) > 1 and len([cell for cell in line.cells if cell]) > 1:
        tails.append((cells[-1], cells[:-1]))
    for tail, name_rest in tails:
        words = tail.split()
        if not words or len(words) > _MAX_TAIL_WORDS:
            continue
        for size in (1, 2):
            head = " ".join(tokens[-size:])
            if len(tokens) < size or not _rating_head(head) or as_rating(" ".join([head, *words])) is None:
                continue
            if not name_rest and not _under_last_cell(line, following):
                return None
            if name_rest:
                *first, name, rating = [cell for cell in line.cells if cell]
                joined = (*first, collapse(" ".join([name, *name_rest])), f"{rating} {tail}")
                return Line(
                    text=collapse(" ".join(joined)),
                    page=line.page,
                    cells=tuple(joined),
                    bbox=union_box(line.bbox, following.bbox),
                )
            merged = (*line.cells[:-1], f"{line.cells[-1]} {following.text}") if line.cells else None
            return _joined(line, following, merged)
    return None


def _rating_head(text: str) -> bool:
    """Whether `text` is the first part of a rating cut short, not a rating ('Requires', 'Requires improve-')."""
    key = compact(text)
    return key.isalpha() and any(
        word.compact.startswith(key) and word.compact != key for word in ratings_patterns().ratings
    )


def _under_last_cell(line: Line, following: Line) -> bool:
    """Whether `following` sits under the last cell of `line` (always true without positions)."""
    if not line.cell_boxes or following.bbox is None:
        return True
    x0, _, x1, bottom = line.cell_boxes[-1]
    height = max(4.0, bottom - line.cell_boxes[-1][1])
    gap = following.bbox[1] - bottom
    overlaps = min(x1, following.bbox[2]) - max(x0, following.bbox[0]) > 0
    return overlaps and -height <= gap <= 1.5 * height


def _join_code(line: Line, following: Line) -> Line | None:
    """'P 1.1' + 'Leadership' (+ 'Good' next): a standard's code on a row of its own, its name next."""
    if not _p().code_only.match(line.text):
        return None
    name, rating = split_rating(following.text)
    text = following.text
    if not name and rating is None:
        return None
    if (
        _p().code_only.match(text)
        or _p().score.match(text)
        or _has_digit(name)
        or len(name.split()) > _p().max_name_words
        or (not name and rating is not None)
    ):
        return None
    return _joined(line, following)


# --- classifying one row ---------------------------------------------------------------


def classify(line: Line, detection: Detection) -> Event:
    """The event one row of a ratings table makes: furniture, a score, an overall rating, a
    column header, a heading, a rating alone, a standard, a domain, or other."""
    if detection.is_furniture(line):
        return Furniture(line)
    readers: tuple[Callable[[Line], Event | None], ...] = (_score_event, _overall_event, _columns, _heading_or_rating)
    for reader in readers:
        event = reader(line)
        if event is not None:
            return event
    return _standard_or_domain(line)


def _score_event(line: Line) -> Score | None:
    """A score row: one score ("Score 8/21"), or one per rating column."""
    several = _scores(line)
    if several is not None:
        return several
    score = _p().score.match(line.text)
    if score:
        return Score(line, int(score.group("score")), int(score.group("max")), score.group("prefix").strip())
    return None


def _overall_event(line: Line) -> Overall | None:
    """An overall-rating row: its rating, or one per rating column, or none readable after the label."""
    words = line.text.split()
    span = find_label(words, ratings_patterns().labels["overall_rating"])
    if span is None or words[span[1] - 1].lower().rstrip(":").endswith("ratings"):
        return None
    rest = " ".join(words[span[1] :])
    left, ratings = split_ratings(rest)
    if ratings and not left:
        columns_read = ratings if len(ratings) > 1 else ()
        return Overall(line, ratings[0] if len(ratings) == 1 else None, " ".join(words[: span[0]]), columns_read)
    _, rating = split_rating(rest)
    if rating is not None or not compact(rest):
        return Overall(line, rating, " ".join(words[: span[0]]))
    return None


def _heading_or_rating(line: Line) -> Heading | RatingOnly | None:
    """A 'Ratings' heading, or a row holding a rating alone."""
    if fuzzy_heading(line.text):
        return Heading(line)
    rating = as_rating(line.text)
    return RatingOnly(line, rating) if rating is not None else None


def _standard_or_domain(line: Line) -> StandardRow | Domain | Other:
    """A standard's row (code, name, its ratings), a domain's heading row, or other."""
    text = line.text
    before = cells_before_code(text)
    standard = _p().standard.match(before[0] if before else text)
    if standard:
        name, ratings = split_ratings(_without_previous_note(standard.group("rest")))
        if before and before[1]:
            # a rating column printed before the code; ratings on both sides: not one table layout
            ratings = before[1] if not ratings else ()
            name = name if ratings else ""
        name, not_rated = _not_rated(name) if not ratings else (name, False)
        if name and len(name.split()) <= _p().max_name_words and not _has_digit(name):
            code = f"{standard.group('a')}.{standard.group('b')}"
            rating = ratings[0] if len(ratings) == 1 else None
            domain = _domain_event(line, before[2]) if before and before[2] else None
            return StandardRow(line, code, name, rating, ratings if len(ratings) > 1 else (), not_rated, domain)
    domain = _p().domain.match(text)
    if domain and len(domain.group("name").split()) <= _p().max_name_words:
        return Domain(line, domain.group("d"), collapse(domain.group("name")))
    return Other(line)


def _domain_event(line: Line, heading: str) -> Domain | None:
    """The domain of a heading printed in a standard's row (a merged first column), if one."""
    domain = _p().domain.match(heading)
    if domain is None or len(domain.group("name").split()) > _p().max_name_words:
        return None
    return Domain(line, domain.group("d"), collapse(domain.group("name")))


def _not_rated(name: str) -> tuple[str, bool]:
    """A standard's name without a 'Not rated' cell printed after it (patterns/ratings.yaml
    `labels.not_rated`), and whether one was."""
    words = name.split()
    span = find_label(words, ratings_patterns().labels["not_rated"])
    if span is None or span[1] != len(words) or span[0] == 0:
        return name, False
    return " ".join(words[: span[0]]), True


def _without_previous_note(rest: str) -> str:
    """A standard row's cells after its code without a trailing bracketed previous inspection's
    rating, when one rating of this inspection is left before it; else as printed."""
    note = _p().previous_note.search(rest)
    if note is None or note.start() == 0:
        return rest
    kept = rest[: note.start()]
    return kept if len(split_ratings(kept)[1]) == 1 else rest


def split_ratings(text: str) -> tuple[str, tuple[Rating, ...]]:
    """The ratings printed before and after a standard's name, in column order, and the name:
    ('Leadership', ('Inadequate', 'Good')) from 'Leadership Inadequate Good' (a previous
    inspection's column beside this one's), ('Staffing', ('Requires improvement',)) from
    'Requires improvement Staffing' (the rating column before the name)."""
    name, rating = split_rating(text)
    trailing: list[Rating] = []
    while rating is not None:
        trailing.insert(0, rating)
        name, rating = split_rating(name)
    tokens = name.split()
    leading: list[Rating] = []
    while tokens:
        for size in (3, 2, 1):
            found = as_rating(" ".join(tokens[:size])) if len(tokens) > size else None
            if found is not None:
                leading.append(found)
                tokens = tokens[size:]
                break
        else:
            break
    if trailing and leading:
        return text, ()  # ratings on both sides of the name: not a row of one table layout
    return " ".join(tokens), tuple(leading + trailing)


def _scores(line: Line) -> Score | None:
    """A score row printing one score per inspection ("Score 2021: 3/21 8/21"): a Score whose value
    is told by the column header (None here)."""
    text = line.text
    label = _p().score_label.match(text)
    if label is None:
        return None
    fractions = list(_p().fraction.finditer(label.group("rest")))
    if len(fractions) < 2:
        return None
    choices = tuple((int(m.group("score")), int(m.group("max"))) for m in fractions)
    return Score(line, None, None, label.group("prefix").strip(), choices)


def _columns(line: Line) -> Columns | None:
    """A short row naming two or more rating columns (and no rating): their labels in order and
    the index of this inspection's ('this inspection', else the latest year that is not called
    previous), or None for the index when the labels do not say."""
    text = line.text
    if len(text.split()) > _p().max_column_words or text.rstrip().endswith((".", ":")) or split_rating(text)[1]:
        return None
    found = list(_p().column.finditer(text))
    if len(found) < 2:
        return None
    labels = tuple(collapse(m.group(0)) for m in found)
    this = [i for i, m in enumerate(found) if m.group("this")]
    years = {i: int(m.group("year") or m.group("in")) for i, m in enumerate(found) if m.group("year") or m.group("in")}
    current: int | None = None
    if len(this) == 1:
        current = this[0]
    elif not this:
        latest = {i: y for i, y in years.items() if not found[i].group("prev")}
        best = max(latest.values(), default=None)
        if best is not None and list(latest.values()).count(best) == 1:
            current = next(i for i, y in latest.items() if y == best)
    return Columns(line, labels, current)


def fuzzy_heading(text: str) -> bool:
    """Whether `text` is a short 'Ratings' heading, its word matched fuzzily (patterns/ratings.yaml)."""
    heading = ratings_patterns().labels["ratings_heading"]
    return len(text) < 20 and as_rating(text) is None and find_label(text.split(), heading, 2) == (0, 1)


# --- assembling units ------------------------------------------------------------------


@dataclass
class _Draft:
    anchor: Line
    name_rows: list[str]
    score: Score | None = None
    overall: Overall | None = None
    standards: list[tuple[StandardRow, str | None, str | None, Rating | None]] = field(default_factory=list)
    domain: tuple[str, str] | None = None
    prelude: int = 0
    name_tail: list[str] = field(default_factory=list)
    columns: Columns | None = None


def assemble(events: Sequence[Event]) -> list[_Draft]:
    """The ratings boxes of a document's row events, in order: each anchored on its score or
    overall-rating row, with the standards rows that follow (boxes of fewer than 3 left out)."""
    assembly = _Assembly(events)
    for index, event in enumerate(events):
        assembly.step(index, event)
    return [draft for draft in assembly.drafts if len(draft.standards) >= 3]


@dataclass
class _Assembly:
    """`assemble` walking the events: the boxes found, the one being read, what the next
    rating-only row belongs to ("overall" or "standard") and the last column header seen."""

    events: Sequence[Event]
    drafts: list[_Draft] = field(default_factory=list)
    current: _Draft | None = None
    awaiting: str | None = None
    header: tuple[int, Columns] | None = None  # the last column header seen, and where

    def step(self, index: int, event: Event) -> None:
        """Take the event at `index` into the box being read, or start or end a box."""
        if isinstance(event, Columns):
            self.header = (index, event)
            if self.current is not None:
                self.current.columns = event
        elif isinstance(event, Score | Overall):
            self._anchor(index, event)
        elif self.current is not None and not isinstance(event, Furniture):
            self._row(self.current, event)

    def _anchor(self, index: int, event: Score | Overall) -> None:
        current = self.current
        if current is None or current.standards or _has(current, event):
            current = self.current = _Draft(anchor=event.line, name_rows=_name_context(self.events, index))
            if self.header is not None and index - self.header[0] <= _p().max_prelude_rows // 2:
                current.columns = self.header[1]  # a header just above the box's first row
            self.drafts.append(current)
        if isinstance(event, Score):
            current.score = event
        else:
            current.overall = event
            self.awaiting = "overall" if event.rating is None else None

    def _row(self, current: _Draft, event: Event) -> None:
        if not current.standards and (isinstance(event, Heading) or event.line.page > current.anchor.page + 1):
            self.current = None  # an anchor that led to no table: a new heading or page starts afresh
        elif isinstance(event, RatingOnly) and self.awaiting is not None:
            _attach(current, self.awaiting, event.rating)
            self.awaiting = None
        elif isinstance(event, Domain):
            current.domain = (event.number, event.name)
        elif isinstance(event, StandardRow):
            self._standard(current, event)
        elif isinstance(event, Other | Heading):
            self._other(current, event)

    def _standard(self, current: _Draft, event: StandardRow) -> None:
        if any(row.code == event.code for row, *_ in current.standards):
            self.current = None  # a code seen already: a section heading after the box, not a row of it
            self.awaiting = None
            return
        if event.domain is not None:  # the domain's name in a merged first column, on this row
            current.domain = (event.domain.number, event.domain.name)
        domain = current.domain[1] if current.domain else None
        number = current.domain[0] if current.domain else None
        current.standards.append((event, domain, number, event.rating))
        self.awaiting = "standard" if event.rating is None and not event.not_rated else None

    def _other(self, current: _Draft, event: Other | Heading) -> None:
        if isinstance(event, Other) and _wraps_domain_cell(current, event.line):
            row, domain, number, rating = current.standards[-1]
            domain = collapse(f"{domain} {event.line.text}")
            current.standards[-1] = (row, domain, number, rating)
            current.domain = (number, domain) if number is not None else current.domain
        elif isinstance(event, Other) and _repeats_header(current, event.line):
            pass  # the box's header row printed again atop the next page: the table runs on
        elif isinstance(event, Other) and current.standards and _continues_name(event.line.text):
            row, domain, number, rating = current.standards[-1]
            extended = row._replace(name=f"{row.name} {event.line.text}")
            current.standards[-1] = (extended, domain, number, rating)
        elif isinstance(event, Other) and not current.standards and _wraps_name(current, event.line):
            current.name_tail.append(event.line.text)
        elif current.standards:
            self.current = None
            self.awaiting = None
        else:
            current.prelude += 1
            if current.prelude > _p().max_prelude_rows:
                self.current = None


def _has(draft: _Draft, event: Score | Overall) -> bool:
    return draft.score is not None if isinstance(event, Score) else draft.overall is not None


def _attach(draft: _Draft, target: str, rating: Rating) -> None:
    if target == "overall" and draft.overall is not None:
        draft.overall = Overall(draft.overall.line, rating, draft.overall.prefix)
    elif target == "standard" and draft.standards:
        row, domain, number, _ = draft.standards[-1]
        draft.standards[-1] = (row, domain, number, rating)


def _wraps_name(draft: _Draft, line: Line) -> bool:
    """A row under the anchor's name cell, left-aligned with it: the name wrapped in its cell (PDF).
    Loose boxes (ascent to descent) of lines set at a tighter leading overlap (LibreOffice): up
    to a quarter of a line is allowed."""
    anchor = draft.score.line if draft.score and draft.score.prefix else None
    if anchor is None or not anchor.cell_boxes or line.bbox is None or len(line.cells) != 1:
        return False
    x0, _, _, bottom = anchor.cell_boxes[0]
    height = bottom - anchor.cell_boxes[0][1]
    gap = line.bbox[1] - bottom
    return abs(line.bbox[0] - x0) <= 3 and -0.25 * height <= gap <= height and len(line.text.split()) <= 6


def _repeats_header(draft: _Draft, line: Line) -> bool:
    """A row on a later page than the box's last standard that repeats, word for word, a row printed
    just above the box's first row (its column header, "Code | Standard | Rating"): a table split
    over a page break with its header repeated, as word processors and browsers print it."""
    if not draft.standards or line.page <= draft.standards[-1][0].line.page:
        return False
    return compact(line.text) in {compact(row) for row in draft.name_rows}


def _wraps_domain_cell(draft: _Draft, line: Line) -> bool:
    """A row under the first cell of the last standard's row when that cell printed the domain's
    name (a merged first column): the name wrapped in its cell (PDF; positions known)."""
    if not draft.standards or line.bbox is None or len(line.cells) != 1:
        return False
    row = draft.standards[-1][0]
    boxes = row.line.cell_boxes
    if row.domain is None or not boxes or len(boxes) < 2:
        return False
    # left-aligned with the domain's cell and ending before the code's cell starts
    return abs(line.bbox[0] - boxes[0][0]) <= 3 and line.bbox[2] < boxes[1][0]


def _continues_name(text: str) -> bool:
    """A short lower-case row right after a standard: the rest of a wrapped standard name."""
    return len(text.split()) <= 4 and text[:1].islower() and as_rating(text) is None


def _name_context(events: Sequence[Event], index: int) -> list[str]:
    """Rows just above a ratings box (after its 'Ratings' heading) that name the unit."""
    rows: list[str] = []
    for event in reversed(events[max(0, index - 4) : index]):
        if isinstance(event, Heading | Furniture) or not isinstance(event, Other):
            break
        text = event.line.text
        if len(text.split()) > _p().max_name_words or (text.endswith((".", ":")) and len(text) > 40):
            break
        rows.insert(0, text)
    return rows


# --- finishing -------------------------------------------------------------------------


def _clean_name(text: str) -> tuple[str, bool]:
    """Strip labels and interleaved 'Fieldwork started ...' fragments; report whether any were cut."""
    garbled = False
    for pattern in ratings_patterns().name_noise:
        new = regex.sub(pattern, " ", text)
        garbled = garbled or (new != text and "started" in text.lower() and bool(collapse(new)))
        text = new
    return collapse(text), garbled


def _unit_name(draft: _Draft, subject: str | None) -> tuple[str | None, ParseWarning | None]:
    prefix = draft.score.prefix if draft.score and draft.score.prefix else None
    if prefix is None and draft.overall and draft.overall.prefix:
        prefix = draft.overall.prefix
    parts = [prefix, *draft.name_tail] if prefix else draft.name_rows
    cleaned = [_clean_name(part) for part in parts]
    name = clean_name(" ".join(text for text, _ in cleaned))
    garbled = any(flag for _, flag in cleaned)
    if subject and (not name or (garbled and compact(name) in compact(subject))):
        return subject, ParseWarning(
            code=UNIT_NAME_FROM_TITLE,
            message=f"the ratings box does not print a readable unit name: '{subject}' is taken from the title",
            page=draft.anchor.page,
        )
    if not name:
        return None, ParseWarning(
            code=UNIT_NAME_MISSING, message="ratings box without a readable unit name", page=draft.anchor.page
        )
    if garbled:  # what is left once the fragments are cut may be part of the name ("field PDU"): not stored
        return None, ParseWarning(
            code=UNIT_NAME_GARBLED,
            message=f"unit name read as '{name}' was interleaved with other text in the ratings box, and no "
            "title confirms it: not stored",
            page=draft.anchor.page,
        )
    return name, None


def _standard(
    row: StandardRow, domain: str | None, number: str | None, rating: Rating | None, framework: Framework | None
) -> Standard:
    rules = framework.standards if framework else [r for f in frameworks().frameworks.values() for r in f.standards]
    same_code = [rule.name for rule in rules if rule.code == row.code] or [rule.name for rule in rules]
    name = best_match(row.name, same_code) or collapse(row.name)
    if domain is not None and number is not None:
        known = framework.domain_names(number) if framework else []
        domain = best_match(domain, known) or domain
    rule = next((r for r in rules if r.code == row.code and r.name == name), None) if framework else None
    counted = (rule.counted if rule is not None else True) and not row.not_rated  # not rated: drops out
    return Standard(
        code=row.code, domain=domain, name=name, rating=rating, counted=counted, page=row.line.page, bbox=row.line.box
    )


def _current(
    draft: _Draft, printed: Sequence[str], what: str, where: tuple[str, int]
) -> tuple[int | None, list[ParseWarning]]:
    """The index of this inspection's value among `printed` (one per rating column), from the
    table's column header, and no warning; None with a `rating_column_unknown` warning (`where`:
    the field's path and page) when it cannot be told."""
    columns = draft.columns
    read = ", ".join(f"'{value}'" for value in printed)
    if columns is None:
        why = "no column header says which is this inspection's"
    elif columns.current is None:
        why = f"the column header ({' | '.join(columns.labels)}) does not say which is this inspection's"
    elif len(columns.labels) != len(printed):
        why = f"the column header names {len(columns.labels)} rating columns ({' | '.join(columns.labels)})"
    else:
        return columns.current, []
    warning = ParseWarning(
        code=RATING_COLUMN_UNKNOWN,
        message=f"{what}: read {len(printed)} values ({read}) and {why}: none is taken",
        page=where[1],
        field=where[0],
    )
    return None, [warning]


def _resolve(draft: _Draft, unit_name: str | None, index: int) -> tuple[set[int], list[ParseWarning]]:
    """Where a row prints a value per rating column (a previous inspection's beside this one's),
    keep this inspection's (`_current`) in `draft`. Returns the positions of the standards left
    without, and a warning for each value whose column could not be told."""
    label = unit_name or "ratings box"
    unit = f"units[{index}]"
    warnings: list[ParseWarning] = []
    if draft.score is not None and draft.score.choices:
        scores = draft.score.choices
        line = draft.score.line
        read = [f"{a}/{b}" for a, b in scores]
        chosen, found = _current(draft, read, f"{label}: score", (f"{unit}.*score", line.page))
        warnings += found
        if chosen is not None:
            draft.score = Score(line, scores[chosen][0], scores[chosen][1], draft.score.prefix)
    if draft.overall is not None and draft.overall.choices:
        ratings = draft.overall.choices
        line = draft.overall.line
        chosen, found = _current(draft, ratings, f"{label}: overall rating", (f"{unit}.overall_rating", line.page))
        warnings += found
        draft.overall = Overall(line, ratings[chosen] if chosen is not None else None, draft.overall.prefix, ratings)
    unresolved: set[int] = set()
    for position, (row, domain, number, _) in enumerate(draft.standards):
        if row.choices:
            where = (f"{unit}.standards[{position}].rating", row.line.page)
            chosen, found = _current(draft, row.choices, f"{label}: standard {row.code} {row.name}", where)
            warnings += found
            draft.standards[position] = (row, domain, number, row.choices[chosen] if chosen is not None else None)
            if chosen is None:
                unresolved.add(position)
    return unresolved, warnings


def finish(
    draft: _Draft, framework: Framework | None, subject: str | None, index: int = 0
) -> tuple[Unit, list[ParseWarning]]:
    """The unit of one ratings box (`index`: its place among the document's units) and the
    warnings of its reading (name, rating columns, unreadable ratings)."""
    name, problem = _unit_name(draft, subject)
    warnings: list[ParseWarning] = [problem] if problem else []
    unresolved, found = _resolve(draft, name, index)
    warnings += found
    standards = [_standard(row, domain, number, rating, framework) for row, domain, number, rating in draft.standards]
    for position, standard in enumerate(standards):
        if draft.standards[position][0].not_rated:
            warnings.append(
                ParseWarning(
                    code=STANDARD_NOT_RATED,
                    message=f"{name}: standard {standard.code} {standard.name} is printed 'Not rated': it "
                    "drops out of the score and the maximum (rating-rules §2)",
                    page=standard.page,
                    field=f"units[{index}].standards[{position}].rating",
                )
            )
        elif standard.rating is None and position not in unresolved:
            warnings.append(
                ParseWarning(
                    code=RATING_UNREADABLE,
                    message=f"{name}: standard {standard.code} {standard.name} has no readable rating",
                    page=standard.page,
                    field=f"units[{index}].standards[{position}].rating",
                )
            )
    overall = draft.overall.rating if draft.overall else None
    if overall is None and not (draft.overall and draft.overall.choices):
        warnings.append(
            ParseWarning(
                code=OVERALL_RATING_UNREADABLE,
                message=f"{name}: no readable overall rating",
                page=draft.anchor.page,
                field=f"units[{index}].overall_rating",
            )
        )
    unit = Unit(
        name=name,
        overall_rating=overall,
        score=draft.score.score if draft.score else None,
        max_score=draft.score.max_score if draft.score else None,
        page=draft.anchor.page,
        bbox=draft.anchor.box,
        standards=standards,
    )
    return unit, warnings


@dataclass
class _Reading:
    """One reading of the ratings boxes: the units, their warnings and the values refused."""

    drafts: list[_Draft]
    units: list[Unit]
    warnings: list[ParseWarning]
    refusals: list[Refusal]


def _read(
    doc: Document,
    detection: Detection,
    pages: Sequence[int],
    framework: Framework | None,
    subject: str | None,
    provenance: Provenance,
    precise: bool,
) -> _Reading:
    rows = table_rows(doc, pages, precise=precise, detection=detection)
    drafts = assemble([classify(row, detection) for row in rows])
    one = subject if len(drafts) == 1 else None
    finished = [finish(draft, framework, one, index) for index, draft in enumerate(drafts)]
    units = [unit for unit, _ in finished]
    warnings = [warning for _, found in finished for warning in found]
    refusals = [
        found
        for index, (draft, unit) in enumerate(zip(drafts, units, strict=True))
        for found in unit_refusals(index, draft, unit, framework, provenance, subject)
    ]
    return _Reading(drafts, units, warnings, refusals)


def unit_refusals(
    index: int, draft: _Draft, unit: Unit, framework: Framework | None, provenance: Provenance, subject: str | None
) -> list[Refusal]:
    """The values of one unit that break a plausibility rule or are not on their page
    (patterns/plausibility.yaml): its name, score, maximum and standards' codes."""
    out: list[Refusal] = []
    where = f"units[{index}]"
    if unit.name and unit.name != subject:
        problem = unit_name_problem(unit.name)
        if problem is None and not provenance.found(unit.name, draft.anchor.page):
            problem = f"'{unit.name}' is not printed on page {draft.anchor.page}"
        if problem is not None:
            out.append(Refusal(f"{where}.name", unit.name, draft.anchor.page, problem))
    if draft.score is not None and draft.score.score is not None:
        line = draft.score.line
        match = _p().score.match(line.text)
        printed = line.text[match.start("score") : match.end("max")] if match else f"{unit.score}/{unit.max_score}"
        dropped = sum(1 for row, *_ in draft.standards if row.not_rated and _counted_rule(framework, row.code))
        problems = score_problems(unit.score, unit.max_score, framework, dropped)
        if not problems and not provenance.found(printed, line.page):
            seen = provenance.printed_as(printed, line.page)
            also = f" (the page's text reads '{seen}')" if seen else ""
            problems = [("score", f"'{printed}' is not printed on page {line.page}{also}")]
        for target, reason in problems:
            value = unit.max_score if target == "max_score" else unit.score
            out.append(Refusal(f"{where}.{target}", str(value), line.page, reason))
    for position, standard in enumerate(unit.standards):
        problem = standard_code_problem(standard.code, framework) or standard_name_problem(standard.name)
        if problem is not None:
            field_name = f"{where}.standards[{position}]"
            out.append(Refusal(field_name, f"{standard.code} {standard.name}", standard.page, problem))
    return out


def _counted_rule(framework: Framework | None, code: str) -> bool:
    """Whether the framework counts the standard of `code` in the score (youth resettlement does not)."""
    return framework is not None and any(r.code == code and r.counted for r in framework.standards)


def _refuse(units: list[Unit], refusals: Sequence[Refusal], subject: str | None) -> list[Unit]:
    """The units with every refused value null (a refused standard left out)."""
    refused = {item.field for item in refusals}
    out: list[Unit] = []
    for index, unit in enumerate(units):
        where = f"units[{index}]"
        name = unit.name
        if f"{where}.name" in refused:
            name = subject if subject and len(units) == 1 and unit_name_problem(subject) is None else None
        standards = [s for i, s in enumerate(unit.standards) if f"{where}.standards[{i}]" not in refused]
        update = {"name": name, "standards": standards}
        update |= {target: None for target in ("score", "max_score") if f"{where}.{target}" in refused}
        out.append(unit.model_copy(update=update))
    return out


def extract_units(doc: Document, detection: Detection, subject: str | None) -> tuple[list[Unit], list[ParseWarning]]:
    """Every rated unit of the report, and the warnings of their reading. Values breaking a
    plausibility rule are read again from pdfplumber's layout (PDFs); what that reading still
    refuses is null with a warning."""
    pages = candidate_pages(doc, detection)
    framework = frameworks().frameworks.get(detection.framework) if detection.framework else None
    provenance = Provenance(doc)
    chosen = _read(doc, detection, pages, framework, subject, provenance, precise=False)
    other: _Reading | None = None
    if pages and doc.format == "pdf" and (not chosen.drafts or chosen.refusals):
        # no box in the fast rows on pages that look like one, or a value refused: read pdfplumber's layout
        other = _read(doc, detection, pages, framework, subject, provenance, precise=True)
        if other.drafts and (not chosen.drafts or len(other.refusals) < len(chosen.refusals)):
            chosen, other = other, chosen
    warnings = list(chosen.warnings)
    seen = {(item.field, item.read) for item in other.refusals} if other is not None else None
    warnings += [item.warning(confirmed=seen is None or (item.field, item.read) in seen) for item in chosen.refusals]
    units = _refuse(chosen.units, chosen.refusals, subject)
    warnings += _missing_warnings(doc, detection, units, framework)
    return units, warnings


def _missing_warnings(
    doc: Document, detection: Detection, units: Sequence[Unit], framework: Framework | None
) -> list[ParseWarning]:
    """A `standards_missing` warning for each unit whose table runs on to a page not read."""
    warnings: list[ParseWarning] = []
    for index, unit in enumerate(units):
        missing = standards_missing(doc, detection, unit, framework)
        if missing:
            warnings.append(
                ParseWarning(
                    code=STANDARDS_MISSING,
                    message=f"{unit.name or 'the unit'}: the ratings table runs to the foot of page "
                    f"{unit.standards[-1].page} and the {detection.framework} standards "
                    f"{', '.join(missing)} were not found after it, so its score and bands "
                    "were not recomputed from the standards read",
                    page=unit.standards[-1].page,
                    field=f"units[{index}].standards",
                )
            )
    return warnings


def standards_missing(doc: Document, detection: Detection, unit: Unit, framework: Framework | None) -> list[str]:
    """The codes of the framework's counted standards that come after the last one read, when the
    table read runs to the foot of its page (its last rows, furniture aside, are table rows) and
    holds fewer counted standards than the framework's maximum score implies: the rest of the
    table was on a page not read. Empty otherwise (a table ending mid-page lists what it rates:
    a standard not rated drops out, rating-rules §2)."""
    if framework is None or not unit.standards:
        return []
    last = unit.standards[-1].page
    if last is None:
        return []
    body = [line for line in doc.layout_lines(last) if not detection.is_furniture(line)]
    if not any(_is_table_row(line) for line in body[-3:]):
        return []
    expected = framework.max_score // max(frameworks().ratings.values())  # counted standards of a full table
    if sum(1 for s in unit.standards if s.counted) >= expected:
        return []
    read = {s.code for s in unit.standards}
    after = max(_code_key(code) for code in read)
    codes = dict.fromkeys(rule.code for rule in framework.standards if rule.counted)
    return [code for code in codes if code not in read and _code_key(code) > after]


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in regex.findall(r"\d+", code))

"""Key questions, prompts and comparators of case-based standards (issue: key questions).

    candidate_pages -> rows (kqtables) -> events -> occurrences -> merge -> standards

1. Candidate pages come from the cheap text pass: a page with a question mark and a
   line ending in a percentage (or made of percentages only), plus the page before
   when it ends in a table header.
2. `kqtables.TableReader` turns those pages into visual rows of cells.
3. `_Scanner` walks the rows and emits events: standard headings, table headers
   (with their column labels), breaks (prose), and questions with their values. A
   question wrapped over several printed lines is joined until its question mark.
4. `_occurrences` turns questions into key questions or prompts: a question printed
   without a value and followed by valued questions heads a prompts table (an annex);
   valued questions outside such a table are key questions.
5. Occurrences of the same question (a body table and an annex) are merged, by code,
   by position when both tables have as many questions, else by wording; the first
   valued occurrence gives text and percentage, disagreements give warnings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache

import regex

from .detect import Detection
from .document import BoxTuple, Document, Line, to_bbox
from .fuzzy import as_rating
from .kqtables import TableReader
from .models import KeyQuestion, ParseWarning, Prompt, Standard, Unit
from .normalize import collapse, compact
from .patterns import StandardRule, frameworks, keyquestion_patterns
from .runs import Cell, Row, is_footnote, union

# --- compiled patterns ------------------------------------------------------------------


@dataclass(frozen=True)
class _Patterns:
    percent: regex.Pattern[str]
    value_cell: regex.Pattern[str]
    value_token: regex.Pattern[str]
    trailing_values: regex.Pattern[str]
    bare: regex.Pattern[str]
    no_value: frozenset[str]
    noise: regex.Pattern[str]
    code: regex.Pattern[str]
    heading: regex.Pattern[str]
    current: tuple[regex.Pattern[str], ...]
    comparator: tuple[regex.Pattern[str], ...]
    starts: tuple[regex.Pattern[str], ...]
    question_column: regex.Pattern[str]
    question_start: regex.Pattern[str]
    label_footnote: regex.Pattern[str]
    similarity: float
    max_rows: int
    max_chars: int


@cache
def patterns() -> _Patterns:
    p = keyquestion_patterns()
    token = p.value_token
    starts = "|".join(regex.escape(word) for word in p.question_starts)
    return _Patterns(
        percent=regex.compile(r"^(\d{1,3})\s?%(?:\s?\d{1,2})?$"),
        value_cell=regex.compile(rf"^(?:{token})(?:\s*(?:{token}))*$"),
        value_token=regex.compile(token),
        trailing_values=regex.compile(rf"^(?P<text>.*\?)\s*(?P<values>(?:{token})(?:\s*(?:{token}))*)$"),
        bare=regex.compile(p.bare_number),
        no_value=frozenset(p.no_value),
        noise=regex.compile("|".join(f"(?:{n})" for n in p.noise)),
        code=regex.compile(p.code),
        heading=regex.compile(p.heading),
        current=tuple(regex.compile(x) for x in p.header.current),
        comparator=tuple(regex.compile(x) for x in p.header.comparator),
        starts=tuple(regex.compile(x) for x in p.header.starts),
        question_column=regex.compile(p.header.question_column),
        question_start=regex.compile(rf"^(?:{starts})\b"),
        label_footnote=regex.compile(r"(?<=[A-Za-z)])\s?\d{1,2}$"),
        similarity=p.same_question_similarity,
        max_rows=p.max_question_rows,
        max_chars=p.max_question_chars,
    )


_PERCENT_LINE = regex.compile(r"(?:\?|^)\s*(?:\S*\s*)?\d{1,3}\s?%\S{0,3}(?:\s+\d{1,3}\s?%\S{0,3})*\s*$")
_MAX_TABLE_CELLS = 4  # a key-question row has a code, a question and at most two values
_ROW_GAP = 8.0  # points between two rows of one table, at most
_NEAR_LINES = 4  # a question and its percentage print within this many cheap-pass lines
_PAGE_NUMBER = regex.compile(r"^(?:page\s+)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$", regex.IGNORECASE)


# --- events -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    percent: int | None  # None: printed but unreadable, or a "no value" mark
    raw: str
    box: BoxTuple | None
    bare: bool = False  # a number printed without '%'


@dataclass(frozen=True)
class HeaderColumn:
    label: str
    kind: str  # "current" | "comparator" | "other"
    box: BoxTuple | None


@dataclass(frozen=True)
class Heading:
    code: str
    page: int


@dataclass(frozen=True)
class Header:
    columns: tuple[HeaderColumn, ...]
    page: int


@dataclass(frozen=True)
class Break:
    page: int


@dataclass(frozen=True)
class Question:
    code: str | None
    text: str
    values: tuple[Value, ...]
    labels: tuple[str, ...]  # header labels printed in the question's own row ("Current inspection")
    page: int
    box: BoxTuple | None
    pages: tuple[int, ...]


Event = Heading | Header | Break | Question


# --- rows to events ---------------------------------------------------------------------


@dataclass
class _Pending:
    code: str | None
    parts: list[str] = field(default_factory=list)
    values: list[Value] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    text: str = ""

    def add(self, part: str) -> None:
        """Append one printed line of the question (a word broken after its hyphen is rejoined)."""
        self.parts.append(part)
        out = self.text
        if out.endswith("-") and out[-2:-1].isalpha() and part[:1].isalpha():
            self.text = out + part
        else:
            self.text = f"{out} {part}" if out else part

    @property
    def complete(self) -> bool:
        return self.text.endswith("?")

    @property
    def bottom(self) -> float | None:
        boxes = [r.box for r in self.rows if r.box is not None]
        return max(b[3] for b in boxes) if boxes else None


@dataclass
class _Split:
    code: str | None = None
    texts: list[str] = field(default_factory=list)
    values: list[Value] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


class _Scanner:
    """Rows in, events out. One scanner per document: state runs across page breaks."""

    def __init__(self, detection: Detection, rules: Sequence[StandardRule]) -> None:
        self.p = patterns()
        self.detection = detection
        self.names: dict[str, set[str]] = {}
        for rule in rules:
            self.names.setdefault(compact(rule.name), set()).add(rule.code)
        self.events: list[Event] = []
        self.pending: _Pending | None = None
        self.header: list[tuple[str, BoxTuple | None]] | None = None  # header being read
        self.header_page = 0

    # -- public ------------------------------------------------------------------------

    def feed(self, rows: Sequence[Row]) -> None:
        for row in rows:
            self._row(row)

    def finish(self) -> list[Event]:
        self._flush()
        self._close_header()
        return self.events

    def heading_code(self, text: str) -> str | None:
        """The standard code of a standard heading line ("2.1. Assessment", "Statutory victim work")."""
        if len(text) > 90:
            return None
        match = self.p.heading.match(text)
        if match:
            code = f"{match.group('a')}.{match.group('b')}"
            return code if code in self.names.get(compact(match.group("name")), ()) else None
        codes = self.names.get(compact(text), set())
        if len(text.split()) >= 2 and len(codes) == 1:
            return next(iter(codes))
        return None

    # -- rows --------------------------------------------------------------------------

    def _skip(self, row: Row) -> bool:
        text = row.text
        if not text or is_footnote(row):
            return True
        return text in self.detection.furniture or _PAGE_NUMBER.match(text) is not None

    def _row(self, row: Row) -> None:
        if self._skip(row):
            return
        code = self._row_heading(row)
        if code is not None:
            self._flush()
            self._close_header()
            self.events.append(Heading(code, row.page))
            return
        if self._header_row(row):
            return
        split = self._split(row)
        if split.texts:
            self._close_header()
            text = " ".join(split.texts)
            pending = self.pending
            new = (
                row.joined
                or pending is None
                or pending.complete
                or split.code is not None
                or (bool(pending.parts) and self.p.question_start.match(text) is not None)
                or _far_below(pending, row)
            )
            if new:
                self._flush()
                pending = self.pending = _Pending(code=split.code)
            assert pending is not None
            pending.add(text)
            pending.values.extend(split.values)
            pending.labels.extend(split.labels)
            pending.rows.append(row)
            too_long = len(pending.rows) > self.p.max_rows or len(pending.text) > self.p.max_chars
            if row.joined or too_long or (not pending.complete and pending.text.endswith((".", ":", ";", "!"))):
                self._flush()
        elif split.values or split.labels:
            pending = self.pending
            if pending is not None and not pending.values and not _far_below(pending, row, slack=4.0):
                pending.values.extend(split.values)
                pending.labels.extend(split.labels)
                pending.rows.append(row)

    def _row_heading(self, row: Row) -> str | None:
        if "?" in row.text or len(row.text) > 90:
            return None
        for text in (row.text, *(cell.text for cell in row.cells)):
            code = self.heading_code(text)
            if code is not None:
                return code
        return None

    def _header_row(self, row: Row) -> bool:
        """A table header row (or its wrapped continuation): collected until the table body starts."""
        texts = [cell.text for cell in row.cells if cell.text]
        pending = self.pending
        if pending is not None and not pending.complete and self._question_like(pending):
            return False  # inside a wrapped question: a "Current" beside it is that row's label
        if any(len(t) > 30 and self.p.question_start.match(t) for t in texts):
            return False  # the first line of a wrapped question
        if "?" in row.text or any(len(t) > 100 for t in texts) or any(self._value_cell(t) for t in texts):
            return False
        if any(any(s.match(t) for s in self.p.starts) for t in texts):
            self._flush()
            if self.header is not None and not self._continues_header(row):
                self._close_header()
            if self.header is None:
                self.header = [(cell.text, cell.box) for cell in row.cells if cell.text]
                self.header_page = row.page
            else:
                self._extend_header(row)
            return True
        if self.header is not None and self._continues_header(row):
            self._extend_header(row)
            return True
        return False

    def _continues_header(self, row: Row) -> bool:
        if self.header is None or row.joined or len(row.text) > 60:
            return False
        boxes = [box for _, box in self.header]
        return all(cell.box is not None and _best_column(cell.box, boxes) is not None for cell in row.cells)

    def _extend_header(self, row: Row) -> None:
        assert self.header is not None
        boxes = [box for _, box in self.header]
        for cell in row.cells:
            index = _best_column(cell.box, boxes) if cell.box is not None else None
            if index is None:
                self.header.append((cell.text, cell.box))
            else:
                text, box = self.header[index]
                self.header[index] = (f"{text} {cell.text}", union([box, cell.box]))

    def _close_header(self) -> None:
        if self.header is None:
            return
        columns: list[HeaderColumn] = []
        for text, box in (part for cell in self.header for part in self._split_labels(*cell)):
            label = self.p.label_footnote.sub("", collapse(text))
            if self.p.question_column.match(label):
                continue
            kind = (
                "current"
                if any(c.match(label) for c in self.p.current)
                else "comparator"
                if any(c.match(label) for c in self.p.comparator)
                else "other"
            )
            columns.append(HeaderColumn(label, kind, box))
        if any(c.kind != "other" for c in columns):
            self.events.append(Header(tuple(c for c in columns if c.kind != "other"), self.header_page))
        self.header = None

    def _label_kind(self, text: str) -> str:
        label = self.p.label_footnote.sub("", collapse(text))
        if any(c.match(label) for c in self.p.current):
            return "current"
        return "comparator" if any(c.match(label) for c in self.p.comparator) else "other"

    def _split_labels(self, text: str, box: BoxTuple | None) -> list[tuple[str, BoxTuple | None]]:
        """Two header labels printed so close that they read as one cell ("Current inspection All PDUs")."""
        words = text.split()
        if self._label_kind(text) != "other" or len(words) > 10:
            return [(text, box)]
        for cut in range(1, len(words)):
            left, right = " ".join(words[:cut]), " ".join(words[cut:])
            if self._label_kind(left) != "other" and self._label_kind(right) != "other":
                if box is None:
                    return [(left, None), (right, None)]
                x0, top, x1, bottom = box
                middle = x0 + (x1 - x0) * (len(left) + 1) / len(text)
                return [(left, (x0, top, middle, bottom)), (right, (middle, top, x1, bottom))]
        return [(text, box)]

    # -- cells -------------------------------------------------------------------------

    def _value_cell(self, text: str) -> bool:
        return self.p.value_cell.match(text) is not None

    def _values(self, text: str, box: BoxTuple | None) -> list[Value]:
        tokens = [m for m in self.p.value_token.finditer(text)]
        values: list[Value] = []
        width = len(text) or 1
        for index, match in enumerate(tokens):
            previous = tokens[index - 1].group(0) if index else ""
            if "%" in previous and self.p.bare.match(match.group(0).strip()):
                continue  # "57% 3": a footnote marker after a percentage
            token_box = box
            if box is not None and len(tokens) > 1:
                x0, top, x1, bottom = box
                step = (x1 - x0) / width
                token_box = (x0 + step * match.start(), top, x0 + step * match.end(), bottom)
            values.append(self._value(match.group(0), token_box))
        return values

    def _value(self, token: str, box: BoxTuple | None) -> Value:
        token = token.strip()
        percent = self.p.percent.match(token)
        if percent:
            number = int(percent.group(1))
            return Value(number if number <= 100 else None, token, box)
        bare = self.p.bare.match(token)
        if bare:
            number = int(bare.group(1))
            return Value(number if number <= 100 else None, token, box, bare=True)
        return Value(None, token, box)

    def _split(self, row: Row) -> _Split:
        out = _Split()
        cells = row.cells
        if len(cells) > _MAX_TABLE_CELLS:  # a justified line of prose split at its wide spaces
            cells = (Cell(text=row.text, raw=row.raw, box=row.box),)
        for cell in cells:
            text = self.p.noise.sub("", cell.text)
            if text != cell.text:
                text = collapse(text)
            if not text:
                continue
            if not out.texts and out.code is None:
                code = self.p.code.match(text)
                if code:
                    out.code = f"{code.group('a')}.{code.group('b')}.{code.group('c')}"
                    text = text[code.end() :].strip()
                    if not text:
                        continue
            if self._value_cell(text) and (out.texts or not self.p.bare.match(text)):
                out.values.extend(self._values(text, cell.box))  # a lone number left of any text is no value
            elif self._is_label(text):
                out.labels.append(text)
            elif out.texts:  # the question is in one column: other cells are labels or ratings
                if as_rating(text) is None:
                    out.labels.append(text)
            else:
                trailing = self.p.trailing_values.match(text)
                if trailing and not self.p.bare.match(trailing.group("values")):
                    values = trailing.group("values")
                    box = _right_part(cell.box, len(text) - len(values), len(text))
                    out.texts.append(trailing.group("text"))
                    out.values.extend(self._values(values, box))
                else:
                    out.texts.append(text)
        return out

    def _question_like(self, pending: _Pending) -> bool:
        return pending.code is not None or self.p.question_start.match(pending.text) is not None

    def _is_label(self, text: str) -> bool:
        return any(c.match(text) for c in self.p.current)

    # -- pending question ----------------------------------------------------------------

    def _flush(self) -> None:
        pending, self.pending = self.pending, None
        if pending is None or not pending.parts:
            return
        text = pending.text
        page = pending.rows[0].page
        if not pending.complete or len(text) > self.p.max_chars or len(pending.rows) > self.p.max_rows:
            self.events.append(Break(page))
            return
        pages = tuple(sorted({r.page for r in pending.rows}))
        values = sorted(pending.values, key=lambda v: v.box[0] if v.box else 0.0)
        self.events.append(
            Question(
                code=pending.code,
                text=text,
                values=tuple(values),
                labels=tuple(pending.labels),
                page=page,
                box=union([r.box for r in pending.rows if r.page == page]),
                pages=pages,
            )
        )


def _far_below(pending: _Pending, row: Row, slack: float | None = None) -> bool:
    """Whether `row` starts well below the pending question's last line (a new paragraph or row)."""
    last = pending.rows[-1] if pending.rows else None
    if last is None or last.box is None or row.box is None or last.page != row.page:
        return False
    height = last.box[3] - last.box[1]
    gap = row.box[1] - last.box[3]
    return gap > (slack if slack is not None else max(6.0, 0.9 * height))


def _best_column(box: BoxTuple | None, columns: Sequence[BoxTuple | None]) -> int | None:
    if box is None:
        return None
    best: tuple[float, int] | None = None
    for index, column in enumerate(columns):
        if column is None:
            continue
        overlap = min(box[2], column[2]) - max(box[0], column[0])
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, index)
    return None if best is None else best[1]


def _right_part(box: BoxTuple | None, start: int, length: int) -> BoxTuple | None:
    if box is None or length <= 0:
        return None
    x0, top, x1, bottom = box
    return (x0 + (x1 - x0) * start / length, top, x1, bottom)


# --- events to occurrences --------------------------------------------------------------


@dataclass
class Occurrence:
    standard: str | None
    code: str | None
    text: str
    percent: int | None
    comparator_percent: int | None
    comparator_label: str | None
    page: int
    box: BoxTuple | None
    valued: bool  # printed with a value cell (a key-question table), not as a prompts-table head
    table: int  # which table it was printed in (merging works table by table)
    prompts: list[Prompt] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _standard_of(question: Question, context: str | None, keywords: dict[str, str]) -> str | None:
    if question.code:
        return question.code.rsplit(".", 1)[0]
    if context is not None:
        return context
    words = [compact(w) for w in question.text.split()[:6]]
    for word in words:
        if word in keywords:
            return keywords[word]
    return None


def _columns_for(values: Sequence[Value], header: Header | None) -> tuple[Value | None, Value | None, str | None]:
    """(whole-sample value, comparator value, comparator label) of one row's values.

    Values are placed under the header's columns by position on the page where both have
    boxes, else by order. Without a header the first value is the sample's and a second
    one an unlabelled comparison.
    """
    if not values:
        return None, None, None
    columns = list(header.columns) if header else []
    comparators = [i for i, c in enumerate(columns) if c.kind == "comparator"]
    if not columns:
        return values[0], (values[1] if len(values) > 1 else None), None
    placed: list[int | None]
    if all(v.box is not None for v in values) and all(c.box is not None for c in columns):
        placed = [_best_column(v.box, [c.box for c in columns]) for v in values]
    elif len(values) == len(columns):
        placed = list(range(len(values)))
    else:
        placed = [None] * len(values)
    kinds = [None if i is None else columns[i].kind for i in placed]
    current = next((v for v, kind in zip(values, kinds, strict=True) if kind == "current"), None)
    comparator, label = None, None
    for value, index in zip(values, placed, strict=True):
        if index is not None and columns[index].kind == "comparator":
            comparator, label = value, columns[index].label
            break
    loose = [v for v, i in zip(values, placed, strict=True) if i is None]
    if current is None and loose:
        current = loose.pop(0)
    if comparator is None and loose:
        comparator = loose.pop(0)
        label = columns[comparators[0]].label if len(comparators) == 1 else None
    return current, comparator, label


def _occurrences(
    events: Sequence[Event], start: str | None, keywords: dict[str, str], first_table: int = 0
) -> list[Occurrence]:
    """Key questions (valued, or heading a prompts table) of an event stream; `table` numbers from first_table."""
    out: list[Occurrence] = []
    context = start
    header: Header | None = None
    head: Occurrence | None = None  # the key question heading the prompts table being read
    last_valued = False  # the previous question of this table was a valued key question
    suspended: Occurrence | None = None  # a prompts table interrupted by a break
    previous: Question | None = None  # the last valued key question
    held: Header | None = None  # the header of a table interrupted by a break
    last_page: int | None = None  # page of the last question
    table = first_table
    for index, event in enumerate(events):
        if isinstance(event, Heading):
            context, header, head, last_valued, suspended, held = event.code, None, None, False, None, None
            table += 1
            continue
        if isinstance(event, Header):
            before = header or held
            repeated = (
                before is not None
                and event.page > before.page
                and [c.label for c in before.columns] == [c.label for c in event.columns]
            )
            if not repeated:  # a header repeated atop the next page continues its table
                table += 1
                last_valued = False
            header, head, suspended, held = event, None, None, None
            continue
        if isinstance(event, Break):
            # A table may run on after a stray line (a footnote between its pages).
            suspended = head if head is not None else suspended
            held = header if header is not None else held
            header, head, last_valued = None, None, False
            continue
        if held is not None and header is None and event.values and last_page is not None and event.page > last_page:
            header = held  # a key-question table continued on the next page without its header
        held = None
        last_page = event.page
        if (
            head is None
            and suspended is not None
            and event.values
            and _standard_of(event, context, keywords) == (suspended.standard)
        ):
            head = suspended
        suspended = None
        standard = _standard_of(event, context, keywords)
        readable = [v for v in event.values if v.percent is not None]
        if not event.values:
            following = _next_question(events, index)
            heads_table = bool(event.labels) or (following is not None and bool(following.values))
            if last_valued and header is not None and not event.labels and _in_table(event, previous, following):
                out.append(_valued(event, standard, header, table))  # a key question missing its figure
                continue
            if not heads_table:
                head = None
                continue
            if head is None or head.standard != standard:
                table += 1
            head = _occurrence(event, standard, None, None, None, valued=False, table=table)
            out.append(head)
            last_valued = False
            continue
        if head is not None:
            value = readable[0] if readable else None
            head.prompts.append(Prompt(text=event.text, percent=value.percent if value else None, page=event.page))
            if value is None:
                head.problems.append(f"prompt '{_short(event.text)}' has no readable percentage")
            elif value.bare:
                head.problems.append(f"prompt '{_short(event.text)}' percentage printed without '%'")
            continue
        out.append(_valued(event, standard, header, table))
        last_valued = True
        previous = event
    return out


def _in_table(question: Question, previous: Question | None, following: Question | None) -> bool:
    """Whether a question printed without a value still belongs to the valued table above it."""
    if following is not None and following.values:
        return True
    if previous is None or previous.box is None or question.box is None or previous.page != question.page:
        return False
    return question.box[1] - previous.box[3] <= _ROW_GAP


def _valued(event: Question, standard: str | None, header: Header | None, table: int) -> Occurrence:
    current, comparator, label = _columns_for(event.values, header)
    occurrence = _occurrence(
        event,
        standard,
        current.percent if current else None,
        comparator.percent if comparator else None,
        label,
        valued=True,
        table=table,
    )
    if current is None or current.percent is None:
        shown = f" ('{current.raw}')" if current is not None else ""
        occurrence.problems.append(f"key question '{_short(event.text)}' has no readable percentage{shown}")
    elif current.bare:
        occurrence.problems.append(f"key question '{_short(event.text)}' percentage printed without '%'")
    return occurrence


def _occurrence(
    event: Question,
    standard: str | None,
    percent: int | None,
    comparator: int | None,
    label: str | None,
    *,
    valued: bool,
    table: int,
) -> Occurrence:
    return Occurrence(
        standard=standard,
        code=event.code,
        text=event.text,
        percent=percent,
        comparator_percent=comparator,
        comparator_label=label,
        page=event.page,
        box=event.box,
        valued=valued,
        table=table,
    )


def _next_question(events: Sequence[Event], index: int) -> Question | None:
    following = events[index + 1] if index + 1 < len(events) else None
    return following if isinstance(following, Question) else None


def _short(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


# --- merging occurrences ----------------------------------------------------------------


@dataclass
class _Merged:
    items: list[Occurrence]

    @property
    def primary(self) -> Occurrence:
        return next((o for o in self.items if o.valued), self.items[0])


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a.casefold().split(), b.casefold().split()).ratio()


def merge(occurrences: Sequence[Occurrence], similarity: float) -> list[_Merged]:
    """Occurrences of one standard, table by table, merged into one entry per question."""
    merged: list[_Merged] = []
    tables: dict[int, list[Occurrence]] = {}
    for occurrence in occurrences:
        tables.setdefault(occurrence.table, []).append(occurrence)
    for run in tables.values():
        if not merged:
            merged = [_Merged([o]) for o in run]
            continue
        by_position = len(run) == len(merged)
        for position, occurrence in enumerate(run):
            target = _match(occurrence, merged, position if by_position else None, similarity)
            if target is None:
                merged.append(_Merged([occurrence]))
            else:
                target.items.append(occurrence)
    return merged


def _match(occurrence: Occurrence, merged: Sequence[_Merged], position: int | None, threshold: float) -> _Merged | None:
    if occurrence.code:
        for entry in merged:
            if any(o.code == occurrence.code for o in entry.items):
                return entry
    free = [i for i, entry in enumerate(merged) if all(o.table != occurrence.table for o in entry.items)]
    if not free:
        return None
    scores = {i: max(_similarity(occurrence.text, o.text) for o in merged[i].items) for i in free}
    best = max(free, key=lambda i: scores[i])
    if scores[best] >= threshold:
        return merged[best]
    if position is not None and position in scores:
        return merged[position]
    return None


def _key_question(entry: _Merged, warnings: list[ParseWarning], unit: str) -> KeyQuestion:
    primary = entry.primary
    valued = [o for o in entry.items if o.valued]
    code = next((o.code for o in entry.items if o.code), None)
    comparator = next((o for o in valued if o.comparator_percent is not None), None)
    prompts = next((o.prompts for o in entry.items if o.prompts), [])
    pages = sorted({o.page for o in entry.items} - {primary.page})
    name = f"{unit}: key question {code or ''} '{_short(primary.text)}'".replace("  ", " ")
    for other in valued:
        if other is primary or other.percent is None or primary.percent is None:
            continue
        if other.percent != primary.percent:
            warnings.append(
                ParseWarning(
                    code="key_question_percent_mismatch",
                    message=f"{name} is {primary.percent}% on page {primary.page} "
                    f"but {other.percent}% on page {other.page}",
                    page=other.page,
                )
            )
    for other in entry.items:
        if other is not primary and compact(other.text) != compact(primary.text):
            warnings.append(
                ParseWarning(
                    code="key_question_wording_differs",
                    message=f"{name} is worded '{_short(other.text, 90)}' on page {other.page}",
                    page=other.page,
                )
            )
    for occurrence in entry.items:
        for problem in occurrence.problems:
            warnings.append(
                ParseWarning(code="key_question_value_unreadable", message=f"{unit}: {problem}", page=occurrence.page)
            )
    return KeyQuestion(
        code=code,
        text=primary.text,
        percent=primary.percent,
        comparator_percent=comparator.comparator_percent if comparator else None,
        comparator_label=comparator.comparator_label if comparator else None,
        page=primary.page,
        bbox=to_bbox(primary.box),
        prompts=prompts,
        also_on_pages=pages,
    )


# --- candidate pages and entry point ----------------------------------------------------


def candidate_pages(doc: Document) -> list[int]:
    """Pages of the cheap pass holding a question and a percentage at a line's end (+ header page before)."""
    p = patterns()
    pages: set[int] = set()
    for page in doc.pages:
        texts = [line.text for line in page.lines]
        asks = [i for i, t in enumerate(texts) if "?" in t]
        if not asks:
            continue
        figures = [i for i, t in enumerate(texts) if _PERCENT_LINE.search(t)]
        if any(abs(i - j) <= _NEAR_LINES for i in figures for j in asks):
            pages.add(page.number)
    for number in sorted(pages):
        if number == 1 or number - 1 in pages or not _opens_with_table(doc.page(number).lines):
            continue
        tail = doc.page(number - 1).lines[-8:]
        if any(any(s.match(cell) for s in p.starts for cell in line.cells) for line in tail):
            pages.add(number - 1)
    return sorted(pages)


def _opens_with_table(lines: Sequence[Line]) -> bool:
    """Whether a page's first lines (after a running header) are table rows: a question or a percentage."""
    head = [line.text for line in lines[1:5]]
    return any("?" in t or _PERCENT_LINE.search(t) for t in head[:3])


def _runs_of(pages: Sequence[int]) -> Iterator[list[int]]:
    run: list[int] = []
    for number in pages:
        if run and number != run[-1] + 1:
            yield run
            run = []
        run.append(number)
    if run:
        yield run


def _case_rules(detection: Detection) -> tuple[list[StandardRule], list[StandardRule]]:
    known = frameworks().frameworks
    framework = known.get(detection.framework) if detection.framework else None
    rules = list(framework.standards) if framework else [r for f in known.values() for r in f.standards]
    return rules, [r for r in rules if r.case_based]


def _context_before(doc: Document, scanner: _Scanner, page: int) -> str | None:
    """The last standard heading printed before `page` (cheap-pass lines)."""
    for number in range(page - 1, 0, -1):
        for line in reversed(doc.page(number).lines):
            if "?" in line.text:
                continue
            code = scanner.heading_code(line.text)
            if code is None and len(line.cells) > 1:
                code = next((c for c in map(scanner.heading_code, line.cells) if c), None)
            if code is not None:
                return code
    return None


def _keywords(rules: Sequence[StandardRule]) -> dict[str, str]:
    """First word of a single-stage standard name -> code ('assessment' -> '2.1'), when unambiguous."""
    seen: dict[str, set[str]] = {}
    for rule in rules:
        word = compact(rule.name.split()[0])
        seen.setdefault(word, set()).add(rule.code)
    return {word: next(iter(codes)) for word, codes in seen.items() if len(codes) == 1 and len(word) > 4}


def _unit_for(units: Sequence[Unit], page: int) -> Unit:
    before = [u for u in units if u.page is not None and u.page <= page]
    return max(before, key=lambda u: u.page or 0) if before else units[0]


def _is_case_based(standard: Standard, rules: Sequence[StandardRule]) -> bool:
    same_code = [r for r in rules if r.code == standard.code]
    named = [r for r in same_code if compact(r.name) == compact(standard.name)]
    return any(r.case_based for r in (named or same_code))


def scan(
    doc: Document,
    detection: Detection,
    rules: Sequence[StandardRule],
    keywords: dict[str, str],
    pages: Sequence[int],
    read: Callable[[int], list[Row]],
    first_table: int = 0,
) -> list[Occurrence]:
    """Key-question occurrences printed on consecutive `pages`, rows read by `read`."""
    scanner = _Scanner(detection, rules)
    start = _context_before(doc, scanner, pages[0])
    for number in pages:
        scanner.feed(read(number))
    return _occurrences(scanner.finish(), start, keywords, first_table)


def _problems(occurrences: Sequence[Occurrence]) -> int:
    return sum(len(o.problems) for o in occurrences)


def extract_key_questions(doc: Document, detection: Detection, units: list[Unit], warnings: list[ParseWarning]) -> None:
    """Fill `standard.key_questions` of every case-based standard of `units` in place."""
    if not units:
        return
    rules, case_rules = _case_rules(detection)
    keywords = _keywords(case_rules)
    found: dict[tuple[int, str], list[Occurrence]] = {}
    tables = 0
    with TableReader(doc) as reader:
        for run in _runs_of(candidate_pages(doc)):
            occurrences = scan(doc, detection, rules, keywords, run, reader.rows, tables)
            if doc.format == "pdf" and _problems(occurrences):  # a value unreadable: read the pages again, slowly
                precise = scan(doc, detection, rules, keywords, run, reader.precise_rows, tables)
                if _problems(precise) < _problems(occurrences) and len(precise) >= len(occurrences):
                    occurrences = precise
            tables = max((o.table for o in occurrences), default=tables) + 1
            for occurrence in occurrences:
                if occurrence.standard is None:
                    continue
                unit = _unit_for(units, occurrence.page)
                found.setdefault((id(unit), occurrence.standard), []).append(occurrence)
    similarity = patterns().similarity
    any_found = bool(found)
    for unit in units:
        label = unit.name or "unit"
        for standard in unit.standards:
            if not _is_case_based(standard, rules):
                continue
            occurrences = found.get((id(unit), standard.code), [])
            standard.key_questions = [_key_question(e, warnings, label) for e in merge(occurrences, similarity)]
            if any_found and not standard.key_questions:
                warnings.append(
                    ParseWarning(
                        code="key_questions_not_found",
                        message=f"{label}: no key-question table found for {standard.code} {standard.name}",
                        page=standard.page,
                    )
                )

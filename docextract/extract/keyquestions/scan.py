"""Key-question tables, row by row: compiled patterns, events, and the scanner that turns
visual rows (tables.py) into events: standard headings, table headers with their column
labels, breaks (prose), and questions with their values. A question wrapped over several
printed lines is joined until its question mark. See extract.py for the pipeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

import regex

from ...detect.classify import Detection
from ...read.document import BoxTuple
from ...read.fuzzy import as_rating
from ...read.layout import Cell, Row, is_footnote, union
from ...read.normalize import collapse, compact
from ...rules.patterns import keyquestion_patterns, keyquestion_scan_patterns
from ...rules.regexes import compiled, either
from ..plausibility import percent_problem

if TYPE_CHECKING:  # the schema classes load only to validate a changed rule file
    from ...rules.patterns import StandardRule

# --- compiled patterns ------------------------------------------------------------------


class _Patterns(NamedTuple):
    percent: regex.Pattern[str]
    count_value: regex.Pattern[str]
    value_cell: regex.Pattern[str]
    value_token: regex.Pattern[str]
    trailing_values: regex.Pattern[str]
    bare: regex.Pattern[str]
    no_value: frozenset[str]
    noise: regex.Pattern[str]
    noise_start: regex.Pattern[str]
    noise_tail: regex.Pattern[str]
    code: regex.Pattern[str]
    heading: regex.Pattern[str]
    current: regex.Pattern[str]  # each list of patterns/keyquestions.yaml `header` as one (`either`)
    comparator: regex.Pattern[str]
    count: regex.Pattern[str]
    count_meeting: regex.Pattern[str]  # a count column of the cases meeting the standard
    count_inspected: regex.Pattern[str]  # a count column of the cases inspected
    percentages: regex.Pattern[str]
    starts: regex.Pattern[str]
    question_column: regex.Pattern[str]
    question_start: regex.Pattern[str]
    label_footnote: regex.Pattern[str]
    residue_start: regex.Pattern[str]  # "…?Error! Bookmark": the rest of the residue is on the next line
    residue_marker: regex.Pattern[str]  # a footnote marker after the question mark ("?12")
    percent_line: regex.Pattern[str]  # a line ending in a percentage, maybe more values after it
    question_value_line: regex.Pattern[str]  # a question's first line with its value beside it
    value_question_line: regex.Pattern[str]  # a row with its value column first ("61% Does …")
    inner_value: regex.Pattern[str]  # a percentage inside a question's line
    similarity: float
    max_rows: int
    max_chars: int


@cache
def patterns() -> _Patterns:
    """The key-question patterns of patterns/keyquestions.yaml, compiled once."""
    p = keyquestion_patterns()
    rows = keyquestion_scan_patterns()
    return _Patterns(
        percent=compiled(p.percent),
        count_value=compiled(p.count_value),
        value_cell=compiled(rows.expanded(p, "value_cell")),
        value_token=compiled(p.value_token),
        trailing_values=compiled(rows.expanded(p, "trailing_values")),
        bare=compiled(p.bare_number),
        no_value=frozenset(p.no_value),
        noise=compiled("|".join(f"(?:{n})" for n in p.noise)),
        noise_start=compiled(p.noise_start),
        noise_tail=compiled(p.noise_tail),
        code=compiled(p.code),
        heading=compiled(p.heading),
        current=either(p.header.current),
        comparator=either(p.header.comparator),
        count=either(p.header.count),
        count_meeting=either(p.header.count_meeting),
        count_inspected=either(p.header.count_inspected),
        percentages=either(p.header.percentages),
        starts=either(p.header.starts),
        question_column=compiled(p.header.question_column),
        question_start=compiled(rows.expanded(p, "question_start")),
        label_footnote=compiled(rows.expanded(p, "label_footnote")),
        residue_start=compiled(rows.expanded(p, "residue_start")),
        residue_marker=compiled(rows.expanded(p, "residue_marker")),
        percent_line=compiled(rows.expanded(p, "percent_line")),
        question_value_line=compiled(rows.expanded(p, "question_value_line")),
        value_question_line=compiled(rows.expanded(p, "value_question_line")),
        inner_value=compiled(rows.expanded(p, "inner_value")),
        similarity=p.same_question_similarity,
        max_rows=p.max_question_rows,
        max_chars=p.max_question_chars,
    )


_MAX_TABLE_CELLS = 4  # a key-question row has a code, a question and two values (more: counts and values only)
ROW_GAP = 8.0  # points between two rows of one table, at most
NEAR_LINES = 4  # a question and its percentage print within this many cheap-pass lines


# --- events -------------------------------------------------------------------------------


class Value(NamedTuple):
    """One value printed beside a question: the percentage (None when unreadable), as printed, its box."""

    percent: int | None  # None: printed but unreadable, or a "no value" mark
    raw: str
    box: BoxTuple | None
    bare: bool = False  # a number printed without '%'


class HeaderColumn(NamedTuple):
    """One value column of a key-question table, named by its printed header."""

    label: str
    kind: str  # "current" | "comparator" | "count" (patterns/keyquestions.yaml `header`)
    box: BoxTuple | None
    percentages: bool = False  # the header says its values are percentages ("%", "Percentage 'Yes'")
    role: str | None = None  # (a count column) "meeting" (cases meeting the standard) or "inspected"


class Heading(NamedTuple):
    """Event: a standard's heading (its code), which the questions below belong to."""

    code: str
    page: int


class Header(NamedTuple):
    """Event: a table header, with its value columns."""

    columns: tuple[HeaderColumn, ...]
    page: int


class Break(NamedTuple):
    """Event: a line of prose between tables (a table ends here, or pauses); `lost` the text of a
    row printed with a value that is no question (a row of a key-question table not read)."""

    page: int
    lost: str | None = None


class Question(NamedTuple):
    """Event: one question with its values, as printed over one or more lines (and pages)."""

    code: str | None
    text: str
    values: tuple[Value, ...]
    labels: tuple[str, ...]  # header labels printed in the question's own row ("Current inspection")
    page: int
    box: BoxTuple | None
    pages: tuple[int, ...]
    cut: bool = False  # printed with its value but without its question mark: kept as printed
    foot: bool = False  # (cut) its last line the last row read of its page: its row may run on unread


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
    value_page: int | None = None  # the page its first value is printed on (a row split by a page break)
    column: BoxTuple | None = None  # the union of its words' cells: the question column it is printed in

    def add(self, part: str) -> None:
        """Append one printed line of the question (a word broken after its hyphen is rejoined)."""
        self.parts.append(part)
        out = self.text
        if out.endswith("-") and out[-2:-1].isalpha() and part[:1].isalpha():
            self.text = out + part
        else:
            self.text = f"{out} {part}" if out else part

    def take(self, row: Row, split: _Split) -> None:
        """One printed row of the question: its values and labels (its text added by `add`)."""
        if split.values and self.value_page is None:
            self.value_page = row.page
        if split.box is not None:
            self.column = split.box if self.column is None else union([self.column, split.box])
        self.values.extend(split.values)
        self.labels.extend(split.labels)
        self.rows.append(row)

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
    box: BoxTuple | None = None  # the question cell's


@dataclass(frozen=True)
class _Suspended:
    """A question at a page's foot held over the header atop the next page: where its event goes,
    and the column labels of its table's header."""

    pending: _Pending
    index: int
    labels: tuple[str, ...] | None


class Scanner:
    """Rows in, events out. One scanner per document: state runs across page breaks."""

    def __init__(self, detection: Detection, rules: Sequence[StandardRule], unit_names: Sequence[str] = ()) -> None:
        self.p = patterns()
        self.detection = detection
        self.units = {compact(name) for name in unit_names if name}  # a column headed by the unit is current
        self.noise_cut = False  # the last question line ended in the start of a Word error text
        self.names: dict[str, set[str]] = {}
        for rule in rules:
            self.names.setdefault(compact(rule.name), set()).add(rule.code)
        self.events: list[Event] = []
        self.pending: _Pending | None = None
        self.header: list[tuple[str, BoxTuple | None]] | None = None  # header being read
        self.header_page = 0
        self.header_bottom: tuple[int, float] | None = None  # page and bottom of the header's last line read
        self.columns: tuple[BoxTuple, ...] = ()  # the value columns' header boxes of the table read
        self.table_bottom: tuple[int, float] | None = None  # page and bottom of the table's last row read
        self.labels: tuple[str, ...] | None = None  # the column labels of the last header read
        self.suspended: _Suspended | None = None  # a question held over a header atop the next page
        self.row_page: int | None = None  # the page of the row being read (None: all rows read)

    # -- public ------------------------------------------------------------------------

    def feed(self, rows: Sequence[Row]) -> None:
        """Scan the rows of one page (or run of pages), in order."""
        for row in rows:
            self._row(row)

    def finish(self) -> list[Event]:
        """The events of every row fed, with the last question and header closed."""
        self.row_page = None
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

    def _skip(self, row: Row, text: str) -> bool:
        if not text or is_footnote(row):
            return True
        return self.detection.is_furniture_text(text)

    def _row(self, row: Row) -> None:
        text = row.text  # joined from the cells at each ask: once a row
        if self._skip(row, text):
            return
        self.row_page = row.page
        cut, self.noise_cut = self.noise_cut, False
        if cut and self.p.noise_tail.match(text):
            return  # the rest of a Word error text wrapped below its question ("defined.")
        code = self._row_heading(row, text)
        if code is not None:
            self._flush()
            self._close_header()
            self.columns = ()
            self.events.append(Heading(code, row.page))
            return
        if self._header_row(row, text):
            self.table_bottom = _bottom(row)
            return
        split = self._split(row, text)
        if split.texts:
            self._text_row(row, split)
        elif split.values or split.labels:
            self._value_row(row, split)

    def _text_row(self, row: Row, split: _Split) -> None:
        """A row holding a question's words (maybe with its values): a new question or the next line
        of the one pending."""
        self._close_header()
        text = " ".join(split.texts)
        self._resume(row, split, text)
        pending = self.pending
        new = (
            row.joined
            or pending is None
            or pending.complete
            or split.code is not None
            or (bool(pending.parts) and self.p.question_start.match(text) is not None)
            or _far_below(pending, row)
            or _leaves_column(pending, row)
        )
        if new:
            self._flush()
            pending = self.pending = _Pending(code=split.code)
        assert pending is not None
        pending.add(text)
        if self.p.noise.search(pending.text):  # word-processor residue broken over two lines
            pending.text = self.p.residue_marker.sub("?", collapse(self.p.noise.sub("", pending.text)))
        pending.take(row, split)
        self.table_bottom = _bottom(row) if pending.values else self.table_bottom
        too_long = len(pending.rows) > self.p.max_rows or len(pending.text) > self.p.max_chars
        residue = self.p.residue_start.search(pending.text) is not None  # "…?Error!" continues below
        ends = pending.text.endswith((".", ":", ";", "!")) and not residue
        if row.joined or too_long or (not pending.complete and ends):
            self._flush()

    def _value_row(self, row: Row, split: _Split) -> None:
        """A row of values (or labels) alone: the values of the question pending, or a row not read."""
        if self.suspended is not None:
            self._close_header()
            self._resume(row, split, "")
        pending = self.pending
        if pending is not None and not pending.values and not _far_below(pending, row, slack=4.0):
            pending.take(row, split)
            self.table_bottom = _bottom(row)
        elif split.values:  # a value printed with no question beside it: a row of the table not read
            self._flush()
            self.events.append(Break(row.page, lost=row.text))

    def _suspend(self) -> None:
        """Hold the question pending at a page's foot over a header printed atop the next page: the
        rest of its row may follow that header (a table row split by the page break)."""
        assert self.pending is not None
        self.suspended = _Suspended(self.pending, len(self.events), self.labels)
        self.pending = None

    def _resume(self, row: Row, split: _Split, text: str) -> None:
        """After the header atop a page: the question held (`_suspend`) pending again when the header
        repeats its table's and `row` is the rest of its row (its words, or its values when it had
        none); else it is ended where it was printed (cut short at the page foot)."""
        held, self.suspended = self.suspended, None
        if held is None:
            return
        question = held.pending
        same = held.labels is not None and held.labels == self.labels
        if text:
            rest = not question.complete and split.code is None and self.p.question_start.match(text) is None
            rest = rest and not _leaves_column(question, row)
        else:
            rest = not question.values and bool(split.values)
        if same and rest:
            self.pending = question
            return
        event = self._event(question)
        if event is not None:
            self.events.insert(held.index, event)

    def _row_heading(self, row: Row, whole: str) -> str | None:
        if "?" in whole or len(whole) > 90:
            return None
        for text in (whole, *(cell.text for cell in row.cells)):
            code = self.heading_code(text)
            if code is not None:
                return code
        return None

    def _header_row(self, row: Row, whole: str) -> bool:
        """A table header row (or its wrapped continuation): collected until the table body starts."""
        texts = [cell.text for cell in row.cells if cell.text]
        pending = self.pending
        crossing = _crossed(pending, row)  # a header atop a page below a row the break split
        if pending is not None and not pending.complete and self._question_like(pending) and not crossing:
            return False  # inside a wrapped question: a "Current" beside it is that row's label
        if any(len(t) > 30 and self.p.question_start.match(t) for t in texts):
            return False  # the first line of a wrapped question
        if "?" in whole or any(len(t) > 100 for t in texts) or any(self._value_cell(t) for t in texts):
            return False
        named = len(texts) >= 2 and any(self._label_kind(t) != "other" for t in texts)
        if named or any(self.p.starts.match(t) for t in texts):
            if crossing and self.suspended is None:
                self._suspend()
            elif self.suspended is None:  # (a header's second row keeps a question held)
                self._flush()
            if self.header is not None and not self._continues_header(row):
                self._close_header()
            if self.header is None:
                self.header = [(cell.text, cell.box) for cell in row.cells if cell.text]
                self.header_page = row.page
                self.header_bottom = _bottom(row)
            else:
                self._extend_header(row)
            return True
        if self.header is not None and self._continues_header(row):
            self._extend_header(row)
            return True
        return False

    def _continues_header(self, row: Row) -> bool:
        """Whether a row is the wrapped rest of the header being read: the line right below its last
        line (within a table's row gap, on its page: a short line further down under a column, such
        as a footnote's second line at the page's foot, is no part of it), short cells (each, not the
        row as a whole: a question column's header naming a long unit wraps too), each under a
        header cell."""
        if self.header is None or row.joined or any(len(cell.text) > 60 for cell in row.cells):
            return False
        if not _right_below(self.header_bottom, row):
            return False
        boxes = [box for _, box in self.header]
        columns = [best_column(cell.box, boxes) for cell in row.cells]
        if any(
            i is not None and self._beyond_question_label(self.header[i][0], cell.text)
            for i, cell in zip(columns, row.cells, strict=True)
        ):
            return False
        under = [i is not None for i in columns]
        # the question column's header may print on the second line of a two-line header ("Key question")
        named = [self.p.question_column.match(collapse(cell.text)) is not None for cell in row.cells]
        return any(under) and all(u or n for u, n in zip(under, named, strict=True))

    def _beyond_question_label(self, label: str, text: str) -> bool:
        """Whether `text`, under the header cell `label`, would carry the question column's label
        ("Key question") beyond a label: the words of a question below the header (the rest of a row
        split by a page break, atop the next page right under the repeated header)."""
        question_column = self.p.question_column
        return question_column.match(collapse(label)) is not None and (
            question_column.match(collapse(f"{label} {text}")) is None
        )

    def _extend_header(self, row: Row) -> None:
        assert self.header is not None
        self.header_bottom = _bottom(row) or self.header_bottom
        boxes = [box for _, box in self.header]
        for cell in row.cells:
            index = best_column(cell.box, boxes) if cell.box is not None else None
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
            kind = self._label_kind(label)
            percentages = self.p.percentages.search(label) is not None
            columns.append(HeaderColumn(label, kind, box, percentages, self._count_role(label, kind)))
        if any(c.kind in ("current", "comparator") for c in columns):
            self.labels = tuple(c.label for c in columns)
            self.events.append(Header(tuple(c for c in columns if c.kind != "other"), self.header_page))
            self.columns = tuple(c.box for c in columns if c.kind in ("current", "comparator") and c.box is not None)
        self.header = None

    def _label_kind(self, text: str) -> str:
        """'current', 'comparator', 'count' or 'other': what a header cell's words say its column holds."""
        label = self.p.label_footnote.sub("", collapse(text))
        if self.p.current.match(label) or compact(label) in self.units:
            return "current"
        if self.p.comparator.match(label):
            return "comparator"
        counts = (self.p.count, self.p.count_meeting, self.p.count_inspected)
        return "count" if any(p.match(label) for p in counts) else "other"

    def _count_role(self, label: str, kind: str) -> str | None:
        """Which count a count column holds: 'meeting' (cases meeting the standard), 'inspected'
        (cases inspected) or None (patterns/keyquestions.yaml `count_meeting`, `count_inspected`)."""
        if kind != "count":
            return None
        if self.p.count_meeting.match(label):
            return "meeting"
        return "inspected" if self.p.count_inspected.match(label) else None

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
        if self.p.count_value.match(token):
            return Value(count_percent(token)[0], token, box)
        percent = self.p.percent.match(token)
        if percent:
            number = int(percent.group(1))
            return Value(number if percent_problem(number) is None else None, token, box)
        bare = self.p.bare.match(token)
        if bare:
            number = int(bare.group(1))
            return Value(number if percent_problem(number) is None else None, token, box, bare=True)
        return Value(None, token, box)

    def _split(self, row: Row, whole: str) -> _Split:
        """One row's cells told apart (`whole`: the row's text): the question's code and text, its
        values and labels."""
        out = _Split()
        cells = row.cells
        many = len(cells) > _MAX_TABLE_CELLS and not all(self._value_cell(c.text) for c in cells[1:])
        if many:  # a justified line of prose split at its wide spaces (not a question and its values)
            cells = (Cell(text=whole, raw=row.raw, box=row.box),)
        for cell in cells:
            text = self.p.noise.sub("", cell.text)
            if text != cell.text:
                text = collapse(text)
            if text and not out.texts and out.code is None:
                text = self._take_code(out, text)
            if text:
                self._cell(out, text, cell.box)
        if self._next_to_table(row):
            self._inner_value(out)
        return out

    def _next_to_table(self, row: Row) -> bool:
        """Whether `row` starts right below the last header or valued row read (a row of that table,
        not a line of prose after it)."""
        last = self.table_bottom
        if last is None or row.box is None or last[0] != row.page:
            return False
        return row.box[1] - last[1] <= ROW_GAP

    def _value_columns(self) -> list[BoxTuple]:
        """The header boxes of the value columns of the table being read (its header maybe still open)."""
        if self.header is None:
            return list(self.columns)
        kinds = ("current", "comparator")
        return [box for text, box in self.header if box is not None and self._label_kind(text) in kinds]

    def _inner_value(self, out: _Split) -> None:
        """A question running on under the value column, its percentage drawn over its words ("Does
        assessment 79% focus …?"): the line's only percentage, standing (by its characters' share of
        the cell) under a value column's header, is the row's value when the row has no other."""
        if out.values or out.box is None or len(out.texts) != 1:
            return
        text = out.texts[0]
        tokens = list(self.p.inner_value.finditer(text)) if "%" in text else []
        if len(tokens) != 1 or self.p.question_start.match(text) is None:
            return
        token = tokens[0]
        x0, top, x1, bottom = out.box
        step = (x1 - x0) / len(text)
        box = (x0 + step * token.start(), top, x0 + step * token.end(), bottom)
        if best_column(box, self._value_columns()) is None:
            return
        text = collapse(f"{text[: token.start()]} {text[token.end() :]}")
        rest = [label for label in out.labels if not self._is_label(label)]
        if rest and not text.endswith("?") and rest[-1].endswith("?"):  # the question runs on in the next cell
            text = " ".join([text, *rest])
            out.labels = [label for label in out.labels if self._is_label(label)]
        out.texts[0] = text
        out.values.append(self._value(token.group(0), box))

    def _take_code(self, out: _Split, text: str) -> str:
        """The cell's text after a question code opening it ("2.1.3"), kept in `out`."""
        code = self.p.code.match(text)
        if not code:
            return text
        out.code = f"{code.group('a')}.{code.group('b')}.{code.group('c')}"
        return text[code.end() :].strip()

    def _cell(self, out: _Split, text: str, box: BoxTuple | None) -> None:
        """One cell's text into `out`: values, a label, or (the first text) the question."""
        if self._value_cell(text) and (out.texts or not self.p.bare.match(text)):
            out.values.extend(self._values(text, box))  # a lone number left of any text is no value
        elif self._is_label(text):
            out.labels.append(text)
        elif out.texts:  # the question is in one column: other cells are labels or ratings
            if as_rating(text) is None:
                out.labels.append(text)
        else:
            cut = self.p.noise_start.sub("", text)
            if cut != text:  # "safe?Error! Bookmark not": the rest prints on the next line
                text, self.noise_cut = cut, True
            trailing = self.p.trailing_values.match(text)
            if trailing and not self.p.bare.match(trailing.group("values")):
                values = trailing.group("values")
                out.texts.append(trailing.group("text"))
                out.values.extend(self._values(values, _right_part(box, len(text) - len(values), len(text))))
            else:
                out.texts.append(text)
                out.box = box

    def _question_like(self, pending: _Pending) -> bool:
        return pending.code is not None or self.p.question_start.match(pending.text) is not None

    def _is_label(self, text: str) -> bool:
        return self.p.current.match(text) is not None

    # -- pending question ----------------------------------------------------------------

    def _flush(self) -> None:
        held, self.suspended = self.suspended, None
        if held is not None:  # a question held over a header: ended where it was printed
            event = self._event(held.pending)
            if event is not None:
                self.events.insert(held.index, event)
        pending, self.pending = self.pending, None
        if pending is None:
            return
        event = self._event(pending)
        if event is not None:
            self.events.append(event)

    def _event(self, pending: _Pending) -> Event | None:
        """The event of a question read: a Question, or a Break (prose, or a row with a value that is
        no question); None when it holds no words."""
        if not pending.parts:
            return None
        text = pending.text
        page = pending.rows[0].page
        where = pending.value_page or page  # a row split by a page break: placed where its value is
        too_long = len(text) > self.p.max_chars or len(pending.rows) > self.p.max_rows
        cut = not pending.complete and not too_long and bool(pending.values)
        if cut and not self._question_like(pending):  # a row with a value that is no question
            return Break(page, lost=text)
        if too_long or (not pending.complete and not cut):
            self.columns = ()  # prose: the table ends
            return Break(page)
        pages = tuple(sorted({r.page for r in pending.rows}))
        values = sorted(pending.values, key=lambda v: v.box[0] if v.box else 0.0)
        last = pending.rows[-1].page
        return Question(
            code=pending.code,
            text=text,
            values=tuple(values),
            labels=tuple(pending.labels),
            page=where,
            box=union([r.box for r in pending.rows if r.page == where]),
            pages=pages,
            cut=cut,
            foot=cut and (self.row_page is None or self.row_page > last),
        )


def fraction_refusal(printed: str) -> str:
    """Why a percentage printed with a fraction ('40.6%') is refused."""
    return f"printed with a fraction ({printed}): percentages are kept whole, and rounding could change the band"


def count_percent(token: str) -> tuple[int | None, str | None]:
    """The percentage of a value printed as a count of cases (patterns/keyquestions.yaml `count_value`:
    "13 of 32 (41%)"), or None with why it is refused: no percentage printed (a count is never a
    percentage), a fraction, or a percentage disagreeing with the count by 1 point or more."""
    match = patterns().count_value.match(token.strip())
    if match is None:
        return None, None
    part, whole, printed = int(match.group("part")), int(match.group("whole")), match.group("percent")
    counted = f"{part} of {whole}"
    if printed is None:
        return None, f"a count of cases ({counted}) with no percentage printed: a count is never a percentage"
    if whole == 0 or part > whole:
        return None, f"'{counted}' is no count of cases"
    share = 100 * part / whole
    value = float(printed)
    if not value.is_integer():
        return None, fraction_refusal(f"{printed}%")
    if abs(share - value) >= 1:
        return None, f"{counted} is {round(share)}%, not the {printed}% printed with it"
    return int(value), None


def _bottom(row: Row) -> tuple[int, float] | None:
    return (row.page, row.box[3]) if row.box is not None else None


def _right_below(last: tuple[int, float] | None, row: Row) -> bool:
    """Whether `row` starts within a table's row gap below `last` (a page and a bottom) on the same
    page; True when either has no box (a text conversion: lines only)."""
    if last is None or row.box is None:
        return True
    return row.page == last[0] and row.box[1] - last[1] <= ROW_GAP


def _far_below(pending: _Pending, row: Row, slack: float | None = None) -> bool:
    """Whether `row` starts well below the pending question's last line (a new paragraph or row)."""
    last = pending.rows[-1] if pending.rows else None
    if last is None or last.box is None or row.box is None or last.page != row.page:
        return False
    height = last.box[3] - last.box[1]
    gap = row.box[1] - last.box[3]
    return gap > (slack if slack is not None else max(6.0, 0.9 * height))


def _crossed(pending: _Pending | None, row: Row) -> bool:
    """Whether `row` is on a later page than the pending question's last line, which may run on below
    it (words without their question mark, or a question without its value)."""
    if pending is None or not pending.rows or row.page <= pending.rows[-1].page:
        return False
    return not pending.complete or not pending.values


def _leaves_column(pending: _Pending, row: Row) -> bool:
    """Whether `row`, on a later page than the pending question's last line, is no rest of the
    question's cell: it runs into the column of its values (prose across the page; it overlaps a
    value's box horizontally, whichever side of the questions the values are printed on), or it
    prints beside the question's words rather than under them (a running header)."""
    last = pending.rows[-1] if pending.rows else None
    if last is None or row.page <= last.page or row.box is None:
        return False
    x0, x1 = row.box[0], row.box[2]
    if any(v.box is not None and x0 < v.box[2] and x1 > v.box[0] for v in pending.values):
        return True
    column = pending.column
    return column is not None and (x1 <= column[0] or x0 >= column[2])


def best_column(box: BoxTuple | None, columns: Sequence[BoxTuple | None]) -> int | None:
    """The index of the column box `box` overlaps most horizontally, or None when it overlaps none."""
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

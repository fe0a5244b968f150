"""Key questions, prompts and comparators of case-based standards (issue: key questions).

    candidate_pages -> rows (kqtables) -> events -> occurrences -> merge -> standards

1. Candidate pages come from the cheap text pass: a page with a question mark and a
   line ending in a percentage (or made of percentages only), plus the page before
   when it ends in a table header.
2. `kqtables.TableReader` turns those pages into visual rows of cells.
3. `Scanner` walks the rows and emits events: standard headings, table headers
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

from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from ...detect.classify import Detection, printed_standard, standard_keys
from ...model.codes import (
    KEY_QUESTION_PERCENT_MISMATCH,
    KEY_QUESTION_TEXT_CUT,
    KEY_QUESTION_VALUE_UNREADABLE,
    KEY_QUESTION_WORDING_DIFFERS,
    KEY_QUESTIONS_INCOMPLETE,
    KEY_QUESTIONS_NOT_FOUND,
    KEY_QUESTIONS_UNREAD,
)
from ...model.record import KeyQuestion, ParseWarning, Prompt, Standard, Unit
from ...read.document import BoxTuple, Document, Line, to_bbox
from ...read.layout import Row
from ...read.normalize import compact
from ...rules.patterns import frameworks, plausibility_rules
from ..plausibility import (
    Provenance,
    Refusal,
    key_question_code_problem,
    key_question_count_problem,
    key_question_numbered_problem,
    key_question_set_problems,
    key_question_text_problem,
    percent_problem,
    question_subject,
    refusal,
)
from .scan import (
    NEAR_LINES,
    ROW_GAP,
    Break,
    Event,
    Header,
    HeaderColumn,
    Heading,
    Question,
    Scanner,
    Value,
    best_column,
    count_percent,
    fraction_refusal,
    patterns,
)
from .tables import TableReader

if TYPE_CHECKING:  # the schema classes load only to validate a changed rule file
    from ...rules.patterns import StandardRule

# --- events to occurrences --------------------------------------------------------------


@dataclass
class Occurrence:
    """One question as read from one table: its standard, code, text, values, page and box, prompts, and problems."""

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
    cut: bool = False  # printed without its question mark: text kept as printed, with a warning
    lost: bool = False  # not a question: a row of the table printed with a value but not read
    blank: bool = False  # (lost) a question printed in the table without its value
    pages: tuple[int, ...] = ()  # every page its rows print on (a row split by a page break: two)
    foot: bool = False  # (cut) run to its page's foot: the rest of its row, and rows after it, not read


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


class _Columns(NamedTuple):
    """What one row's values are, by their columns' headers: the whole-sample value, the
    comparator value and its label, and why a value was not taken (one line each)."""

    current: Value | None
    comparator: Value | None
    label: str | None
    refused: tuple[str, ...] = ()


def _columns_for(values: Sequence[Value], header: Header | None) -> _Columns:
    """Each value of a row placed in the column its header names (patterns/keyquestions.yaml `header`).

    A value is placed under a header column by position on the page where both have boxes,
    else by order when the row has as many values as the header has columns. A value under a
    count column ("Cases (n)") is never a percentage. Values left unplaced are told apart by
    their content: a number without '%' is then a count (when the table has a count column)
    or unidentified; values with '%' fill the header's percentage columns left to right only
    when there are exactly as many of them. Without a header the first '%' value is the
    sample's and a second one an unlabelled comparison. Nothing is taken from a guess: a
    value whose column cannot be told is left out and said so in `refused`, and the row's
    other values are then null too ('4 9%' is one figure split, not 9%).
    """
    if not values:
        return _Columns(None, None, None)
    columns = list(header.columns) if header else []
    if not columns:
        return _unheaded(values)
    taken, refused = _placed(values, columns)
    chosen = _chosen(columns, taken, refused)
    if not refused:
        return chosen
    # a value of the row its columns cannot explain ('4 9%', '56% 61%'): no value of it is sure
    current = chosen.current
    unsure = Value(None, current.raw if current else "", current.box if current else None)
    return _Columns(unsure, None, None, chosen.refused)


def _unheaded(values: Sequence[Value]) -> _Columns:
    """The values of a row of a table without a column header: the first '%' value is the
    sample's and a second one an unlabelled comparison; a number without '%' is refused."""
    marked = [v for v in values if not v.bare]
    unmarked = tuple(f"'{v.raw}' printed without '%' in a table without a column header" for v in values if v.bare)
    if not marked:
        return _Columns(None, None, None, unmarked)
    if unmarked:  # a figure beside the '%' one ('4 9%'): which is the sample's is not sure
        return _Columns(Value(None, marked[0].raw, marked[0].box), None, None, unmarked)
    return _Columns(marked[0], marked[1] if len(marked) > 1 else None, None, unmarked)


def _positions(values: Sequence[Value], columns: Sequence[HeaderColumn]) -> list[int | None]:
    """The header column of each value: by position on the page where all have boxes, else by
    order when there are as many values as columns, else none. A value under no header box (a
    figure right-aligned under a left-aligned header, in the gap between two headers) takes its
    column by order only when the row has as many values as the header has columns, left to
    right, and that order agrees with every value placed by position."""
    if not (all(v.box is not None for v in values) and all(c.box is not None for c in columns)):
        in_order: list[int | None] = list(range(len(values))) if len(values) == len(columns) else [None] * len(values)
        return in_order
    placed = [best_column(v.box, [c.box for c in columns]) for v in values]
    if None not in placed or len(values) != len(columns):
        return placed
    order = sorted(range(len(columns)), key=lambda i: _left(columns[i].box))
    ranked: list[int | None] = [0] * len(values)
    for rank, index in enumerate(sorted(range(len(values)), key=lambda i: _left(values[i].box))):
        ranked[index] = order[rank]
    agrees = all(p is None or p == r for p, r in zip(placed, ranked, strict=True))
    return ranked if agrees else placed


def _left(box: BoxTuple | None) -> float:
    return box[0] if box is not None else 0.0


def _placed(values: Sequence[Value], columns: Sequence[HeaderColumn]) -> tuple[dict[int, Value], list[str]]:
    """The values by the index of their column (the first value placed in a column taken; the
    '%' values left unplaced fill the free percentage columns when exactly as many), and why a
    value could not be placed."""
    taken: dict[int, Value] = {}
    loose: list[Value] = []
    refused: list[str] = []
    for value, index in zip(values, _positions(values, columns), strict=True):
        if index is None:
            loose.append(value)
        elif index not in taken:
            taken[index] = value
        else:  # two figures under one header ('2 2': one count printed letter-spaced)
            refused.append(f"'{taken[index].raw}' and '{value.raw}' both stand under '{columns[index].label}'")
    free_counts = sum(c.kind == "count" and i not in taken for i, c in enumerate(columns))
    bare = [v for v in loose if v.bare]
    if len(bare) > free_counts:  # not all of them counts of the table's count columns
        refused += [f"'{value.raw}' printed without '%' stands under no column header" for value in bare]
    marked = [v for v in loose if not v.bare]
    free = [i for i, c in enumerate(columns) if c.kind in ("current", "comparator") and i not in taken]
    if marked and len(marked) == len(free):
        taken.update(zip(free, marked, strict=True))
    elif marked:
        shown = ", ".join(f"'{v.raw}'" for v in marked)
        names = ", ".join(f"'{c.label}'" for c in columns)
        refused.append(f"{shown} cannot be placed under the columns {names}")
    return taken, refused


def _chosen(columns: Sequence[HeaderColumn], taken: dict[int, Value], refused: list[str]) -> _Columns:
    """The current and comparator values of the placed ones (a count column's left out; a number
    without '%' under a column whose header does not say percentages unreadable)."""
    refused = list(refused)
    current: Value | None = None
    comparator: Value | None = None
    label: str | None = None
    for index in sorted(taken):
        column, value = columns[index], taken[index]
        if column.kind == "count":
            continue
        if value.bare and not column.percentages:
            refused.append(f"'{value.raw}' printed without '%' under the column '{column.label}', "
                           "whose header does not say percentages")  # fmt: skip
            value = Value(None, value.raw, value.box)
        if column.kind == "current" and current is None:
            current = value
        elif column.kind == "comparator" and comparator is None:
            comparator, label = value, column.label
    currents = [columns[i].label for i in sorted(taken) if columns[i].kind == "current"]
    why = _disagreeing_counts(current, columns, taken)
    if len(currents) > 1:  # the header cannot tell which is the sample's percentage
        why = "the columns " + ", ".join(f"'{c}'" for c in currents) + " each name the current figure"
    if why is not None and current is not None:
        refused.append(why)
        current = Value(None, current.raw, current.box)
    if current is None and refused:
        current = Value(None, "", None)
    return _Columns(current, comparator, label, tuple(refused))


def _disagreeing_counts(current: Value | None, columns: Sequence[HeaderColumn], taken: dict[int, Value]) -> str | None:
    """Why a percentage printed beside the counts it is made of (the cases meeting the standard
    and the cases inspected, each under its own header) is refused: it disagrees with them
    (scan.count_percent's rule, as for "13 of 32 (41%)"); None when it agrees or they are not both printed."""
    if current is None or current.percent is None:
        return None
    counts = {columns[i].role: v for i, v in taken.items() if columns[i].kind == "count" and columns[i].role}
    meeting, inspected = counts.get("meeting"), counts.get("inspected")
    if meeting is None or inspected is None or not (meeting.bare and inspected.bare):
        return None
    _, why = count_percent(f"{meeting.raw} of {inspected.raw} ({current.percent}%)")
    if why is None:
        return None
    return (f"'{current.raw}' printed beside {meeting.raw} cases meeting the standard of {inspected.raw} "
            f"inspected: {why}")  # fmt: skip


def _occurrences(
    events: Sequence[Event],
    start: str | None,
    keywords: dict[str, str],
    first_table: int = 0,
    gaps: Collection[int] = (),
) -> list[Occurrence]:
    """Key questions (valued, or heading a prompts table) of an event stream; `table` numbers from
    first_table. On a page printed right after one missing or unreadable (`gaps`), nothing read
    before runs on: no standard in context, no table, header or prompts table open."""
    reader = _OccurrenceReader(events, keywords, context=start, table=first_table)
    page: int | None = None
    for index, event in enumerate(events):
        if event.page != page and event.page in gaps:
            reader.gap()
        page = event.page
        if isinstance(event, Heading):
            reader.heading(event)
        elif isinstance(event, Header):
            reader.header_row(event)
        elif isinstance(event, Break):
            reader.lost_row(event)
            reader.pause()
        else:
            reader.question(index, event)
    return reader.out


@dataclass
class _Table:
    """The key-question table being read: its header, one held over a break, the last seen."""

    header: Header | None = None
    held: Header | None = None  # the header of a table interrupted by a break
    seen: Header | None = None  # the last header, kept over standard headings (rows of an annex table)
    last_page: int | None = None  # page of the last question


@dataclass
class _Prompts:
    """The prompts table being read: the key question heading it, one suspended by a break,
    and whether the previous question of this table was a valued key question (`previous`)."""

    head: Occurrence | None = None
    suspended: Occurrence | None = None
    last_valued: bool = False
    previous: Question | None = None  # the last valued key question


@dataclass
class _OccurrenceReader:
    """`_occurrences` walking the events: the standard in context, the table and prompts table
    being read, and the number of the current table."""

    events: Sequence[Event]
    keywords: dict[str, str]
    context: str | None
    table: int
    out: list[Occurrence] = field(default_factory=list)
    tab: _Table = field(default_factory=_Table)
    prompts: _Prompts = field(default_factory=_Prompts)

    def heading(self, event: Heading) -> None:
        """A standard heading: a new context, and no table, header or prompts table open."""
        self.context = event.code
        self.tab.header, self.tab.held = None, None
        self.prompts.head, self.prompts.last_valued, self.prompts.suspended = None, False, None
        self.table += 1

    def gap(self) -> None:
        """A page missing or unreadable before this one: no standard, table or prompts table runs on."""
        self.context = None
        self.tab, self.prompts = _Table(), _Prompts()
        self.table += 1

    def header_row(self, event: Header) -> None:
        """A table header: a new table unless it repeats the one before atop the next page."""
        tab = self.tab
        before = tab.header or tab.held or _continued(tab.seen, tab.last_page, event)
        repeated = (
            before is not None
            and event.page > before.page
            and [c.label for c in before.columns] == [c.label for c in event.columns]
        )
        if not repeated:  # a header repeated atop the next page continues its table
            self.table += 1
            self.prompts.last_valued = False
        tab.header, tab.held, tab.seen = event, None, event
        self.prompts.head, self.prompts.suspended = None, None

    def pause(self) -> None:
        """A break: a table may run on after a stray line (a footnote between its pages)."""
        prompts, tab = self.prompts, self.tab
        prompts.suspended = prompts.head if prompts.head is not None else prompts.suspended
        tab.held = tab.header if tab.header is not None else tab.held
        tab.header, prompts.head, prompts.last_valued = None, None, False

    def lost_row(self, event: Break) -> None:
        """A row printed with a value in the key-question table open that could not be read as a
        question: kept as a `lost` occurrence of the standard in context, so its set is incomplete."""
        if event.lost is None or self.tab.header is None or self.context is None:
            return
        self.out.append(
            Occurrence(self.context, None, event.lost, None, None, None, event.page, None, False, self.table, lost=True)
        )

    def question(self, index: int, event: Question) -> None:
        """A question: a valued key question, a prompt of the table open, or a prompts table's head."""
        tab, prompts = self.tab, self.prompts
        if event.cut and tab.header is None:  # cut short outside a key-question table: prose
            self.pause()
            return
        last = tab.last_page
        if tab.held is not None and tab.header is None and event.values and last is not None and event.page > last:
            tab.header = tab.held  # a key-question table continued on the next page without its header
        if tab.header is None and event.values:
            tab.header = _carried(tab.seen, tab.last_page, event)  # standard headings printed as rows of its table
        tab.held = None
        tab.last_page = event.page
        standard = _standard_of(event, self.context, self.keywords)
        suspended = prompts.suspended
        if prompts.head is None and suspended is not None and event.values and standard == suspended.standard:
            prompts.head = suspended
        prompts.suspended = None
        if not event.values:
            self._unvalued(index, event, standard)
        elif prompts.head is not None:
            _add_prompt(prompts.head, event)
        else:
            self.out.append(_valued(event, standard, tab.header, self.table))
            prompts.last_valued = True
            prompts.previous = event

    def _unvalued(self, index: int, event: Question, standard: str | None) -> None:
        """A question printed without a value: one missing its figure, or the head of a prompts table."""
        tab, prompts = self.tab, self.prompts
        following = _next_question(self.events, index)
        heads_table = bool(event.labels) or (following is not None and bool(following.values))
        missing_figure = prompts.last_valued and tab.header is not None and not event.labels
        if missing_figure and tab.header is not None and _in_table(event, prompts.previous, following):
            self.out.append(_valued(event, standard, tab.header, self.table))  # a key question missing its figure
            return
        if not heads_table:
            prompts.head = None
            if missing_figure and standard is not None:  # its value cell printed empty: the set is incomplete
                lost = _occurrence(event, standard, None, None, None, valued=False, table=self.table)
                lost.lost = lost.blank = True
                self.out.append(lost)
            return
        if prompts.head is None or prompts.head.standard != standard:
            self.table += 1
        prompts.head = _occurrence(event, standard, None, None, None, valued=False, table=self.table)
        self.out.append(prompts.head)
        prompts.last_valued = False


def _add_prompt(head: Occurrence, event: Question) -> None:
    """One prompt (a question under a key question heading a prompts table) added to `head`."""
    readable = [v for v in event.values if v.percent is not None]
    value = readable[0] if readable else None
    percent = value.percent if value else None
    head.prompts.append(Prompt(text=event.text, percent=percent, page=event.page, bbox=to_bbox(event.box)))
    if value is None:
        head.problems.append(f"prompt '{_short(event.text)}' has no readable percentage")
    elif value.bare:
        head.problems.append(f"prompt '{_short(event.text)}' percentage printed without '%'")


def _continued(seen: Header | None, last_page: int | None, header: Header) -> Header | None:
    """The header a header atop a page repeats when the table under the earlier one ran on to the
    page before (its last question there), whatever standard headings it holds as rows: an annex
    table split over a page break under a repeated header is one table, and the first question
    after the break a question of the standard before it, not a second reading of its last one."""
    if seen is None or last_page is None or header.page != last_page + 1 or seen.page > last_page:
        return None
    return seen


def _carried(seen: Header | None, last_page: int | None, question: Question) -> Header | None:
    """The header of the table a valued question still stands in after a standard heading (an
    annex table holding every standard: its domain and standard headings are rows of the table),
    or None. The table must still run (the question on the header's page, or the page after its
    last question) and every value of the question stand under a column of that header, each under
    its own (by position where all have boxes; by count where none have: a text conversion). Only
    then are the values read by their columns' headers rather than by their order in the row."""
    if seen is None or question.page < seen.page or question.page > max(seen.page, last_page or 0) + 1:
        return None
    columns = [c.box for c in seen.columns]
    values = question.values
    if all(v.box is None for v in values) and all(box is None for box in columns):
        return seen if len(values) == len(columns) else None
    if any(v.box is None for v in values) or any(box is None for box in columns):
        return None
    placed = [best_column(v.box, columns) for v in values]
    return seen if None not in placed and len(set(placed)) == len(placed) else None


def _in_table(question: Question, previous: Question | None, following: Question | None) -> bool:
    """Whether a question printed without a value still belongs to the valued table above it."""
    if following is not None and following.values:
        return True
    if previous is None or previous.box is None or question.box is None or previous.page != question.page:
        return False
    return question.box[1] - previous.box[3] <= ROW_GAP


def _valued(event: Question, standard: str | None, header: Header | None, table: int) -> Occurrence:
    placed = _columns_for(event.values, header)
    current, comparator, label = placed.current, placed.comparator, placed.label
    if comparator is not None and comparator.percent is None:
        comparator = None
    occurrence = _occurrence(
        event,
        standard,
        current.percent if current else None,
        comparator.percent if comparator else None,
        label,
        valued=True,
        table=table,
    )
    occurrence.cut, occurrence.foot = event.cut, event.foot
    refused = _refused_percent(current.raw) if current is not None and current.percent is None else None
    if placed.refused:
        for why in placed.refused:
            occurrence.problems.append(f"key question '{_short(event.text)}': value read on page {event.page} "
                                       f"not taken: {why}")  # fmt: skip
    elif current is not None and refused is not None:
        occurrence.problems.append(f"key question '{_short(event.text)}': percentage read '{current.raw}' "
                                   f"on page {event.page}, refused: {refused}")  # fmt: skip
    elif current is None or current.percent is None:
        shown = f" ('{current.raw}')" if current is not None else ""
        occurrence.problems.append(f"key question '{_short(event.text)}' has no readable percentage{shown}")
    elif current.bare:
        occurrence.problems.append(f"key question '{_short(event.text)}' percentage printed without '%'")
    return occurrence


def _refused_percent(raw: str) -> str | None:
    """Why a value printed as a number ('156%', '40.6%') or a count of cases ('13 of 32 (55%)') was
    refused as a percentage, or None."""
    _, counted = count_percent(raw)
    if counted is not None:
        return counted
    digits = raw.strip().rstrip("%").strip()
    if digits.isdigit():
        return percent_problem(int(digits))
    try:
        fraction = not float(digits).is_integer()
    except ValueError:
        return None
    return fraction_refusal(raw.strip()) if fraction else None


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
        pages=event.pages,
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
    return merge_within(occurrences, similarity, None)[0]


class Beyond(NamedTuple):
    """The questions of a later table refused by `merge_within`: why ('count': more than the
    standard has; 'numbered': unnumbered beside numbered ones) and the occurrences."""

    why: str
    occurrences: list[Occurrence]


def merge_within(
    occurrences: Sequence[Occurrence],
    similarity: float,
    limit: int | None,
    numbered: bool = False,
    names_other: Callable[[str], bool] | None = None,
) -> tuple[list[_Merged], list[Beyond]]:
    """Occurrences of one standard, table by table, merged into one entry per question, and the
    occurrences refused: a later table's questions that are none of those read before it are left
    out when they name another standard (`names_other`: "Does planning …" under victim work), when
    they would make more than `limit` (the most key questions the standard has), or, with
    `numbered`, when the first table printed codes and none of them has one (a report numbering
    its key questions numbers each; so are a numbered table's unnumbered rows printed on a later
    page than its numbered ones). A table's new questions are kept or refused together (which of
    them is a key question cannot be told); a first table of more than `limit` is kept as read."""
    merged: list[_Merged] = []
    refused: list[Beyond] = []
    tables: dict[int, list[Occurrence]] = {}
    for occurrence in occurrences:
        tables.setdefault(occurrence.table, []).append(occurrence)
    coded = False
    for whole in tables.values():
        run = _screened(whole, limit, numbered, refused)
        if not run:
            continue
        if not merged:
            merged = [_Merged([o]) for o in run]
            coded = numbered and any(o.code for o in run)
            continue
        before = len(merged)
        by_position = len(run) == len(merged)
        for position, occurrence in enumerate(run):
            target = _match(occurrence, merged, position if by_position else None, similarity)
            if target is None:
                merged.append(_Merged([occurrence]))
            else:
                target.items.append(occurrence)
        merged[before:] = _new_kept(merged[before:], before, limit, coded, names_other, refused)
    return merged, refused


def _screened(run: list[Occurrence], limit: int | None, numbered: bool, refused: list[Beyond]) -> list[Occurrence]:
    """A table's occurrences less its rows printed after the standard's own on a later page (its
    unnumbered rows after numbered ones, with `numbered`; its rows beyond `limit`), which are added
    to `refused`."""
    if numbered:
        run, unnumbered = _numbered_rows(run)
        if unnumbered:
            refused.append(Beyond("numbered", unnumbered))
    run, over = _pages_within(run, limit)
    if over:
        refused.append(Beyond("count", over))
    return run


def _new_kept(
    new: list[_Merged],
    before: int,
    limit: int | None,
    coded: bool,
    names_other: Callable[[str], bool] | None,
    refused: list[Beyond],
) -> list[_Merged]:
    """Of a later table's `new` entries (none of the `before` read earlier), those kept; the others
    are added to `refused`: those naming another standard, then all when they would make more than
    `limit`, or when the first table was numbered (`coded`) and none of them is."""
    other = [e for e in new if names_other is not None and names_other(e.primary.text)]
    if other:
        refused.append(Beyond("subject", [o for entry in other for o in entry.items]))
        new = [e for e in new if e not in other]
    added = [o for entry in new for o in entry.items]
    if limit is not None and before + len(new) > max(limit, before):
        refused.append(Beyond("count", added))
        return []
    if coded and added and not any(o.code for o in added):
        refused.append(Beyond("numbered", added))
        return []
    return new


def _pages_within(run: list[Occurrence], limit: int | None) -> tuple[list[Occurrence], list[Occurrence]]:
    """A table's occurrences split into those kept and those printed on its later pages when the
    table holds more than `limit` questions: its first pages are kept while they hold at most
    `limit` (a table run on atop a page whose standard heading is on a page missing: the rows of
    the next standard), the rest refused. All kept within the limit, or when its first page alone
    holds more (which rows are not the standard's cannot be told)."""
    if limit is None or len(run) <= limit:
        return run, []
    pages = sorted({o.page for o in run})
    kept = 0
    for page in pages:
        if len([o for o in run if o.page <= page]) > limit:
            break
        kept = page
    if not kept:
        return run, []
    return [o for o in run if o.page <= kept], [o for o in run if o.page > kept]


def _numbered_rows(run: list[Occurrence]) -> tuple[list[Occurrence], list[Occurrence]]:
    """A table's occurrences split into those kept and the unnumbered ones printed on a later page
    than every numbered one (rows atop the next page that are no row of a numbered table: prompts
    whose key question is on a page missing or unreadable). All kept when none is numbered."""
    pages = [o.page for o in run if o.code]
    if not pages:
        return run, []
    last = max(pages)
    return [o for o in run if o.code or o.page <= last], [o for o in run if not o.code and o.page > last]


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


def _cut(name: str, primary: Occurrence, at: str | None) -> list[ParseWarning]:
    """The `key_question_text_cut` warning of a key question printed without its question mark."""
    if not primary.cut:
        return []
    message = (
        f"{name} is printed without its question mark on page {primary.page}: its text is kept as printed "
        "and may be cut short"
    )
    field = f"{at}.text" if at else None
    return [ParseWarning(code=KEY_QUESTION_TEXT_CUT, message=message, page=primary.page, field=field)]


def _key_question(entry: _Merged, unit: str, at: str | None = None) -> tuple[KeyQuestion, list[ParseWarning]]:
    """The key question of one merged entry (its record path `at`), and a warning for each
    disagreement, null value or text cut short."""
    warnings: list[ParseWarning] = []
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
                    code=KEY_QUESTION_PERCENT_MISMATCH,
                    message=f"{name} is {primary.percent}% on page {primary.page} "
                    f"but {other.percent}% on page {other.page}",
                    page=other.page,
                )
            )
    for other in entry.items:
        if other is not primary and compact(other.text) != compact(primary.text):
            warnings.append(
                ParseWarning(
                    code=KEY_QUESTION_WORDING_DIFFERS,
                    message=f"{name} is worded '{_short(other.text, 90)}' on page {other.page}",
                    page=other.page,
                )
            )
    for occurrence in entry.items:
        for problem in occurrence.problems:
            warnings.append(
                ParseWarning(code=KEY_QUESTION_VALUE_UNREADABLE, message=f"{unit}: {problem}", page=occurrence.page)
            )
    warnings += _cut(name, primary, at)
    if primary.percent is None and not any(o.problems for o in entry.items):  # every null is said
        where = ", ".join(str(p) for p in sorted({o.page for o in entry.items}))
        warnings.append(
            ParseWarning(
                code=KEY_QUESTION_VALUE_UNREADABLE,
                message=f"{name}: no percentage printed beside it (read on page {where}); its percent is null",
                page=primary.page,
            )
        )
    question = KeyQuestion(
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
    return question, warnings


# --- candidate pages and entry point ----------------------------------------------------


_EDGE_LINES = 8  # the lines at a page's foot or top a table running over the break is looked for in


def candidate_pages(doc: Document) -> list[int]:
    """Pages of the cheap pass holding a question and a percentage at a line's end, plus a page
    next to one whose table runs over the page break between them (`_runs_on`). Only the lines
    within NEAR_LINES of a question are tested for a value (the others cannot make a page one)."""
    pages: set[int] = set()
    for page in doc.pages:
        texts = [line.text for line in page.lines]
        asks = [i for i, t in enumerate(texts) if "?" in t]
        near = {i for j in asks for i in range(max(0, j - NEAR_LINES), min(len(texts), j + NEAR_LINES + 1))}
        if any(_row_value(texts[i]) for i in sorted(near)):  # only a line near a question can count
            pages.add(page.number)
    for number in sorted(pages):
        if number > 1 and number - 1 not in pages and _runs_on(doc, number - 1, number):
            pages.add(number - 1)
        if number < doc.page_count and number + 1 not in pages and _runs_on(doc, number, number):
            pages.add(number + 1)
    return sorted(pages)


def _row_value(text: str) -> bool:
    """Whether a cheap-pass line is a table row's value: a line ending in a percentage after a
    question mark or alone, a question's first line with its value beside it, or a row with its
    value column first ("61% Does …")."""
    p = patterns()
    return any(
        (p.percent_line.search(text), p.question_value_line.match(text), p.value_question_line.match(text))
    )


def _runs_on(doc: Document, number: int, candidate: int) -> bool:
    """Whether a table at the foot of page `number` may run on atop the next page (a row split by
    the break, a header repeated or not): the page's last lines hold a row's value or a value
    column's header (in the cheap pass, else in the layout's cells), and the next page's first
    lines a question or a value (the same, in the cheap pass, else in the layout's lines: a cheap
    pass may give a letter-spaced row a line a letter). `candidate` (`number` or the next page)
    is the side already a candidate page: checked first, so the other page is laid out only
    when the candidate's side holds (the answer is the same in either order)."""
    first, second = (_ends_with_table, _next_opens_with_table)
    if candidate != number:
        first, second = second, first
    return first(doc, number) and second(doc, number)


def _next_opens_with_table(doc: Document, number: int) -> bool:
    """Whether the page after `number` opens with a table row (cheap pass, else the layout's lines)."""
    if _opens_with_table(doc.page(number + 1).lines):
        return True
    return doc.format == "pdf" and _opens_with_table(doc.layout_lines(number + 1))


def _ends_with_table(doc: Document, number: int) -> bool:
    """Whether page `number`'s last lines hold a row's value or a value column's header (cheap
    pass, else the layout's cells)."""
    tail = doc.page(number).lines[-_EDGE_LINES:]
    if any(_row_value(line.text) or _header_start(line.cells) for line in tail):
        return True
    return doc.format == "pdf" and any(_header_start(line.cells) for line in doc.layout_lines(number)[-_EDGE_LINES:])


def _header_start(cells: Sequence[str]) -> bool:
    starts = patterns().starts
    return any(starts.match(cell) for cell in cells)


def _opens_with_table(lines: Sequence[Line]) -> bool:
    """Whether a page's first lines (a running header and a repeated table header, its cells maybe
    on lines of their own, among them) hold a table row: a question or a percentage."""
    return any("?" in line.text or _row_value(line.text) for line in lines[:_EDGE_LINES])


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


def _context_before(doc: Document, scanner: Scanner, page: int, gaps: Collection[int] = ()) -> str | None:
    """The last standard heading printed before `page` (cheap-pass lines), not looked for across a
    page missing or unreadable (`gaps`: the pages printed right after one)."""
    for number in range(page - 1, 0, -1):
        if number + 1 in gaps:
            return None
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


def _unit_index(units: Sequence[Unit], page: int) -> int:
    """The position in `units` of the unit a key question on `page` belongs to: the last unit
    starting on or before it, else the first."""
    before = [i for i, u in enumerate(units) if u.page is not None and u.page <= page]
    return max(before, key=lambda i: units[i].page or 0) if before else 0


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
    unit_names: Sequence[str] = (),
) -> list[Occurrence]:
    """Key-question occurrences printed on consecutive `pages`, rows read by `read`; a value column
    headed by one of `unit_names` is the unit's own (current) column."""
    scanner = Scanner(detection, rules, unit_names)
    start = _context_before(doc, scanner, pages[0], detection.gaps)
    for number in pages:
        scanner.feed(read(number))
    return _occurrences(scanner.finish(), start, keywords, first_table, detection.gaps)


def _problems(occurrences: Sequence[Occurrence]) -> int:
    return sum(len(o.problems) for o in occurrences)


class _Doubt(NamedTuple):
    """A key question read that breaks a plausibility rule: `kind` 'code' (its code is null),
    'text' (not on its page: left out) or 'set' (its table mixes standards: the table left out)."""

    occurrence: Occurrence
    kind: str
    refusal: Refusal


def doubts(
    occurrences: Sequence[Occurrence],
    keywords: dict[str, str],
    provenance: Provenance,
    path: Callable[[Occurrence], str] = lambda o: f"standards[{o.standard}].key_questions",
) -> list[_Doubt]:
    """The plausibility rules of patterns/plausibility.yaml over one reading of key-question tables:
    a question's code belongs to its standard, its text is on its page, and one table gives one
    standard one set of questions (no question twice, none opening with another standard's name)."""
    out: list[_Doubt] = []
    for occurrence in occurrences:
        if occurrence.lost:
            continue
        where = path(occurrence)
        problem = key_question_code_problem(occurrence.code, occurrence.standard)
        if problem is not None:
            refusal = Refusal(f"{where}[*].code", occurrence.code or "", occurrence.page, problem)
            out.append(_Doubt(occurrence, "code", refusal))
        problem = key_question_text_problem(occurrence.text, occurrence.percent)
        if problem is not None:
            refusal = Refusal(f"{where}[*]", _short(occurrence.text), occurrence.page, problem)
            out.append(_Doubt(occurrence, "text", refusal))
            continue
        first, last = min((occurrence.page, *occurrence.pages)), max((occurrence.page, *occurrence.pages))
        if not provenance.found(occurrence.text, first, last - first):  # a row split by a page break: both
            shown = f"pages {first}–{last}" if last > first else f"page {first}"
            reason = f"the question is not printed on {shown}"
            out.append(
                _Doubt(occurrence, "text", Refusal(f"{where}[*]", _short(occurrence.text), occurrence.page, reason))
            )
    tables: dict[tuple[str, int], list[Occurrence]] = {}
    for occurrence in occurrences:
        if occurrence.standard is not None and occurrence.valued:
            tables.setdefault((occurrence.standard, occurrence.table), []).append(occurrence)
    for (standard, _), members in tables.items():
        for problem in key_question_set_problems(standard, [(o.code, o.text) for o in members], keywords):
            read = f"{len(members)} questions: " + "; ".join(_short(o.text, 40) for o in members)
            refusal = Refusal(path(members[0]), read, members[0].page, problem)
            out.extend(_Doubt(o, "set", refusal) for o in members)
    return out


def _settle(
    occurrences: list[Occurrence], found: Sequence[_Doubt], confirmed: bool
) -> tuple[list[Occurrence], list[ParseWarning]]:
    """The occurrences with every doubt settled: codes nulled, questions or tables left out, one
    warning per refusal."""
    warnings: list[ParseWarning] = []
    dropped: set[int] = set()
    reported: set[tuple[str, str]] = set()
    for doubt in found:
        if doubt.kind == "code":
            doubt.occurrence.code = None
        else:
            dropped.add(id(doubt.occurrence))
        key = (doubt.refusal.field, doubt.refusal.read)
        if key not in reported:
            reported.add(key)
            warnings.append(doubt.refusal.warning(confirmed))
    return [o for o in occurrences if id(o) not in dropped], warnings


@dataclass
class _Runs:
    """What reading every run of candidate pages needs: the document, its rules and readers."""

    doc: Document
    detection: Detection
    rules: Sequence[StandardRule]
    keywords: dict[str, str]
    units: Sequence[Unit]
    reader: TableReader
    provenance: Provenance

    def path(self, occurrence: Occurrence) -> str:
        """The record path of an occurrence's key questions (its unit's standard, or `[*]`)."""
        index = _unit_index(self.units, occurrence.page)
        where = f"units[{index}]"
        codes = [s.code for s in self.units[index].standards]
        return (
            f"{where}.standards[{codes.index(occurrence.standard)}].key_questions"
            if occurrence.standard in codes
            else f"{where}.standards[*].key_questions"
        )

    def read(self, run: Sequence[int], tables: int) -> tuple[list[Occurrence], list[_Doubt], bool]:
        """One run of pages read into occurrences, their doubts and whether a second (precise)
        reading confirmed them. A reading that breaks a plausibility rule is read again from
        pdfplumber's layout (PDFs) and the better of the two kept."""
        doc, detection, rules, keywords = self.doc, self.detection, self.rules, self.keywords
        names = [unit.name for unit in self.units if unit.name]
        occurrences = scan(doc, detection, rules, keywords, run, self.reader.rows, tables, names)
        doubted = doubts(occurrences, keywords, self.provenance, self.path)
        confirmed = True
        if doc.format == "pdf" and (_problems(occurrences) or doubted):  # read the pages again, slowly
            precise = scan(doc, detection, rules, keywords, run, self.reader.precise_rows, tables, names)
            precise_doubted = doubts(precise, keywords, self.provenance, self.path)
            better = _problems(precise) + len(precise_doubted) < _problems(occurrences) + len(doubted)
            if better and len(precise) >= len(occurrences):
                occurrences, doubted = precise, precise_doubted
            else:
                seen = {(d.refusal.field, d.refusal.read) for d in precise_doubted}
                confirmed = all((d.refusal.field, d.refusal.read) in seen for d in doubted)
        return occurrences, doubted, confirmed

    def read_all(self) -> tuple[dict[tuple[int, str], list[Occurrence]], list[ParseWarning]]:
        """Every run read and settled: the occurrences by (unit position, standard code), and
        a warning per refusal."""
        found: dict[tuple[int, str], list[Occurrence]] = {}
        warnings: list[ParseWarning] = []
        tables = 0
        for run in _runs_of(candidate_pages(self.doc)):
            occurrences, doubted, confirmed = self.read(run, tables)
            tables = max((o.table for o in occurrences), default=tables) + 1
            occurrences, refused = _settle(occurrences, doubted, confirmed)
            warnings.extend(refused)
            warnings += _after_gaps(occurrences, self.detection.gaps)
            for occurrence in occurrences:
                if occurrence.standard is not None:
                    key = (_unit_index(self.units, occurrence.page), occurrence.standard)
                    found.setdefault(key, []).append(occurrence)
        return found, warnings


def _after_gaps(occurrences: Sequence[Occurrence], gaps: Collection[int]) -> list[ParseWarning]:
    """An `implausible_value` warning per page printed right after one missing or unreadable (`gaps`)
    for the questions read atop it before any standard heading: whose key questions (or prompts)
    they are cannot be told, so they are left out (never given to the standard before the gap)."""
    orphans: dict[int, list[Occurrence]] = {}
    for occurrence in occurrences:
        if occurrence.standard is None and occurrence.page in gaps and not occurrence.lost:
            orphans.setdefault(occurrence.page, []).append(occurrence)
    reason = (
        "printed atop a page right after a page missing or unreadable, before any standard heading: whose key "
        "questions (or prompts) they are cannot be told"
    )
    return [
        refusal("units[*].standards[*].key_questions[*]", "; ".join(_short(o.text, 50) for o in group), page, reason)
        for page, group in sorted(orphans.items())
    ]


def _filled(
    units: Sequence[Unit],
    found: dict[tuple[int, str], list[Occurrence]],
    rules: Sequence[StandardRule],
    printed: Callable[[str | None], tuple[int, str] | None],
    known: bool = True,
) -> tuple[list[Unit], list[ParseWarning]]:
    """Copies of `units` whose case-based standards hold the key questions merged from `found`,
    and the warnings of the merge (`known`: `rules` are the report's framework's, whose counts of
    key questions then hold). A standard left without one: `key_questions_unread` when its
    table is printed (`printed`, called only then, with the standard's keyword when other key
    questions were read: the page and text of a row showing it), else `key_questions_not_found`
    when any other was found (the report prints no table for it: `validate` says missing_value)."""
    warnings: list[ParseWarning] = []
    out: list[Unit] = []
    keywords = _keywords([r for r in rules if r.case_based])
    for index, unit in enumerate(units):
        label = unit.name or "unit"
        standards: list[Standard] = []
        for position, standard in enumerate(unit.standards):
            if not _is_case_based(standard, rules):
                standards.append(standard.model_copy(deep=True))
                continue
            read = found.get((index, standard.code), [])
            where = f"units[{index}].standards[{position}].key_questions"
            limit = _limit(standard, rules, known)
            questions, said = _questions(read, label, standard, where, limit, keywords if known else None)
            warnings += said
            warnings += _incomplete(where, label, standard, questions, read)
            if not questions and (shown := printed(_keyword(standard.code, found))) is not None:
                warnings.append(_unread(label, standard, where, shown))
            elif found and not questions:
                warnings.append(
                    ParseWarning(
                        code=KEY_QUESTIONS_NOT_FOUND,
                        message=f"{label}: no key-question table found for {standard.code} {standard.name}",
                        page=standard.page,
                    )
                )
            standards.append(standard.model_copy(deep=True, update={"key_questions": questions}))
        out.append(unit.model_copy(deep=True, update={"standards": standards}))
    return out, warnings


def _questions(
    read: Sequence[Occurrence],
    unit: str,
    standard: Standard,
    where: str,
    limit: int | None,
    keywords: dict[str, str] | None,
) -> tuple[list[KeyQuestion], list[ParseWarning]]:
    """One standard's key questions merged from its occurrences `read` (field `where`), and the
    warnings of the merge: an `implausible_value` for each later table's questions refused as none
    of the standard's (`merge_within` with `limit`, the most the framework gives the standard, the
    standards' `keywords` (a question naming another by its subject), and plausibility.yaml
    `key_questions.numbered_set`)."""
    warnings: list[ParseWarning] = []
    questions: list[KeyQuestion] = []
    numbered = plausibility_rules().key_questions.numbered_set

    def names_other(text: str) -> bool:
        return keywords is not None and question_subject(text, keywords) not in (None, standard.code)

    merged, refused = merge_within(
        [o for o in read if not o.lost], patterns().similarity, limit, numbered, names_other
    )
    for entry in merged:
        question, said = _key_question(entry, unit, f"{where}[{len(questions)}]")
        questions.append(question)
        warnings += said
    name = f"{standard.code} {standard.name}"
    pages = ", ".join(str(p) for p in sorted({q.page for q in questions if q.page is not None}))
    for group in refused:
        if group.why == "count" and limit is not None:
            reason = key_question_count_problem(name, limit, len(questions), pages)
        elif group.why == "subject" and keywords is not None:
            named = question_subject(group.occurrences[0].text, keywords)
            reason = f"a question of standard {named} is none of standard {name}'s (it opens with that standard's name)"
        else:
            reason = key_question_numbered_problem(name, [q.code for q in questions], pages)
        read_as = "; ".join(_short(o.text, 50) for o in group.occurrences)
        warnings.append(refusal(f"{where}[*]", read_as, group.occurrences[0].page, reason))
    return questions, warnings


def _limit(standard: Standard, rules: Sequence[StandardRule], known: bool) -> int | None:
    """The most key questions `standard` has in the report's framework (frameworks.yaml
    `key_questions`; `known`: `rules` are that framework's), or None: framework not known, or
    plausibility.yaml `key_questions.count_of_framework` off."""
    if not known or not plausibility_rules().key_questions.count_of_framework:
        return None
    same_code = [r for r in rules if r.code == standard.code]
    named = [r for r in same_code if compact(r.name) == compact(standard.name)]
    counts = [r.key_questions for r in (named or same_code) if r.key_questions is not None]
    return max(counts) if counts else None


def _incomplete(
    where: str, unit: str, standard: Standard, questions: Sequence[KeyQuestion], read: Sequence[Occurrence]
) -> list[ParseWarning]:
    """A `key_questions_incomplete` warning on a standard's key questions (field `where`) when a
    row of its table was not read: a row printed with a value that is no question, a question cut
    at a page's foot whose rest was not found atop the next (the table may run on there), or codes
    that skip one (patterns/plausibility.yaml `codes_consecutive`). `validate` then rates the
    standard from none of them."""
    if not questions:
        return []
    missing = plausibility_rules().key_questions.missing_codes(standard.code, [q.code for q in questions])
    similarity = patterns().similarity
    lost = [  # a question printed without a value where the same question is read with one is a repeat
        o
        for o in read
        if o.lost and not (o.blank and any(_similarity(o.text, q.text) >= similarity for q in questions))
    ]
    cut = [o for o in read if o.foot and not o.lost]  # its row may run on where it was not read
    why: list[str] = []
    if missing:
        read_codes = ", ".join(q.code or "?" for q in questions)
        why.append(f"its key questions {read_codes} were read but not {', '.join(missing)}")
    why += [_lost_why(o) for o in lost + cut]
    if not why:
        return []
    page = (lost + cut)[0].page if lost or cut else questions[0].page
    name = f"{unit}: standard {standard.code} {standard.name}"
    message = f"{name}: a row of its key-question table was not read ({'; '.join(why)})"
    return [ParseWarning(code=KEY_QUESTIONS_INCOMPLETE, message=message, page=page, field=where)]


def _lost_why(lost: Occurrence) -> str:
    """Why a row of a key-question table was not read, for `key_questions_incomplete`."""
    if lost.blank:
        return f"the question '{_short(lost.text)}' on page {lost.page} is printed without its value"
    if lost.foot:
        return (
            f"the question '{_short(lost.text)}' runs to the foot of page {max(lost.pages, default=lost.page)} "
            "without its question mark and the rest of its row was not found on the next page"
        )
    return f"a row on page {lost.page} printed with a value is no question: '{_short(lost.text)}'"


def extract_key_questions(
    doc: Document, detection: Detection, units: Sequence[Unit]
) -> tuple[list[Unit], list[ParseWarning]]:
    """New units: copies of `units` whose case-based standards hold their key questions (the
    units given are left as they are), and the warnings of the reading. A table read that breaks
    a plausibility rule is read again from pdfplumber's layout (PDFs); what that reading still
    breaks is refused with a warning."""
    if not units:
        return [], []
    rules, case_rules = _case_rules(detection)
    runs = _Runs(doc, detection, rules, _keywords(case_rules), units, TableReader(doc), Provenance(doc))
    found, warnings = runs.read_all()
    keywords = {code: word for word, code in _keywords(case_rules).items()}
    printed = cache(lambda code: _printed_table(doc, keywords, code))
    filled, more = _filled(units, found, rules, printed, detection.framework in frameworks().frameworks)
    return filled, warnings + more


def _keyword(code: str, found: dict[tuple[int, str], list[Occurrence]]) -> str | None:
    """What `_printed_table` looks for on behalf of standard `code`: any table when no key question
    was read at all (None), else a row of this standard's own table (its code)."""
    return code if found else None


def _unread(unit: str, standard: Standard, field: str, shown: tuple[int, str]) -> ParseWarning:
    """The `key_questions_unread` warning on a case-based standard's key questions (`field`) none of
    which was read though the report prints key-question tables (`shown`: the page and text of a row
    showing one): its table is printed in a form not read, so its rating cannot be checked (never
    read as if the report printed none)."""
    page, text = shown
    return ParseWarning(
        code=KEY_QUESTIONS_UNREAD,
        message=f"{unit}: standard {standard.code} {standard.name}: no key-question percentage was read, though "
        f"the report prints key-question tables ('{_short(text)}' on page {page}): its table is printed in a "
        "form not read (no '%' sign, columns in an order not understood, a table not found)",
        page=page,
        field=field,
    )


def _printed_table(doc: Document, keywords: dict[str, str], code: str | None) -> tuple[int, str] | None:
    """The page and text of the first visual row showing a key-question table (patterns/keyquestions.yaml
    `header`, `percent`, `question_starts`): a header (a cell naming the question column beside one naming
    percentages, this inspection, a comparator or case counts), or a row (a cell holding one percentage
    beside a question's cell: a question mark or a question's opening word). With a standard's `code`,
    only a row whose question holds its keyword (`keywords`: code -> the first word of its name,
    "reviewing"): a row of its own table; None when it has none. Only pages of the cheap pass holding
    a question mark and a line naming percentages are read; None when no page shows one. Keyed on the
    words and cells of the table, never on one layout: columns in any order, extra columns."""
    word = keywords.get(code) if code is not None else None
    if code is not None and word is None:
        return None
    p = patterns()

    def names_percentages(text: str) -> bool:
        return p.percentages.search(text) is not None

    for page in doc.pages:
        texts = [line.text for line in page.lines]
        if not any("?" in t for t in texts) or not any(names_percentages(t) for t in texts):
            continue
        for line in doc.layout_lines(page.number):
            if _shows_table([cell.strip() for cell in line.cells], word):
                return page.number, line.text
    return None


def _shows_table(cells: Sequence[str], word: str | None) -> bool:
    """Whether a visual row's cells are a key-question table's header or row (`_printed_table`); with
    a keyword `word`, only a row beside a cell holding it (its letters compared without spaces: a
    question printed letter-spaced, "D o e s r e vie win g", holds it too)."""
    p = patterns()
    heads = (p.percentages, p.current, p.comparator, p.count, p.starts)  # each one alternation (`either`)
    for index, cell in enumerate(cells):
        others = [c for i, c in enumerate(cells) if i != index]
        if word is None and p.question_column.match(cell) and any(h.search(c) for h in heads for c in others):
            return True
        if not p.percent.match("".join(cell.split())):
            continue
        if word is None and any("?" in c or p.question_start.match(c) for c in others):
            return True
        if word is not None and any(word in compact(c) for c in others):
            return True
    return False


def units_from_key_questions(
    doc: Document, detection: Detection, subject: str | None
) -> tuple[list[Unit], list[ParseWarning]]:
    """Where no ratings table could be read (printed as a picture) but the key questions are text:
    one unit named `subject` (the report's one rated body) whose case-based standards, named as
    the report prints them ("2.1 Assessment"), hold their key-question percentages and no rating.
    A standard whose code and name the report does not print, or that has no key question read,
    is left out; [] when none is left. Returns the units and the warnings of their reading."""
    _, case_rules = _case_rules(detection)
    keys = standard_keys(doc)
    named: dict[str, set[str]] = {}
    for rule in case_rules:
        if printed_standard(keys, compact(rule.code), compact(rule.name)):
            named.setdefault(rule.code, set()).add(rule.name)
    standards = [Standard(code=code, name=next(iter(names))) for code, names in named.items() if len(names) == 1]
    if not standards:
        return [], []
    unit = Unit(name=subject, standards=sorted(standards, key=lambda s: [int(p) for p in s.code.split(".")]))
    [unit], found = extract_key_questions(doc, detection, [unit])
    unit.standards = [s for s in unit.standards if s.key_questions]
    for standard in unit.standards:
        pages = [q.page for q in standard.key_questions if q.page is not None]
        standard.page = min(pages) if pages else None
    warnings = [w for w in found if w.code not in (KEY_QUESTIONS_NOT_FOUND, KEY_QUESTIONS_UNREAD)]
    return ([unit] if unit.standards else []), warnings

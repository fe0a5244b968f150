"""Recommendations, stated counts and previous recommendations' progress (issue: recommendations).

One cheap pass over the lines of the pages that hold recommendations (found by regex on
the cheap text pass): headings switch between the new recommendations and the review of
an earlier inspection's; "… should:" lead-ins name the addressee; numbered items (also
bullets with the number inside) are collected with their wrapped lines, across page
breaks, without running headers and footers. spaCy (see `addressees`) is run only on the
lead-in lines and on the few sentences that may state a count or a progress judgement.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Literal, NamedTuple

import regex

from ...detect.classify import Detection
from ...model.codes import (
    PREVIOUS_RECOMMENDATION_UNJUDGED,
    RECOMMENDATION_ADDRESSEE_JOINT,
    RECOMMENDATION_LEAD_IN_UNREAD,
    RECOMMENDATION_LINE_UNREAD,
    RECOMMENDATION_NUMBER_UNREADABLE,
    RECOMMENDATION_TEXT_CUT,
    RECOMMENDATION_UNIT_INFERRED,
    RECOMMENDATIONS_NOT_FOUND,
)
from ...model.record import (
    ParseWarning,
    PreviousRecommendation,
    Progress,
    ProgressTally,
    Recommendation,
    StatedCount,
    Unit,
)
from ...read.document import Document, Line
from ...read.fuzzy import similarity
from ...read.normalize import clean_name, collapse, compact
from ...rules.patterns import frameworks, recommendation_patterns, vocab
from ...rules.regexes import compiled
from .. import addressees

if TYPE_CHECKING:  # the schema classes load only to validate a changed rule file
    from ...rules.patterns import RecommendationPatterns

Mode = Literal["current", "previous"]
# How far a review of previous recommendations may run between items before it is over.
_MAX_PREVIOUS_PROSE_LINES = 80
# How many lines after a previous recommendation may hold its progress judgement.
_JUDGEMENT_LINES = 8
_JUDGEMENT_SENTENCES = 3
_JUDGEMENT_CHARS = 400
# Stripped from around a word when the report's words are collected (normalised text: straight quotes).
_PUNCT = string.punctuation + "–"


@dataclass
class RecommendationsResult:
    """The recommendations read: this inspection's, the stated count, the previous inspection's and its tally."""

    recommendations: list[Recommendation] = field(default_factory=list)
    stated_count: StatedCount | None = None
    previous: list[PreviousRecommendation] = field(default_factory=list)
    tally: ProgressTally | None = None


class _Compiled(NamedTuple):
    section: regex.Pattern[str]
    current: regex.Pattern[str]
    previous_heading: regex.Pattern[str]
    should: regex.Pattern[str]
    addressed: tuple[regex.Pattern[str], ...]
    labelled: regex.Pattern[str]
    previous_lead: regex.Pattern[str]
    this_body: regex.Pattern[str]
    item: regex.Pattern[str]
    item_glued: regex.Pattern[str]
    item_unnumbered: regex.Pattern[str]
    item_like: regex.Pattern[str]
    stated: regex.Pattern[str]
    tally: regex.Pattern[str]
    tally_transferred: regex.Pattern[str]
    progress: tuple[tuple[Progress, regex.Pattern[str]], ...]
    cleanup: tuple[tuple[regex.Pattern[str], str], ...]
    words: frozenset[str]
    marks: tuple[str, ...]
    unit_labels: frozenset[str]
    max_words: int
    standard_heading: regex.Pattern[str]
    heading_words: int
    heading_similarity: float
    heading_larger: float
    domains: tuple[tuple[str, str], ...]  # (number, name) of every framework's domains


@cache
def _rules() -> _Compiled:
    p: RecommendationPatterns = recommendation_patterns()
    progress: list[tuple[Progress, regex.Pattern[str]]] = []
    for cue in p.progress:
        kind: Progress = _as_progress(cue.progress)
        progress.append((kind, compiled(cue.pattern)))
    return _Compiled(
        section=compiled(p.headings.section),
        current=compiled(p.headings.current),
        previous_heading=compiled(p.headings.previous),
        should=compiled(p.lead_ins.should),
        addressed=tuple(compiled(form) for form in p.lead_ins.addressed),
        labelled=compiled(p.lead_ins.labelled),
        previous_lead=compiled(p.lead_ins.previous),
        this_body=compiled(p.lead_ins.this_body),
        item=compiled(p.item),
        item_glued=compiled(p.item_glued),
        item_unnumbered=compiled(p.item_unnumbered),
        item_like=compiled(p.item_like),
        stated=compiled(p.stated_count),
        tally=compiled(p.tally),
        tally_transferred=compiled(p.tally_transferred),
        progress=tuple(progress),
        cleanup=tuple((compiled(c.pattern), c.replace) for c in p.addressee_cleanup),
        words=frozenset(w.casefold() for w in p.continues_after.words),
        marks=tuple(p.continues_after.marks),
        unit_labels=frozenset(p.lead_ins.unit_labels),
        max_words=p.lead_ins.max_words,
        standard_heading=compiled(p.numbered_heading.standard_heading),
        heading_words=p.numbered_heading.max_words,
        heading_similarity=p.numbered_heading.similarity,
        heading_larger=p.numbered_heading.larger_than,
        domains=tuple(
            sorted(
                {
                    (number, name)
                    for framework in frameworks().frameworks.values()
                    for number in framework.domains
                    for name in framework.domain_names(number)
                }
            )
        ),
    )


def _as_progress(value: str) -> Progress:
    for kind in ("sufficient", "some", "insufficient", "transferred"):
        if value == kind:
            return kind
    raise ValueError(value)  # pragma: no cover - the pattern file is validated on load


# --- small text helpers ----------------------------------------------------------------


def join_lines(
    texts: Sequence[str], breaks: Sequence[bool] = (), whole: frozenset[str] = frozenset()
) -> str:
    """Wrapped lines joined into one text. A word broken at a hyphenation break (`breaks[i]`: line
    i ended in a soft or typesetter's hyphen, `Line.hyphen_break`) is joined without the hyphen; a
    word broken after a typed hyphen keeps it ("information-sharing"), unless the report prints the
    word whole elsewhere and never hyphenated (`whole`: its words, casefolded, punctuation stripped)."""
    out = ""
    for index, text in enumerate(texts):
        broke = 0 < index <= len(breaks) and breaks[index - 1]
        if not out:
            out = text
        elif broke and text[:1].islower():
            out = (out[:-1] if out.endswith("-") else out) + text
        elif out.endswith("-") and out[-2:-1].isalpha() and text[:1].islower():
            out = out[:-1] + text if _printed_whole(out, text, whole) else out + text
        else:
            out += " " + text
    return collapse(out)


def _printed_whole(before: str, after: str, whole: frozenset[str]) -> bool:
    """Whether the word split as `before` (ending '-') / `after` is printed whole in the report
    (in `whole`) and never with its hyphen."""
    if not whole:
        return False
    left = before[:-1].rsplit(" ", 1)[-1]
    right = after.split(" ", 1)[0].rstrip(_PUNCT)
    joined, hyphened = f"{left}{right}".casefold(), f"{left}-{right}".casefold()
    return joined in whole and hyphened not in whole


def printed_words(lines: Iterable[Line]) -> frozenset[str]:
    """The words of the lines, casefolded, with the punctuation around them stripped."""
    return frozenset(word.strip(_PUNCT).casefold() for line in lines for word in line.text.split())


class _Passage(NamedTuple):
    """Lines joined into one text, remembering where each line starts."""

    text: str
    starts: tuple[tuple[int, Line], ...]

    @classmethod
    def of(cls, lines: Sequence[Line]) -> _Passage:
        text = ""
        starts: list[tuple[int, Line]] = []
        for line in lines:
            if text:
                text += " "
            starts.append((len(text), line))
            text += line.text
        return cls(text, tuple(starts))

    def line_at(self, offset: int) -> Line:
        found = self.starts[0][1]
        for start, line in self.starts:
            if start > offset:
                break
            found = line
        return found


def indent(line: Line) -> float:
    """How far a line starts right of its text column's left edge (of the page on a page of one column)."""
    assert line.bbox is not None
    return line.bbox[0] - (line.column[0] if line.column is not None else 0.0)


def next_column(last: Line, line: Line) -> bool:
    """`line` heads the text column right of the one `last` ends (same page, read column by column)."""
    return (
        line.page == last.page
        and line.column is not None
        and last.column is not None
        and line.column[0] >= last.column[1]
    )


def number_value(word: str) -> int | None:
    """'13' -> 13, 'nine' -> 9, 'twenty-one' -> 21; None for anything else ('a', 'several').
    The words are vocab.yaml's (`Vocab.number_value`)."""
    return vocab().number_value(word)


def same_body(name: str, other: str) -> bool:
    """Whether two printed names name the same body ('Swansea, Neath Port Talbot PDU' and
    'Swansea Neath Port Talbot PDU'; a name cut short by extraction and the full one)."""
    a, b = compact(name), compact(other)
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 8 and longer.startswith(shorter)


def clean_addressee(printed: str) -> str:
    """The printed lead-in body as the addressee: no leading 'The', bracketed acronym or stray comma."""
    text = collapse(printed)
    for pattern, replace in _rules().cleanup:
        text = pattern.sub(replace, text)
    return collapse(text)


# --- the scan --------------------------------------------------------------------------


class _Lead(NamedTuple):
    addressee: str | None
    canonical: str | None
    printed: str | None
    previous: bool
    unit: int | None  # index of the rated unit the lead-in names, if it names one
    unit_like: bool = False  # the body is of a kind that is itself inspected (a PDU, a CRC …)
    joint: bool = False  # the lead-in names more than one body: no one canonical name
    unread: str | None = None  # a line ending ':' before the items, in no known lead-in form


@dataclass
class _Item:
    number: int | None  # None: printed with a letter ("1a."), see `printed`
    lead: _Lead
    unit: str | None
    lines: list[Line]
    parts: list[str]
    after: list[Line] = field(default_factory=list)
    printed: str | None = None  # the number as printed when it is not a plain count ("1a")
    cut: bool = False  # ends at a column's foot, the next column not surely its continuation
    whole: frozenset[str] = frozenset()  # the report's words, when a line of the item ends in a typed hyphen

    @property
    def text(self) -> str:
        return join_lines(self.parts, [line.hyphen_break for line in self.lines], self.whole)

    def hyphenated(self) -> bool:
        """A line of the item (not its last) ends in a typed hyphen after a letter."""
        return any(
            part.endswith("-") and part[-2:-1].isalpha() and not line.hyphen_break
            for part, line in zip(self.parts[:-1], self.lines[:-1], strict=True)
        )


def _addresses(rules: _Compiled, text: str) -> bool:
    """Whether a line is a lead-in naming an addressee ('… should:', 'We recommend that …:')."""
    return bool(rules.should.search(text) or any(form.search(text) for form in rules.addressed))


def candidate_pages(doc: Document) -> list[int]:
    """Pages holding a lead-in or a review heading: the cheap text pass, regex only."""
    rules = _rules()
    pages: list[int] = []
    for page in doc.pages:
        for line in page.lines:
            text = line.text
            if text.endswith(":") and (_addresses(rules, text) or rules.previous_lead.search(text)):
                pages.append(page.number)
                break
            if ("ecommendation" in text or "ECOMMENDATION" in text) and rules.previous_heading.match(text):
                pages.append(page.number)
                break
    return pages


class _Scanner:
    def __init__(self, lines: list[Line], units: list[Unit], unnumbered: bool = False) -> None:
        self.rules = _rules()
        self.unnumbered = unnumbered  # bullets and "(a)" are items in a recommendations section
        self.in_section = False  # under a recommendations heading, its list not yet over
        self.lines = lines
        self.units = [u.name for u in units]
        self.mode: Mode = "current"
        self.lead: _Lead | None = None
        self.item: _Item | None = None
        self.awaiting: _Item | None = None  # a previous recommendation waiting for its judgement
        self.prose: list[Line] = []
        self.block_items = 0
        self.prose_run = 0
        self.current: list[_Item] = []
        self.unread: list[Line] = []  # lines numbered touching their text that continue no list
        self.previous: list[_Item] = []
        self.stated: StatedCount | None = None
        self.stated_searched = False
        self.tally: ProgressTally | None = None
        self.tally_searched = False

    # -- classification -----------------------------------------------------------------

    def heading(self, text: str) -> Mode | None:
        if self.rules.previous_heading.match(text):
            return "previous"
        if self.rules.current.match(text) or self.rules.section.match(text):
            return "current"
        return None

    def leadish(self, text: str) -> bool:
        return text.endswith(":") and bool(_addresses(self.rules, text) or self.rules.previous_lead.search(text))

    def opens(self, text: str) -> bool:
        """The line opens something else: a numbered item, a heading or a lead-in."""
        return bool(
            self.item_at(text) or self.rules.item_like.match(text) or self.heading(text) or self.leadish(text)
        )

    def item_at(self, text: str, opening: bool = False) -> regex.Match[str] | None:
        """The line as a numbered item: printed '1. text', or with the number touching its text
        ('10.monitor') when it continues the list (the next number; 1 under a lead-in with no item
        yet, or `opening`: the line after a lead-in)."""
        number = self.rules.item.match(text)
        if number is not None:
            return number
        if self.unnumbered and self.in_section:
            return self.rules.item_unnumbered.match(text)
        glued = self.rules.item_glued.match(text)
        if glued is None or glued.group("letter"):
            return None
        items = self.current if self.mode == "current" else self.previous
        listed = [*items, self.item] if self.item is not None else items
        last = listed[-1] if listed else None
        value = int(glued.group("number"))
        fresh = opening or (self.lead is not None and not self.block_items)
        expected = (last.number or 0) + 1 if last is not None else 1
        return glued if value == expected or (value == 1 and fresh) else None

    def cut_at(self, item: _Item, line: Line) -> bool:
        """`item` ends at the foot of a text column, unfinished (no closing mark), and `line`, the
        next column's first line, is not surely something else (an item, a lead-in, a heading by
        its words or by its larger type): the item may go on there, so its text is not sure."""
        last = item.lines[-1]
        if not next_column(last, line) or item.text.endswith((".", ";", "!", "?")) or self.opens(line.text):
            return False
        assert line.bbox is not None and last.bbox is not None  # next_column: both set in columns
        return line.bbox[3] - line.bbox[1] < self.rules.heading_larger * (last.bbox[3] - last.bbox[1])

    def continues(self, item: _Item, line: Line) -> bool:
        text = line.text
        if self.opens(text):
            return False
        first, last = item.lines[0], item.lines[-1]
        if first.bbox and last.bbox and line.bbox:
            if line.page == last.page and not next_column(last, line):
                height = max(last.bbox[3] - last.bbox[1], 6.0)
                gap = line.bbox[1] - last.bbox[3]
                if gap > 2.2 * height or gap < -height:
                    return False
            if indent(line) > indent(first) + 6:  # the hanging indent of a wrapped item (in its column)
                return True
        if text[:1].islower():
            return True
        return self.ends_open(item.text)

    def ends_open(self, text: str) -> bool:
        """Whether the text stops mid-phrase ('… for the', '… and', '… Service –')."""
        if text.endswith(self.rules.marks):
            return True
        last = text.rsplit(" ", 1)[-1].casefold()
        return last in self.rules.words

    def numbered_heading(self, index: int, number: regex.Match[str]) -> bool:
        """A numbered line after a list of recommendations that is a heading, not an item: a domain
        heading ("2. Case supervision") by its words (a framework's domain name, or a standard
        heading of the same number next), a short capitalised line whose number goes back under the
        same lead-in ("1. Introduction" after item 5), or (PDFs) by its type, larger than the items."""
        rules = self.rules
        text = number.group("text")
        if len(text.split()) > rules.heading_words or text.endswith((".", ";", ",")):
            return False
        digit = number.group("number")
        items = self.current if self.mode == "current" else self.previous
        last = items[-1].number if items else None
        if self.block_items and last is not None and int(digit) < last and text[:1].isupper():
            return True  # numbering starts again under the same lead-in: a chapter ("1. Introduction")
        if any(
            digit == domain and similarity(text, name) >= rules.heading_similarity for domain, name in rules.domains
        ):
            return True
        following = self.lines[index + 1] if index + 1 < len(self.lines) else None
        if following is not None:
            heading = rules.standard_heading.match(following.text)
            if heading is not None and heading.group("domain") == digit and not rules.item.match(following.text):
                return True
        item = self.item_lines[0] if self.item_lines else None
        line = self.lines[index]
        if item is None or item.bbox is None or line.bbox is None:
            return False
        height, first = line.bbox[3] - line.bbox[1], item.bbox[3] - item.bbox[1]
        return first > 0 and height >= rules.heading_larger * first

    @property
    def item_lines(self) -> list[Line]:
        """The first lines of the recommendations listed so far."""
        return [item.lines[0] for item in (*self.current, *self.previous)]

    def lead_in(self, index: int) -> _Lead | None:
        line = self.lines[index]
        text = line.text
        if not text.endswith(":") or index + 1 >= len(self.lines):
            return None
        if not self.item_at(self.lines[index + 1].text, opening=True):
            return None
        rules = self.rules
        previous = rules.previous_lead.search(text)
        if previous:
            printed = previous.group("body")
            if rules.this_body.match(printed):
                name = self.units[0] if len(self.units) == 1 else None
                return _Lead(name, None, printed, True, None)
            return self.named_lead(printed, previous=True)
        should = rules.should.match(text)
        if should:
            printed = should.group("body") or ""  # "should:" alone: its body is the line(s) before
            if len(printed.split()) > rules.max_words:
                return None
            joined = self.wrapped_lead(printed)
            if joined is None and not printed:
                return None
            return self.named_lead(joined or printed, self.mode == "previous")
        for form in rules.addressed:
            addressed = form.search(text)
            if addressed and len(addressed.group("body").split()) <= rules.max_words:
                return self.named_lead(addressed.group("body"), self.mode == "previous")
        labelled = rules.labelled.match(text)
        if labelled and len(labelled.group("body").split()) <= rules.max_words:
            body = addressees.find_body(labelled.group("body"))
            if body is not None:
                return self.named_lead(body.text, self.mode == "previous")
        return None

    def wrapped_lead(self, printed: str) -> str | None:
        """A lead-in wrapped over lines: the lines before it, if they are the lead-in's start (a
        line that stops mid-phrase, '… and', '… working with', is always joined, so a joint
        addressee is never cut to its last body)."""
        if not self.prose:
            return None
        before = self.prose[-1].text
        if before.endswith((".", ":", ";", "?", "!")) or len(before.split()) > self.rules.max_words:
            return None
        joined = f"{before} {printed}".rstrip()
        if self.ends_open(before) or not printed:
            for line in reversed(self.prose[:-1]):
                longer = f"{line.text} {joined}"
                if not self.ends_open(line.text) or len(longer.split()) > self.rules.max_words:
                    break
                joined = longer
            return joined
        if printed[:1].islower() or (
            addressees.find_body(clean_addressee(printed)) is None
            and addressees.find_body(clean_addressee(joined)) is not None
        ):
            return joined
        return None

    def named_lead(self, printed: str, previous: bool) -> _Lead:
        addressee = clean_addressee(clean_name(printed))
        body = addressees.find_body(addressee)
        canonical = body.canonical if body is not None else None
        exact = (i for i, name in enumerate(self.units) if name and compact(name) == compact(addressee))
        close = (i for i, name in enumerate(self.units) if name and same_body(name, addressee))
        unit = next(exact, next(close, None))
        unit_like = body is not None and body.label in self.rules.unit_labels
        joint = addressees.names_several(addressee)
        if joint:
            canonical = None
        return _Lead(addressee, canonical, collapse(printed), previous, unit, unit_like, joint)

    # -- the pass -----------------------------------------------------------------------

    def run(self) -> None:
        for index, line in enumerate(self.lines):
            if self.item is not None:
                if self.continues(self.item, line):
                    self.item.lines.append(line)
                    self.item.parts.append(line.text)
                    continue
                self.item.cut = self.cut_at(self.item, line)
                self.close_item()
            self.step(index, line)
        if self.item is not None:
            self.close_item()
        self.settle()

    def step(self, index: int, line: Line) -> None:
        text = line.text
        heading = self.heading(text)
        if heading is not None:
            self.settle()
            self.in_section = heading == "current"
            self.mode, self.lead, self.block_items = heading, None, 0
            self.prose = []
            return
        number = self.item_at(text)
        numbered = number is not None and number.groupdict().get("number") is not None
        if number and numbered and self.lead is not None and self.numbered_heading(index, number):
            self.settle()
            self.lead, self.block_items = None, 0
            self.prose = [line]
            return
        if number and numbered and self.lead is None and self.unread_lead(index, number):
            self.settle()
            self.lead, self.block_items = _Lead(None, None, None, False, None, unread=self.prose[-1].text), 0
        if number and self.lead is not None:
            self.settle()
            self.start_item(number, line)
            return
        lead = self.lead_in(index)
        if lead is not None:
            self.settle()
            self.take_lead(lead)
            return
        if self.lead is not None and self.block_items and self.rules.item_like.match(text):
            self.unread.append(line)  # numbered like an item, but not read as the list's next one
        self.prose.append(line)
        self.prose_run += 1
        if self.awaiting is not None and len(self.awaiting.after) < _JUDGEMENT_LINES:
            self.awaiting.after.append(line)
        if (
            self.lead is not None
            and self.block_items
            and (not self.lead.previous or self.prose_run > _MAX_PREVIOUS_PROSE_LINES)
        ):
            self.lead = None
            self.in_section = False

    def unread_lead(self, index: int, number: regex.Match[str]) -> bool:
        """A numbered line right after a line ending ':' that no lead-in form reads, numbered next
        after this inspection's last recommendation: the list goes on under a lead-in not understood,
        so the item is kept (its addressee null, warned), never dropped."""
        last = self.current[-1].number if self.mode == "current" and self.current else None
        before = self.prose[-1] if self.prose else None
        return (
            last is not None
            and before is not None
            and index > 0
            and self.lines[index - 1] is before
            and before.text.endswith(":")
            and not number.group("letter")
            and int(number.group("number")) == last + 1
        )

    def take_lead(self, lead: _Lead) -> None:
        if lead.previous:
            self.mode = "previous"
            if not self.tally_searched:
                self.tally_searched = True
                self.tally = find_tally(self.prose)
        elif not self.stated_searched:
            self.stated_searched = True
            self.stated = find_stated_count(self.prose)
        self.lead, self.block_items = lead, 0
        self.prose = []

    def start_item(self, number: regex.Match[str], line: Line) -> None:
        assert self.lead is not None
        digits, letter = number.groupdict().get("number"), number.group("letter")
        if digits is None:  # a bullet (number null, printed None) or a letter "(a)"
            value, printed = None, f"({letter})" if letter else None
        else:
            value, printed = (None, digits + letter) if letter else (int(digits), None)
        self.item = _Item(value, self.lead, None, [line], [number.group("text")], printed=printed)
        self.block_items += 1
        self.prose_run = 0
        self.prose = []

    def close_item(self) -> None:
        item, self.item = self.item, None
        if item is None:
            return
        if item.lead.previous:
            self.previous.append(item)
            self.awaiting = item
        else:
            self.current.append(item)

    def settle(self) -> None:
        """The previous recommendation awaiting its judgement gets no more lines."""
        self.awaiting = None


# --- units ------------------------------------------------------------------------------


def runs(items: Sequence[_Item]) -> list[list[_Item]]:
    """The recommendations split where the numbering restarts (a repeated number is a misprint,
    not a restart, unless it is 1) or where a lead-in names another rated unit."""
    out: list[list[_Item]] = []
    for index, item in enumerate(items):
        before = items[index - 1] if index else None
        restart = (
            before is not None
            and item.number is not None
            and before.number is not None
            and (item.number < before.number or item.number == before.number == 1)
        )
        other_unit = (
            before is not None
            and item.lead is not before.lead
            and item.lead.unit is not None
            and item.lead.unit != out[-1][0].lead.unit
        )
        if not out or restart or other_unit:
            out.append([item])
        else:
            out[-1].append(item)
    return out


def assign_units(items: Sequence[_Item], units: Sequence[str | None]) -> list[_Item]:
    """Each recommendation's rated unit: the one unit of a single-unit report; in a letter,
    the unit its run's opening lead-in names, else a PDU (CRC …) the lead-in names that the
    ratings did not give, else the next unit in order. Returns the first item of each run whose
    unit was taken from that order alone (no lead-in names it), for a warning."""
    groups = runs(items)
    inferred: list[_Item] = []
    if len(units) == 1 and len(groups) == 1:
        for item in items:
            item.unit = units[0]
        return inferred
    following = 0
    for group in groups:
        opening = group[0].lead
        name: str | None
        if opening.unit is not None:
            name, following = units[opening.unit], opening.unit + 1
        elif opening.unit_like and opening.addressee:
            name = opening.addressee
        else:
            name = units[following] if following < len(units) else None
            following += 1
            if name is not None:
                inferred.append(group[0])
        for item in group:
            item.unit = name
    return inferred


# --- sentences: stated count, tally, judgements -----------------------------------------


def _head(lines: Sequence[Line], chars: int) -> list[Line]:
    """The first lines, up to about `chars` characters."""
    out: list[Line] = []
    total = 0
    for line in lines:
        if total >= chars:
            break
        out.append(line)
        total += len(line.text) + 1
    return out


def _sentences(lines: Sequence[Line]) -> list[tuple[str, Line]]:
    if not lines:
        return []
    passage = _Passage.of(lines)
    return [(sentence, passage.line_at(start)) for start, sentence in addressees.sentences(passage.text)]


def find_stated_count(lines: Sequence[Line]) -> StatedCount | None:
    """'we have made nine recommendations' in the prose before the first lead-in."""
    stated = _rules().stated
    passage = _Passage.of(lines) if lines else None
    if passage is None or not stated.search(passage.text):
        return None  # spaCy only runs when a count may be stated
    for sentence, line in _sentences(lines):
        match = stated.search(sentence)
        if match:
            value = number_value(match.group("count"))
            if value is None:
                return None
            return StatedCount(value=value, sentence=sentence, page=line.page, bbox=line.box)
    return None


def find_tally(lines: Sequence[Line]) -> ProgressTally | None:
    """'sufficient progress had been made on two recommendations, some progress on three …'."""
    tally = _rules().tally
    if not lines or not tally.search(_Passage.of(lines).text):
        return None
    sentences = _sentences(lines)
    for index, (sentence, line) in enumerate(sentences):
        counts: dict[str, int] = {}
        for match in tally.finditer(sentence):
            value = number_value(match.group("count"))
            if value is not None:
                counts.setdefault(match.group("progress").casefold(), value)
        if counts:
            following = sentences[index + 1][0] if index + 1 < len(sentences) else ""
            return ProgressTally(
                sufficient=counts.get("sufficient"),
                some=counts.get("some"),
                insufficient=counts.get("insufficient"),
                transferred=_transferred(following),
                sentence=sentence,
                page=line.page,
                bbox=line.box,
            )
    return None


def _transferred(sentence: str) -> int | None:
    """'One other recommendation is now the responsibility of …' after the tally sentence."""
    rules = _rules()
    match = rules.tally_transferred.match(sentence)
    if match is None or not any(kind == "transferred" and p.search(sentence) for kind, p in rules.progress):
        return None
    return number_value(match.group("count"))


def judgement(lines: Sequence[Line]) -> tuple[Progress | None, str | None]:
    """The progress judgement in the first sentences after a previous recommendation."""
    rules = _rules()
    lines = _head(lines, _JUDGEMENT_CHARS)
    if not lines:
        return None, None
    passage = _Passage.of(lines)
    if not any(pattern.search(passage.text) for _, pattern in rules.progress):
        return None, None
    for sentence, _line in _sentences(lines)[:_JUDGEMENT_SENTENCES]:
        for kind, pattern in rules.progress:
            if pattern.search(sentence):
                return kind, sentence
    return None, None


# --- entry point -----------------------------------------------------------------------

def _missing(detection: Detection, section: _Section) -> list[ParseWarning]:
    """A `recommendations_not_found` warning when no recommendation was read: for kinds that always
    recommend (vocab.yaml), and for any report printing a recommendations section (`section`: a
    heading 'Recommendations' with a stated count or a '… should:' lead-in under it), whose items
    are then in a form not read (bullets, '(1)'): none is stored, and `validate` does not say ok."""
    always = detection.kind in vocab().kinds_where("recommendations")
    heading = section.heading
    if always or heading is None or detection.kind not in vocab().kinds_where("may_recommend"):
        if not always:
            return []
        message = f"a {detection.kind} normally lists numbered recommendations; none was found"
        return [ParseWarning(code=RECOMMENDATIONS_NOT_FOUND, message=message)]
    found = [f"heading '{heading.text}' on page {heading.page}"]
    if section.stated is not None:
        found.append(f"a stated count of {section.stated.value}")
    if section.lead is not None:
        found.append(f"the lead-in '{section.lead.text}'")
    message = (
        f"the report prints a recommendations section ({', '.join(found)}) but no recommendation in a form "
        "read (numbered '1.' items) follows: none stored"
    )
    after = section.after
    return [
        ParseWarning(
            code=RECOMMENDATIONS_NOT_FOUND,
            message=message,
            field="recommendations",
            read=after.text if after is not None else None,
            page=heading.page,
            bbox=heading.box,
        )
    ]


# How many lines after a recommendations heading may state the count or open a lead-in when no list is read.
_STATED_LINES = 12


class _Section(NamedTuple):
    """A recommendations section of a report whose list was not read: its heading, the count it
    states, its first lead-in and the line after that lead-in (the first item, in a form not read)."""

    heading: Line | None = None
    stated: StatedCount | None = None
    lead: Line | None = None
    after: Line | None = None


def _unlisted(doc: Document, detection: Detection) -> _Section:
    """The recommendations section of a report whose list was not read (a table, bullets, '(1)'): the
    first heading 'Recommendations' with a stated count ('we have made five recommendations.') or a
    lead-in ('… should:') in the lines after it. The count is what it prints; with no list to
    compare, `validate` does not compare it (the recommendations are `not_checked`). A heading with
    neither (a contents entry) is no section."""
    rules = _rules()
    lines = [line for line in doc.lines() if not detection.is_furniture(line)]
    for index, line in enumerate(lines):
        if not (rules.section.match(line.text) or rules.current.match(line.text)):
            continue
        under = lines[index + 1 : index + 1 + _STATED_LINES]
        under = under[: next((i for i, other in enumerate(under) if rules.section.match(other.text)), len(under))]
        stated = find_stated_count(under)
        leads = (i for i, other in enumerate(under) if other.text.endswith(":") and _addresses(rules, other.text))
        lead = next(leads, None)
        if stated is None and lead is None:
            continue
        lead_line = under[lead] if lead is not None else None
        after = under[lead + 1] if lead is not None and lead + 1 < len(under) else None
        return _Section(line, stated, lead_line, after)
    return _Section()


def _recommendation(item: _Item) -> Recommendation:
    """The record of one numbered recommendation of this inspection."""
    return Recommendation(
        number=item.number,
        unit=item.unit,
        addressee=item.lead.addressee,
        addressee_canonical=item.lead.canonical,
        addressee_as_printed=item.lead.printed,
        text=None if item.cut else item.text,
        page=item.lines[0].page,
        bbox=item.lines[0].box,
    )


def _previous(item: _Item) -> tuple[PreviousRecommendation, list[ParseWarning]]:
    """The record of one previous inspection's recommendation with its progress judgement, and a
    `previous_recommendation_unjudged` warning when none is found after it."""
    progress, sentence = judgement(item.after)
    warnings: list[ParseWarning] = []
    if progress is None:
        warnings.append(
            ParseWarning(
                code=PREVIOUS_RECOMMENDATION_UNJUDGED,
                message=f"no progress judgement found after previous recommendation {item.number}",
                page=item.lines[0].page,
            )
        )
    previous = PreviousRecommendation(
        number=item.number,
        addressee=item.lead.addressee,
        text=item.text,
        progress=progress,
        judgement=sentence,
        page=item.lines[0].page,
        bbox=item.lines[0].box,
    )
    return previous, warnings


def _doubts(items: Sequence[_Item]) -> list[ParseWarning]:
    """Warnings for the nulls of the reading (fields are paths into `recommendations`): a number
    printed with a letter ('1a.'), and the `addressee_canonical` of the items under a lead-in
    naming several bodies (one warning, "[*]", when that lead-in heads every item)."""
    warnings: list[ParseWarning] = []
    for index, item in enumerate(items):
        first = item.lines[0]
        if item.printed is not None:
            warnings.append(
                ParseWarning(
                    code=RECOMMENDATION_NUMBER_UNREADABLE,
                    message=f"a recommendation numbered '{item.printed}' on page {first.page}: not a plain "
                    "number in the list, number null",
                    field=f"recommendations[{index}].number",
                    read=item.printed,
                    page=first.page,
                )
            )
        if item.cut:
            warnings.append(_cut(index, item))
        lead = item.lead
        if lead.joint and (index == 0 or items[index - 1].lead is not lead):
            under = [i for i in range(index, len(items)) if items[i].lead is lead]
            paths = ["[*]"] if len(under) == len(items) else [f"[{i}]" for i in under]
            for path in paths:
                warnings.append(
                    ParseWarning(
                        code=RECOMMENDATION_ADDRESSEE_JOINT,
                        message=f"the lead-in of recommendations {items[under[0]].number or '?'} to "
                        f"{items[under[-1]].number or '?'} (page {first.page}) names more than one body "
                        f"('{lead.addressee}'): addressee kept as printed, addressee_canonical null",
                        field=f"recommendations{path}.addressee_canonical",
                        read=lead.addressee,
                        page=first.page,
                    )
                )
    return warnings


def _unread(items: Sequence[_Item]) -> list[ParseWarning]:
    """A warning for each recommendation listed under a lead-in of no known form: its addressee
    fields are null (the line before the items is quoted)."""
    warnings: list[ParseWarning] = []
    for index, item in enumerate(items):
        lead, first = item.lead, item.lines[0]
        if lead.unread is None:
            continue
        warnings.append(
            ParseWarning(
                code=RECOMMENDATION_LEAD_IN_UNREAD,
                message=f"recommendation {item.number or '?'} (page {first.page}) follows the line "
                f"'{lead.unread}', in no lead-in form known (patterns/recommendations.yaml lead_ins): "
                "addressee null",
                field=f"recommendations[{index}].addressee*",
                read=lead.unread,
                page=first.page,
                bbox=first.box,
            )
        )
    return warnings


def _line_unread(line: Line) -> ParseWarning:
    """A line after recommendations under a lead-in, numbered like one ('14.review …' not next,
    'R10.', '(10)embed') but not read as the list's next: it may be one, so the list may be short."""
    return ParseWarning(
        code=RECOMMENDATION_LINE_UNREAD,
        message=f"the line '{line.text}' (page {line.page}) after recommendations under a lead-in is numbered like "
        "one but not read as the list's next ('R10.', '(10)text', a number not next): the list may be incomplete",
        field="recommendations",
        read=line.text,
        page=line.page,
        bbox=line.box,
    )


def _cut(index: int, item: _Item) -> ParseWarning:
    """Recommendation `index` ends at the foot of a text column and the next column's first line
    does not surely continue it (no hanging indent, a capital, a complete phrase before it)."""
    last = item.lines[-1]
    return ParseWarning(
        code=RECOMMENDATION_TEXT_CUT,
        message=f"recommendation {item.number or '?'} (page {last.page}) ends at the foot of a text column and "
        "the next column does not surely continue it: text null",
        field=f"recommendations[{index}].text",
        read=item.text,
        page=last.page,
        bbox=last.box,
    )


def _scan(doc: Document, detection: Detection, lines: list[Line], units: Sequence[Unit]) -> tuple[_Scanner, _Section]:
    """The scan of the lines for numbered items; where none is read, the report's recommendations
    section (`_unlisted`) and, when a lead-in stands under its heading, a second scan reading bullets
    and "(a)" there as items (numbers null). The section is empty when items were read."""
    scan = _Scanner(lines, list(units))
    scan.run()
    if scan.current:
        return scan, _Section()
    section = _unlisted(doc, detection)
    if section.lead is None:
        return scan, section
    again = _Scanner(lines, list(units), unnumbered=True)
    again.run()
    return (again, _Section()) if again.current else (scan, section)


def extract_recommendations(
    doc: Document, detection: Detection, units: Sequence[Unit]
) -> tuple[RecommendationsResult, list[ParseWarning]]:
    """The numbered recommendations of the report (each with its unit and addressee), the stated
    count, the previous inspection's recommendations with their progress, and the warnings of
    the reading (none found where the kind always recommends, a unit inferred, a progress
    judgement not found)."""
    pages = candidate_pages(doc)
    if not pages:
        section = _unlisted(doc, detection)
        missing = _missing(detection, section)
        return RecommendationsResult(stated_count=section.stated if missing else None), missing
    first, last = max(1, pages[0] - 1), min(doc.page_count, pages[-1] + 1)
    lines = [line for line in doc.lines(range(first, last + 1)) if not detection.is_furniture(line)]
    scan, section = _scan(doc, detection, lines, units)
    hyphenated = [item for item in (*scan.current, *scan.previous) if item.hyphenated()]
    if hyphenated:  # a word split at a typed hyphen: is it printed whole elsewhere?
        words = printed_words(doc.lines())
        for item in hyphenated:
            item.whole = words
    warnings = [] if scan.current else _missing(detection, section)
    for item in assign_units(scan.current, scan.units):
        warnings.append(
            ParseWarning(
                code=RECOMMENDATION_UNIT_INFERRED,
                message=f"recommendations from number {item.number} name no unit: taken to be {item.unit}, "
                "the next rated unit in order",
                page=item.lines[0].page,
            )
        )
    warnings += _doubts(scan.current)
    warnings += _unread(scan.current)
    warnings += [_line_unread(line) for line in scan.unread]
    stated = scan.stated if scan.stated is not None or not warnings else section.stated
    result = RecommendationsResult(stated_count=stated, tally=scan.tally)
    result.recommendations = [_recommendation(item) for item in scan.current]
    for item in scan.previous:
        previous, said = _previous(item)
        result.previous.append(previous)
        warnings += said
    return result, warnings

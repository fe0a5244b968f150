"""Provenance for every value of a record: the span and source text of each item, the reading path,
the places of the metadata (title, publication date, kind, framework) and of the warnings.

Extractors record the page, box (PDFs) and words of each item. Here, after extraction:

- `trace`: every located item gets `span` and `source_text` — the lines of its page it was read
  from (PDFs: the page's lines inside its box; text files and Word drafts: the line holding the start
  of its words, and the following lines that continue them), as offsets into the page's normalised
  text (`Document.page(n).text`) and the text there — and `origin`, the reading path and the step
  that read it (`pdf/ratings_table`). The record's `provenance` gets the title's lines, the line
  giving the publication date (the span of the words matched), and the first line showing the
  kind and the framework (`detect.evidence`).
- `place_warnings` (after `explain.explain_nulls`, which names the field of every null): a warning
  whose `field` names one item gets that item's place (page, box, line, span, source text...).

Nothing here changes a value: provenance only.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence

from ..detect.classify import Detection
from ..detect.evidence import cue_line, follows_framework, framework_line
from ..model.prov import MetadataProvenance, Prov
from ..model.record import InspectionReport, Located
from ..read.document import Document, Line, to_bbox
from ..read.normalize import collapse
from .metadata import Metadata

KEY_CHARS = 40  # leading characters of an item's words that identify its line (as extract.places)
_PLACE = ("page", "bbox", "line", "section", "paragraph", "row", "span", "source_text")


def trace(report: InspectionReport, doc: Document, detection: Detection, meta: Metadata) -> InspectionReport:
    """Fill the span, source text and origin of every located item and the record's `provenance`,
    in place; returns the report."""
    pages = _Pages(doc)
    for item, step, words in _items(report):
        item.origin = f"{doc.format}/{step}"
        found = pages.lines_of(item.page, doc.format == "pdf", item, words)
        if found and item.page is not None:
            item.span, item.source_text = pages.span(item.page, found)
    shown = framework_line(doc, report.framework)  # found once: the framework's line, and the kind's when it follows
    same = detection.framework == report.framework  # (always, as the pipeline builds the report)
    kind_shown = shown if same else framework_line(doc, detection.framework)
    report.provenance = MetadataProvenance(
        title=pages.prov(meta.title_lines, "cover") if meta.title_lines and report.title is not None else None,
        published=_published(pages, meta) if report.published is not None else None,
        kind=_kind(pages, doc, detection, kind_shown) if report.kind != "unknown" else None,
        framework=_framework(pages, shown),
    )
    return report


def place_warnings(report: InspectionReport) -> InspectionReport:
    """Each warning whose `field` names one item (no wildcard) takes that item's place where it has
    none of its own on another page; returns the report (changed in place)."""
    for warning in report.warnings:
        if warning.field is None or "*" in warning.field:
            continue
        item = _item_at(report, warning.field)
        if item is None or (warning.page is not None and item.page is not None and warning.page != item.page):
            continue
        for name in _PLACE:
            if getattr(warning, name) is None:
                setattr(warning, name, getattr(item, name))
        warning.origin = warning.origin or item.origin
    return report


def _items(report: InspectionReport) -> Iterator[tuple[Located, str, tuple[str, ...]]]:
    """Every located item, the extracting step that read it and the words that find its line."""
    for unit in report.units:
        yield unit, "ratings_table", (unit.name or "",)
        for standard in unit.standards:
            yield standard, "ratings_table", (f"{standard.code} {standard.name}", standard.name)
            for question in standard.key_questions:
                yield question, "key_question_table", (question.text,)
                for prompt in question.prompts:
                    yield prompt, "key_question_table", (prompt.text,)
    for rec in report.recommendations:
        yield rec, "recommendations", (rec.text or "",)
    if report.stated_recommendation_count is not None:
        yield report.stated_recommendation_count, "recommendations", (report.stated_recommendation_count.sentence,)
    for previous in report.previous_recommendations:
        yield previous, "previous_recommendations", (previous.text,)
    if report.previous_recommendation_tally is not None:
        yield report.previous_recommendation_tally, "previous_recommendations", (
            report.previous_recommendation_tally.sentence,
        )
    for fact in report.key_facts:
        yield fact, "key_facts", (fact.as_printed, fact.label)
    for summary in report.thematic_summaries:
        yield summary, "thematic_summaries", (summary.title,)


def _published(pages: _Pages, meta: Metadata) -> Prov | None:
    if meta.published_at is None:
        return None
    line, start, end = meta.published_at
    prov = pages.prov((line,), "cover")
    if prov.span is not None:  # the words matched inside the line
        offset = prov.span[0]
        prov.span = (offset + start, offset + end)
        prov.source_text = line.text[start:end]
    return prov


def _kind(pages: _Pages, doc: Document, detection: Detection, shown: Line | None) -> Prov | None:
    """Where the kind shows (`kind_line`); `shown`: the line of the detection's framework, found once
    for the framework's provenance too."""
    if follows_framework(detection.kind, detection.framework):
        line, how = shown, "framework"
    else:
        line, how = cue_line(doc, detection.kind), "cue"
    return pages.prov((line,), f"kind_{how}") if line is not None else None


def _framework(pages: _Pages, line: Line | None) -> Prov | None:
    return pages.prov((line,), "framework_standards") if line is not None else None


def _fold(text: str) -> str:
    return collapse(text).casefold()


class _Pages:
    """Each page's lines with their offsets in the page's text and their folded words, built once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._cache: dict[int, tuple[list[Line], list[int]]] = {}
        self._folds: dict[int, list[str]] = {}
        self._folded: dict[int, tuple[str, list[int]]] = {}
        self._text: dict[int, str] = {}

    def _page(self, number: int) -> tuple[list[Line], list[int]]:
        if number not in self._cache:
            lines = self.doc.page(number).lines
            self._cache[number] = (lines, _starts(line.text for line in lines))
        return self._cache[number]

    def _folded_lines(self, number: int) -> list[str]:
        """The folded words of each line of the page (for items found by their words, not their box)."""
        if number not in self._folds:
            self._folds[number] = [_fold(line.text) for line in self._page(number)[0]]
        return self._folds[number]

    def _first_holding(self, number: int, key: str) -> int | None:
        """The index of the first line of the page whose folded words hold `key` (one search over the
        page's folded text: a text conversion is one long page)."""
        if number not in self._folded:
            folded = self._folded_lines(number)
            self._folded[number] = ("\n".join(folded), _starts(folded))
        joined, starts = self._folded[number]
        at = joined.find(key)
        return None if at < 0 else bisect_right(starts, at) - 1

    def lines_of(self, page: int | None, boxed: bool, item: Located, words: Sequence[str]) -> list[int]:
        """Indexes of the consecutive lines of `page` the item was read from: inside its box (PDF),
        else the line holding the start of its words and the next lines continuing them."""
        if page is None or not 1 <= page <= self.doc.page_count:
            return []
        lines = self._page(page)[0]
        if boxed and item.bbox is not None:
            box = item.bbox
            return _first_run_inside(lines, box.x0, box.top, box.x1, box.bottom)
        folded = self._folded_lines(page)
        for text in words:
            whole = _fold(text)
            key = whole[:KEY_CHARS]
            start = self._first_holding(page, key) if key else None
            if start is None:
                continue
            end, covered = start, len(folded[start]) - folded[start].find(key)
            while end + 1 < len(lines) and covered < len(whole) and folded[end + 1] and folded[end + 1] in whole:
                end += 1
                covered += len(folded[end]) + 1
            return list(range(start, end + 1))
        return []

    def span(self, page: int, indexes: Sequence[int]) -> tuple[tuple[int, int], str]:
        """The offsets of lines `indexes` (consecutive) in the page's text, and the text there."""
        lines, starts = self._page(page)
        start = starts[indexes[0]]
        end = starts[indexes[-1]] + len(lines[indexes[-1]].text)
        if page not in self._text:
            self._text[page] = self.doc.page(page).text
        return (start, end), self._text[page][start:end]

    def prov(self, found: Sequence[Line], step: str) -> Prov:
        """The provenance of a value read from `found` (consecutive lines of one page, in order)."""
        first = found[0]
        boxes = [line.bbox for line in found if line.bbox is not None and line.page == first.page]
        box = None
        if boxes:
            x0s, tops, x1s, bottoms = zip(*boxes, strict=True)
            box = (min(x0s), min(tops), max(x1s), max(bottoms))
        place = first.place
        prov = Prov(
            page=first.page,
            bbox=to_bbox(box),
            line=place.line if place else None,
            section=place.section if place else None,
            paragraph=place.paragraph if place else None,
            row=place.row if place else None,
            origin=f"{self.doc.format}/{step}",
        )
        if 1 <= first.page <= self.doc.page_count:
            lines = self._page(first.page)[0]
            indexes = [i for i, line in enumerate(lines) if any(line is f for f in found)]
            if len(indexes) == len(found) and indexes == list(range(indexes[0], indexes[0] + len(indexes))):
                prov.span, prov.source_text = self.span(first.page, indexes)
        if self.doc.format == "docx":  # a draft has no pages: its places are sections and paragraphs
            prov.page = prov.bbox = prov.span = None
        return prov


def _starts(texts: Iterable[str]) -> list[int]:
    """The offset of each text in the texts joined by newlines."""
    starts, at = [], 0
    for text in texts:
        starts.append(at)
        at += len(text) + 1
    return starts


def _inside(line: Line, x0: float, top: float, x1: float, bottom: float) -> bool:
    """Whether a line lies in a box: more than half of its height inside it, and overlapping it
    horizontally."""
    if line.bbox is None:
        return False
    lx0, ltop, lx1, lbottom = line.bbox
    height = lbottom - ltop
    overlap = min(lbottom, bottom) - max(ltop, top)
    return height > 0 and overlap > height / 2 and min(lx1, x1) > max(lx0, x0)


def _first_run_inside(lines: Sequence[Line], x0: float, top: float, x1: float, bottom: float) -> list[int]:
    """The indexes of the first run of consecutive lines inside the box (`_inside`): the scan of the
    page's lines stops where the run ends."""
    run: list[int] = []
    for index, line in enumerate(lines):
        if _inside(line, x0, top, x1, bottom):
            run.append(index)
        elif run:
            break
    return run


_INDEX = re.compile(r"([A-Za-z_]+)(?:\[(\d+)\])?")


def _item_at(report: InspectionReport, path: str) -> Located | None:
    """The innermost located item on a field path ("units[0].standards[4].rating" -> the standard)."""
    item: object = report
    found: Located | None = None
    for name, index in _INDEX.findall(path):
        item = getattr(item, name, None)
        if index:
            item = item[int(index)] if isinstance(item, list) and int(index) < len(item) else None
        if isinstance(item, Located):
            found = item
        if item is None:
            break
    return found

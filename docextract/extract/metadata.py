"""Report metadata from the cover: title, the inspected body named in it, publication month."""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from typing import NamedTuple

from ..detect.classify import Detection, front_lines
from ..model.codes import TITLE_TRUNCATED
from ..model.record import ParseWarning
from ..read.document import Document, Line
from ..read.normalize import clean_name
from ..rules.patterns import detection_patterns, metadata_patterns, vocab
from ..rules.regexes import compiled


class Metadata(NamedTuple):
    """The cover's metadata, with where it was read: the title's lines (`title_lines`, also when the
    title was refused as cut) and the line giving the publication date with the match's character
    offsets in it (`published_at`: line, start, end)."""

    title: str | None
    subject: str | None
    published: str | None
    title_page: int | None
    warnings: tuple[ParseWarning, ...] = ()
    title_lines: tuple[Line, ...] = ()
    published_at: tuple[Line, int, int] | None = None


def extract_metadata(doc: Document, detection: Detection | None = None) -> Metadata:
    """Title (None with a `title_truncated` warning when the cover title is cut after a word that
    cannot end it, or goes on past the lines a title is read over), the subject named in it, the
    publication month and the title's page. A running header's or footer's line found by its place
    (`detection.placed`: printed at the same height in the margin of many pages, the cover's too) is
    never read for the title or the date; the same words elsewhere (the cover's imprint) are."""
    body = _Body(doc, detection)
    title, lines, cut = _title(body)
    page = lines[0].page if lines else None
    warnings: tuple[ParseWarning, ...] = ()
    if title is not None and (cut or dangling(title)):
        why = (f"goes on past the {len(lines)} lines a title is read over" if cut
               else "ends in a word that cannot end a title and no next line continues it")
        warnings = (ParseWarning(
            code=TITLE_TRUNCATED, page=page, field="title", read=title,
            message=f"cover title read as {title!r} on page {page} {why}: not stored (it may be cut)",
        ),)
        title = None
    subject = None
    if title:
        match = compiled(metadata_patterns().subject).search(title)
        subject = match.group("subject") if match else None
    published, published_at = _published(body)
    return Metadata(
        title=title,
        subject=subject,
        published=published,
        title_page=page,
        warnings=warnings,
        title_lines=lines,
        published_at=published_at,
    )


def dangling(text: str) -> bool:
    """Whether a title's line goes on: it ends in a colon or a word of patterns/metadata.yaml
    `title_dangling_words` ("... Service in")."""
    words = text.split()
    if not words:
        return False
    last = words[-1]
    return last.endswith(":") or last.casefold() in _dangling_words()


@cache
def _dangling_words() -> frozenset[str]:
    return frozenset(word.casefold() for word in metadata_patterns().title_dangling_words)


class _Body(NamedTuple):
    """The document with the detection whose placed furniture the metadata leaves out."""

    doc: Document
    detection: Detection | None

    def without_furniture(self, lines: list[Line]) -> list[Line]:
        """`lines` less the running headers' and footers' lines found by their place."""
        if self.detection is None:
            return lines
        return [line for line in lines if not self.detection.is_placed(line)]


def _title(body: _Body) -> tuple[str | None, tuple[Line, ...], bool]:
    """The cover title, its lines, and whether it may be cut: its lines reached
    patterns/metadata.yaml `max_title_lines` and the next still continues it. A title opens
    with the detection's `title_start`, on its first line or on the first lines of one heading
    set in a narrow panel ("2023 Annual" / "Report: inspections of")."""
    doc = body.doc
    rules = metadata_patterns()
    lines = body.without_furniture(front_lines(doc))
    for index, line in enumerate(lines):
        if line.text.endswith(".") or len(line.text.split()) > rules.max_title_words:
            continue
        opening = _opening(lines, index)
        if not opening:
            continue
        parts = lines[index : index + opening]
        for following in lines[index + opening : index + rules.max_title_lines]:
            if not _continues(doc, parts, following):
                break
            parts.append(following)
        else:
            after = lines[index + rules.max_title_lines : index + rules.max_title_lines + 1]
            cut = len(parts) == rules.max_title_lines and bool(after) and _continues(doc, parts, after[0])
            return clean_name(" ".join(part.text for part in parts)), tuple(parts), cut
        return clean_name(" ".join(part.text for part in parts)), tuple(parts), False
    return None, (), False


def _opening(lines: list[Line], index: int) -> int:
    """How many lines from `index` it takes for a title's opening (`title_start`) to be read: 1
    when the line holds it; more when the line and those set right below it in the same size
    (`same_heading`, PDF boxes) hold it together; 0 when they do not."""
    start = compiled(detection_patterns().title_start)
    text = lines[index].text
    if start.search(text):
        return 1
    for count, following in enumerate(lines[index + 1 : index + metadata_patterns().max_title_lines], start=2):
        if lines[index].bbox is None or not same_heading(lines[index + count - 2], following):
            return 0
        text = f"{text} {following.text}"
        if start.search(text):
            return count
    return 0


def _continues(doc: Document, parts: list[Line], following: Line) -> bool:
    """Whether `following` goes on with the title read so far: not a stop line nor a long one, and
    (PDF) the same heading right below, or right below a line that cannot end a title; (text) after
    a first line ending in a colon, or a line that cannot end a title."""
    rules = metadata_patterns()
    if compiled(rules.title_stop).search(following.text) or len(following.text.split()) > rules.next_line_max_words:
        return False
    if parts[0].bbox:
        below = right_below(parts[-1], following)
        return (same_heading(parts[-1], following) or (below and dangling(parts[-1].text))
                or (below and _same_heading_in_layout(doc, parts[-1], following)))
    return parts[0].text.endswith(":") or dangling(parts[-1].text)


def _same_heading_in_layout(doc: Document, previous: Line, following: Line) -> bool:
    """`same_heading` judged on the page's character layout (boxes from each character's font
    size and baseline), for a line right below another whose cheap-pass boxes differ: pdfium's
    loose character boxes of two lines in one font can differ in height (LibreOffice, 16.5 and
    22.4 pt for a 24 pt title). Only the page of those two lines is laid out."""
    if previous.page != following.page:
        return False
    lines = doc.layout_lines(previous.page)
    return any(
        a.text == previous.text and b.text == following.text and same_heading(a, b)
        for a, b in pairwise(lines)
    )


def right_below(previous: Line, following: Line) -> bool:
    """The next line starts in the same column on the same page, less than two of its heights
    below: the rest of a title cut after a dangling word, whatever the boxes' heights."""
    if previous.bbox is None or following.bbox is None or previous.page != following.page:
        return False
    height = max(previous.bbox[3] - previous.bbox[1], following.bbox[3] - following.bbox[1])
    gap = following.bbox[1] - previous.bbox[3]
    return height > 0 and -height <= gap <= 2 * height and abs(following.bbox[0] - previous.bbox[0]) <= 2 * height


def same_heading(previous: Line, following: Line) -> bool:
    """A wrapped heading: the next line is set in the same size, right below (PDF boxes).
    Loose boxes (font ascent to descent) of lines set closer than their font's height overlap:
    LibreOffice's 24 pt title at 30 pt leading, by 1.4 pt; up to a quarter of a line is allowed."""
    if previous.bbox is None or following.bbox is None:
        return False
    height = previous.bbox[3] - previous.bbox[1]
    other = following.bbox[3] - following.bbox[1]
    gap = following.bbox[1] - previous.bbox[3]
    return height > 0 and 0.8 <= other / height <= 1.25 and -0.25 * height <= gap <= 1.5 * height


def _published(body: _Body) -> tuple[str | None, tuple[Line, int, int] | None]:
    """The publication date from the first source of patterns/metadata.yaml the report gives:
    "YYYY-MM" from a month and year, "YYYY" from a year alone (the Crown copyright line); with the
    line and the match's offsets in it (placed furniture left out)."""
    scopes = {"front": body.without_furniture(front_lines(body.doc)),
              "front_and_back": body.without_furniture(_front_and_back(body.doc))}
    for source in metadata_patterns().published:
        pattern = source.compiled
        for line in scopes[source.scope]:
            match = pattern.search(line.text)
            if match is None:
                continue
            year = "".join(str(match.group("year")).split())
            if source.precision == "year":
                return year, (line, match.start(), match.end())
            month = _month_number(match.group("month"))
            if month is not None:
                return f"{year}-{month:02d}", (line, match.start(), match.end())
    return None, None


def _front_and_back(doc: Document) -> list[Line]:
    """The lines of the first three and the last two pages (inside and back covers)."""
    numbers = sorted({*range(1, min(3, doc.page_count) + 1), *range(max(1, doc.page_count - 1), doc.page_count + 1)})
    return list(doc.lines(numbers))


def _month_number(name: str) -> int | None:
    """1-12 for a month's name, its three-letter abbreviation or its number ('March', 'mar.', '03')."""
    key = name.strip(".").casefold()
    if key.isdigit():
        return int(key) if 1 <= int(key) <= 12 else None
    return vocab().month_number(key)

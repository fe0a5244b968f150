"""Reading Word drafts (.docx) with python-docx: paragraphs, tables (merged cells included),
numbered lists as Word numbers them, and footnotes.

A draft has no pages. Every line gets a `Place`: the heading of its section (the last heading
paragraph above it), the 1-based paragraph number inside that section (a table counts as one
paragraph; its rows are numbered 1, 2, ...), and `line`, its 1-based number among all the
paragraphs and table rows of the document. Internally the document is cut into parts at each
top-level heading and each page break, which the extractors treat as pages; `places.py` clears
them from the record.

Bounded: a file over `MAX_BYTES`, or a zip whose parts would expand beyond `MAX_UNPACKED` bytes
or more than `MAX_RATIO` times their compressed size (a zip bomb), is refused before parsing.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..model.codes import CORRUPT_DOCX, NO_TEXT, NOT_DOCX, TOO_LARGE, ZIP_BOMB
from ..model.errors import DocextractError
from .document import FOOTNOTES_SECTION, Document, Line, Page, Place
from .normalize import collapse, normalize_text

MAX_BYTES = 100 * 1024 * 1024  # a draft report is a few MB; 100 MB is refused
MAX_UNPACKED = 200 * 1024 * 1024  # all parts together, uncompressed
MAX_RATIO = 200  # uncompressed / compressed size of one part (text XML compresses ~5-20x)
MAX_PARTS = 5000

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def check_zip(path: str, data: bytes) -> None:
    """Refuse a file too large, not a zip, or a zip bomb; raise DocextractError naming the reason."""
    if len(data) > MAX_BYTES:
        raise DocextractError(
            path,
            TOO_LARGE,
            f"the document is {len(data) / 1e6:.0f} MB; drafts over {MAX_BYTES // 2**20} MB are refused",
        )
    import zipfile  # here: a parse of a PDF never opens an archive (start-up, issue 16)

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise DocextractError(path, CORRUPT_DOCX, f"corrupt or unreadable Word document ({exc})") from exc
    if len(infos) > MAX_PARTS:
        raise DocextractError(path, ZIP_BOMB, f"refused: the Word document has {len(infos)} parts")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED:
        raise DocextractError(
            path, ZIP_BOMB, f"refused: the Word document would expand to {unpacked / 1e6:.0f} MB (a zip bomb?)"
        )
    for info in infos:
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise DocextractError(
                path,
                ZIP_BOMB,
                f"refused: part {info.filename} expands {info.file_size // max(info.compress_size, 1)}x (a zip bomb?)",
            )
    if not any(info.filename == "word/document.xml" for info in infos):
        raise DocextractError(path, NOT_DOCX, "not a Word document (no word/document.xml)")


def read_docx(path: str, data: bytes) -> Document:
    """Read a .docx's bytes into a Document, or raise DocextractError naming the reason."""
    check_zip(path, data)
    import docx  # python-docx, imported only for Word drafts

    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for damaged packages
        raise DocextractError(path, CORRUPT_DOCX, f"corrupt or unreadable Word document ({exc})") from exc
    reader = _Reader(word)
    lines = list(reader.lines())
    if not lines:
        raise DocextractError(path, NO_TEXT, "the Word document has no text")
    pages = _pages(lines, reader.breaks)
    return Document(path=path, sha256=hashlib.sha256(data).hexdigest(), format="docx", pages=pages)


def _pages(lines: list[Line], breaks: set[int]) -> list[Page]:
    """Cut the lines into parts (internal pages) before each line ordinal in `breaks`."""
    parts: list[list[Line]] = [[]]
    for line in lines:
        ordinal = line.place.line if line.place is not None else None
        if ordinal in breaks and parts[-1]:
            parts.append([])
        parts[-1].append(line)
    pages: list[Page] = []
    for number, part in enumerate(parts, start=1):
        pages.append(Page(number=number, lines=[_repaged(line, number) for line in part]))
    return pages


def _repaged(line: Line, number: int) -> Line:
    return Line(text=line.text, page=number, cells=line.cells, place=line.place)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class _Numbering:
    """Word's list numbering: numbers are counted per abstract list; a w:num with a start override
    restarts its levels the first time it is used; a level's counter resets its deeper levels."""

    abstract_of: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId -> ilvl -> level
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> ilvl -> start
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[tuple[str, int]] = field(default_factory=set)

    @classmethod
    def of(cls, word: Any) -> _Numbering:
        numbering = cls()
        try:
            root = word.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        for abstract in root.findall(f"{W}abstractNum"):
            ident = abstract.get(f"{W}abstractNumId")
            levels: dict[int, _Level] = {}
            for lvl in abstract.findall(f"{W}lvl"):
                level = _Level()
                start = lvl.find(f"{W}start")
                if start is not None:
                    level.start = int(start.get(f"{W}val", "1"))
                fmt = lvl.find(f"{W}numFmt")
                if fmt is not None:
                    level.fmt = fmt.get(f"{W}val", "decimal")
                text = lvl.find(f"{W}lvlText")
                if text is not None:
                    level.text = text.get(f"{W}val", "")
                levels[int(lvl.get(f"{W}ilvl", "0"))] = level
            numbering.levels[str(ident)] = levels
        for num in root.findall(f"{W}num"):
            ident = str(num.get(f"{W}numId"))
            abstract_id = num.find(f"{W}abstractNumId")
            if abstract_id is not None:
                numbering.abstract_of[ident] = str(abstract_id.get(f"{W}val"))
            for override in num.findall(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    level_index = int(override.get(f"{W}ilvl", "0"))
                    numbering.overrides.setdefault(ident, {})[level_index] = int(start.get(f"{W}val", "1"))
        return numbering

    def label(self, num_id: str, ilvl: int) -> str:
        """The number Word prints for the next paragraph of list `num_id` at level `ilvl`."""
        abstract = self.abstract_of.get(num_id)
        if abstract is None or num_id == "0":
            return ""
        levels = self.levels.get(abstract, {})
        counters = self.counters.setdefault(abstract, {})
        level = levels.get(ilvl, _Level())
        if (num_id, ilvl) not in self.started and ilvl in self.overrides.get(num_id, {}):
            counters[ilvl] = self.overrides[num_id][ilvl] - 1
        self.started.add((num_id, ilvl))
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return "•"
        if level.fmt == "none":
            return ""
        text = level.text
        for index in range(ilvl, -1, -1):
            value = counters.get(index, levels.get(index, _Level()).start)
            text = text.replace(f"%{index + 1}", _format(value, levels.get(index, _Level()).fmt))
        return text


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        n = value
        while n > 0:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, numeral in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while value >= number:
            out += numeral
            value -= number
    return out


class _Reader:
    def __init__(self, word: Any) -> None:
        self.word = word
        self.numbering = _Numbering.of(word)
        self.section: str | None = None
        self.paragraph = 0
        self.ordinal = 0
        self.breaks: set[int] = set()  # line ordinals that start a new internal page

    def lines(self) -> Iterator[Line]:
        body = self.word.element.body
        yield from self._blocks(body)
        yield from self._footnotes()

    def _blocks(self, parent: Any) -> Iterator[Line]:
        for child in parent.iterchildren():
            if child.tag == f"{W}p":
                yield from self._paragraph(child)
            elif child.tag == f"{W}tbl":
                yield from self._table(child)
            elif child.tag == f"{W}sdt":  # a content control: its content is ordinary blocks
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    yield from self._blocks(content)

    def _paragraph(self, p: Any) -> Iterator[Line]:
        from docx.text.paragraph import Paragraph

        para = Paragraph(p, self.word.part)
        text = _text(p)
        level = _heading_level(para)
        page_break = _page_break(p)
        if not text:
            if page_break:
                self.breaks.add(self.ordinal + 1)
            return
        label = self._label(para)
        if label:
            text = f"{label} {text}"
        self.ordinal += 1
        if level is not None:
            self.section = collapse(normalize_text(text))
            self.paragraph = 0
            if level <= 1:
                self.breaks.add(self.ordinal)
        if page_break:
            self.breaks.add(self.ordinal)
        self.paragraph += 1
        clean = collapse(normalize_text(text))
        place = Place(line=self.ordinal, section=self.section, paragraph=self.paragraph)
        yield Line(text=clean, page=1, cells=(clean,), place=place)

    def _label(self, para: Any) -> str:
        num_id, ilvl = _num_pr(para)
        return self.numbering.label(num_id, ilvl) if num_id is not None else ""

    def _table(self, tbl: Any) -> Iterator[Line]:
        self.paragraph += 1  # the table is one paragraph of its section; its rows are numbered
        above: dict[int, str] = {}
        row_number = 0
        for tr in tbl.findall(f"{W}tr"):
            cells: list[str] = []
            column = _grid_before(tr)
            for tc in tr.findall(f"{W}tc"):
                span, merge = _span(tc)
                if merge == "continue":  # vertically merged: the cell above holds the text
                    text = above.get(column, "")
                else:
                    text = collapse(normalize_text(" ".join(_text(p) for p in tc.iter(f"{W}p"))))
                    above[column] = text
                cells.append(text)
                column += span
            while cells and not cells[-1]:
                cells.pop()
            joined = collapse(" ".join(c for c in cells if c))
            if not joined:
                continue
            row_number += 1
            self.ordinal += 1
            place = Place(line=self.ordinal, section=self.section, paragraph=self.paragraph, row=row_number)
            yield Line(text=joined, page=1, cells=tuple(cells), place=place)

    def _footnotes(self) -> Iterator[Line]:
        """Footnote texts, in order, as a last section (a draft has no page foot to put them on)."""
        try:
            part = next(rel.target_part for rel in self.word.part.rels.values() if rel.reltype == FOOTNOTES_REL)
        except StopIteration:
            return
        from docx.oxml.parser import parse_xml  # python-docx's parser: no entities, no network

        root = parse_xml(part.blob)
        first = True
        number = 0
        for note in root.findall(f"{W}footnote"):
            if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = collapse(normalize_text(" ".join(_text(p) for p in note.iter(f"{W}p"))))
            if not text:
                continue
            number += 1
            self.ordinal += 1
            if first:
                self.breaks.add(self.ordinal)
                first = False
            clean = f"{number} {text}"
            place = Place(line=self.ordinal, section=FOOTNOTES_SECTION, paragraph=number)
            yield Line(text=clean, page=1, cells=(clean,), place=place)


def _text(p: Any) -> str:
    """A paragraph's visible text: runs (hyperlinks, field results and inserted text included),
    tabs as spaces, line breaks as spaces; deleted text, field codes and superscript digits
    (footnote markers typed by hand) left out. Footnote references have no text."""
    out: list[str] = []
    in_code = False
    for el in p.iter():
        tag = el.tag
        if tag == f"{W}fldChar":
            kind = el.get(f"{W}fldCharType")
            in_code = kind == "begin" or (in_code and kind != "separate" and kind != "end")
        elif tag == f"{W}t" and not in_code:
            if _deleted(el) or _marker(el):
                continue
            out.append(el.text or "")
        elif tag in (f"{W}tab", f"{W}br", f"{W}cr") and not in_code:
            if tag == f"{W}tab" and el.getparent() is not None and el.getparent().tag != f"{W}r":
                continue  # a tab stop definition, not a tab character
            out.append(" ")
    return "".join(out).strip()


def _deleted(t: Any) -> bool:
    parent = t.getparent()
    while parent is not None:
        if parent.tag in (f"{W}del", f"{W}moveFrom"):
            return True
        if parent.tag == f"{W}p":
            return False
        parent = parent.getparent()
    return False


def _marker(t: Any) -> bool:
    """Superscript digits typed as a footnote marker ("79%²²" in a PDF)."""
    run = t.getparent()
    if run is None or run.tag != f"{W}r" or not (t.text or "").strip().isdigit():
        return False
    align = run.find(f"{W}rPr/{W}vertAlign")
    return align is not None and align.get(f"{W}val") == "superscript"


def _page_break(p: Any) -> bool:
    if p.find(f"{W}pPr/{W}pageBreakBefore") is not None:
        value = p.find(f"{W}pPr/{W}pageBreakBefore").get(f"{W}val", "true")
        if value not in ("0", "false", "off"):
            return True
    return any(br.get(f"{W}type") == "page" for br in p.iter(f"{W}br"))


def _heading_level(para: Any) -> int | None:
    """1 for Title and Heading 1, 2 for Heading 2 ...; from the style or an outline level."""
    style = para.style
    while style is not None:
        name = (style.name or "").lower()
        if name == "title":
            return 1
        if name.startswith("heading ") and name[8:].strip().isdigit():
            return int(name[8:].strip())
        outline = style.element.find(f"{W}pPr/{W}outlineLvl")
        if outline is not None and outline.get(f"{W}val", "9").isdigit() and int(outline.get(f"{W}val")) < 9:
            return int(outline.get(f"{W}val")) + 1
        style = style.base_style
    outline = para._p.find(f"{W}pPr/{W}outlineLvl")
    if outline is not None and outline.get(f"{W}val", "9").isdigit() and int(outline.get(f"{W}val")) < 9:
        return int(outline.get(f"{W}val")) + 1
    return None


def _num_pr(para: Any) -> tuple[str | None, int]:
    """The paragraph's list (numId) and level, from its own properties or its style's."""
    pr = para._p.find(f"{W}pPr/{W}numPr")
    style = para.style
    while pr is None and style is not None:
        pr = style.element.find(f"{W}pPr/{W}numPr")
        style = style.base_style
    if pr is None:
        return None, 0
    num = pr.find(f"{W}numId")
    level = pr.find(f"{W}ilvl")
    return (
        str(num.get(f"{W}val")) if num is not None else None,
        int(level.get(f"{W}val", "0")) if level is not None else 0,
    )


def _grid_before(tr: Any) -> int:
    before = tr.find(f"{W}trPr/{W}gridBefore")
    return int(before.get(f"{W}val", "0")) if before is not None else 0


def _span(tc: Any) -> tuple[int, str | None]:
    span = tc.find(f"{W}tcPr/{W}gridSpan")
    merge = tc.find(f"{W}tcPr/{W}vMerge")
    columns = int(span.get(f"{W}val", "1")) if span is not None else 1
    kind = None if merge is None else merge.get(f"{W}val", "continue")
    return columns, kind

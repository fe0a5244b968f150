"""Document blocks -> a Word draft (.docx) as an author writes one: heading styles, numbered
lists that Word numbers (List Number / List Bullet with w:numPr; a restart or a skipped number
is a new list instance with a start override, as Word makes it), real footnotes (a footnotes
part and w:footnoteReference), tables, page breaks. No layout: a draft has no pages.

    data = draft_docx(blocks)                 # the blocks of compose()
    pdf_report, data = generate_draft(spec)   # the PDF rendering and the Word draft of one spec

Shared with the producer matrix (which prints its own .docx through LibreOffice): both take the
blocks of `compose`, so the truth of the PDF is the truth of the draft.
"""

from __future__ import annotations

import io
import random
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .blocks import Block, ContentsLine, PageBreak, Para, Run, Spacer, Table
from .compose import compose
from .defects import inject
from .generate import GeneratedReport, ReportSpec, generate_report
from .values import draw_report

_STYLES = {"title": "Title", "subtitle": "Subtitle", "h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3"}
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class _Footnotes:
    """A footnotes part built by hand (python-docx has no footnote API)."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.notes: list[tuple[int, str]] = []
        self.ids: dict[tuple[str, str], int] = {}

    def reference(self, marker: str, text: str) -> int:
        key = (marker, text)
        if key not in self.ids:
            self.ids[key] = len(self.notes) + 1
            self.notes.append((self.ids[key], text))
        return self.ids[key]

    def attach(self) -> None:
        if not self.notes:
            return
        from xml.sax.saxutils import escape

        body = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
            "</w:r></w:p></w:footnote>",
        ]
        for ident, text in self.notes:
            body.append(
                f'<w:footnote w:id="{ident}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
            )
        xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{_W_NS}">'
        xml += "".join(body) + "</w:footnotes>"
        part = Part(PackURI("/word/footnotes.xml"), _FOOTNOTES_TYPE, xml.encode("utf-8"), self.document.part.package)
        self.document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


class _Lists:
    """Word list instances: consecutive numbers continue one w:num; anything else starts a new one."""

    def __init__(self, document: Any) -> None:
        self.numbering = document.part.numbering_part.element
        self.abstract = self._abstract_of(document, "List Number")
        self.current: str | None = None
        self.last = 0

    def _abstract_of(self, document: Any, style: str) -> int:
        num_id = document.styles[style].element.pPr.numPr.numId.val
        num = next(n for n in self.numbering.num_lst if n.numId == num_id)
        return int(num.abstractNumId.val)

    def number(self, value: int) -> str:
        if self.current is None or value != self.last + 1:
            num = self.numbering.add_num(self.abstract)
            num.add_lvlOverride(ilvl=0).add_startOverride(value)
            self.current = str(num.numId)
        self.last = value
        return self.current

    def interrupt(self) -> None:
        self.current = None
        self.last = 0


def _num_pr(paragraph: Any, num_id: str) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), "0")
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), num_id)
    numpr.append(ilvl)
    numpr.append(num)
    ppr.append(numpr)


def _runs(paragraph: Any, runs: list[Run], notes: _Footnotes, footnotes: dict[str, str], bold: bool = False) -> None:
    for text, style in runs:
        if style == "sup" and text in footnotes:
            ident = notes.reference(text, footnotes[text])
            run = paragraph.add_run()
            run.font.superscript = True
            ref = OxmlElement("w:footnoteReference")
            ref.set(qn("w:id"), str(ident))
            run._r.append(ref)
            continue
        run = paragraph.add_run(text)
        run.bold = True if style == "bold" or bold else None
        if style == "italic":
            run.italic = True
        if style == "sup":
            run.font.superscript = True


def draft_docx(blocks: list[Block]) -> bytes:
    """The blocks as a Word draft; deterministic for the same blocks."""
    document = docx.Document()
    document.core_properties.author = "docextract synthetic drafts"
    notes = _Footnotes(document)
    lists = _Lists(document)
    for block in blocks:
        if isinstance(block, Para):
            _para(document, block, notes, lists)
        elif isinstance(block, Table):
            lists.interrupt()
            _table(document, block, notes)
        elif isinstance(block, ContentsLine):
            document.add_paragraph(block.text, style="Normal")
        elif isinstance(block, PageBreak):
            document.add_page_break()  # type: ignore[no-untyped-call]
        elif isinstance(block, Spacer):
            continue
    notes.attach()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _para(document: Any, block: Para, notes: _Footnotes, lists: _Lists) -> None:
    style = _STYLES.get(block.style, "Normal")
    number = block.bullet[:-1] if block.bullet and block.bullet.endswith(".") else None
    if number is not None and number.isdigit():
        paragraph = document.add_paragraph(style="List Number")
        _num_pr(paragraph, lists.number(int(number)))
    elif block.bullet:
        lists.interrupt() if block.style in _STYLES else None
        paragraph = document.add_paragraph(style="List Bullet")
    else:
        if block.style in _STYLES:
            lists.interrupt()
        paragraph = document.add_paragraph(style=style)
    _runs(paragraph, block.runs, notes, block.footnotes, bold=block.style in ("rating", "label"))


def _table(document: Any, block: Table, notes: _Footnotes) -> None:
    columns = max(len(row) for row in block.rows)
    table = document.add_table(rows=0, cols=columns)
    table.style = "Table Grid" if block.ruled else None
    for row in block.rows:
        cells = table.add_row().cells
        for cell, content in zip(cells, row, strict=False):
            paragraph = cell.paragraphs[0]
            _runs(paragraph, content.runs, notes, block.footnotes, bold=content.bold)


def generate_draft(spec: ReportSpec) -> tuple[GeneratedReport, bytes]:
    """The PDF rendering of `spec` (with its truth) and the same report as a Word draft.

    Runs the generator's steps again with the same seed, so the blocks are those the PDF was laid
    out from (values, injected defects and prose identical)."""
    generated = generate_report(spec)
    rng = random.Random(spec.seed)
    report = draw_report(rng, spec.name, spec.seed, spec.framework, spec.pages, spec.layout)
    inject(report, spec.defects, rng)
    blocks, _header = compose(report, rng)
    return generated, draft_docx(blocks)

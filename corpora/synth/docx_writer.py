"""Document blocks -> a Word document (python-docx), for LibreOffice (or Word) to print.

The same blocks the layout engine draws, so the truth is the same. Paragraph styles carry the
house style (Liberation fonts, metric-compatible with Helvetica and Times); tables get cell
shading and widths; the running header and the page number are Word header/footer content
(a PAGE field). Footnotes are printed as notes at the end of each section, and contents
lines carry a PAGEREF field to a bookmark on their heading, as Word's own contents do.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from .blocks import Block, Cell, ContentsLine, PageBreak, Para, Run, Spacer, Table
from .generate import Look
from .layout import COLOURS, MARGIN, RGB, STYLES

FAMILIES = {"Helvetica": "Liberation Sans", "Times": "Liberation Serif"}
_PAGE = {"A4": (595.2756, 841.8898), "Letter": (612.0, 792.0)}
_HEADINGS = {"title": "Title", "h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3"}


def _rgb(rgb: RGB) -> RGBColor:
    return RGBColor(*(round(c * 255) for c in rgb))


def _hex(rgb: RGB) -> str:
    return "".join(f"{round(c * 255):02X}" for c in rgb)


def _field(paragraph: Any, instruction: str, shown: str = "1") -> None:
    """A complex field (PAGE, PAGEREF …) with a placeholder result the printing program updates."""
    def char(kind: str) -> Any:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    run = paragraph.add_run()
    run._r.append(char("begin"))
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    paragraph.add_run()._r.append(char("separate"))
    paragraph.add_run(shown)
    paragraph.add_run()._r.append(char("end"))


def _bookmark(paragraph: Any, name: str, ident: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(ident))
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _shade(cell: Any, rgb: RGB) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), _hex(rgb))
    cell._tc.get_or_add_tcPr().append(shd)


def _borders(table: Any, ruled: bool) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single" if ruled else "nil")
        if ruled:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), _hex(COLOURS["rule"]))
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _bookmark_name(key: str) -> str:
    return "_Ref_" + "".join(c if c.isalnum() else "_" for c in key)[:30]


class DocxWriter:
    def __init__(self, layout: Look) -> None:
        self.layout = layout
        self.doc = docx.Document()
        self.notes: list[tuple[str, str]] = []
        self.bookmarks = 0
        self.contents_keys: set[str] = set()
        self._styles()

    def _styles(self) -> None:
        family = FAMILIES[self.layout.font]
        heading = COLOURS[self.layout.heading_colour]
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = family
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), family)
        normal.font.size = Pt(STYLES["body"][0])
        normal.font.color.rgb = _rgb(COLOURS["text"])
        for style, name in _HEADINGS.items():
            size, leading, bold, coloured, before, after = STYLES[style]
            st = styles[name]
            st.font.name = family
            st.font.size = Pt(size)
            st.font.bold = bold
            st.font.italic = False
            st.font.color.rgb = _rgb(heading if coloured else COLOURS["text"])
            fmt = st.paragraph_format
            fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(before), Pt(after), Pt(leading)
            fmt.keep_with_next = True
            rpr = st.element.get_or_add_rPr()
            for el in rpr.findall(qn("w:rFonts")):
                for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                    el.attrib.pop(qn(attr), None)
            pbdr = st.element.get_or_add_pPr().find(qn("w:pBdr"))  # the Title style's rule
            if pbdr is not None:
                st.element.pPr.remove(pbdr)
        width, height = _PAGE[self.layout.page_size]
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Pt(width), Pt(height)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Pt(MARGIN))
        section.header_distance = section.footer_distance = Pt(28)
        props = self.doc.core_properties
        props.author = "docextract synthetic corpus"
        props.created = props.modified = dt.datetime(2020, 1, 1)
        props.last_modified_by = "docextract"
        props.revision = 1

    def _runs(self, paragraph: Any, runs: list[Run], bold: bool = False) -> None:
        for text, style in runs:
            run = paragraph.add_run(text)
            if style == "bold" or bold:
                run.bold = True
            if style == "italic":
                run.italic = True
            if style == "sup":
                run.font.superscript = True

    def _flush_notes(self) -> None:
        if not self.notes:
            return
        rule = self.doc.add_paragraph("_" * 24)
        rule.paragraph_format.space_before = Pt(12)
        rule.runs[0].font.color.rgb = _rgb(COLOURS["rule"])
        for marker, text in self.notes:
            p = self.doc.add_paragraph()
            self._runs(p, [(marker, "sup"), (" " + text, "normal")])
            for run in p.runs:
                run.font.size = Pt(9)
            p.paragraph_format.space_after = Pt(2)
        self.notes = []

    def _note(self, notes: dict[str, str]) -> None:
        self.notes += [(m, t) for m, t in notes.items() if (m, t) not in self.notes]

    def para(self, para: Para) -> None:
        size, leading, bold, coloured, before, after = STYLES[para.style]
        p = self.doc.add_paragraph(style=_HEADINGS.get(para.style))
        fmt = p.paragraph_format
        if para.style not in _HEADINGS:
            fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(before), Pt(after), Pt(leading)
        if para.keep_with_next or para.style == "label":
            fmt.keep_with_next = True
        if para.align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if para.bullet:
            fmt.left_indent, fmt.first_line_indent = Pt(18), Pt(-18)
            fmt.tab_stops.add_tab_stop(Pt(18))
            p.add_run(para.bullet + "\t")
        self._runs(p, para.runs)
        colour = COLOURS[para.colour] if para.colour else (
            COLOURS[self.layout.heading_colour] if coloured else None)
        for run in p.runs:
            if para.style not in _HEADINGS:
                run.font.size = Pt(size)
                if bold:
                    run.bold = True
            if colour is not None and para.style not in _HEADINGS:
                run.font.color.rgb = _rgb(colour)
        if para.anchor and para.anchor in self.contents_keys:
            self.bookmarks += 1
            _bookmark(p, _bookmark_name(para.anchor), self.bookmarks)
        self._note(para.footnotes)

    def _cell(self, cell: Any, content: Cell, header: bool, width: float, ruled: bool) -> None:
        cell.width = Pt(width)
        p = cell.paragraphs[0]
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.line_spacing = Pt(STYLES["cell"][1])
        self._runs(p, content.runs, bold=content.bold or header)
        for run in p.runs:
            run.font.size = Pt(STYLES["cell"][0])
        fill = COLOURS[content.fill] if content.fill else (COLOURS["header"] if header and ruled else None)
        if fill is not None:
            _shade(cell, fill)

    def table(self, table: Table) -> None:
        page_w = _PAGE[self.layout.page_size][0] - 2 * MARGIN
        widths = [f * page_w for f in table.widths]
        t = self.doc.add_table(rows=len(table.rows), cols=len(widths))
        t.alignment = WD_TABLE_ALIGNMENT.LEFT
        t.autofit = False
        _borders(t, table.ruled)
        for column, w in zip(t.columns, widths, strict=True):
            column.width = Pt(w)  # the grid LibreOffice lays out by
        for r, (row, content) in enumerate(zip(t.rows, table.rows, strict=True)):
            header = r < table.header_rows
            trpr = row._tr.get_or_add_trPr()
            if header or not table.split_rows:  # else the row may break across pages, as Word's default
                trpr.append(OxmlElement("w:cantSplit"))
            if header and table.repeat_header:
                trpr.append(OxmlElement("w:tblHeader"))
            for cell, c, w in zip(row.cells, content, widths, strict=True):
                self._cell(cell, c, header, w, table.ruled)
                if table.keep_together and r < len(table.rows) - 1:
                    cell.paragraphs[0].paragraph_format.keep_with_next = True
        self.doc.add_paragraph().paragraph_format.space_after = Pt(4)
        self._note(table.footnotes)

    def contents(self, line: ContentsLine, right: float) -> None:
        p = self.doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.space_after, fmt.line_spacing = Pt(0), Pt(17)
        fmt.tab_stops.add_tab_stop(Pt(right), WD_TAB_ALIGNMENT.RIGHT)
        p.add_run(line.text + "\t")
        _field(p, f"PAGEREF {_bookmark_name(line.key)} \\h")

    def header_footer(self, header: str) -> None:
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        hp = section.header.paragraphs[0]
        hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = hp.add_run(header)
        run.font.size = Pt(8.5)
        run.font.color.rgb = _rgb(COLOURS["grey"])
        fp = section.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _field(fp, "PAGE")
        for r in fp.runs:
            r.font.size = Pt(9)

    def write(self, blocks: list[Block], title: str, header: str) -> bytes:
        self.doc.core_properties.title = title
        self.contents_keys = {b.key for b in blocks if isinstance(b, ContentsLine)}
        self.header_footer(header)
        right = _PAGE[self.layout.page_size][0] - 2 * MARGIN
        pending_break = False
        for block in blocks:
            if isinstance(block, PageBreak):
                self._flush_notes()
                pending_break = True
                continue
            if pending_break:
                self.doc.add_page_break()  # type: ignore[no-untyped-call]
                pending_break = False
            if isinstance(block, Spacer):
                p = self.doc.add_paragraph()
                p.paragraph_format.space_after = Pt(max(0.0, block.height - 12))
                p.paragraph_format.line_spacing = Pt(12)
            elif isinstance(block, Para):
                self.para(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, ContentsLine):
                self.contents(block, right)
        self._flush_notes()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def to_docx(blocks: list[Block], layout: Look, title: str, header: str) -> bytes:
    """The report as a .docx file (bytes)."""
    return DocxWriter(layout).write(blocks, title, header)

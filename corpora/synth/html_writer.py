"""Document blocks -> one HTML page in the house style, for browsers and WeasyPrint to print.

The same blocks the layout engine draws (so the truth is the same); the printing program
does its own layout. Footnotes are printed as notes at the end of each section (browsers
have no page footnotes); WeasyPrint also gets contents page numbers (``target-counter``)
and running headers from CSS page-margin boxes, which Chromium ignores or draws as it can.
"""

from __future__ import annotations

from html import escape

from .blocks import Block, Cell, ContentsLine, PageBreak, Para, Run, Spacer, Table
from .generate import Look
from .layout import COLOURS, RGB, STYLES

FAMILIES = {"Helvetica": "'Liberation Sans', Arial, Helvetica, sans-serif",
            "Times": "'Liberation Serif', 'Times New Roman', Times, serif"}
_TAGS = {"title": "p", "subtitle": "p", "h1": "h1", "h2": "h2", "h3": "h3", "body": "p", "label": "p",
         "rating": "p", "small": "p"}


def css_colour(rgb: RGB) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)


def _runs(runs: list[Run]) -> str:
    out = []
    for text, style in runs:
        t = escape(text, quote=False)
        out.append({"bold": f"<b>{t}</b>", "italic": f"<i>{t}</i>", "sup": f"<sup>{t}</sup>"}.get(style, t))
    return "".join(out)


def _stylesheet(layout: Look, header: str, weasy: bool) -> str:
    family = FAMILIES[layout.font]
    heading = css_colour(COLOURS[layout.heading_colour])
    rules = []
    for style, (size, leading, bold, coloured, before, after) in STYLES.items():
        if style == "cell":
            continue
        tag = _TAGS[style]
        sel = tag if tag != "p" or style == "body" else f"p.{style}"
        rules.append(f"{sel} {{ font-size: {size}pt; line-height: {leading}pt; margin: {before}pt 0 {after}pt 0;"
                     f" font-weight: {'bold' if bold else 'normal'};"
                     f"{f' color: {heading};' if coloured else ''} }}")
    cell_size, cell_leading = STYLES["cell"][:2]
    text_width = (595.28 if layout.page_size == "A4" else 612.0) - 144
    header_css = escape(header, quote=True).replace('"', '\\"')
    toc = ("p.toc a::after { content: leader('.') target-counter(attr(href), page); }" if weasy else "")
    return f"""
@page {{ size: {'A4' if layout.page_size == 'A4' else 'letter'}; margin: 72pt 72pt 72pt 72pt;
  @top-right {{ content: "{header_css}"; font-family: {family}; font-size: 8.5pt; color: #595959; }}
  @bottom-center {{ content: counter(page); font-family: {family}; font-size: 9pt; }} }}
@page :first {{ @top-right {{ content: none; }} }}
html {{ font-family: {family}; font-size: 11pt; color: #1a1a1a; }}
body {{ margin: 0; }}
{chr(10).join(rules)}
h1, h2, h3, p.label {{ break-after: avoid; }}
p.keep {{ break-after: avoid; }}
p.bullet {{ margin-left: 18pt; text-indent: -18pt; }}
p.bullet span.b {{ display: inline-block; width: 18pt; text-indent: 0; }}
p.toc {{ margin: 0; line-height: 17pt; }}
p.toc a {{ color: inherit; text-decoration: none; }}
{toc}
div.pb {{ break-after: page; height: 0; }}
div.notes {{ border-top: 0.5pt solid #8c8c8c; width: 140pt; margin-top: 12pt; }}
div.notes p {{ font-size: 9pt; line-height: 11pt; margin: 2pt 0 0 0; width: {text_width:.0f}pt; }}
sup {{ font-size: 62%; line-height: 0; }}
table {{ border-collapse: collapse; margin: 4pt 0 10pt 0; table-layout: fixed; }}
td {{ vertical-align: top; padding: 3.5pt; font-size: {cell_size}pt; line-height: {cell_leading}pt; text-align: left; }}
table.ruled td {{ border: 0.5pt solid #8c8c8c; }}
table.ruled tr.head td {{ background: {css_colour(COLOURS['header'])}; }}
tr.head td {{ font-weight: bold; }}
table.plain tr.head td {{ border-bottom: 0.5pt solid #8c8c8c; }}
table.keep, tr {{ break-inside: avoid; }}
"""


class HtmlWriter:
    def __init__(self, layout: Look, weasy: bool) -> None:
        self.layout = layout
        self.weasy = weasy
        self.notes: list[tuple[str, str]] = []
        self.parts: list[str] = []

    def _flush_notes(self) -> None:
        if self.notes:
            self.parts.append('<div class="notes">' + "".join(
                f"<p><sup>{escape(m)}</sup> {escape(t, quote=False)}</p>" for m, t in self.notes) + "</div>")
            self.notes = []

    def _note(self, notes: dict[str, str]) -> None:
        self.notes += [(m, t) for m, t in notes.items() if (m, t) not in self.notes]

    def para(self, para: Para, keep: bool) -> None:
        tag = _TAGS[para.style]
        classes = [para.style] if tag == "p" and para.style != "body" else []
        if para.bullet:
            classes.append("bullet")
        if keep or para.keep_with_next:
            classes.append("keep")
        attrs = f' class="{" ".join(classes)}"' if classes else ""
        if para.anchor:
            attrs += f' id="{escape(para.anchor)}"'
        style = []
        if para.colour:
            style.append(f"color: {css_colour(COLOURS[para.colour])}")
        if para.align == "center":
            style.append("text-align: center")
        if style:
            attrs += f' style="{"; ".join(style)}"'
        body = _runs(para.runs)
        if para.bullet:
            body = f'<span class="b">{escape(para.bullet)}</span>{body}'
        self.parts.append(f"<{tag}{attrs}>{body}</{tag}>")
        self._note(para.footnotes)

    def _cell(self, cell: Cell, header: bool) -> str:
        attrs = ""
        if cell.fill:
            attrs = f' style="background: {css_colour(COLOURS[cell.fill])}"'
        body = _runs(cell.runs)
        if cell.bold and not header:
            body = f"<b>{body}</b>"
        return f"<td{attrs}>{body}</td>"

    def table(self, table: Table) -> None:
        classes = ["ruled" if table.ruled else "plain"]
        if table.keep_together:
            classes.append("keep")
        attrs = f' class="{" ".join(classes)}"'
        if table.anchor:
            attrs += f' id="{escape(table.anchor)}"'
        total = sum(table.widths)
        cols = "".join(f'<col style="width: {100 * w / total:.1f}%">' for w in table.widths)
        width = 100 * min(1.0, total)
        out = [f'<table{attrs} style="width: {width:.0f}%"><colgroup>{cols}</colgroup>']
        head, body = table.rows[: table.header_rows], table.rows[table.header_rows:]
        rows = "".join('<tr class="head">' + "".join(self._cell(c, True) for c in row) + "</tr>" for row in head)
        # browsers repeat a <thead> on every page a table spans: use one only where the report repeats it
        out.append(f"<thead>{rows}</thead><tbody>" if table.repeat_header else f"<tbody>{rows}")
        out += ["<tr>" + "".join(self._cell(c, False) for c in row) + "</tr>" for row in body]
        out.append("</tbody></table>")
        self.parts.append("".join(out))
        self._note(table.footnotes)

    def write(self, blocks: list[Block], title: str, header: str) -> str:
        for i, block in enumerate(blocks):
            if isinstance(block, PageBreak):
                self._flush_notes()
                self.parts.append('<div class="pb"></div>')
            elif isinstance(block, Spacer):
                self.parts.append(f'<div style="height: {block.height}pt"></div>')
            elif isinstance(block, Para):
                nxt = blocks[i + 1] if i + 1 < len(blocks) else None
                self.para(block, block.style.startswith("h") and isinstance(nxt, Para | Table))
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, ContentsLine):
                self.parts.append(f'<p class="toc"><a href="#{escape(block.key)}">{escape(block.text)}</a></p>')
        self._flush_notes()
        return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
                f"<style>{_stylesheet(self.layout, header, self.weasy)}</style></head>\n<body>\n"
                + "\n".join(self.parts) + "\n</body></html>\n")


def to_html(blocks: list[Block], layout: Look, title: str, header: str, *, weasy: bool = False) -> str:
    """The report as one HTML document (UTF-8 text). ``weasy`` adds what only WeasyPrint prints:
    contents page numbers from ``target-counter``."""
    return HtmlWriter(layout, weasy).write(blocks, title, header)

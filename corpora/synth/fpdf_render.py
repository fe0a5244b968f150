"""Pages from the layout engine -> PDF bytes with fpdf2 (embedded Liberation TrueType fonts).

The same page layout as the reportlab canvas (Liberation Sans and Serif have the metrics of
Helvetica and Times), written by another PDF library: other text operators, font embedding
and content-stream order.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF

from .layout import COLOURS, Engine, LineOp, RectOp, TextOp, width

FONT_DIR = Path("/usr/share/fonts/truetype/liberation")
_FILES = {
    "Helvetica": ("LiberationSans", ""), "Helvetica-Bold": ("LiberationSans", "B"),
    "Helvetica-Oblique": ("LiberationSans", "I"), "Times-Roman": ("LiberationSerif", ""),
    "Times-Bold": ("LiberationSerif", "B"), "Times-Italic": ("LiberationSerif", "I"),
}
_SUFFIX = {"": "Regular", "B": "Bold", "I": "Italic"}


def render_fpdf(engine: Engine, title: str) -> bytes:
    """Raises FileNotFoundError when the Liberation fonts (Debian ``fonts-liberation``) are missing."""
    pdf = FPDF(unit="pt", format=(engine.page_w, engine.page_h))
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.set_creation_date(dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    pdf.set_title(title)
    pdf.set_author("docextract synthetic corpus")
    for family, style in sorted(set(_FILES.values())):
        pdf.add_font(family, style, str(FONT_DIR / f"{family}-{_SUFFIX[style]}.ttf"))
    pdf.set_line_width(0.5)
    pdf.set_draw_color(*(round(c * 255) for c in COLOURS["rule"]))
    h = engine.page_h
    for page in engine.pages:
        pdf.add_page()
        for op in page.ops:
            if isinstance(op, TextOp):
                family, style = _FILES[op.font]
                pdf.set_font(family, style, op.size)
                pdf.set_text_color(*(round(c * 255) for c in op.rgb))
                if op.page_of:
                    text = str(engine.anchors.get(op.text, ""))
                    pdf.text(op.x - width(text, op.font, op.size), h - op.y, text)
                else:
                    pdf.text(op.x, h - op.y, op.text)
            elif isinstance(op, RectOp):
                if op.fill is not None:
                    pdf.set_fill_color(*(round(c * 255) for c in op.fill))
                style = ("DF" if op.stroke else "F") if op.fill is not None else "D"
                pdf.rect(op.x, h - op.y - op.h, op.w, op.h, style=style)
            elif isinstance(op, LineOp):
                pdf.line(op.x1, h - op.y1, op.x2, h - op.y2)
    return bytes(pdf.output())

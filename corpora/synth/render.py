"""Pages from the layout engine -> PDF bytes (reportlab canvas, invariant output)."""

from __future__ import annotations

import io

from reportlab import rl_config  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from .layout import COLOURS, MARGIN, RGB, Engine, LineOp, RectOp, TextOp, width
from .rules import SUPERSCRIPT as _SUP


def _footnote_lines(engine: Engine, marker: str, text: str) -> list[list[tuple[str, str]]]:
    words = engine._words([(marker, "sup"), (" " + text, "normal")], 9, False)
    lines = engine._lines(words, engine.text_w, width(" ", engine.fonts["normal"], 9))
    return [[part for w in line for part in (*w.parts, (" ", "normal"))] for line in lines]


def finish_pages(engine: Engine, header: str, first_header_page: int = 2) -> None:
    """Add running headers, page numbers and footnotes to every page (ops and text)."""
    for page in engine.pages:
        if page.footnotes:
            y = engine.bottom + page.footnote_height - 4
            page.ops.append(LineOp(MARGIN, y, MARGIN + 140, y))
            y -= 6
            for marker, text in page.footnotes:
                for n, line in enumerate(_footnote_lines(engine, marker, text)):
                    y -= 11
                    x = MARGIN
                    for piece, style in line:
                        size = 9 * 0.62 if style == "sup" else 9.0
                        rise = 3.2 if style == "sup" else 0.0
                        if piece != " ":
                            page.ops.append(TextOp(x, y + rise, engine.fonts["normal"], size, COLOURS["text"], piece))
                        x += width(piece, engine.fonts["normal"], size)
                    if n == 0:
                        page.text.append(f"{marker} {text}".translate(_SUP))
                y -= 2
        if page.number >= first_header_page:
            font = engine.fonts["normal"]
            top = engine.page_h - 44
            page.ops.append(TextOp(engine.page_w - MARGIN - width(header, font, 8.5), top, font, 8.5,
                                   COLOURS["grey"], header))
            page.ops.append(LineOp(MARGIN, top - 5, engine.page_w - MARGIN, top - 5))
            num = str(page.number)
            page.ops.append(TextOp((engine.page_w - width(num, font, 9)) / 2, 36, font, 9, COLOURS["text"], num))




def render_pdf(engine: Engine, title: str, compress: bool = True) -> bytes:
    """Render with ASCII85 off (binary zlib streams: smaller, and much faster without rl_accel)."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        return _render(engine, title, compress)
    finally:
        rl_config.useA85 = saved


def _render(engine: Engine, title: str, compress: bool) -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(engine.page_w, engine.page_h), invariant=1, pageCompression=int(compress))
    canvas.setTitle(title)
    canvas.setAuthor("docextract synthetic corpus")
    for page in engine.pages:
        font: tuple[str, float] | None = None
        fill: RGB | None = None
        canvas.setLineWidth(0.5)
        canvas.setStrokeColorRGB(*COLOURS["rule"])
        for op in page.ops:
            if isinstance(op, TextOp):
                if (op.font, op.size) != font:
                    canvas.setFont(op.font, op.size)
                    font = (op.font, op.size)
                if op.rgb != fill:
                    canvas.setFillColorRGB(*op.rgb)
                    fill = op.rgb
                if op.page_of:
                    text = str(engine.anchors.get(op.text, ""))
                    canvas.drawString(op.x - width(text, op.font, op.size), op.y, text)
                else:
                    canvas.drawString(op.x, op.y, op.text)
            elif isinstance(op, RectOp):
                if op.fill is not None:
                    canvas.setFillColorRGB(*op.fill)
                    fill = op.fill
                canvas.rect(op.x, op.y, op.w, op.h, stroke=int(op.stroke), fill=int(op.fill is not None))
            else:
                canvas.line(op.x1, op.y1, op.x2, op.y2)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def page_texts(engine: Engine) -> list[str]:
    out = []
    for page in engine.pages:
        text = "\n".join(page.text) + "\n"
        for key, number in engine.anchors.items():
            text = text.replace(f"\x00{key}\x00", str(number))
        out.append(text)
    return out

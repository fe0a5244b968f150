"""Page images of a PDF (rendered with pypdfium2, drawn on with Pillow): a crop around a finding with
the words highlighted, and a whole page with every extracted value's box drawn and labelled.

Boxes are in PDF points with the origin at the page's top left (as everywhere in docextract).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from ..model.codes import UNREADABLE
from ..model.errors import DocextractError
from ..model.record import BBox, InspectionReport, Located

SCALE = 2.0  # pixels per PDF point (144 dpi)
HIGHLIGHT = (255, 221, 0, 90)
OUTLINE = (204, 0, 0, 255)
CROP_MARGIN = 48.0  # points of context above and below the box


@dataclass(frozen=True)
class Box:
    """A labelled box to draw: `label` is what was read there."""

    bbox: BBox
    label: str
    colour: tuple[int, int, int]


class PageRenderer:
    """Renders pages of one PDF on demand (the file is opened once). Use as a context manager."""

    def __init__(self, path: str | Path) -> None:
        import pypdfium2 as pdfium

        try:
            self._pdf: Any = pdfium.PdfDocument(str(path))
        except (pdfium.PdfiumError, OSError) as exc:
            raise DocextractError(str(path), UNREADABLE, f"cannot render the PDF ({exc})") from exc

    @property
    def page_count(self) -> int:
        """The number of pages of the PDF."""
        return len(self._pdf)

    def render(self, number: int, scale: float = SCALE) -> Image.Image:
        """The 1-based page `number` as an RGB image, `scale` pixels per point."""
        if not 1 <= number <= len(self._pdf):
            raise ValueError(f"page {number} is out of range (the PDF has {len(self._pdf)} pages)")
        page = self._pdf[number - 1]
        try:
            image: Image.Image = page.render(scale=scale).to_pil().convert("RGB")
        finally:
            page.close()
        return image

    def find_box(self, number: int, text: str, within: BBox, slack: float = 2.0) -> BBox | None:
        """The box of the occurrence of `text` on page `number` that lies inside `within` (the
        middle of its box, `slack` points of tolerance), nearest its middle; None when there is none."""
        if not text.strip() or not 1 <= number <= len(self._pdf):
            return None
        page = self._pdf[number - 1]
        textpage = page.get_textpage()
        best: tuple[float, BBox] | None = None
        try:
            height = float(page.get_size()[1])
            searcher = textpage.search(text.strip(), match_case=True)
            try:
                while (hit := searcher.get_next()) is not None:
                    start, count = hit
                    boxes = [textpage.get_charbox(i, loose=True) for i in range(start, start + count)]
                    box = BBox(
                        x0=min(b[0] for b in boxes),
                        top=height - max(b[3] for b in boxes),
                        x1=max(b[2] for b in boxes),
                        bottom=height - min(b[1] for b in boxes),
                    )
                    mx, my = (box.x0 + box.x1) / 2, (box.top + box.bottom) / 2
                    inside = within.x0 - slack <= mx <= within.x1 + slack
                    if not (inside and within.top - slack <= my <= within.bottom + slack):
                        continue
                    distance = abs(mx - (within.x0 + within.x1) / 2) + abs(my - (within.top + within.bottom) / 2)
                    if best is None or distance < best[0]:
                        best = (distance, box)
            finally:
                searcher.close()
        finally:
            textpage.close()
            page.close()
        return best[1] if best is not None else None

    def close(self) -> None:
        """Close the PDF."""
        self._pdf.close()

    def __enter__(self) -> PageRenderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _scaled(box: BBox, scale: float) -> tuple[float, float, float, float]:
    return (box.x0 * scale, box.top * scale, box.x1 * scale, box.bottom * scale)


def highlight_crop(image: Image.Image, box: BBox, scale: float = SCALE, margin: float = CROP_MARGIN) -> Image.Image:
    """A full-width strip of the page around `box` with the box filled in yellow and outlined in red."""
    x0, top, x1, bottom = _scaled(box, scale)
    pad = 2 * scale
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    draw.rectangle((x0 - pad, top - pad, x1 + pad, bottom + pad), fill=HIGHLIGHT, outline=OUTLINE, width=3)
    marked = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    upper = max(int(top - margin * scale), 0)
    lower = min(int(bottom + margin * scale), image.height)
    return marked.crop((0, upper, image.width, lower))


def png_bytes(image: Image.Image) -> bytes:
    """The image as PNG bytes (optimised)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


_PALETTE = {
    "unit": (0, 102, 204),
    "standard": (0, 140, 70),
    "key question": (150, 60, 180),
    "prompt": (150, 110, 200),
    "recommendation": (210, 100, 0),
    "stated count": (200, 0, 0),
    "previous recommendation": (120, 120, 120),
    "tally": (120, 120, 120),
}


def value_boxes(report: InspectionReport, page: int) -> list[Box]:
    """Every extracted value on `page` that has a box, labelled with what was read."""
    out: list[Box] = []
    for kind, item, label in _labelled(report):
        if item.page == page and item.bbox is not None:
            out.append(Box(item.bbox, label, _PALETTE[kind]))
    return out


def _labelled(report: InspectionReport) -> Iterator[tuple[str, Located, str]]:
    for unit in report.units:
        score = f" {unit.score}/{unit.max_score}" if unit.score is not None else ""
        yield "unit", unit, f"{unit.name or 'unit'}: {unit.overall_rating or '?'}{score}"
        for standard in unit.standards:
            yield "standard", standard, f"{standard.code} {standard.rating or '?'}"
            for question in standard.key_questions:
                yield "key question", question, f"{question.code or 'kq'} {question.percent}%"
                for prompt in question.prompts:
                    yield "prompt", prompt, f"prompt {prompt.percent}%"
    for rec in report.recommendations:
        yield "recommendation", rec, f"rec {rec.number if rec.number is not None else '?'}"
    if report.stated_recommendation_count is not None:
        yield "stated count", report.stated_recommendation_count, f"stated {report.stated_recommendation_count.value}"
    for previous in report.previous_recommendations:
        yield "previous recommendation", previous, f"prev {previous.progress or '?'}"
    if report.previous_recommendation_tally is not None:
        yield "tally", report.previous_recommendation_tally, "tally"


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in ("DejaVuSans.ttf", "LiberationSans-Regular.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def draw_boxes(image: Image.Image, boxes: Sequence[Box], scale: float = SCALE) -> Image.Image:
    """The page with each box outlined in its colour and its label on a tag above its top-left corner."""
    canvas = image.convert("RGBA")
    overlay = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    font = _font(max(int(5.5 * scale), 9))
    for box in boxes:
        x0, top, x1, bottom = _scaled(box.bbox, scale)
        draw.rectangle((x0, top, x1, bottom), fill=(*box.colour, 40), outline=(*box.colour, 255), width=2)
        left, upper, right, lower = draw.textbbox((0, 0), box.label, font=font)
        width, height = right - left, lower - upper
        tag_top = max(top - height - 4, 0)
        draw.rectangle((x0, tag_top, x0 + width + 4, tag_top + height + 4), fill=(*box.colour, 230))
        draw.text((x0 + 2 - left, tag_top + 2 - upper), box.label, font=font, fill=(255, 255, 255, 255))
    return Image.alpha_composite(canvas, overlay).convert("RGB")

"""Generate one synthetic report: draw values, inject defects, compose, lay out, render."""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .blocks import Block
from .check import find_inconsistencies
from .compose import compose
from .defects import DEFECT_KINDS, inject
from .kinds import OTHER_KINDS, compose_other, draw_other, inject_other, truth_of
from .layout import Engine, layout
from .render import finish_pages, page_texts, render_pdf
from .truth import build_truth
from .values import draw_report


@dataclass
class ReportSpec:
    name: str
    seed: int
    framework: str  # a framework, regional_letter, thematic_inspection or annual_report
    defects: list[str] = field(default_factory=list)
    pages: tuple[int, int] | None = None
    layout: dict[str, object] = field(default_factory=dict)
    variants: str = "classic"  # "classic": only the layout variants from before the producer matrix; "all"
    producer: str = "reportlab"


@dataclass
class GeneratedReport:
    name: str
    pdf: bytes
    truth: dict[str, Any]
    text: str

    def truth_json(self) -> str:
        return json.dumps(self.truth, indent=2, ensure_ascii=False) + "\n"


class SynthError(RuntimeError):
    pass


@dataclass(frozen=True)
class Look:
    """What the HTML and .docx writers need of a report's layout."""

    page_size: str  # "A4" | "Letter"
    font: str  # "Helvetica" | "Times"
    heading_colour: str  # a name in layout.COLOURS


@dataclass
class Composed:
    """A report drawn, checked and composed into blocks: what every producer prints.
    ``truth(anchors, pages)`` builds its truth once the pages of the anchors are known."""

    spec: ReportSpec
    blocks: list[Block]
    header: str  # running header
    title: str
    look: Look
    truth: Callable[[dict[str, int], int], dict[str, Any]]


def compose_report(spec: ReportSpec) -> Composed:
    """Draw the values, inject the defects, check them (SynthError if the printed values show
    other inconsistencies than the injected ones) and compose the document blocks."""
    rng = random.Random(spec.seed)
    if spec.framework in OTHER_KINDS:  # thematic inspections and annual reports: no ratings
        other = draw_other(rng, spec.name, spec.seed, spec.framework, spec.pages)
        inject_other(other, spec.defects, rng)
        blocks, header = compose_other(other, rng)
        return Composed(spec, blocks, header, other.title, Look(other.page_size, other.font, other.colour),
                        lambda anchors, pages: truth_of(other, anchors, pages))
    report = draw_report(rng, spec.name, spec.seed, spec.framework, spec.pages, spec.layout, spec.variants)
    inject(report, [d for d in spec.defects if d in DEFECT_KINDS], rng)
    report.defects_skipped += [d for d in spec.defects if d not in DEFECT_KINDS]  # e.g. tally_mismatch
    found = Counter(find_inconsistencies(report))
    injected = Counter(i.type for i in report.inconsistencies)
    if found != injected:
        raise SynthError(f"{spec.name}: injected {dict(injected)} but the report shows {dict(found)}")
    blocks, header = compose(report, rng)
    lay = report.layout
    return Composed(spec, blocks, header, report.title or header, Look(lay.page_size, lay.font, lay.heading_colour),
                    lambda anchors, pages: build_truth(report, anchors, pages, {}))


def lay_out(composed: Composed) -> Engine:
    """The own layout engine's pages (reportlab and fpdf2 draw these)."""
    look = composed.look
    engine = layout(composed.blocks, look.page_size, look.font, look.heading_colour)
    finish_pages(engine, composed.header)
    return engine


def finish(composed: Composed, pdf: bytes, producer: str, anchors: dict[str, int], pages: int,
           extra: dict[str, Any], text: str = "") -> GeneratedReport:
    """The generated report with its truth (pages of anchors as the producer laid them out);
    ``extra`` goes into the truth's ``synth`` key, with the producer."""
    truth = composed.truth(anchors, pages)
    truth.setdefault("synth", {}).update({"producer": producer, **extra})
    return GeneratedReport(composed.spec.name, pdf, truth, text)


def generate_report(spec: ReportSpec) -> GeneratedReport:
    """One report printed by the reportlab canvas (the other producers: ``producers.produce``)."""
    composed = compose_report(spec)
    engine = lay_out(composed)
    pdf = render_pdf(engine, composed.title)
    splits = [{"table": anchor, "continues_on_page": page} for anchor, page in engine.splits]
    return finish(composed, pdf, "reportlab", engine.anchors, len(engine.pages), {"split_tables": splits},
                  "\f".join(page_texts(engine)))

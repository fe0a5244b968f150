"""Generate one synthetic report: draw values, inject defects, compose, lay out, render."""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .check import find_inconsistencies
from .compose import compose
from .defects import DEFECT_KINDS, inject
from .kinds import OTHER_KINDS, compose_other, draw_other, inject_other, truth_of
from .layout import layout
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


def generate_report(spec: ReportSpec) -> GeneratedReport:
    if spec.framework in OTHER_KINDS:
        return generate_other(spec)
    rng = random.Random(spec.seed)
    report = draw_report(rng, spec.name, spec.seed, spec.framework, spec.pages, spec.layout)
    inject(report, [d for d in spec.defects if d in DEFECT_KINDS], rng)
    report.defects_skipped += [d for d in spec.defects if d not in DEFECT_KINDS]  # e.g. tally_mismatch
    found = Counter(find_inconsistencies(report))
    injected = Counter(i.type for i in report.inconsistencies)
    if found != injected:
        raise SynthError(f"{spec.name}: injected {dict(injected)} but the report shows {dict(found)}")
    blocks, header = compose(report, rng)
    engine = layout(blocks, report.layout.page_size, report.layout.font, report.layout.heading_colour)
    finish_pages(engine, header)
    pdf = render_pdf(engine, report.title or header)
    splits = [{"table": anchor, "continues_on_page": page} for anchor, page in engine.splits]
    truth = build_truth(report, engine.anchors, len(engine.pages), {"split_tables": splits})
    return GeneratedReport(spec.name, pdf, truth, "\f".join(page_texts(engine)))


def generate_other(spec: ReportSpec) -> GeneratedReport:
    """A thematic inspection or an annual report (corpora.synth.kinds): no ratings."""
    rng = random.Random(spec.seed)
    report = draw_other(rng, spec.name, spec.seed, spec.framework, spec.pages)
    inject_other(report, spec.defects, rng)
    blocks, header = compose_other(report, rng)
    engine = layout(blocks, report.page_size, report.font, report.colour)
    finish_pages(engine, header)
    pdf = render_pdf(engine, report.title)
    truth = truth_of(report, engine.anchors, len(engine.pages))
    return GeneratedReport(spec.name, pdf, truth, "\f".join(page_texts(engine)))

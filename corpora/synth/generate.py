"""Generate one synthetic report: draw values, inject defects, compose, lay out, render."""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .check import find_inconsistencies
from .compose import compose
from .defects import inject
from .layout import layout
from .render import finish_pages, page_texts, render_pdf
from .truth import build_truth
from .values import draw_report


@dataclass
class ReportSpec:
    name: str
    seed: int
    framework: str  # probation-2018 | probation-pdu-2021 | probation-pdu-2023 | regional_letter
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
    rng = random.Random(spec.seed)
    report = draw_report(rng, spec.name, spec.seed, spec.framework, spec.pages, spec.layout)
    inject(report, spec.defects, rng)
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

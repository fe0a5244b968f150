"""Ground truth in the corpus TRUTH-FORMAT, plus a ``synth`` key with generator details."""

from __future__ import annotations

from typing import Any

from .model import Report

TRUTH_KEYS = ("file", "kind", "framework", "title", "published", "units", "recommendations",
              "stated_recommendation_count", "known_inconsistencies")


def build_truth(report: Report, anchors: dict[str, int], pages: int, extra: dict[str, Any]) -> dict[str, Any]:
    units = []
    for unit in report.units:
        units.append({
            "name": unit.name,
            "overall_rating": unit.overall_rating,
            "score": unit.score,
            "max_score": unit.max_score,
            "standards": [
                {"code": s.code, "name": s.name, "rating": s.rating,
                 "key_questions": [{"text": kq.text, "percent": kq.percent} for kq in s.key_questions]}
                for s in unit.standards
            ],
        })
    recs = [{"number": r.number, "unit": r.unit, "addressee": r.addressee, "text": r.text}
            for r in report.recommendations]
    inconsistencies = []
    for inc in report.inconsistencies:
        where = {k: v for k, v in inc.where.items() if k != "anchor"}
        anchor = inc.where.get("anchor")
        if isinstance(anchor, str) and anchor in anchors:
            where["page"] = anchors[anchor]
        inconsistencies.append({"type": inc.type, "detail": inc.detail, "where": where})
    synth_units = []
    for unit in report.units:
        synth_units.append({
            "name": unit.name,
            "sample": {"community": unit.sample_community, "licence": unit.sample_licence,
                       "interviews": unit.interviews},
            "standards": [
                {"code": s.code, "true_rating": s.true_rating, "case_based": s.case_based,
                 "key_questions": [
                     {"code": kq.code, "text": kq.text, "percent": kq.percent, "yes": kq.yes, "total": kq.total,
                      "subsample": kq.subsample, "comparator_percent": kq.comparator_percent,
                      "comparator_label": report.people["comparator_label"] if kq.comparator_percent is not None
                      else None,
                      "prompts": [{"text": p.text, "percent": p.percent} for p in kq.prompts]}
                     for kq in s.key_questions
                 ],
                 "page": anchors.get(f"std-{s.code}") if report.kind != "regional_letter" else None}
                for s in unit.standards
            ],
        })
    return {
        "file": f"{report.name}.pdf",
        "kind": report.kind,
        "framework": report.framework,
        "title": report.title,
        "published": (f"{report.published:%Y}" if report.layout.published_style == "year_only"
                      else f"{report.published:%Y-%m}"),
        "units": units,
        "recommendations": recs,
        "stated_recommendation_count": report.stated_count,
        "known_inconsistencies": inconsistencies,
        "synth": {
            "seed": report.seed,
            "generator": "corpora.synth",
            "variant": report.variant,
            "region": report.region,
            "layout": report.layout.as_dict(),
            "pages": pages,
            "target_pages": report.target_pages,
            "fieldwork_start": report.fieldwork_start.isoformat(),
            "sample_windows": [[a.isoformat(), b.isoformat()] for a, b in report.sample_windows],
            "letter_date": report.letter_date.isoformat() if report.letter_date else None,
            "count_style": report.count_style,
            "defects_skipped": report.defects_skipped,
            "units": synth_units,
            "recommendations": [
                {"number": r.number, "unit": r.unit, "lead_in": r.lead_in, "page": anchors.get(f"rec-{i}")}
                for i, r in enumerate(report.recommendations)
            ],
            **extra,
        },
    }

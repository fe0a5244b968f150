"""Recompute a report's consistency from its printed values: the oracle for injected defects."""

from __future__ import annotations

import itertools

from .model import Report, Unit
from .rules import RATINGS, load_rules

LEADERSHIP = "Leadership"


def true_score(unit: Unit) -> int:
    scores = load_rules().scores
    return sum(scores[s.true_rating] for s in unit.standards if s.counted)


def cap_broken(report: Report, unit: Unit) -> bool:
    fw = load_rules().frameworks[report.framework]
    if not fw.leadership_cap:
        return False
    lead = [s for s in unit.standards if s.name == LEADERSHIP]
    weak = [s for s in unit.standards if s.case_based and s.rating is not None and RATINGS.index(s.rating) < 2]
    return bool(lead) and lead[0].rating == "Outstanding" and bool(weak)


def find_inconsistencies(report: Report) -> list[str]:
    """Types of every inconsistency visible in the printed values, one entry per occurrence."""
    rules = load_rules()
    fw = rules.frameworks[report.framework]
    found: list[str] = []
    for unit in report.units:
        for s in unit.standards:
            if s.rating is None:
                found.append("missing_value")
                continue
            low = s.lowest
            if low is not None and rules.kq_band(low.percent) != s.rating:
                found.append("within_discretion" if rules.within_discretion(low.percent, s.rating)
                             else "standard_rating_mismatch")
        if unit.score != true_score(unit):
            found.append("score_mismatch")
        if unit.max_score != fw.max_score:
            found.append("max_score_mismatch")
        if fw.overall_band(unit.score) != unit.overall_rating:
            found.append("overall_band_mismatch")
        if cap_broken(report, unit):
            found.append("leadership_cap")
        numbers = [r.number for r in report.recommendations if r.unit == unit.name]
        for a, b in itertools.pairwise(numbers):
            if b == a:
                found.append("numbering_duplicate")
            elif b > a + 1:
                found.append("numbering_gap")
    if report.narrative_override:
        unit_name, code, said = report.narrative_override
        unit = next(u for u in report.units if u.name == unit_name)
        if unit.standard(code).rating != said:
            found.append("narrative_rating_mismatch")
    if report.stated_count is not None and report.stated_count != len(report.recommendations):
        found.append("recommendation_count_mismatch")
    if report.broken_ref:
        found.append("broken_cross_reference")
    year = report.fieldwork_start.year
    for start, end in report.sample_windows:
        if end < start or abs(start.year - year) > 2 or abs(end.year - year) > 2 or end >= report.fieldwork_start:
            found.append("date_out_of_range")
    defect = report.count_percent_defect
    if defect and (200 * defect["yes"] + defect["total"]) // (2 * defect["total"]) != defect["printed"]:
        found.append("count_percent_mismatch")
    return found

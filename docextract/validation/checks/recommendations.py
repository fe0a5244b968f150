"""Recommendations: the stated count against the list, and gaps or repeats in the numbering.

Numbering restarts per unit (a regional letter numbers each PDU's recommendations from 1): each
unit's block is checked on its own. Where the extractor could not tie every recommendation to a
unit, the restarts are read from the numbers themselves (a new run wherever numbering restarts at 1).
"""

from __future__ import annotations

from ...model.codes import NUMBERING_DUPLICATE, NUMBERING_GAP, RECOMMENDATION_COUNT_MISMATCH
from ...model.record import Recommendation
from .context import Context
from .issue import Issue, issue


def check_recommendation_count(ctx: Context) -> list[Issue]:
    """The number of recommendations the report states against the number listed (none listed: the
    list was not read, reported as `not_checked` of `recommendations_not_found`, never compared)."""
    stated = ctx.report.stated_recommendation_count
    listed = len(ctx.report.recommendations)
    if stated is None or not listed or stated.value == listed:
        return []
    return [
        issue(
            RECOMMENDATION_COUNT_MISMATCH,
            f"The report says it makes {stated.value} recommendations, but {listed} are listed.",
            page=stated.page,
            expected=listed,
            found=stated.value,
            at=stated,
        )
    ]


def _groups(ctx: Context) -> list[list[Recommendation]]:
    """Numbered recommendations in document order: one run, or in a report rating several units
    (a regional letter) a new run wherever the numbering restarts at 1."""
    numbered = [r for r in ctx.report.recommendations if r.number is not None]
    if not ctx.multi_unit:
        return [numbered] if numbered else []
    groups: list[list[Recommendation]] = []
    by_unit = all(r.unit for r in numbered)
    for index, rec in enumerate(numbered):
        starts = rec.unit != numbered[index - 1].unit if by_unit and index else rec.number == 1
        if not groups or starts:
            groups.append([])
        groups[-1].append(rec)
    return groups


def check_numbering(ctx: Context) -> list[Issue]:
    """Recommendations numbered out of order, twice, or with a gap (per unit)."""
    issues: list[Issue] = []
    for group in _groups(ctx):
        seen: set[int] = set()
        previous = 0
        for rec in group:
            number = rec.number
            assert number is not None
            where = f" for {rec.unit}" if rec.unit else ""
            if number in seen:
                issues.append(
                    issue(
                        NUMBERING_DUPLICATE,
                        f"Recommendation number {number}{where} is used more than once.",
                        unit=rec.unit,
                        page=rec.page,
                        expected=previous + 1,
                        found=number,
                        at=rec,
                    )
                )
            elif number != previous + 1:
                if number > previous + 1:
                    missing = list(range(previous + 1, number))
                    gap = ", ".join(map(str, missing[:5])) + (" …" if len(missing) > 5 else "")
                    detail = f"number{'s' if len(missing) > 1 else ''} {gap} {'are' if len(missing) > 1 else 'is'}"
                    after = f"follows {previous}" if previous else "comes first"
                    message = f"Recommendation {number}{where} {after}: {detail} missing."
                else:
                    message = f"Recommendation {number}{where} follows {previous}: the numbering goes backwards."
                issues.append(
                    issue(
                        NUMBERING_GAP,
                        message,
                        unit=rec.unit,
                        page=rec.page,
                        expected=previous + 1,
                        found=number,
                        at=rec,
                    )
                )
            seen.add(number)
            previous = max(previous, number)
    return issues

"""Counts given with a percentage ("45 out of 72 (63%)") that do not agree beyond rounding.

The counts are statements of the record (`kind: count`: part, whole, percent as printed)."""

from __future__ import annotations

from ...model.codes import COUNT_PERCENT_MISMATCH
from ...rules.patterns import validation_patterns
from .context import Context
from .issue import Issue, issue


def check_counts(ctx: Context) -> list[Issue]:
    """`count_percent_mismatch` where 100 × part / whole is `tolerance` or more from the percentage
    printed, or the part exceeds the whole."""
    tolerance = validation_patterns().counts.tolerance
    issues: list[Issue] = []
    for count in ctx.statements("count"):
        part, whole, percent = count.part, count.whole, count.percent
        if part is None or not whole or percent is None:
            continue
        exact = 100 * part / whole
        if abs(exact - percent) < tolerance and part <= whole:
            continue
        shown = f"{percent:g}%"
        issues.append(
            issue(
                COUNT_PERCENT_MISMATCH,
                f"'{count.text}': {part} out of {whole} is {exact:.1f}%, not {shown}.",
                unit=count.unit,
                standard=count.standard,
                page=count.page,
                expected=f"{round(exact)}%",
                found=shown,
                at=count,
            )
        )
    return issues

"""Annual reports: recommendation tallies of thematic inspections that do not add up.

"This report made 14 recommendations – eight were agreed and six partly agreed": the stated
parts (agreed, partly agreed, not agreed) must add up to the number made when two or more are
stated, and never exceed it; per-addressee numbers made must add up to the total, and no
addressee can have more agreed than it was given.
"""

from __future__ import annotations

from ...model.codes import TALLY_MISMATCH
from ...model.record import ThematicSummary
from .context import Context
from .issue import Issue, issue


def _parts(summary: ThematicSummary) -> dict[str, int]:
    named = {"agreed": summary.agreed, "partly agreed": summary.partly_agreed, "not agreed": summary.not_agreed}
    return {name: value for name, value in named.items() if value is not None}


def _problem(summary: ThematicSummary) -> tuple[str, int, int] | None:
    """(what, expected, found) for the first sum that fails, else None."""
    if summary.made is None:
        return None
    parts = _parts(summary)
    total = sum(parts.values())
    if (len(parts) >= 2 and total != summary.made) or total > summary.made:
        listed = " + ".join(f"{value} {name}" for name, value in parts.items())
        return f"{listed} = {total}, but {summary.made} were made", summary.made, total
    made_by = [t.made for t in summary.by_addressee if t.made is not None]
    if len(made_by) >= 2 and sum(made_by) != summary.made:
        listed = " + ".join(f"{t.made} for {t.addressee}" for t in summary.by_addressee if t.made is not None)
        return f"{listed} = {sum(made_by)}, but {summary.made} were made", summary.made, sum(made_by)
    for tally in summary.by_addressee:
        stated = [v for v in (tally.agreed, tally.partly_agreed, tally.not_agreed) if v is not None]
        if tally.made is not None and sum(stated) > tally.made:
            return (f"{sum(stated)} of the recommendations to {tally.addressee} were agreed or partly agreed, "
                    f"but only {tally.made} were made to it"), tally.made, sum(stated)
    return None


def check_tallies(ctx: Context) -> list[Issue]:
    """Thematic summaries whose tallies do not add up: the parts against the number made, the numbers made
    to each addressee against it, an addressee's agreed and partly agreed against the number made to it."""
    issues: list[Issue] = []
    for summary in ctx.report.thematic_summaries:
        problem = _problem(summary)
        if problem is None:
            continue
        what, expected, found = problem
        issues.append(
            issue(
                TALLY_MISMATCH,
                f"The recommendation tally of '{summary.title}' does not add up: {what}.",
                page=summary.page,
                expected=expected,
                found=found,
            )
        )
    return issues

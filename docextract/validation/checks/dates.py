"""Fieldwork and case-sample date windows: a date years away from the report's other dates,
or a window that ends before it starts.

The dates are statements of the record: `date` (every date printed with its year: their median
year is the report's reference) and `date_window` followed by its `window_start` and `window_end`
(windows in sentences about fieldwork or the case sample)."""

from __future__ import annotations

import statistics
from datetime import date

from ...model.codes import DATE_OUT_OF_RANGE
from ...model.record import Statement
from ...rules.patterns import validation_patterns
from .context import Context
from .issue import Issue, issue


def _as_date(printed: Statement, year: int) -> date | None:
    try:
        return date(year, printed.month or 0, printed.day or 0)
    except ValueError:
        return None


def check_dates(ctx: Context) -> list[Issue]:
    """`date_out_of_range` for a window date more than `max_years_apart` from the median year,
    or a window ending before it starts."""
    years = [s.year for s in ctx.statements("date") if s.year is not None]
    if not years:
        return []
    reference = statistics.median_low(years)
    apart = validation_patterns().dates.max_years_apart
    parts: dict[tuple[str, int], Statement] = {}
    for kind in ("window_start", "window_end"):
        parts.update(((kind, s.window), s) for s in ctx.statements(kind) if s.window is not None)
    issues: list[Issue] = []
    for window in ctx.statements("date_window"):
        start, end = parts.get(("window_start", window.window or 0)), parts.get(("window_end", window.window or 0))
        if start is not None and end is not None:
            issues.extend(_check_window(window, start, end, reference, apart))
    return issues


def _check_window(window: Statement, start: Statement, end: Statement, reference: int, apart: int) -> list[Issue]:
    if end.year is None or start.month is None or end.month is None:
        return []
    start_year = start.year if start.year is not None else end.year - (1 if start.month > end.month else 0)
    for printed, year in ((start, start_year), (end, end.year)):
        if abs(year - reference) > apart:
            return [
                issue(
                    DATE_OUT_OF_RANGE,
                    f"The window '{start.text} – {end.text}' has the date '{printed.text}', {abs(year - reference)} "
                    f"years from the median year of the report's dates ({reference}).",
                    page=printed.page,
                    expected=f"a date near {reference}",
                    found=printed.text,
                    at=printed,
                )
            ]
    first, last = _as_date(start, start_year), _as_date(end, end.year)
    if first is not None and last is not None and last < first:
        return [
            issue(
                DATE_OUT_OF_RANGE,
                f"The window '{start.text} – {end.text}' ends before it starts.",
                page=start.page,
                expected=f"an end after {start.text}",
                found=end.text,
                at=window,
            )
        ]
    return []

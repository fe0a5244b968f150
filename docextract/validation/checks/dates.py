"""Fieldwork and case-sample date windows: a date years away from the report's other dates,
or a window that ends before it starts."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

import regex

from ...model.codes import DATE_OUT_OF_RANGE
from ...rules.patterns import validation_patterns
from ...rules.vocab import vocab
from .context import Context
from .issue import Issue, issue


@dataclass(frozen=True)
class Printed:
    text: str
    day: int
    month: int
    year: int | None
    offset: int  # into the flow text


@cache
def _patterns() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    rules = validation_patterns().dates
    one = regex.compile(rules.date, regex.IGNORECASE)
    anonymous = regex.sub(r"\(\?P<\w+>", "(?:", rules.date)
    window = regex.compile(rules.window.replace("<DATE>", anonymous), regex.IGNORECASE)
    return one, window, regex.compile(rules.context, regex.IGNORECASE)


def _printed(match: regex.Match[str], base: int) -> Printed:
    year = match["year"]
    return Printed(
        text=match.group(),
        day=int(match["day"]),
        month=[month.casefold() for month in vocab().months].index(match["month"].casefold()) + 1,
        year=int(year) if year else None,
        offset=base + match.start(),
    )


def _as_date(printed: Printed, year: int) -> date | None:
    try:
        return date(year, printed.month, printed.day)
    except ValueError:
        return None


def check_dates(ctx: Context) -> list[Issue]:
    flow = ctx.flow
    if flow is None:
        return []
    one, window, context = _patterns()
    years = [int(m["year"]) for m in one.finditer(flow.text) if m["year"]]
    if not years:
        return []
    reference = statistics.median_low(years)
    apart = validation_patterns().dates.max_years_apart
    issues: list[Issue] = []
    for sentence in flow.sentences:
        if not context.search(sentence.text):
            continue
        for found in window.finditer(sentence.text):
            base = sentence.start + found.start()
            dates = [_printed(m, base) for m in one.finditer(found.group())]
            for start, end in zip(dates[0::2], dates[1::2], strict=False):
                issues.extend(_check_window(flow.page_at, start, end, reference, apart))
    return issues


def _check_window(
    page_at: Callable[[int], int], start: Printed, end: Printed, reference: int, apart: int
) -> list[Issue]:
    if end.year is None:
        return []
    start_year = start.year if start.year is not None else end.year - (1 if start.month > end.month else 0)
    for printed, year in ((start, start_year), (end, end.year)):
        if abs(year - reference) > apart:
            return [
                issue(
                    DATE_OUT_OF_RANGE,
                    f"The window '{start.text} – {end.text}' has the date '{printed.text}', {abs(year - reference)} "
                    f"years from the median year of the report's dates ({reference}).",
                    page=page_at(printed.offset),
                    expected=f"a date near {reference}",
                    found=printed.text,
                    span=(printed.offset, printed.offset + len(printed.text)),
                )
            ]
    first, last = _as_date(start, start_year), _as_date(end, end.year)
    if first is not None and last is not None and last < first:
        return [
            issue(
                DATE_OUT_OF_RANGE,
                f"The window '{start.text} – {end.text}' ends before it starts.",
                page=page_at(start.offset),
                expected=f"an end after {start.text}",
                found=end.text,
                span=(start.offset, end.offset + len(end.text)),
            )
        ]
    return []

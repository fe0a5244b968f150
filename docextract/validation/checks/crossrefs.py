"""Broken cross references left in the text by a word processor ("Error! Bookmark not defined.")."""

from __future__ import annotations

import regex

from ...model.codes import BROKEN_CROSS_REFERENCE
from ...read.normalize import collapse
from ...rules.patterns import validation_patterns
from .context import Context
from .issue import Issue, issue


def check_cross_references(ctx: Context) -> list[Issue]:
    flow = ctx.flow
    if flow is None:
        return []
    issues: list[Issue] = []
    for pattern in validation_patterns().cross_references:
        for match in regex.finditer(pattern, flow.text, flags=regex.IGNORECASE):
            found = collapse(match.group())
            page = flow.page_at(match.start())
            unit, standard = ctx.place_at(match.start())
            issues.append(
                issue(
                    BROKEN_CROSS_REFERENCE,
                    f"A broken cross reference, '{found}', is printed in the text.",
                    unit=unit,
                    standard=standard,
                    page=page,
                    found=found,
                    span=(match.start(), match.end()),
                )
            )
    return sorted(issues, key=lambda i: i.page or 0)

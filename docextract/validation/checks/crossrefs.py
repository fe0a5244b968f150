"""Broken cross references left in the text by a word processor ("Error! Bookmark not defined.").

They are statements of the record (`kind: cross_reference`, matched by patterns/validation.yaml
`cross_references`)."""

from __future__ import annotations

from ...model.codes import BROKEN_CROSS_REFERENCE
from .context import Context
from .issue import Issue, issue


def check_cross_references(ctx: Context) -> list[Issue]:
    """`broken_cross_reference` for each one printed, by page."""
    issues = [
        issue(
            BROKEN_CROSS_REFERENCE,
            f"A broken cross reference, '{found.text}', is printed in the text.",
            unit=found.unit,
            standard=found.standard,
            page=found.page,
            found=found.text,
            at=found,
        )
        for found in ctx.statements("cross_reference")
    ]
    return sorted(issues, key=lambda i: i.page or 0)

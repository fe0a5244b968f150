"""Ratings stated in the prose that differ from the ratings table.

The sentences and list lines stating a rating are statements of the record (`kind: rating`,
read by extract.stated_ratings: conservative on purpose); this check compares each with the
rating the table gives the unit or standard it names.
"""

from __future__ import annotations

from ...model.codes import NARRATIVE_RATING_MISMATCH
from ...model.record import Rating, Standard, Statement, Unit
from .context import Context
from .issue import Issue, issue

_EXCERPT = 160


def _excerpt(text: str) -> str:
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 1].rstrip() + "…"


def check_narrative(ctx: Context) -> list[Issue]:
    """`narrative_rating_mismatch` for every stated rating that is not the table's."""
    issues: list[Issue] = []
    for stated in ctx.statements("rating"):
        item, rating = ctx.item(stated.field), stated.rating
        if rating is None or item is None:
            continue
        if isinstance(item, Standard):
            unit = ctx.item((stated.field or "").split(".")[0])
            if isinstance(unit, Unit) and item.rating is not None and item.rating != rating:
                issues.append(_standard_issue(unit, item, rating, stated))
        elif isinstance(item, Unit):
            issues.extend(_unit_issue(item, rating, stated))
    return issues


def _standard_issue(unit: Unit, standard: Standard, stated: Rating, sentence: Statement) -> Issue:
    return issue(
        NARRATIVE_RATING_MISMATCH,
        f"The text rates {standard.code} {standard.name} '{stated}', but the ratings "
        f"table gives '{standard.rating}': \"{_excerpt(sentence.text)}\"",
        unit=unit.name,
        standard=standard.code,
        page=sentence.page,
        expected=standard.rating,
        found=stated,
        at=sentence,
    )


def _unit_issue(unit: Unit, stated: Rating, sentence: Statement) -> list[Issue]:
    if unit.overall_rating is None or unit.overall_rating == stated:
        return []
    return [
        issue(
            NARRATIVE_RATING_MISMATCH,
            f"The text gives {unit.name or 'the unit'} an overall rating of '{stated}', but the "
            f"ratings table gives '{unit.overall_rating}': \"{_excerpt(sentence.text)}\"",
            unit=unit.name,
            page=sentence.page,
            expected=unit.overall_rating,
            found=stated,
            at=sentence,
        )
    ]

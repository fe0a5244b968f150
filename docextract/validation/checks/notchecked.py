"""`not_checked`: what validation could not check because the parser could not read it.

Every parse warning listed in patterns/validation.yaml `not_checked` becomes a finding naming
what was left unchecked and why (the warning's message). A document on which nothing at all
could be checked (not recognised, too little text: `nothing_checked`), a rated report whose
ratings table could not be read (`rules_not_checked`), or one in which not one printed rating
could be read (`no_rating_read`), gets an error, so it is never 'ok'. So does a record of a rated
kind (vocab.yaml `rated`) with no unit, or no rating, at all, from the record alone (`_nothing_read`:
a record edited or written by hand carries no parse warning saying so).
"""

from __future__ import annotations

from ...model.codes import NOT_CHECKED
from ...model.record import Unit
from ...rules.patterns import validation_patterns, vocab
from .context import Context
from .issue import Issue, issue


def check_not_checked(ctx: Context) -> list[Issue]:
    """A `not_checked` finding for each warning naming a value the checks need that was not read or was
    refused (patterns/validation.yaml `not_checked`); an error when nothing, or no rule, could be checked."""
    rules = validation_patterns()
    codes = {warning.code for warning in ctx.report.warnings}
    table_unread = not codes.isdisjoint(rules.rules_not_checked)
    none_read = not any(u.overall_rating or any(s.rating for s in u.standards) for u in ctx.report.units)
    issues: list[Issue] = []
    for warning in ctx.report.warnings:
        what = rules.not_checked.get(warning.code)
        if what is None or (warning.confirmed and not _unit_left_unnamed(ctx, warning.field)):
            continue  # a refused value every reading path read the same is checked as printed (Context.printed)
        if warning.code in rules.ratings_unread and (table_unread or not none_read or "[*]" in (warning.field or "")):
            # ratings_not_found's error says it all; with other ratings read, a rating not read is the
            # standard's missing_value (a blank cell reads the same); a "[*]" path explains nulls in general
            continue
        unit, standard = ctx.place_of(warning.field)
        found = issue(
            NOT_CHECKED,
            f"Could not check {what}: {warning.message}.",
            unit=unit,
            standard=standard,
            page=warning.page,
            found=warning.code,
            at=ctx.named_item(warning.field),  # where the value not read is (a key question's row), as the message says
        )
        if (
            warning.code in rules.nothing_checked
            or warning.code in rules.rules_not_checked
            or (none_read and warning.code in rules.no_rating_read)
        ):
            found = found.model_copy(update={"severity": "error"})
        issues.append(found)
    if not any(found.severity == "error" for found in issues):
        issues += _nothing_read(ctx, none_read)
    return issues


def _nothing_read(ctx: Context, none_read: bool) -> list[Issue]:
    """A `not_checked` error for a record of a rated kind with no unit, or with units of which not one
    rating was read (`none_read`): there is nothing to check (fresh-user tester, wave 6: a record with
    its units removed was 'ok'). Decided from the record alone, never from its parse warnings."""
    report = ctx.report
    if report.kind not in vocab().kinds_where("rated") or not none_read:
        return []
    if not report.units:
        why = f"no unit read (a {report.kind} rates units, and the record has none)"
    else:
        why = f"no rating read (a {report.kind} prints ratings, and no unit of the record has one)"
    return [issue(NOT_CHECKED, f"Nothing to check: {why}.").model_copy(update={"severity": "error"})]


def _unit_left_unnamed(ctx: Context, field: str | None) -> bool:
    """Whether a warning's field is a unit's name the record leaves null: a name refused however
    often it was read the same has no printed value to check, so the unit's ratings belong to no
    one ('a unit without a name' is not_checked, never 'ok')."""
    if not (field or "").endswith(".name"):
        return False
    unit = ctx.named_item(field)
    return isinstance(unit, Unit) and unit.name is None

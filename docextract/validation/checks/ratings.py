"""Recomputed ratings: standards from key questions, scores, overall bands, the leadership cap,
unknown rules and missing values. Every number comes from patterns/frameworks.yaml."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, TypedDict, cast

import regex

from ...model.codes import (
    LEADERSHIP_CAP,
    MAX_SCORE_MISMATCH,
    MISSING_VALUE,
    NOT_CHECKED,
    OVERALL_BAND_MISMATCH,
    RULES_UNKNOWN,
    SCORE_MISMATCH,
    STANDARD_RATING_MISMATCH,
    WITHIN_DISCRETION,
)
from ...model.record import Rating, Standard, Unit
from ...rules.patterns import frameworks, plausibility_rules, validation_patterns, vocab
from .context import Context, max_standard_score, quoted, rank, score_of
from .issue import Issue, issue

if TYPE_CHECKING:  # the schema classes load only to validate a changed rule file
    from ...rules.patterns import Band


class WhereKw(TypedDict):
    """The place keywords of a finding (unit, standard, page)."""

    unit: str | None
    standard: str | None
    page: int | None


class Where(NamedTuple):
    """Where a finding is: unit, standard and page."""

    unit: str | None
    standard: str | None
    page: int | None

    def kw(self) -> WhereKw:
        """The place as keyword arguments of `issue`."""
        return {"unit": self.unit, "standard": self.standard, "page": self.page}


def _label(standard: Standard) -> str:
    return f"{standard.code} {standard.name}"


def band_of(value: int, bands: list[Band]) -> Rating:
    """The rating of the band (inclusive lower bounds) that `value` falls in."""
    ordered = sorted(bands, key=lambda b: b.min)
    found = ordered[0].rating
    for band in ordered:
        if value >= band.min:
            found = band.rating
    return found


def band_range(rating: Rating, bands: list[Band], top: int) -> str:
    """The score range of `rating`'s band ('9-14'), for a message."""
    ordered = sorted(bands, key=lambda b: b.min)
    for index, band in enumerate(ordered):
        if band.rating == rating:
            upper = ordered[index + 1].min - 1 if index + 1 < len(ordered) else top
            return f"{band.min}–{upper}"
    return "?"


def mean_band(score: int, count: int) -> Rating:
    """Band by the mean score per standard, rounded to the nearest rating, halves down (rating-rules §2)."""
    index = -((count - 2 * score) // (2 * count))  # ceil((2*score - count) / (2*count))
    words = vocab().ratings  # worst to best (patterns/vocab.yaml)
    return cast(Rating, words[min(max(index, 0), len(words) - 1)])


# --- case-based standards ---------------------------------------------------------------


def check_standard_ratings(ctx: Context) -> list[Issue]:
    """Each case-based standard's rating against the band its lowest key-question percentage falls in (rating-rules
    §2)."""
    if ctx.framework is None:
        return []
    kq = frameworks().key_question_bands
    issues: list[Issue] = []
    for u, unit in enumerate(ctx.report.units):
        for s, standard in enumerate(unit.standards):
            percents = [q.percent for q in standard.key_questions if q.percent is not None]
            if standard.rating is None or not percents or not ctx.case_based(standard):
                continue
            partial = _partial(ctx, f"units[{u}].standards[{s}]", unit, standard)
            if partial is not None:  # the lowest is unknown: never from a partial set
                issues += partial
                continue
            lowest = min(percents)
            computed = band_of(lowest, kq.bands)
            if computed == standard.rating:
                continue
            where = (
                f"Standard {_label(standard)} is rated {quoted(standard.rating)}, but its lowest key-question "
                f"score, {lowest}%, falls in the {quoted(computed)} band ({band_range(computed, kq.bands, 100)}%)"
            )
            at = Where(unit.name, standard.code, standard.page)
            if _within_discretion(lowest, standard.rating, computed, kq.bands, kq.discretion_points):
                message = f"{where}; this is within the panel's {kq.discretion_points}-point discretion."
                issues.append(issue(WITHIN_DISCRETION, message, expected=computed, found=standard.rating, **at.kw()))
            else:
                issues.append(
                    issue(STANDARD_RATING_MISMATCH, where + ".", expected=computed, found=standard.rating, **at.kw())
                )
    return issues


def _lowest_unknown(ctx: Context, field: str, unit: Unit, standard: Standard) -> list[Issue]:
    """A `not_checked` finding for a case-based standard with a key question whose percentage is
    null, unless a parse warning on that standard already gives one (check_not_checked)."""
    listed = validation_patterns().not_checked
    if any(w.code in listed and (w.field or "").startswith(field + ".") for w in ctx.report.warnings):
        return []
    unread = sum(q.percent is None for q in standard.key_questions)
    message = (
        f"Could not check the rating of standard {_label(standard)}: {unread} of its "
        f"{len(standard.key_questions)} key-question percentages were not read, so its lowest is unknown."
    )
    return [issue(NOT_CHECKED, message, unit=unit.name, standard=standard.code, page=standard.page)]


def _partial(ctx: Context, field: str, unit: Unit, standard: Standard) -> list[Issue] | None:
    """Why a case-based standard's rating cannot be checked from its key questions (the findings
    saying so, maybe none when a parse warning already does), or None when it can: a percentage
    not read, a row of its table not read (a parse warning), or codes that skip one."""
    if any(q.percent is None for q in standard.key_questions):
        return _lowest_unknown(ctx, field, unit, standard)
    if _rows_lost(ctx, f"{field}.key_questions"):
        return []  # check_not_checked gives the finding
    missing = plausibility_rules().key_questions.missing_codes(standard.code, [q.code for q in standard.key_questions])
    return [_codes_skipped(unit, standard, missing)] if missing else None


def _rows_lost(ctx: Context, field: str) -> bool:
    """Whether a parse warning listed in patterns/validation.yaml `not_checked` says a row of the
    key-question table at `field` ("units[0].standards[5].key_questions") was not read."""
    listed = validation_patterns().not_checked
    fields = (field, f"{field}[*]")  # the set, or a question of it left out
    return any(w.code in listed and w.field in fields and not w.confirmed for w in ctx.report.warnings)


def _codes_skipped(unit: Unit, standard: Standard, missing: list[str]) -> Issue:
    """The `not_checked` finding of a case-based standard whose key-question codes skip some
    (patterns/plausibility.yaml `codes_consecutive`): a row not read, so its lowest is unknown."""
    read = ", ".join(q.code or "?" for q in standard.key_questions)
    message = (
        f"Could not check the rating of standard {_label(standard)}: its key questions {read} were read "
        f"but not {', '.join(missing)}, so its lowest percentage is unknown."
    )
    return issue(NOT_CHECKED, message, unit=unit.name, standard=standard.code, page=standard.page)


def _within_discretion(lowest: int, stated: Rating, computed: Rating, bands: list[Band], points: int) -> bool:
    if abs(rank(stated) - rank(computed)) != 1:
        return False
    higher = stated if rank(stated) > rank(computed) else computed
    boundary = next(b.min for b in bands if b.rating == higher)
    return abs(lowest - boundary) <= points


# --- scores and overall bands -------------------------------------------------------------


def _listed(ctx: Context, unit: Unit) -> list[Standard]:
    """The unit's counted standards as printed, with or without a rating."""
    return [s for s in unit.standards if ctx.counted(s)]


def _sum(standards: list[Standard]) -> int | None:
    """The sum of the standards' scores; None when one lacks a rating (reported as missing_value)."""
    low, high = _bounds(standards)
    return low if low == high else None


def _bounds(standards: list[Standard]) -> tuple[int, int]:
    """The lowest and highest possible sum: a standard printed without a rating may score 0 to 3."""
    low = sum(score_of(s.rating) for s in standards if s.rating is not None)
    missing = sum(s.rating is None for s in standards)
    return low, low + missing * max_standard_score()


def check_scores(ctx: Context) -> list[Issue]:
    """Each unit's printed score against the sum of its standards' points, and its overall rating against the score's
    band."""
    if ctx.framework is None:
        return []
    issues: list[Issue] = []
    for index, unit in enumerate(ctx.report.units):
        listed = _listed(ctx, unit)
        unread = ctx.unread_standards(index)
        if listed and unread:
            issues.append(_standards_unread(unit, listed, unread, ctx.printed(index, "max_score")))
        if not listed or ctx.partial(index):  # never from a partial set: not_checked says why
            continue
        low, high = _bounds(listed)
        name = unit.name or "the unit"
        score, max_score = ctx.printed(index, "score"), ctx.printed(index, "max_score")
        if score is not None and not low <= score <= high:
            expected: int | str = low
            why = f"its {len(listed)} standard ratings add up to {low}"
            if low != high:  # some ratings are missing: the printed score is impossible whatever they are
                expected = f"{low}–{high}"
                why = f"its ratings, with the missing ones counted 0 to 3, give {expected}"
            issues.append(
                issue(
                    SCORE_MISMATCH,
                    f"The score printed for {name} is {score}, but {why}.",
                    unit=unit.name,
                    page=unit.page,
                    expected=expected,
                    found=score,
                )
            )
        top = max_standard_score() * len(listed)
        if max_score is not None and max_score != top:
            issues.append(
                issue(
                    MAX_SCORE_MISMATCH,
                    f"The maximum score printed for {name} is {max_score}, but {len(listed)} rated standards "
                    f"give a maximum of {top}.",
                    unit=unit.name,
                    page=unit.page,
                    expected=top,
                    found=max_score,
                )
            )
    return issues


def _standards_unread(unit: Unit, listed: list[Standard], unread: list[str], top: int | None) -> Issue:
    """The `not_checked` finding of a unit whose printed maximum counts standards not read."""
    return issue(
        NOT_CHECKED,
        f"Could not check the score, maximum score and overall band of {unit.name or 'the unit'}: its "
        f"maximum score is printed as {top}, but only {len(listed)} standards were read (not "
        f"{', '.join(unread)}), so nothing was recomputed from a partial set.",
        unit=unit.name,
        page=unit.page,
    )


def check_overall_bands(ctx: Context) -> list[Issue]:
    """The band of the printed score (else the sum of the ratings) by the framework's table; where
    standards were not rated at all (fewer listed than the framework has), by the mean per standard.
    A rated unit whose overall rating was not read is `not_checked` (`_overall_not_read`), never
    passed as if its band were right."""
    framework = ctx.framework
    if framework is None:
        return []
    issues: list[Issue] = []
    for index, unit in enumerate(ctx.report.units):
        listed = _listed(ctx, unit)
        score = unit.score if unit.score is not None else _sum(listed)
        if not listed or score is None or ctx.partial(index):
            continue
        if unit.overall_rating is None:
            issues.append(_overall_not_read(unit, score, max_standard_score() * len(listed)))
            continue
        top = max_standard_score() * len(listed)
        if top == framework.max_score:
            computed = band_of(score, framework.overall_bands)
            why = f"band {band_range(computed, framework.overall_bands, top)}"
        else:
            computed = mean_band(score, len(listed))
            why = f"the mean of {len(listed)} rated standards"
        if computed == unit.overall_rating:
            continue
        printed = "printed score" if unit.score is not None else "sum of its standard scores"
        issues.append(
            issue(
                OVERALL_BAND_MISMATCH,
                f"{unit.name or 'The unit'} is rated {quoted(unit.overall_rating)} overall, but its {printed}, "
                f"{score}/{top}, gives {quoted(computed)} ({why}).",
                unit=unit.name,
                page=unit.page,
                expected=computed,
                found=unit.overall_rating,
            )
        )
    return issues


def _overall_not_read(unit: Unit, score: int, top: int) -> Issue:
    """The `not_checked` finding of a rated unit (a score printed or summed: `score` of `top`) whose
    overall rating was not read: its band cannot be checked (a ratings table split over a page
    break, the overall row in a form not read), so the report is never 'ok'."""
    name = unit.name or "an unnamed unit"
    return issue(
        NOT_CHECKED,
        f"Could not check the overall band of {name} against its score {score}/{top}: no overall rating was "
        "read (its row not found or not readable, e.g. a ratings table running over a page break).",
        unit=unit.name,
        page=unit.page,
        expected="overall rating",
    )


def check_leadership_cap(ctx: Context) -> list[Issue]:
    """An overall rating above the cap the leadership standard's rating sets (rating-rules)."""
    if ctx.framework is None or not ctx.framework.leadership_cap:
        return []
    rule = validation_patterns().leadership
    name = regex.compile(rule.name, regex.IGNORECASE)
    issues: list[Issue] = []
    for unit in ctx.report.units:
        below = [
            s
            for s in unit.standards
            if s.rating is not None and ctx.case_based(s) and rank(s.rating) < rank(rule.minimum)
        ]
        for leader in unit.standards:
            if leader.rating != rule.capped_rating or not name.search(leader.name.strip()) or not below:
                continue
            listed = ", ".join(f"{_label(s)} ({quoted(s.rating)})" for s in below)
            issues.append(
                issue(
                    LEADERSHIP_CAP,
                    f"{_label(leader)} is rated {quoted(leader.rating)}, but leadership cannot be "
                    f"{quoted(rule.capped_rating)} while a case-management standard is below "
                    f"{quoted(rule.minimum)}: {listed}.",
                    unit=unit.name,
                    standard=leader.code,
                    page=leader.page,
                    expected=f"below {rule.capped_rating}",
                    found=leader.rating,
                )
            )
    return issues


def check_rules_known(ctx: Context) -> list[Issue]:
    """A finding when the report's framework is unknown: its ratings cannot be recomputed."""
    if ctx.framework is not None:
        return []
    rated = [u for u in ctx.report.units if u.overall_rating or any(s.rating for s in u.standards)]
    if not rated:
        return []
    framework = ctx.report.framework
    what = f"framework '{framework}'" if framework else "this report's framework (not recognised)"
    return [
        issue(
            RULES_UNKNOWN,
            f"No rating rules are known for {what}; its ratings were read but nothing was recomputed.",
            page=rated[0].page,
            found=framework,
        )
    ]


def check_missing_values(ctx: Context) -> list[Issue]:
    """Values the checks need that were not read (ratings, scores, key questions), each a `missing_value`
    finding (key questions printed but not read are `not_checked`: `_key_questions_unread`)."""
    issues: list[Issue] = []
    for u, unit in enumerate(ctx.report.units):
        name = unit.name or "an unnamed unit"
        if unit.overall_rating is None:
            issues.append(
                issue(
                    MISSING_VALUE,
                    f"No overall rating was found for {name}.",
                    unit=unit.name,
                    page=unit.page,
                    expected="overall rating",
                )
            )
        for s, standard in enumerate(unit.standards):
            if ctx.not_rated(standard):
                continue  # printed 'Not rated': nothing missing (rating-rules §2)
            if standard.rating is None:
                issues.append(
                    issue(
                        MISSING_VALUE,
                        f"Standard {_label(standard)} of {name} has no rating.",
                        expected="rating",
                        **Where(unit.name, standard.code, standard.page).kw(),
                    )
                )
            issues += _key_questions_unread(ctx, f"units[{u}].standards[{s}]", unit, standard)
    return issues


def _without_percentages(ctx: Context, standard: Standard) -> bool:
    """Whether `standard` is case-based, in a kind that prints key questions (patterns/validation.yaml
    `key_questions_expected_kinds`), and none of its key-question percentages was read."""
    return (
        ctx.report.kind in validation_patterns().key_questions_expected_kinds
        and ctx.case_based(standard)
        and not ctx.not_rated(standard)
        and not any(q.percent is not None for q in standard.key_questions)
    )


def _key_questions_unread(ctx: Context, field: str, unit: Unit, standard: Standard) -> list[Issue]:
    """The `missing_value` finding of a case-based standard none of whose key-question percentages
    were read (the report prints no table for it); none when a parse warning on its key questions
    says they were printed but not read (`key_questions_unread`, ...: check_not_checked gives the
    `not_checked` finding, so the report is never 'ok')."""
    if not _without_percentages(ctx, standard):
        return []
    rules = validation_patterns()
    said = (w for w in ctx.report.warnings if w.code in rules.not_checked)
    if any((w.field or "").startswith(f"{field}.key_questions") for w in said):
        return []
    message = (
        f"Case-based standard {_label(standard)} of {unit.name or 'an unnamed unit'} has no key-question "
        "percentages, so its rating cannot be recomputed."
    )
    at = Where(unit.name, standard.code, standard.page)
    return [issue(MISSING_VALUE, message, expected="key questions", **at.kw())]

"""Ratings stated in the prose that differ from the ratings table.

Conservative on purpose: a sentence is read only when it mentions a rating, does not talk
about an earlier inspection, and ties a quoted rating to a standard of a known unit with one
of the phrasings in patterns/validation.yaml. In a report rating several units a sentence
must name its unit.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

import regex

from ...model.codes import NARRATIVE_RATING_MISMATCH
from ...model.record import Rating, Standard, Unit
from ...read.fuzzy import as_rating, best_match
from ...read.normalize import compact
from ...rules.patterns import validation_patterns
from .context import Context
from .flow import Flow, Sentence
from .issue import Issue, issue

_FLAGS = regex.IGNORECASE
_EXCERPT = 160


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _words(name: str) -> str:
    return r"\s+".join(regex.escape(word) for word in name.split())


@cache
def _rating_patterns() -> tuple[str, str]:
    words = "|".join(_words(w) for w in validation_patterns().narrative.rating_words)
    quoted = rf"['\"](?P<rating>{words})['\"]"
    bare = rf"(?-i:(?=[A-Z]))(?P<rating>{words})\b"  # a bare rating word is capitalised: "rated as: Good"
    return quoted, rf"(?:{quoted}|{bare})"


def _expand(template: str, standards: str = "") -> regex.Pattern[str]:
    quoted, any_rating = _rating_patterns()
    text = template.replace("<RATING_ANY>", any_rating).replace("<RATING>", quoted)
    return regex.compile(text.replace("<STANDARDS>", standards), _FLAGS)


@dataclass
class _UnitPatterns:
    unit: Unit
    names: dict[str, Standard]  # lower-case name or alias -> standard
    name: regex.Pattern[str]
    standard: list[regex.Pattern[str]]


def _unit_patterns(unit: Unit) -> _UnitPatterns:
    rules = validation_patterns().narrative
    names: dict[str, Standard] = {}
    for standard in unit.standards:
        base = _key(standard.name)
        for name in (base, *rules.aliases.get(base, [])):
            names.setdefault(_key(name), standard)
    alternation = "|".join(_words(n) for n in sorted(names, key=len, reverse=True))
    one = rf"\b(?:{alternation}|{rules.this_standard})\b"
    listing = rf"{one}(?:(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+){one})*"
    return _UnitPatterns(
        unit=unit,
        names=names,
        name=regex.compile(one, _FLAGS),
        standard=[_expand(t, listing) for t in rules.standard],
    )


def _headings(flow: Flow, units: list[Unit]) -> tuple[list[int], list[str]]:
    """Offsets and names of lines that head a standard's section ("2.1. Assessment", "Reviewing")."""
    heading = regex.compile(validation_patterns().narrative.heading)
    known = {_key(s.name) for u in units for s in u.standards}
    offsets: list[int] = []
    names: list[str] = []
    for offset, line in flow.line_offsets():
        match = heading.match(line.text.strip())
        if match and _key(match["name"]) in known:
            offsets.append(offset)
            names.append(_key(match["name"]))
    return offsets, names


def _excerpt(text: str) -> str:
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 1].rstrip() + "…"


def check_narrative(ctx: Context) -> list[Issue]:
    flow = ctx.flow
    units = [u for u in ctx.report.units if u.standards or u.overall_rating]
    if flow is None or not units:
        return []
    rules = validation_patterns().narrative
    previous = regex.compile(rules.previous, _FLAGS)
    cue = regex.compile(rules.cue, _FLAGS)
    this_standard = regex.compile(rf"^{rules.this_standard}$", _FLAGS)
    unit_patterns = [_expand(t) for t in rules.unit]
    per_unit = {id(u): _unit_patterns(u) for u in units}
    offsets, heading_names = _headings(flow, units)
    issues: list[Issue] = []
    for sentence in flow.sentences:
        if not cue.search(sentence.text) or previous.search(sentence.text):
            continue
        unit = _unit_of(sentence.text, units, ctx.multi_unit)
        if unit is None:
            continue
        patterns = per_unit[id(unit)]
        index = bisect_right(offsets, sentence.start) - 1
        section = patterns.names.get(heading_names[index]) if index >= 0 else None
        seen: set[tuple[str, str]] = set()
        for pattern in patterns.standard:
            for match in pattern.finditer(sentence.text):
                stated = as_rating(match["rating"])
                for named in patterns.name.finditer(match["list"]):
                    text = named.group()
                    standard = section if this_standard.match(text) else patterns.names.get(_key(text))
                    if standard is None or stated is None or (standard.code, stated) in seen:
                        continue
                    seen.add((standard.code, stated))
                    if standard.rating is not None and standard.rating != stated:
                        issues.append(_standard_issue(unit, standard, stated, sentence))
        for pattern in unit_patterns:
            for match in pattern.finditer(sentence.text):
                stated = as_rating(match["rating"])
                if stated is not None and ("unit", stated) not in seen:
                    seen.add(("unit", stated))
                    issues.extend(_unit_issue(unit, stated, sentence.text, sentence.page, sentence.start))
    issues.extend(_unit_lines(flow, units))
    return issues


def _unit_of(text: str, units: list[Unit], multi_unit: bool) -> Unit | None:
    if not multi_unit:
        return units[0]
    key = compact(text)
    named = [u for u in units if u.name and compact(u.name) in key]
    return named[0] if len(named) == 1 else None


def _standard_issue(unit: Unit, standard: Standard, stated: Rating, sentence: Sentence) -> Issue:
    return issue(
        NARRATIVE_RATING_MISMATCH,
        f"The text rates {standard.code} {standard.name} '{stated}', but the ratings "
        f"table gives '{standard.rating}': \"{_excerpt(sentence.text)}\"",
        unit=unit.name,
        standard=standard.code,
        page=sentence.page,
        expected=standard.rating,
        found=stated,
        span=(sentence.start, sentence.start + len(sentence.text)),
    )


def _unit_issue(unit: Unit, stated: Rating, text: str, page: int, start: int) -> list[Issue]:
    if unit.overall_rating is None or unit.overall_rating == stated:
        return []
    return [
        issue(
            NARRATIVE_RATING_MISMATCH,
            f"The text gives {unit.name or 'the unit'} an overall rating of '{stated}', but the "
            f"ratings table gives '{unit.overall_rating}': \"{_excerpt(text)}\"",
            unit=unit.name,
            page=page,
            expected=unit.overall_rating,
            found=stated,
            span=(start, start + len(text)),
        )
    ]


def _unit_lines(flow: Flow, units: list[Unit]) -> list[Issue]:
    """Lines such as "Gwent PDU: Requires improvement" in a list of overall ratings."""
    pattern = _expand(validation_patterns().narrative.unit_line)
    names = {u.name: u for u in units if u.name}
    issues: list[Issue] = []
    for start, line in flow.line_offsets():
        match = pattern.match(line.text.strip())
        if match is None:
            continue
        name = best_match(match["name"], names, threshold=0.9)
        stated = as_rating(match["rating"])
        if name is not None and stated is not None:
            issues.extend(_unit_issue(names[name], stated, line.text, line.page, start))
    return issues

"""Ratings stated in the prose: the sentences (and list lines) that rate a standard or a unit.

Conservative on purpose: a sentence is read only when it mentions a rating, does not talk
about an earlier inspection, and ties a quoted rating to a standard of a known unit with one
of the phrasings in patterns/validation.yaml (`narrative`). In a report rating several units a
sentence must name its unit. The check `narrative_rating_mismatch` compares them with the table.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import regex

from ..model.record import InspectionReport, Rating, Standard, Unit
from ..read.fuzzy import as_rating, best_match
from ..read.normalize import compact
from ..rules.patterns import narrative_shapes, validation_patterns
from ..rules.regexes import compiled
from .flow import Flow, Sentence

_FLAGS = regex.IGNORECASE


class StatedRating(NamedTuple):
    """A rating the text states for the record item `field` ("units[0]", "units[0].standards[2]"),
    with the offsets of the sentence or line stating it in the flow's text."""

    field: str
    rating: Rating
    start: int
    end: int


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _words(name: str) -> str:
    return r"\s+".join(regex.escape(word) for word in name.split())


@cache
def _rating_patterns() -> tuple[str, str]:
    words = "|".join(_words(w) for w in validation_patterns().narrative.rating_words)
    return narrative_shapes().ratings(words)  # quoted; quoted or bare (patterns/narrative_shapes.yaml)


def _expand(template: str, standards: str = "") -> regex.Pattern[str]:
    quoted, any_rating = _rating_patterns()
    text = template.replace("<RATING_ANY>", any_rating).replace("<RATING>", quoted)
    return compiled(text.replace("<STANDARDS>", standards), _FLAGS)


@dataclass
class _UnitPatterns:
    path: str
    names: dict[str, tuple[Standard, str]]  # lower-case name or alias -> standard and its path
    name: regex.Pattern[str]
    standard: list[regex.Pattern[str]]


def _unit_patterns(unit: Unit, path: str) -> _UnitPatterns:
    rules = validation_patterns().narrative
    names: dict[str, tuple[Standard, str]] = {}
    for index, standard in enumerate(unit.standards):
        base = _key(standard.name)
        for name in (base, *rules.aliases.get(base, [])):
            names.setdefault(_key(name), (standard, f"{path}.standards[{index}]"))
    alternation = "|".join(_words(n) for n in sorted(names, key=len, reverse=True))
    one, listing = narrative_shapes().standards(alternation, rules.this_standard)
    return _UnitPatterns(
        path=path,
        names=names,
        name=compiled(one, _FLAGS),
        standard=[_expand(t, listing) for t in rules.standard],
    )


def _headings(flow: Flow, units: list[Unit]) -> tuple[list[int], list[str]]:
    """Offsets and names of lines that head a standard's section ("2.1. Assessment", "Reviewing")."""
    heading = compiled(validation_patterns().narrative.heading)
    known = {_key(s.name) for u in units for s in u.standards}
    offsets: list[int] = []
    names: list[str] = []
    for offset, line in flow.line_offsets():
        match = heading.match(line.text.strip())
        if match and _key(match["name"]) in known:
            offsets.append(offset)
            names.append(_key(match["name"]))
    return offsets, names


def stated_ratings(flow: Flow, report: InspectionReport) -> list[StatedRating]:
    """Every rating the running text states for a rated unit or standard of `report`, in text order
    (each standard or unit once per sentence and rating), then the "Unit: Rating" list lines."""
    rated = [(f"units[{i}]", u) for i, u in enumerate(report.units) if u.standards or u.overall_rating]
    if not rated:
        return []
    units = [unit for _, unit in rated]
    multi_unit = len(report.units) > 1 or report.kind in validation_patterns().multi_unit_kinds
    per_unit = {id(unit): _unit_patterns(unit, path) for path, unit in rated}
    headings = _headings(flow, units)
    rules = validation_patterns().narrative
    previous, cue = compiled(rules.previous, _FLAGS), compiled(rules.cue, _FLAGS)
    found: list[StatedRating] = []
    for sentence in flow.sentences:
        if not cue.search(sentence.text) or previous.search(sentence.text):
            continue
        unit = _unit_of(sentence.text, units, multi_unit)
        if unit is not None:
            found += _in_sentence(sentence, per_unit[id(unit)], headings)
    return found + _unit_lines(flow, rated)


Headings = tuple[list[int], list[str]]


@cache
def _sentence_patterns() -> tuple[regex.Pattern[str], list[regex.Pattern[str]]]:
    """The "this standard" words alone, and the phrasings rating a unit."""
    rules = validation_patterns().narrative
    return compiled(rules.this_standard, _FLAGS), [_expand(t) for t in rules.unit]


def _in_sentence(sentence: Sentence, patterns: _UnitPatterns, headings: Headings) -> list[StatedRating]:
    this_standard, unit_patterns = _sentence_patterns()
    offsets, heading_names = headings
    index = bisect_right(offsets, sentence.start) - 1
    section = patterns.names.get(heading_names[index]) if index >= 0 else None
    span = (sentence.start, sentence.start + len(sentence.text))
    seen: set[tuple[str, str]] = set()
    found: list[StatedRating] = []
    for pattern in patterns.standard:
        for match in pattern.finditer(sentence.text):
            stated = as_rating(match["rating"])
            for named in patterns.name.finditer(match["list"]):
                text = named.group()
                entry = section if this_standard.fullmatch(text) else patterns.names.get(_key(text))
                if entry is None or stated is None or (entry[0].code, stated) in seen:
                    continue
                seen.add((entry[0].code, stated))
                found.append(StatedRating(entry[1], stated, *span))
    for unit_pattern in unit_patterns:
        for match in unit_pattern.finditer(sentence.text):
            stated = as_rating(match["rating"])
            if stated is not None and ("unit", stated) not in seen:
                seen.add(("unit", stated))
                found.append(StatedRating(patterns.path, stated, *span))
    return found


def _unit_of(text: str, units: list[Unit], multi_unit: bool) -> Unit | None:
    if not multi_unit:
        return units[0]
    key = compact(text)
    named = [u for u in units if u.name and compact(u.name) in key]
    return named[0] if len(named) == 1 else None


def _unit_lines(flow: Flow, rated: list[tuple[str, Unit]]) -> list[StatedRating]:
    """Lines such as "Gwent PDU: Requires improvement" in a list of overall ratings."""
    pattern = _expand(validation_patterns().narrative.unit_line)
    names = {u.name: path for path, u in rated if u.name}
    found: list[StatedRating] = []
    for start, line in flow.line_offsets():
        match = pattern.match(line.text.strip())
        if match is None:
            continue
        name = best_match(match["name"], names, threshold=0.9)
        stated = as_rating(match["rating"])
        if name is not None and stated is not None:
            found.append(StatedRating(names[name], stated, start, start + len(line.text)))
    return found

"""Where a piece of the running text belongs: the rated unit and standard whose section it is in.

A standard's section opens at a line that is the standard's code and name ("2.3. Planning",
"P 2.3 Planning") of a unit the record rates — also as a row of a table that prints the
standard's rating beside it ("2.3. Planning  Good", or "Requires" with "improvement" wrapped
below: an annex table of every standard and its key questions) — or at a line that is a standard's
name alone as the record prints it, without its code ("Statutory victim work": fresh-user tester,
wave 6; a name two standards of the record share opens a section of no standard: null, never a
guess) — and runs to the next such heading or a line that
closes sections (patterns/validation.yaml `sections.end`: a numbered domain heading, an annexe,
the recommendations...). Text outside every section belongs to no unit and no standard; in a
report rating one unit, a section's unit is that unit.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from ..model.record import InspectionReport
from ..read.fuzzy import as_rating
from ..read.normalize import compact
from ..rules.patterns import validation_patterns, vocab
from ..rules.regexes import compiled
from .flow import Flow


class Sections(NamedTuple):
    """The sections of the running text: where each starts and the unit and standard it is about."""

    starts: list[int]
    places: list[tuple[str | None, str | None]]  # (unit name, standard code), or (None, None) for a closing line

    def place_at(self, offset: int) -> tuple[str | None, str | None]:
        """(unit name, standard code) of the section holding this offset of the flow's text."""
        index = bisect_right(self.starts, offset) - 1
        return self.places[index] if index >= 0 else (None, None)


def build_sections(flow: Flow, report: InspectionReport, domains: Sequence[str] = ()) -> Sections:
    """The sections of `flow`'s text; `domains` are the framework's domain headings ("2. Service
    delivery"), which close a section too."""
    rules = validation_patterns().sections
    heading = compiled(rules.heading)
    end = compiled(rules.end)
    domain_keys = {compact(domain) for domain in domains}
    known: dict[tuple[str, str], list[str | None]] = {}
    for unit in report.units:
        for standard in unit.standards:
            known.setdefault((standard.code, compact(standard.name)), []).append(unit.name)
    names = _names_alone(known)
    starts: list[int] = []
    places: list[tuple[str | None, str | None]] = []
    by_name = False  # the open section was opened by a standard's name alone
    for offset, line in flow.line_offsets():
        text = line.text.strip()
        match = heading.match(text)
        code = "".join(match["code"].split()) if match else ""
        units = _units_of_heading(known, code, match["name"]) if match else None
        key = compact(text) if _is_name_heading(text) else ""
        place: tuple[str | None, str | None] | None = None
        if match and units:
            # a heading several units share (a letter) names no one unit
            place, by_name = (units[0] if len(units) == 1 else None, code), False
        elif key in names:
            place, by_name = names[key], True
        elif end.match(text) or compact(text) in domain_keys or (by_name and _names_another(key, names)):
            place, by_name = (None, None), False
        if place is not None:
            starts.append(offset)
            places.append(place)
    return Sections(starts, places)


def _names_another(key: str, names: dict[str, tuple[str | None, str | None]]) -> bool:
    """Whether a heading-like line (compacted) starts with a standard's name without being it
    ("Services and interventions" beside the standard "Services"): a heading the record's names do
    not place, which closes a section a name alone opened (the text after it is no known standard's:
    null, never the section before it; the 2022 Wales letter's UPW paragraph under 'Staff')."""
    return bool(key) and any(key.startswith(name) for name in names)


def _names_alone(known: dict[tuple[str, str], list[str | None]]) -> dict[str, tuple[str | None, str | None]]:
    """Each standard's name (compacted) -> the place a line printing it alone opens: (unit, code) of the
    one standard of the record so named (no unit when several units rate it), or (None, None) when
    standards of different codes share the name (the section is then no one standard's)."""
    codes: dict[str, set[str]] = {}
    units: dict[str, list[str | None]] = {}
    for (code, name), rated_by in known.items():
        if name:
            codes.setdefault(name, set()).add(code)
            units.setdefault(name, []).extend(rated_by)
    places: dict[str, tuple[str | None, str | None]] = {}
    for name, found in codes.items():
        if len(found) == 1:
            places[name] = (units[name][0] if len(units[name]) == 1 else None, next(iter(found)))
        else:
            places[name] = (None, None)
    return places


def _is_name_heading(text: str) -> bool:
    """Whether a line could be a heading printing a standard's name alone: it starts with a capital
    letter and does not end a sentence or run on (no closing punctuation, no hyphen or comma)."""
    return bool(text) and text[0].isupper() and text[-1].isalnum()


def _units_of_heading(known: dict[tuple[str, str], list[str | None]], code: str, name: str) -> list[str | None] | None:
    """The units rating the standard a heading line names (its code and name, maybe followed by
    the standard's rating as printed in a table row), or None when it names no known standard."""
    words = name.split()
    for cut in range(len(words), 0, -1):
        units = known.get((code, compact(" ".join(words[:cut]))))
        if units and _is_rating_cell(words[cut:]):
            return units
    return None


def _is_rating_cell(words: Sequence[str]) -> bool:
    """Whether the words after a standard's name are nothing, a rating, or a rating's first
    words with the rest wrapped onto the next line ("Requires")."""
    if not words or as_rating(" ".join(words)) is not None:
        return True
    lowered = [word.lower() for word in words]
    wrapped = (rating.lower().split() for rating in vocab().ratings)
    return any(len(parts) > len(words) and parts[: len(words)] == lowered for parts in wrapped)

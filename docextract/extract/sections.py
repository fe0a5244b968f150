"""Where a piece of the running text belongs: the rated unit and standard whose section it is in.

A standard's section opens at a line that is the standard's code and name ("2.3. Planning",
"P 2.3 Planning") of a unit the record rates — also as a row of a table that prints the
standard's rating beside it ("2.3. Planning  Good", or "Requires" with "improvement" wrapped
below: an annex table of every standard and its key questions) — and runs to the next such heading or a line that
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
    starts: list[int] = []
    places: list[tuple[str | None, str | None]] = []
    for offset, line in flow.line_offsets():
        text = line.text.strip()
        match = heading.match(text)
        code = "".join(match["code"].split()) if match else ""
        units = _units_of_heading(known, code, match["name"]) if match else None
        if match and units:
            # a heading several units share (a letter) names no one unit
            starts.append(offset)
            places.append((units[0] if len(units) == 1 else None, code))
        elif end.match(text) or compact(text) in domain_keys:
            starts.append(offset)
            places.append((None, None))
    return Sections(starts, places)


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

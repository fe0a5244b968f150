"""What every check receives: the record, the document's text, and the framework's rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ...model.codes import STANDARDS_MISSING
from ...model.record import RATINGS, InspectionReport, Rating, Standard
from ...read.document import Document
from ...read.fuzzy import best_match
from ...rules.patterns import Framework, StandardRule, frameworks, validation_patterns
from .flow import Flow, build_flow
from .sections import Sections, build_sections

_PLACE = re.compile(r"^units\[(?P<unit>\d+)\](?:\.standards\[(?P<standard>\d+)\])?")


@dataclass
class Context:
    report: InspectionReport
    doc: Document | None = None

    @cached_property
    def framework(self) -> Framework | None:
        """The rules of the report's framework; None when the framework has no known rules."""
        name = self.report.framework
        return frameworks().frameworks.get(name) if name else None

    @cached_property
    def flow(self) -> Flow | None:
        return build_flow(self.doc) if self.doc is not None else None

    @cached_property
    def sections(self) -> Sections | None:
        """Which unit and standard each part of the text belongs to (None without the text)."""
        if self.flow is None:
            return None
        domains: list[str] = []
        if self.framework is not None:
            for number in self.framework.domains:
                domains += [f"{number}. {name}" for name in self.framework.domain_names(number)]
        return build_sections(self.flow, self.report, domains)

    def place_at(self, offset: int) -> tuple[str | None, str | None]:
        """(unit name, standard code) of the section of the text holding this offset."""
        return (None, None) if self.sections is None else self.sections.place_at(offset)

    @cached_property
    def multi_unit(self) -> bool:
        """Whether the report rates several units (a regional letter, or more than one ratings table)."""
        return len(self.report.units) > 1 or self.report.kind in validation_patterns().multi_unit_kinds

    def place_of(self, field: str | None) -> tuple[str | None, str | None]:
        """The unit name and standard code a warning's field path points into ("units[0].standards[2]...")."""
        match = _PLACE.match(field or "")
        if match is None:
            return None, None
        units = self.report.units
        index = int(match.group("unit"))
        if index >= len(units):
            return None, None
        unit = units[index]
        if match.group("standard") is None or int(match.group("standard")) >= len(unit.standards):
            return unit.name, None
        return unit.name, unit.standards[int(match.group("standard"))].code

    def printed(self, index: int, target: str) -> int | None:
        """A unit's score or maximum as printed: the record's value, else a value the parser refused
        as implausible although every reading path read it the same (a misprint the checks report)."""
        unit = self.report.units[index]
        value = getattr(unit, target)
        if value is not None:
            return int(value)
        field = f"units[{index}].{target}"
        for warning in self.report.warnings:
            if warning.field == field and warning.confirmed and warning.read and warning.read.isdigit():
                return int(warning.read)
        return None

    def partial(self, index: int) -> bool:
        """Whether the parser read only part of a unit's standards (a `standards_missing` warning:
        its table ran on to a page not read), so its score and bands cannot be recomputed."""
        field = f"units[{index}].standards"
        return any(w.code == STANDARDS_MISSING and w.field == field for w in self.report.warnings)

    def rule(self, standard: Standard) -> StandardRule | None:
        """The framework's rule for a printed standard (by code; by name where variants share a code)."""
        if self.framework is None:
            return None
        candidates = [r for r in self.framework.standards if r.code == standard.code]
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        name = best_match(standard.name, [c.name for c in candidates], threshold=0.0)
        return next((c for c in candidates if c.name == name), candidates[0])

    def case_based(self, standard: Standard) -> bool:
        rule = self.rule(standard)
        return rule is not None and rule.case_based

    def counted(self, standard: Standard) -> bool:
        """Whether the standard counts towards the score (youth resettlement does not)."""
        rule = self.rule(standard)
        return standard.counted and (rule is None or rule.counted)


def score_of(rating: Rating) -> int:
    return frameworks().ratings[rating]


def max_standard_score() -> int:
    return max(frameworks().ratings.values())


def rank(rating: Rating) -> int:
    """Position from Inadequate (0) to Outstanding (3)."""
    return RATINGS.index(rating)


def quoted(rating: Rating | None) -> str:
    return f"'{rating}'" if rating else "no rating"

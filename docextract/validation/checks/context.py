"""What every check receives: the record (with the statements of its text) and the framework's rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ...model.codes import STANDARDS_MISSING
from ...model.record import InspectionReport, Located, Rating, Standard, Statement, StatementKind
from ...rules.patterns import frameworks, validation_patterns, vocab
from ...rules.text import best_match

if TYPE_CHECKING:  # the schema classes load only to validate a changed rule file
    from ...rules.patterns import Framework, StandardRule

_PLACE = re.compile(r"^units\[(?P<unit>\d+)\](?:\.standards\[(?P<standard>\d+)\])?")


@dataclass
class Context:
    """What the checks share: the record (and its statements) and the rules of its framework."""

    report: InspectionReport

    @cached_property
    def framework(self) -> Framework | None:
        """The rules of the report's framework; None when the framework has no known rules."""
        name = self.report.framework
        return frameworks().frameworks.get(name) if name else None

    def statements(self, kind: StatementKind) -> list[Statement]:
        """The record's statements of one kind, in text order (none for a record without statements)."""
        return [s for s in self.report.statements or [] if s.kind == kind]

    @cached_property
    def source_lines(self) -> dict[str, Statement]:
        """The `source_line` statements by the path of the record item read from them."""
        return {s.field: s for s in self.statements("source_line") if s.field is not None}

    @cached_property
    def paths(self) -> dict[int, str]:
        """The path ("units[0].standards[2]") of each unit, standard, recommendation and stated
        count of the record, by the item's identity."""
        paths: dict[int, str] = {}
        for i, unit in enumerate(self.report.units):
            paths[id(unit)] = f"units[{i}]"
            paths.update((id(s), f"units[{i}].standards[{j}]") for j, s in enumerate(unit.standards))
        paths.update((id(r), f"recommendations[{i}]") for i, r in enumerate(self.report.recommendations))
        if self.report.stated_recommendation_count is not None:
            paths[id(self.report.stated_recommendation_count)] = "stated_recommendation_count"
        return paths

    def item(self, path: str | None) -> Located | None:
        """The unit ("units[0]") or standard ("units[0].standards[2]") a path names, or None."""
        match = _PLACE.fullmatch(path or "")
        if match is None or int(match.group("unit")) >= len(self.report.units):
            return None
        unit = self.report.units[int(match.group("unit"))]
        if match.group("standard") is None:
            return unit
        index = int(match.group("standard"))
        return unit.standards[index] if index < len(unit.standards) else None

    def named_item(self, field: str | None) -> Located | None:
        """The deepest record item a warning's `field` path names: "units[0].standards[3]
        .key_questions[2].percent" is that key question, "units[0].score" the unit; None when the path
        names no item ("[*]": every item; "title"; an index past the end)."""
        node: object = self.report
        found: Located | None = None
        for part in (field or "").split("."):
            name, bracket, rest = part.partition("[")
            node = getattr(node, name, None) if name.isidentifier() else None
            if bracket:
                index = rest.removesuffix("]")
                items = node if isinstance(node, list) else []
                node = items[int(index)] if index.isdigit() and int(index) < len(items) else None
            if isinstance(node, Located):
                found = node
            elif not isinstance(node, list):
                break
        return found

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
        its table ran on to a page not read; or `unread_standards`), so its score and bands cannot
        be recomputed."""
        field = f"units[{index}].standards"
        return bool(self.unread_standards(index)) or any(
            w.code == STANDARDS_MISSING and w.field == field for w in self.report.warnings
        )

    def unread_standards(self, index: int) -> list[str]:
        """The codes of the framework's counted standards a unit's record lacks, when its printed
        maximum score says more standards were rated than were read (21 printed, six of the seven
        read): a row the parser could not read, so nothing is recomputed from the rest. Empty when
        the maximum fits the standards read (a standard not rated drops out, rating-rules §2), is
        above the framework's maximum (a misprint, reported as max_score_mismatch) or is not printed."""
        if self.framework is None:
            return []
        unit = self.report.units[index]
        top = self.printed(index, "max_score")
        counted = [s for s in unit.standards if self.counted(s)]
        step = max_standard_score()
        if top is None or top <= step * len(counted) or top > self.framework.max_score:
            return []  # fits the standards read, or above the framework's maximum: a misprint, checked
        read = {s.code for s in unit.standards}
        missing = list(dict.fromkeys(r.code for r in self.framework.standards if r.counted and r.code not in read))
        return missing if top <= step * (len(counted) + len(missing)) else []

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
        """Whether the framework rates `standard` from its case-based key questions."""
        rule = self.rule(standard)
        return rule is not None and rule.case_based

    def not_rated(self, standard: Standard) -> bool:
        """Whether the report prints the standard 'Not rated' (no rating, not counted, though the
        framework counts it): it drops out of the score and the maximum (rating-rules §2)."""
        rule = self.rule(standard)
        return standard.rating is None and not standard.counted and (rule is None or rule.counted)

    def counted(self, standard: Standard) -> bool:
        """Whether the standard counts towards the score (youth resettlement does not)."""
        rule = self.rule(standard)
        return standard.counted and (rule is None or rule.counted)


def score_of(rating: Rating) -> int:
    """The points a rating scores (patterns/frameworks.yaml `ratings`)."""
    return frameworks().ratings[rating]


def max_standard_score() -> int:
    """The points of the best rating."""
    return max(frameworks().ratings.values())


def rank(rating: Rating) -> int:
    """Position from Inadequate (0) to Outstanding (3): the order of patterns/vocab.yaml `ratings`."""
    return vocab().ratings.index(rating)


def quoted(rating: Rating | None) -> str:
    """A rating in quotes for a message, or 'no rating'."""
    return f"'{rating}'" if rating else "no rating"

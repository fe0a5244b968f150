"""Thematic inspections: the inspectorates leading a joint inspection, as named on the cover
("A joint inspection by HM Inspectorate of Probation and HM Inspectorate of Prisons").

Known inspectorates (patterns/thematic.yaml) are read whole, even with "and" in their names;
the rest of the list is split at commas and "and". A single-inspectorate report names none.
"""

from __future__ import annotations

from functools import cache

import regex

from ..detect.classify import Detection, front_lines
from ..read.document import Document
from ..read.normalize import collapse
from ..rules.patterns import thematic_patterns
from ..rules.regexes import any_of, compiled
from .metadata import same_heading


@cache
def _compiled() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    rules = thematic_patterns()
    return compiled(rules.lead_by), compiled(rules.known.replace("<INSPECTORATES>", any_of(rules.inspectorates)))


def split_inspectorates(listed: str) -> list[str]:
    """'A, B and C' -> ['A', 'B', 'C'], keeping known names with 'and' inside whole."""
    _, known = _compiled()
    separators = compiled(thematic_patterns().separators)
    out: list[str] = []
    cursor = 0
    for match in known.finditer(listed):
        out += [p for p in separators.split(listed[cursor : match.start()]) if p.strip()]
        out.append(match.group())
        cursor = match.end()
    out += [p for p in separators.split(listed[cursor:]) if p.strip()]
    trim = thematic_patterns().trim
    return [collapse(p).strip(trim) for p in out if collapse(p).strip(trim)]


def lead_inspectorates(doc: Document, detection: Detection) -> list[str]:
    """The inspectorates named as leading the inspection on the cover (thematic reports only)."""
    if detection.kind != "thematic_inspection":
        return []
    lead_by, _ = _compiled()
    rules = thematic_patterns()
    lines = front_lines(doc)
    for index, line in enumerate(lines):
        text = line.text.strip()
        if not lead_by.match(text):
            continue
        for following in lines[index + 1 : index + 1 + rules.wrap_lines]:  # wrapped over lines of the same type
            if text.endswith(rules.list_end) or not same_heading(line, following):
                break
            text, line = f"{text} {following.text.strip()}", following
        match = lead_by.match(text)
        found = split_inspectorates(match.group("list")) if match else []
        return found if len(found) >= rules.min_listed else []
    return []

"""The lines behind a detection: where the document prints what decided its kind and its framework.

`detect` decides from the whole document; this finds, for the record's provenance, the first line
that shows the decision: the first line printing one of the framework's standards ("2.1 Assessment
Good"), and the first line matching the cue that decided the kind ("An inspection of probation
services in: ...") — or, for a kind that follows from the framework (PDU, regional and youth
inspections), the framework's line. Same patterns as `classify` (patterns/detection.yaml,
patterns/frameworks.yaml), read again only for the record's provenance.
"""

from __future__ import annotations

import regex

from ..read.document import Document, Line
from ..read.normalize import compact
from ..rules.patterns import detection_patterns, frameworks
from ..rules.regexes import compiled
from .classify import front_lines, opening_lines, printed_standard


def framework_line(doc: Document, framework: str | None) -> Line | None:
    """The first line printing one of `framework`'s standards as 'code name [rating]', or None."""
    if framework is None or framework not in frameworks().frameworks:
        return None
    rules = [(compact(r.code), compact(r.name)) for r in frameworks().frameworks[framework].standards]
    # a line printing a standard opens with its code, or "p" and its code: other lines are passed over
    firsts = {code[:1] for code, _ in rules} | {"p"} if all(code for code, _ in rules) else None
    for line in doc.lines():
        key = compact(line.text)
        if firsts is not None and key[:1] not in firsts:
            continue
        if any(printed_standard([key], code, name) for code, name in rules):
            return line
    return None


def kind_line(doc: Document, kind: str, framework: str | None) -> tuple[Line | None, str]:
    """The first line showing the document's kind, and how it was decided: `framework` (the kinds
    that follow from the framework's standards: the framework's line) or `cue` (the first line
    matching one of the kind's cues in patterns/detection.yaml)."""
    if follows_framework(kind, framework):
        return framework_line(doc, framework), "framework"
    return cue_line(doc, kind), "cue"


def follows_framework(kind: str, framework: str | None) -> bool:
    """Whether `kind` is one decided by the framework of the standards printed (classify.detect_kind:
    PDU, regional and youth inspections), `framework` known: its line is then the framework's."""
    return framework is not None and kind in {rules.kind for rules in frameworks().frameworks.values()}


def cue_line(doc: Document, kind: str) -> Line | None:
    """The first line matching one of `kind`'s cues in patterns/detection.yaml, or None."""
    cues = detection_patterns().kinds.get(kind)
    scopes = {"front": front_lines(doc), "opening": opening_lines(doc)}
    for cue in cues.cues if cues is not None else ():
        pattern = compiled(cue.pattern, regex.MULTILINE)
        found = scopes.get(cue.scope)
        for line in found if found is not None else doc.lines():
            if pattern.search(line.text):
                return line
    return None

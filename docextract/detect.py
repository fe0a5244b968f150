"""Detection: what kind of report this is, which rating framework it uses, and which
lines are page furniture (running headers, footers, page numbers).

Everything is decided from the document's words, never from its file name or looks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from .document import Document, Line
from .fuzzy import as_rating
from .models import Kind, ParseWarning
from .normalize import compact
from .patterns import Cue, KindCues, detection_patterns, frameworks, ratings_patterns

FRONT_LINES = 40
OPENING_PAGES = 3
OPENING_LINES = 200
# this many distinct rated standards printed, none of a known framework: the framework is unknown
UNKNOWN_FRAMEWORK_STANDARDS = 3
_PAGE_NUMBER = regex.compile(r"^(?:page\s+)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$", regex.IGNORECASE)
_STANDARD_KEY = regex.compile(r"^p?\d\d[a-z]{3,}")
_SCORE = regex.compile(r"\bScore\b\s*:?\s*\d{1,2}\s*/\s*(\d{1,2})\b", regex.IGNORECASE)


@dataclass(frozen=True)
class Detection:
    kind: Kind
    framework: str | None
    furniture: frozenset[str]
    warnings: list[ParseWarning] = field(default_factory=list)

    def is_furniture(self, line: Line) -> bool:
        return self.is_furniture_text(line.text)

    def is_furniture_text(self, text: str) -> bool:
        """A running header or footer, or a page number."""
        return text in self.furniture or is_page_number(text)


def is_page_number(text: str) -> bool:
    return _PAGE_NUMBER.match(text) is not None


def front_lines(doc: Document) -> list[Line]:
    """The cover: the first page's first lines (the first lines of a one-page text)."""
    return [line for page in doc.pages[:2] for line in page.lines][:FRONT_LINES]


def opening_lines(doc: Document) -> list[Line]:
    return [line for page in doc.pages[:OPENING_PAGES] for line in page.lines][:OPENING_LINES]


def detect(doc: Document) -> Detection:
    warnings: list[ParseWarning] = []
    framework = detect_framework(doc)
    kind = detect_kind(doc, framework)
    if kind == "unknown":
        warnings.append(
            ParseWarning(
                code="unknown_document",
                message="not recognised as an HM Inspectorate of Probation report: parsed as 'unknown'",
            )
        )
    return Detection(kind=kind, framework=framework, furniture=find_furniture(doc), warnings=warnings)


def find_furniture(doc: Document) -> frozenset[str]:
    """Lines repeated at the top or bottom of many pages: running headers and footers."""
    if doc.page_count < 3:
        return frozenset()
    counts: Counter[str] = Counter()
    for page in doc.pages:
        edge = {line.text for line in page.lines[:2] + page.lines[-2:]}
        counts.update(edge)
    threshold = max(3, doc.page_count // 3)
    return frozenset(text for text, n in counts.items() if n >= threshold and len(text) < 120)


def detect_framework(doc: Document) -> str | None:
    """The framework whose standards the document prints as 'code name' lines.

    The printed maximum score ('Score 6/21') only breaks ties or stands in when too few
    standards are printed: a misprinted maximum must not switch the framework.
    """
    # only short lines opening with a standard's number ("2.1", "P 2.1") can print one
    keys = [key for key in (compact(line.text) for line in doc.lines()) if _STANDARD_KEY.match(key)]
    maxima = {int(m.group(1)) for line in doc.lines() for m in _SCORE.finditer(line.text)}
    scored: list[tuple[float, bool, str]] = []
    for name, framework in frameworks().frameworks.items():
        variants: set[str | None] = {rule.variant for rule in framework.standards if rule.variant} or {None}
        share = 0.0
        for variant in variants:
            rules = [r for r in framework.standards if r.variant in (None, variant) and r.counted]
            found = {r.code for r in rules if _printed(keys, compact(r.code + r.name))}
            share = max(share, len(found) / len({r.code for r in rules}) + 0.001 * len(found))
        scored.append((share, framework.max_score in maxima, name))
    printed = [item for item in scored if item[0] >= 0.6]
    if printed:
        return max(printed, key=lambda item: item[0] + (0.05 if item[1] else 0.0))[2]
    if len({_code(key) for key in keys if _rated(key)}) >= UNKNOWN_FRAMEWORK_STANDARDS:
        # rated standards are printed, but they are no known framework's: never force one
        return None
    by_maximum = [item for item in scored if item[1]]
    return by_maximum[0][2] if len(by_maximum) == 1 else None


def _code(key: str) -> str:
    """The standard's number of a compact 'code name rating' line ('p21assessmentgood' -> '21')."""
    return key.lstrip("p")[:2]


def _rated(key: str) -> bool:
    """Whether a compact 'code name rating' line ends with a rating word."""
    return any(key.endswith(word.compact) for word in ratings_patterns().ratings)


def _printed(keys: Sequence[str], key: str) -> bool:
    """Whether some line is the standard's 'code name' (optionally 'P' prefixed, then a rating)."""
    for line in keys:
        for prefix in (key, "p" + key):
            if line.startswith(prefix):
                rest = line[len(prefix) :]
                if not rest or as_rating(rest) is not None or _rating_start(rest):
                    return True
    return False


def _rating_start(rest: str) -> bool:
    """The first word(s) of a rating wrapped in its cell ('requires' of 'Requires / improvement')."""
    return len(rest) >= 4 and any(word.compact.startswith(rest) for word in ratings_patterns().ratings)


def _matches(doc: Document, kind: KindCues) -> bool:
    scopes = {
        "front": [line.text for line in front_lines(doc)],
        "opening": [line.text for line in opening_lines(doc)],
    }

    def found(cue: Cue) -> bool:
        texts = scopes.get(cue.scope)
        lines = texts if texts is not None else [line.text for line in doc.lines()]
        pattern = regex.compile(cue.pattern, regex.MULTILINE)
        return any(pattern.search(text) for text in lines)

    results = (found(cue) for cue in kind.cues)
    return all(results) if kind.match == "all" else any(results)


def detect_kind(doc: Document, framework: str | None) -> Kind:
    patterns = detection_patterns()
    kinds = patterns.kinds
    opening = "\n".join(line.text for line in opening_lines(doc))
    publisher = any(regex.search(p, opening) for p in patterns.publisher)

    def hit(kind: str) -> bool:
        return kind in kinds and _matches(doc, kinds[kind])

    if hit("annual_report"):
        return "annual_report"
    if hit("regional_letter"):
        return "regional_letter"
    by_framework: dict[str, Kind] = {
        "youth-2018": "youth_justice_inspection",
        "probation-pdu-2021": "pdu_inspection",
        "probation-pdu-2023": "pdu_inspection",
        "probation-2018": "regional_inspection",
    }
    if framework in by_framework:
        return by_framework[framework]
    if hit("youth_justice_inspection"):
        return "youth_justice_inspection"
    if not publisher:
        return "unknown"
    if hit("thematic_inspection"):
        return "thematic_inspection"
    if hit("pdu_inspection"):
        return "pdu_inspection"
    if hit("regional_inspection"):
        return "regional_inspection"
    return "unknown"

"""Statements: the located facts of a report's running text that the text checks need.

`extract_statements(doc, report)` reads the running text once (extract.flow: body lines in reading
order, sentences, pages) and returns, each located the way a finding about it is located (page and
box, line, or heading and paragraph, and a quotation): the ratings the prose states
(extract.stated_ratings), counts given with a percentage, broken cross references, dates and
fieldwork windows, and the line each rated unit, standard and recommendation was read from. With
them in the record, `docextract validate record.json` gives the findings `docextract validate
report.pdf` gives. The patterns are data: patterns/validation.yaml (`narrative`, `counts`,
`cross_references`, `dates`, `sections`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from functools import cache
from typing import Any

import regex

from ..detect.classify import Detection
from ..model.record import InspectionReport, Located, ParseWarning, Statement
from ..read.document import Document
from ..rules.patterns import frameworks, validation_patterns, vocab
from ..rules.regexes import compiled
from ..rules.text import collapse
from .flow import Flow, build_flow
from .sections import Sections, build_sections
from .sourcelines import source_lines
from .spans import locate_span
from .stated_ratings import stated_ratings


def extract_statements(
    doc: Document, report: InspectionReport, detection: Detection | None = None
) -> tuple[list[Statement], list[ParseWarning]]:
    """The statements of `doc`'s running text for `report` (its units, standards and recommendations
    already read and placed), in this order: stated ratings, counts, cross references, dates, date
    windows (each followed by its two dates), source lines. Never warns (the second item is empty):
    a text without such statements gives none. `detection` (of `doc`): its page furniture is reused,
    not found again."""
    if report.kind == "unknown":
        return [], []
    flow = build_flow(doc, detection)
    sections = _sections(flow, report)
    statements: list[Statement] = []
    for kind, start, end, values in _found(flow, report):
        unit, standard = sections.place_at(start)
        where = locate_span(flow, start, end)
        text = values.pop("text", None) or flow.text[start:end]
        statements.append(
            Statement(kind=kind, text=text, start=start, end=end, unit=unit, standard=standard, **values, **where)
        )
    statements += source_lines(doc, _cited_items(report))
    return statements, []


def _sections(flow: Flow, report: InspectionReport) -> Sections:
    domains: list[str] = []
    framework = frameworks().frameworks.get(report.framework) if report.framework else None
    if framework is not None:
        for number in framework.domains:
            domains += [f"{number}. {name}" for name in framework.domain_names(number)]
    return build_sections(flow, report, domains)


Found = tuple[str, int, int, dict[str, Any]]  # kind, start and end offsets in the flow's text, fields


def _found(flow: Flow, report: InspectionReport) -> Iterator[Found]:
    for stated in stated_ratings(flow, report):
        yield "rating", stated.start, stated.end, {"field": stated.field, "rating": stated.rating}
    yield from _counts(flow)
    yield from _cross_references(flow)
    yield from _dates(flow)


def _cited_items(report: InspectionReport) -> list[tuple[str, Located]]:
    """The record items a finding can be about, with their paths: units, standards, recommendations
    and the stated recommendation count."""
    items: list[tuple[str, Located]] = []
    for i, unit in enumerate(report.units):
        items.append((f"units[{i}]", unit))
        items += [(f"units[{i}].standards[{j}]", s) for j, s in enumerate(unit.standards)]
    items += [(f"recommendations[{i}]", r) for i, r in enumerate(report.recommendations)]
    if report.stated_recommendation_count is not None:
        items.append(("stated_recommendation_count", report.stated_recommendation_count))
    return items


# --- counts ("45 out of 72 (63%)") ---------------------------------------------------------------


@cache
def _count_patterns() -> tuple[list[regex.Pattern[str]], dict[str, int]]:
    rules = validation_patterns().counts
    spelled = vocab().words_between(rules.number_words.min, rules.number_words.max)
    words = {k.casefold(): v for k, v in spelled.items()}
    number = "|".join(sorted(map(regex.escape, words), key=len, reverse=True))
    patterns = [compiled(p.replace("<NUMBER>", number), regex.IGNORECASE) for p in rules.patterns]
    return patterns, words


def _counts(flow: Flow) -> Iterator[Found]:
    patterns, words = _count_patterns()
    needs = validation_patterns().counts.needs
    for sentence in flow.sentences:
        if needs not in sentence.text:  # no pattern can match
            continue
        seen: set[int] = set()
        for pattern in patterns:
            for match in pattern.finditer(sentence.text):
                if match.start() in seen:
                    continue
                seen.add(match.start())
                part = int(match["n"]) if match["n"].isdigit() else words[match["n"].casefold()]
                whole = int(match["m"])
                if whole == 0:
                    continue
                values = {"text": match.group().strip(), "part": part, "whole": whole, "percent": float(match["p"])}
                yield "count", sentence.start + match.start(), sentence.start + match.end(), values


# --- broken cross references ("Error! Bookmark not defined.") ----------------------------------


def _cross_references(flow: Flow) -> Iterator[Found]:
    for pattern in validation_patterns().cross_references:
        for match in compiled(pattern, regex.IGNORECASE).finditer(flow.text):
            yield "cross_reference", match.start(), match.end(), {"text": collapse(match.group())}


# --- dates and fieldwork windows ----------------------------------------------------------------


@cache
def _date_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    rules = validation_patterns().dates
    one = compiled(rules.date, regex.IGNORECASE)
    anonymous = compiled(r"\(\?P<\w+>").sub("(?:", rules.date)
    window = compiled(rules.window.replace("<DATE>", anonymous), regex.IGNORECASE)
    return one, window, compiled(rules.context, regex.IGNORECASE)


def _date(match: regex.Match[str], base: int) -> tuple[int, int, dict[str, Any]]:
    year = match["year"]
    values = {
        "text": match.group(),
        "day": int(match["day"]),
        "month": [month.casefold() for month in vocab().months].index(match["month"].casefold()) + 1,
        "year": int(year) if year else None,
    }
    return base + match.start(), base + match.end(), values


def _dates(flow: Flow) -> Iterator[Found]:
    """Every date printed with its year, then every window of a sentence about fieldwork or the
    case sample (a window's statement, then its start and its end, numbered alike). A window holds
    two dates, so only sentences in which the one pass over the text found two dates or more are
    searched for windows (the pass finds every date a sentence alone would: a date cannot start
    inside another, and a sentence ends at white space)."""
    one, window, context = _date_patterns()
    starts: list[int] = []
    for match in one.finditer(flow.text):
        starts.append(match.start())
        if match["year"]:
            yield "date", *_date(match, 0)
    number = 0
    for sentence in flow.sentences:
        first = bisect_left(starts, sentence.start)
        if first + 1 >= len(starts) or starts[first + 1] >= sentence.start + len(sentence.text):
            continue  # fewer than two dates in the sentence: no window
        if not context.search(sentence.text):
            continue
        for found in window.finditer(sentence.text):
            base = sentence.start + found.start()
            dates = [_date(m, base) for m in one.finditer(found.group())]
            for start, end in zip(dates[0::2], dates[1::2], strict=False):
                number += 1
                text = f"{start[2]['text']} – {end[2]['text']}"
                yield "date_window", start[0], end[1], {"text": text, "window": number}
                yield "window_start", start[0], start[1], {**start[2], "window": number}
                yield "window_end", end[0], end[1], {**end[2], "window": number}

"""Every null value in a record has a warning naming its field, its place and the reason.

Run last by the parser: for each null value (provenance fields aside) no warning names yet,
a warning the parser gave for the same item is adopted (its `field` set), or a warning is
added with the reason `patterns/nulls.yaml` gives for that field. Field paths:
"units[0].standards[4].rating"; in a warning's `field`, "[*]" is any item and "*" any
characters of one name ("key_questions[*].comparator_*").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

import regex

from ..model.record import InspectionReport, ParseWarning
from ..rules.patterns import nulls_patterns
from ..rules.regexes import compiled

if TYPE_CHECKING:  # the schema classes load only to validate a changed rule file
    from ..rules.patterns import NullReason

_INDEX = re.compile(r"\[\d+\]")


def null_paths(report: InspectionReport) -> list[str]:
    """The paths of the record's null values, provenance (page, bbox..., the metadata's `provenance`) aside."""
    return _null_paths(report.model_dump(mode="python", exclude={"warnings"}))


def _null_paths(data: dict[str, Any]) -> list[str]:
    """The null leaves' paths, never entering a provenance field (any of whose leaves would be left out)."""
    return list(_walk(data, "", frozenset(nulls_patterns().provenance)))


def explains(field: str | None, path: str) -> bool:
    """Whether a warning's `field` (a path, with "[*]" and "*" wildcards) names this value's path,
    or one of the items holding it ("units[0]" explains everything in that unit)."""
    return field is not None and _pattern(field).fullmatch(path) is not None


def unexplained_nulls(report: InspectionReport) -> list[str]:
    """Null values no warning names (empty for every record docextract writes)."""
    fields = [w.field for w in report.warnings]
    return [path for path in null_paths(report) if not any(explains(f, path) for f in fields)]


def explain_nulls(report: InspectionReport) -> InspectionReport:
    """The record with a warning for every null value (see the module docstring)."""
    warnings = list(report.warnings)
    data = report.model_dump(mode="python", exclude={"warnings"})
    nulls = _null_paths(data)
    # a field null in every item of the record (no comparator column anywhere): one warning
    everywhere = _null_everywhere(data, nulls)
    for path in nulls:
        if any(explains(w.field, path) for w in warnings):
            continue
        generic = _INDEX.sub("[*]", path)
        if generic in everywhere and "[*]" in generic:
            reason = _reason(path)
            warnings.append(ParseWarning(code=reason.code, message=f"{generic}: {reason.reason}", field=generic))
            continue
        reason = _reason(path)
        page = _page_of(report, path)
        adopted = next(
            (
                i
                for i, w in enumerate(warnings)
                if w.field is None and w.code in reason.adopt and (w.page is None or page is None or w.page == page)
            ),
            None,
        )
        if adopted is not None:
            warnings[adopted] = warnings[adopted].model_copy(update={"field": path})
            continue
        warnings.append(ParseWarning(code=reason.code, message=f"{path}: {reason.reason}", page=page, field=path))
    return report.model_copy(update={"warnings": warnings})


def _null_everywhere(data: dict[str, Any], nulls: list[str]) -> set[str]:
    """Generic paths ("units[*].standards[*].key_questions[*].code") whose every value is null,
    of the dumped record `data`."""
    values: dict[str, int] = {}
    _count_leaves(data, "", values, frozenset(nulls_patterns().provenance))
    null_counts: dict[str, int] = {}
    for path in nulls:
        generic = _INDEX.sub("[*]", path)
        null_counts[generic] = null_counts.get(generic, 0) + 1
    return {generic for generic, count in null_counts.items() if count == values.get(generic) and count > 1}


def _count_leaves(value: Any, generic: str, counts: dict[str, int], skip: frozenset[str]) -> None:
    """Count every leaf (null or not) of the dumped record by its generic path (list indexes
    as "[*]"), fields named in `skip` (provenance) left out: a list of items is walked, any other
    list is one leaf."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in skip:
                _count_leaves(item, f"{generic}.{key}" if generic else key, counts, skip)
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        inner = f"{generic}[*]"
        for item in value:
            _count_leaves(item, inner, counts, skip)
    else:
        counts[generic] = counts.get(generic, 0) + 1


def _walk(value: Any, path: str, skip: frozenset[str]) -> Iterator[str]:
    """The paths of the null leaves under `value`, fields named in `skip` left out."""
    if value is None:
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in skip:
                yield from _walk(item, f"{path}.{key}" if path else key, skip)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]", skip)


@cache
def _pattern(field: str, below: bool = True) -> regex.Pattern[str]:
    body = re.escape(field).replace(r"\[\*\]", r"\[\d+\]").replace(r"\*", r"[^.\[]*")
    return compiled(body + (r"(?:[.\[].*)?" if below else ""))  # kept compiled across runs (start-up)


def _reason(path: str) -> NullReason:
    """The first reason whose field is this path (nulls.yaml order); the last one otherwise."""
    reasons = nulls_patterns().fields
    return next((r for r in reasons if _pattern(r.field, below=False).fullmatch(path)), reasons[-1])


def _page_of(report: InspectionReport, path: str) -> int | None:
    """The page of the innermost item holding the value (None for document-level values)."""
    item: Any = report
    page = None
    for name, index in re.findall(r"([A-Za-z_]+)(?:\[(\d+)\])?", path):
        item = getattr(item, name, None)
        if index and isinstance(item, list):
            item = item[int(index)] if int(index) < len(item) else None
        found = getattr(item, "page", None)
        if isinstance(found, int):
            page = found
        if item is None:
            break
    return page

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
from typing import Any

from ..model.record import InspectionReport, ParseWarning
from ..rules.patterns import NullReason, nulls_patterns


def null_paths(report: InspectionReport) -> list[str]:
    """The paths of the record's null values, provenance (page, bbox..., the metadata's `provenance`) aside."""
    data = report.model_dump(mode="python", exclude={"warnings"})
    provenance = set(nulls_patterns().provenance)
    return [path for path in _walk(data, "") if not provenance & {part.split("[")[0] for part in path.split(".")}]


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
    nulls = null_paths(report)
    # a field null in every item of the record (no comparator column anywhere): one warning
    everywhere = _null_everywhere(report, nulls)
    for path in nulls:
        if any(explains(w.field, path) for w in warnings):
            continue
        generic = re.sub(r"\[\d+\]", "[*]", path)
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


def _null_everywhere(report: InspectionReport, nulls: list[str]) -> set[str]:
    """Generic paths ("units[*].standards[*].key_questions[*].code") whose every value is null."""
    data = report.model_dump(mode="python", exclude={"warnings"})
    values: dict[str, int] = {}
    for path in _walk_all(data, ""):
        generic = re.sub(r"\[\d+\]", "[*]", path)
        values[generic] = values.get(generic, 0) + 1
    null_counts: dict[str, int] = {}
    for path in nulls:
        generic = re.sub(r"\[\d+\]", "[*]", path)
        null_counts[generic] = null_counts.get(generic, 0) + 1
    return {generic for generic, count in null_counts.items() if count == values.get(generic) and count > 1}


def _walk_all(value: Any, path: str) -> Iterator[str]:
    """Every leaf path (null or not) of the dumped record."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk_all(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        for index, item in enumerate(value):
            yield from _walk_all(item, f"{path}[{index}]")
    else:
        yield path


def _walk(value: Any, path: str) -> Iterator[str]:
    if value is None:
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")


@cache
def _pattern(field: str, below: bool = True) -> re.Pattern[str]:
    body = re.escape(field).replace(r"\[\*\]", r"\[\d+\]").replace(r"\*", r"[^.\[]*")
    return re.compile(body + (r"(?:[.\[].*)?" if below else ""))


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

"""Output of `docextract validate`: text for people, JSON for scripts, SARIF 2.1.0 for CI annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .checks import Issue
from .models import InspectionReport
from .patterns import validation_patterns

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@dataclass
class FileFindings:
    """The findings for one file, or why it could not be read."""

    file: str
    issues: list[Issue] = field(default_factory=list)
    report: InspectionReport | None = None
    error: str | None = None

    def failing(self, strict: bool = False) -> list[Issue]:
        return [i for i in self.issues if strict or i.severity == "error"]

    def ok(self, strict: bool = False) -> bool:
        return self.error is None and not self.failing(strict)


def exit_code(results: Sequence[FileFindings], strict: bool = False) -> int:
    """2 if a file could not be read, else 1 if any file fails, else 0."""
    if any(r.error is not None for r in results):
        return 2
    return 0 if all(r.ok(strict) for r in results) else 1


def _count(issues: Sequence[Issue]) -> str:
    errors = sum(i.severity == "error" for i in issues)
    warnings = len(issues) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


# --- text -------------------------------------------------------------------------------


def _standard_names(report: InspectionReport | None) -> dict[tuple[str | None, str], str]:
    if report is None:
        return {}
    return {(u.name, s.code): s.name for u in report.units for s in u.standards}


def _first_page(issues: Sequence[Issue]) -> tuple[int, int]:
    pages = [i.page for i in issues if i.page is not None]
    return (0, min(pages)) if pages else (1, 0)


def render_text(results: Sequence[FileFindings], strict: bool = False) -> str:
    """Per file: findings grouped by unit and standard (groups and findings by page), then a summary line."""
    out: list[str] = []
    for result in results:
        if result.error is not None:
            out.append(f"{result.file}: cannot be read: {result.error}")
            continue
        names = _standard_names(result.report)
        groups: dict[tuple[str | None, str | None], list[Issue]] = {}
        for found in result.issues:
            groups.setdefault((found.unit, found.standard), []).append(found)

        out.append(result.file)
        for key in sorted(groups, key=lambda k: _first_page(groups[k])):
            unit, standard = key
            title = unit or "Whole report"
            if standard is not None:
                title += f" › {standard} {names.get((unit, standard), '')}".rstrip()
            out.append(f"  {title}")
            for found in sorted(groups[key], key=lambda i: (i.page is None, i.page or 0)):
                page = f"p.{found.page}" if found.page is not None else "p.-"
                out.append(f"    {page:<6} {found.severity:<7} {found.code}: {found.message}")
        verdict = "ok" if result.ok(strict) else "FAILED"
        out.append(f"{result.file}: {_count(result.issues)} ({verdict})")
    if len(results) > 1:
        issues = [i for r in results for i in r.issues]
        unreadable = sum(r.error is not None for r in results)
        extra = f", {unreadable} unreadable" if unreadable else ""
        out.append(f"{len(results)} files: {_count(issues)}{extra}")
    return "\n".join(out) + "\n"


# --- JSON -------------------------------------------------------------------------------


def _file_json(result: FileFindings, strict: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "file": result.file,
        "ok": result.ok(strict),
        "issues": [i.model_dump(mode="json") for i in result.issues],
    }
    if result.error is not None:
        data["error"] = result.error
    return data


def render_json(results: Sequence[FileFindings], strict: bool = False) -> str:
    """One object per file ({"file", "ok", "issues"}); a list when there are several files."""
    items = [_file_json(r, strict) for r in results]
    return json.dumps(items[0] if len(items) == 1 else items, indent=2, ensure_ascii=False) + "\n"


# --- SARIF ------------------------------------------------------------------------------


def _uri(file: str) -> str:
    path = Path(file)
    return path.resolve().as_uri() if path.is_absolute() else path.as_posix()


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": code,
            "name": "".join(word.capitalize() for word in code.split("_")),
            "shortDescription": {"text": info.summary},
            "defaultConfiguration": {"level": info.severity},
        }
        for code, info in validation_patterns().checks.items()
    ]


def _result(found: Issue, index: int, uri: str, rule_index: dict[str, int]) -> dict[str, Any]:
    location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": uri, "index": index}}}
    if found.page is not None:
        location["physicalLocation"]["region"] = {"properties": {"page": found.page}}
    if found.unit or found.standard:
        name = " › ".join(part for part in (found.unit, found.standard) if part)
        location["logicalLocations"] = [{"name": found.standard or found.unit, "fullyQualifiedName": name}]
    result: dict[str, Any] = {
        "ruleId": found.code,
        "level": found.severity,
        "message": {"text": found.message},
        "locations": [location],
        "properties": {
            "page": found.page,
            "unit": found.unit,
            "standard": found.standard,
            "expected": found.expected,
            "found": found.found,
        },
    }
    if found.code in rule_index:
        result["ruleIndex"] = rule_index[found.code]
    return result


def render_sarif(results: Sequence[FileFindings], strict: bool = False) -> str:
    """A SARIF 2.1.0 log: one run, rule ids = check codes, a location per finding (file, page)."""
    rules = _rules()
    rule_index = {rule["id"]: n for n, rule in enumerate(rules)}
    artifacts = [{"location": {"uri": _uri(r.file)}} for r in results]
    sarif_results = [
        _result(found, index, _uri(r.file), rule_index) for index, r in enumerate(results) for found in r.issues
    ]
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{r.file}: {r.error}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(r.file), "index": index}}}],
        }
        for index, r in enumerate(results)
        if r.error is not None
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "docextract",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not notifications,
                        "toolExecutionNotifications": notifications,
                        "exitCode": exit_code(results, strict),
                    }
                ],
                "artifacts": artifacts,
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "sarif": render_sarif}


def render(results: Sequence[FileFindings], fmt: str, strict: bool = False) -> str:
    return RENDERERS[fmt](results, strict)

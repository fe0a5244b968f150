"""`validate --format sarif`: a SARIF 2.1.0 log for code-scanning annotations in CI."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .._version import __version__
from ..rules.patterns import validation_patterns
from ..validation.checks import Issue
from .findings import FileFindings, exit_code

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "SRCROOT"


def _uri(file: str) -> str:
    """The file's path relative to the working directory (symlinks kept as given), URI-encoded."""
    path = Path(file)
    relative = os.path.relpath(path.absolute(), Path.cwd()) if path.is_absolute() else os.path.normpath(path)
    return quote(Path(relative).as_posix())


def _rules() -> list[dict[str, Any]]:
    rules = []
    for code, info in validation_patterns().checks.items():
        help_text = info.help or info.summary
        rules.append(
            {
                "id": code,
                "name": "".join(word.capitalize() for word in code.split("_")),
                "shortDescription": {"text": info.summary},
                "fullDescription": {"text": help_text},
                "help": {"text": help_text, "markdown": help_text},
                "defaultConfiguration": {"level": info.severity},
            }
        )
    return rules


def _region(found: Issue) -> dict[str, Any] | None:
    """startLine: the line of a text file, the paragraph line of a Word draft, the page of a PDF
    (SARIF has no pages; the page and box are also in the region's properties)."""
    region: dict[str, Any] = {}
    properties: dict[str, Any] = {}
    if found.line is not None:
        region["startLine"] = found.line
    elif found.page is not None:
        region["startLine"] = found.page
        properties["page"] = found.page
        region["message"] = {"text": f"page {found.page}"}
    else:
        return None
    if found.bbox is not None:
        properties["bbox"] = found.bbox.model_dump()
    if found.section is not None or found.paragraph is not None:
        properties.update(section=found.section, paragraph=found.paragraph, row=found.row)
        region["message"] = {"text": found.location}
    if found.quotation:
        region["snippet"] = {"text": found.quotation}
    if properties:
        region["properties"] = properties
    return region


def _result(found: Issue, index: int, uri: str, rule_index: dict[str, int]) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri, "uriBaseId": SRCROOT, "index": index}}
    region = _region(found)
    if region is not None:
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    if found.unit or found.standard:
        name = " › ".join(part for part in (found.unit, found.standard) if part)
        location["logicalLocations"] = [{"name": found.standard or found.unit, "fullyQualifiedName": name}]
    result: dict[str, Any] = {
        "ruleId": found.code,
        "level": found.severity,
        "message": {"text": found.message + (f" ({found.location})" if found.location else "")},
        "locations": [location],
        "properties": {
            "page": found.page,
            "unit": found.unit,
            "standard": found.standard,
            "expected": found.expected,
            "found": found.found,
            "quotation": found.quotation,
        },
    }
    if found.code in rule_index:
        result["ruleIndex"] = rule_index[found.code]
    return result


def render_sarif(results: Sequence[FileFindings], strict: bool = False) -> str:
    """A SARIF 2.1.0 log: one run, rule ids = check codes with help texts, a physical location per
    finding (relative URI under %SRCROOT% = the working directory, region startLine, snippet)."""
    rules = _rules()
    rule_index = {rule["id"]: n for n, rule in enumerate(rules)}
    artifacts = [{"location": {"uri": _uri(r.file), "uriBaseId": SRCROOT}} for r in results]
    sarif_results = [
        _result(found, index, _uri(r.file), rule_index) for index, r in enumerate(results) for found in r.issues
    ]
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{r.file}: {r.error}"},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": _uri(r.file), "uriBaseId": SRCROOT, "index": index}}}
            ],
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
                "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().absolute().as_uri() + "/"}},
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

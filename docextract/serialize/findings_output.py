"""Output of `docextract validate`: text for people, JSON for scripts, SARIF 2.1.0 and JUnit XML for CI."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree

from rich.text import Text

from .._version import __version__
from ..model.codes import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, NOT_CHECKED, RULES_UNKNOWN
from ..model.record import InspectionReport
from ..rules.patterns import validation_patterns
from ..validation.checks import Issue
from ..validation.checks.locate import sort_key

# Findings that say part of a report was not checked (unreadable values, no known framework's rules):
# a file with one is never called 'ok' in the text output, even when it does not fail.
_UNCHECKED = frozenset({NOT_CHECKED, RULES_UNKNOWN})

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
        return EXIT_UNREADABLE
    return EXIT_OK if all(r.ok(strict) for r in results) else EXIT_FINDINGS


def _count(issues: Sequence[Issue]) -> str:
    errors = sum(i.severity == "error" for i in issues)
    warnings = len(issues) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


# --- text -------------------------------------------------------------------------------


def _standard_names(report: InspectionReport | None) -> dict[tuple[str | None, str], str]:
    if report is None:
        return {}
    return {(u.name, s.code): s.name for u in report.units for s in u.standards}


_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow"}


def text_lines(results: Sequence[FileFindings], strict: bool = False) -> list[Text]:
    """Per file: findings grouped by unit and standard, groups and findings in document order
    (page, then place on the page), each with its location and a quotation; then a summary line.
    Styled for a terminal; `.plain` gives the same lines without colour."""
    out: list[Text] = []
    for result in results:
        if result.error is not None:
            out.append(Text(f"{result.file}: cannot be read: {result.error}", style="bold red"))
            continue
        names = _standard_names(result.report)
        groups: dict[tuple[str | None, str | None], list[Issue]] = {}
        for found in sorted(result.issues, key=sort_key):
            groups.setdefault((found.unit, found.standard), []).append(found)
        out.append(Text(result.file, style="bold"))
        for (unit, standard), issues in groups.items():  # groups in the order of their first finding
            title = unit or "Whole report"
            if standard is not None:
                title += f" › {standard} {names.get((unit, standard), '')}".rstrip()
            out.append(Text(f"  {title}", style="bold"))
            for found in issues:
                line = Text("    ")
                line.append(f"{found.location or '-':<8} ", style="cyan")
                line.append(f"{found.severity:<7} ", style=_SEVERITY_STYLE.get(found.severity, ""))
                line.append(f"{found.code}: {found.message}")
                out.append(line)
                if found.quotation:
                    out.append(Text(f"             “{found.quotation}”", style="dim"))
        verdict = "ok" if result.ok(strict) else "FAILED"
        if verdict == "ok" and any(i.code in _UNCHECKED for i in result.issues):
            verdict = "passed, not fully checked"  # something was not checked: never called 'ok'
        style = {"ok": "green", "FAILED": "red"}.get(verdict, "yellow")
        out.append(Text(f"{result.file}: {_count(result.issues)} ({verdict})", style=style))
    if len(results) > 1:
        issues = [i for r in results for i in r.issues]
        unreadable = sum(r.error is not None for r in results)
        extra = f", {unreadable} unreadable" if unreadable else ""
        out.append(Text(f"{len(results)} files: {_count(issues)}{extra}", style="bold"))
    return out


def render_text(results: Sequence[FileFindings], strict: bool = False) -> str:
    """The text report without colour (see `text_lines`)."""
    return "".join(line.plain + "\n" for line in text_lines(results, strict))


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
    """Always a list, one object per file: {"file", "ok", "issues"[, "error"]} (even for one file)."""
    return json.dumps([_file_json(r, strict) for r in results], indent=2, ensure_ascii=False) + "\n"


# --- SARIF ------------------------------------------------------------------------------

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
                        "informationUri": "https://github.com/docextract/docextract",
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


# --- JUnit XML --------------------------------------------------------------------------


def render_junit(results: Sequence[FileFindings], strict: bool = False) -> str:
    """JUnit XML for CI systems: a testsuite per file, a testcase per check (classname = file, name =
    check code) failing with its findings; warnings fail only with --strict (else they are listed in
    the testcase's system-out). An unreadable file is one testcase with an <error>."""
    root = ElementTree.Element("testsuites", name="docextract validate")
    codes = list(validation_patterns().checks)
    total = failed = errored = 0
    for result in results:
        suite = ElementTree.SubElement(root, "testsuite", name=result.file)
        cases = failures = errors = 0
        if result.error is not None:
            case = ElementTree.SubElement(suite, "testcase", classname=result.file, name="read")
            ElementTree.SubElement(case, "error", message=result.error, type="unreadable").text = result.error
            cases, errors = 1, 1
        else:
            extra = [i.code for i in result.issues if i.code not in codes]
            for code in codes + sorted(set(extra)):
                found = [i for i in result.issues if i.code == code]
                case = ElementTree.SubElement(suite, "testcase", classname=result.file, name=code)
                cases += 1
                failing = [i for i in found if strict or i.severity == "error"]
                lines = "\n".join(
                    f"{i.location or '-'}: {i.message}" + (f' "{i.quotation}"' if i.quotation else "") for i in found
                )
                if failing:
                    failures += 1
                    message = f"{len(failing)} finding{'s' * (len(failing) != 1)}: {failing[0].message}"
                    ElementTree.SubElement(case, "failure", message=message, type=code).text = lines
                elif found:
                    ElementTree.SubElement(case, "system-out").text = lines
        suite.set("tests", str(cases))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        total, failed, errored = total + cases, failed + failures, errored + errors
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", str(errored))
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"


RENDERERS = {"text": render_text, "json": render_json, "sarif": render_sarif, "junit": render_junit}


def render(results: Sequence[FileFindings], fmt: str, strict: bool = False) -> str:
    return RENDERERS[fmt](results, strict)

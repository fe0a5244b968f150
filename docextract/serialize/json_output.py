"""`--format json` and `jsonl`: records (`parse`) and findings (`validate`) as JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # a parse writing JSON loads neither the record's checks nor their findings
    from ..model.record import InspectionReport
    from .findings import FileFindings


def to_json(report: InspectionReport) -> str:
    """One record as indented JSON (no final newline)."""
    return report.model_dump_json(indent=2)


def records_json(reports: Sequence[InspectionReport], several: bool, terminal: bool = False) -> str:
    """`parse --format json`: one record, or a list when `several` files were asked for (even if one
    or none parsed); "" for one file that failed. JSON is the same on a terminal (`terminal`)."""
    if several:
        return "[\n" + ",\n".join(to_json(r) for r in reports) + "\n]\n" if reports else "[]\n"
    return to_json(reports[0]) + "\n" if reports else ""


def records_jsonl(reports: Sequence[InspectionReport], several: bool = True, terminal: bool = False) -> str:
    """`parse --format jsonl`: one record a line, whatever `several` and `terminal`."""
    return "".join(report.model_dump_json() + "\n" for report in reports)


def _file_json(result: FileFindings, strict: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "file": result.file,
        "ok": result.ok(strict),
        "fully_checked": result.fully_checked(),
        "verdict": result.verdict(strict),
        "issues": [i.model_dump(mode="json") for i in result.issues],
    }
    if result.error is not None:
        data["error"] = result.error
    return data


def findings_json(results: Sequence[FileFindings], strict: bool = False) -> str:
    """Always a list, one object per file: {"file", "ok", "fully_checked", "verdict", "issues"[,
    "error"]} (even for one file). `ok` is the exit code's test (no failing finding); `verdict` is 'ok' only
    when every check also ran ('passed, not fully checked' otherwise, 'FAILED', 'cannot be read')."""
    return json.dumps([_file_json(r, strict) for r in results], indent=2, ensure_ascii=False) + "\n"

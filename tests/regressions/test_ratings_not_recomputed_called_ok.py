"""Regression (fresh-user tester, wave 6): `validate` of a report whose case-based standards print
no key-question percentages gave `"verdict": "ok", "fully_checked": true` beside six `missing_value`
warnings "…has no key-question percentages, so its rating cannot be recomputed". A rule that could
not be applied because a value it needs is missing leaves the file passed, not fully checked; the
findings' codes and severities stay as they are (warnings: the file still passes, exit 0)."""

from __future__ import annotations

import json

from keyquestion_fixtures import clean_pdu
from producers import producer_report
from records import validated

from docextract.serialize.findings import NOT_FULLY_CHECKED, FileFindings, exit_code
from docextract.serialize.json_output import findings_json
from docextract.validation.run import check


def test_rating_not_recomputed_is_not_fully_checked() -> None:
    record = clean_pdu(**{"2.2": []})  # no key-question percentages for 2.2
    issues = check(record)
    assert [(i.code, i.severity, i.expected) for i in issues] == [("missing_value", "warning", "key questions")]
    result = FileFindings(file="draft.pdf", issues=issues, report=record)
    assert (result.verdict(), result.fully_checked(), exit_code([result])) == (NOT_FULLY_CHECKED, False, 0)


def test_producer_without_key_question_percentages_is_not_fully_checked() -> None:
    path, expected = producer_report("libreoffice-published-year-only-not-read")
    found = validated(path)
    (data,) = json.loads(findings_json([FileFindings(file=str(path), issues=found.issues, report=found.report)]))
    assert (data["verdict"], data["fully_checked"], data["ok"]) == (NOT_FULLY_CHECKED, False, True)
    warnings = sorted({i["code"] for i in data["issues"] if i["severity"] == "warning"})
    assert warnings == sorted(set(expected["expected_warnings"]))
    assert not [i for i in data["issues"] if i["severity"] == "error"]

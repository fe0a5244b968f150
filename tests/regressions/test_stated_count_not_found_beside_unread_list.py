"""A report listing its recommendations in a table ("No. | Recommendation | Owner") had them not
read (warned) but also said stated_count_not_found although "we have made five recommendations." is
printed under the heading (fresh-user tester, issue 11). The count is read under the heading; with
no list read, validate does not compare it (no false recommendation_count_mismatch: the list is
`not_checked`). All wording is invented for this test."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from docextract.detect.classify import Detection
from docextract.extract.recommendations.extract import extract_recommendations
from docextract.model.record import Unit
from docextract.read.open import read_document
from docextract.validation.checks.recommendations import check_recommendation_count


def test_count_stated_above_a_table_of_recommendations(tmp_path: Path) -> None:
    path = tmp_path / "table.txt"
    path.write_text(
        "Recommendations\nAs a result of our inspection findings, we have made five recommendations.\n"
        "No.\tRecommendation\tOwner\n1\tRecruit enough probation officers.\tHarrowmere PDU\n",
        encoding="utf-8",
    )
    detection = Detection(kind="pdu_inspection", framework=None, furniture=frozenset())
    with read_document(path) as doc:
        result, warnings = extract_recommendations(doc, detection, [Unit(name="Harrowmere PDU")])
    assert result.stated_count is not None and result.stated_count.value == 5
    assert result.recommendations == []
    assert [w.code for w in warnings] == ["recommendations_not_found"]
    ctx = SimpleNamespace(report=SimpleNamespace(stated_recommendation_count=result.stated_count, recommendations=[]))
    assert check_recommendation_count(ctx) == []  # type: ignore[arg-type]

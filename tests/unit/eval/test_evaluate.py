"""Field-level accuracy evaluation (docextract eval)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from corpus import corpus_report, corpus_root

from docextract.eval.evaluate import FAMILIES, Tally, evaluate, items, normalise

TRUTH = {
    "kind": "pdu_inspection", "framework": "probation-pdu-2023", "title": "An inspection of: X PDU",
    "published": "2024-10",
    "units": [{"name": "X PDU", "overall_rating": "Good", "score": 12, "max_score": 21, "standards": [
        {"code": "1.1", "name": "Leadership", "rating": "Good", "key_questions": []},
        {"code": "2.1", "name": "Assessment", "rating": "Good", "key_questions": [
            {"text": "Does assessment focus sufficiently on keeping other people safe?", "percent": 70}]},
    ]}],
    "recommendations": [
        {"number": 1, "unit": "X PDU", "addressee": "X PDU", "text": "improve the quality of plans"},
        {"number": 2, "unit": "X PDU", "addressee": "X PDU", "text": "review workloads"},
    ],
}  # fmt: skip


def test_tally_precision_recall_f1() -> None:
    tally = Tally()
    tally.add([("a",), ("b",), ("c",)], [("a",), ("b",), ("d",), ("e",)])
    assert (tally.matched, tally.predicted, tally.expected) == (2, 3, 4)
    assert tally.precision == pytest.approx(2 / 3)
    assert tally.recall == pytest.approx(1 / 2)
    assert tally.f1 == pytest.approx(2 * (2 / 3) * (1 / 2) / (2 / 3 + 1 / 2))


def test_items_of_each_family() -> None:
    assert items(TRUTH, "scores") == [("X PDU", 12, 21)]
    assert ("X PDU", "2.1", "Assessment", "Good") in items(TRUTH, "ratings")
    assert ("X PDU", "overall", "Good") in items(TRUTH, "ratings")
    assert items(TRUTH, "key_questions") == [
        ("X PDU", "2.1", "Does assessment focus sufficiently on keeping other people safe?", 70)
    ]
    assert len(items(TRUTH, "recommendations")) == 2


def test_normalisation_folds_case_space_and_punctuation() -> None:
    assert normalise("Children’s  services,  'Good'") == normalise("children's services good")
    assert normalise(79) == 79


def _write(path: Path, data: dict[str, object]) -> None:
    import json

    path.write_text(json.dumps(data), encoding="utf-8")


def test_evaluate_counts_misses_and_extras(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A prediction with one wrong rating and one missing recommendation scores as expected."""
    reports, truths = tmp_path / "reports", tmp_path / "truth"
    reports.mkdir()
    truths.mkdir()
    (reports / "x.txt").write_text("placeholder", encoding="utf-8")
    _write(truths / "x.json", TRUTH)
    predicted = copy.deepcopy(TRUTH)
    predicted["units"][0]["standards"][0]["rating"] = "Outstanding"  # type: ignore[index]
    predicted["recommendations"] = predicted["recommendations"][:1]  # type: ignore[index]
    predicted["stated_recommendation_count"] = None

    class Fake:
        def __init__(self) -> None:
            self.source = type("S", (), {"pages": 3})()

        def model_dump(self) -> dict[str, object]:
            return copy.deepcopy(predicted)

    monkeypatch.setattr("docextract.eval.evaluate.parse", lambda path: Fake())
    result = evaluate(reports, truths)
    ratings = result.strict["ratings"]
    assert (ratings.matched, ratings.predicted, ratings.expected) == (2, 3, 3)
    recs = result.strict["recommendations"]
    assert (recs.precision, recs.recall) == (1.0, 0.5)
    assert result.pages == 3 and result.documents == 1 and not result.failed


def test_unreadable_report_counts_as_failed(tmp_path: Path) -> None:
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.7 broken")
    _write(tmp_path / "bad.json", TRUTH)
    result = evaluate(tmp_path, tmp_path)
    assert result.documents == 1 and len(result.failed) == 1
    assert result.strict["recommendations"].recall == 0.0


def test_corpus_accuracy_is_complete_after_normalisation() -> None:
    """The acceptance criterion in one figure: every field family at F1 = 1 on the real reports."""
    corpus_report("2024-wakefield-pdu")  # skips (or fails under CI) when the corpus is absent
    root = corpus_root()
    result = evaluate(root / "pdf", root / "expected")
    assert result.documents == 5 and not result.failed
    for family in FAMILIES:
        assert result.normalised[family].f1 == 1.0, (family, result.as_dict()["normalised"][family])


def test_malformed_truth_file_counts_as_failed(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("placeholder", encoding="utf-8")
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    result = evaluate(tmp_path, tmp_path)
    assert result.documents == 1 and result.failed and "unreadable truth" in result.failed[0][1]

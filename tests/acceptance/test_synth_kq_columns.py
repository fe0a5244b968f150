"""Key-question tables with case-count columns before the percentage (`kq_columns=counts`: question |
cases meeting the standard | cases inspected | % [| comparison]) and with the percentage column
first (`kq_columns=percent_first`), printed by each producer, are read to the generator's truth
(issue 11). Generated on the fly (variant set "all_kq_columns"); a producer whose program is missing
skips (fails under CI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import docextract
from corpora.synth import ReportSpec
from corpora.synth.generate import compose_report
from corpora.synth.producers import PRODUCERS, available, produce
from docextract.eval.evaluate import items

CASES = [("counts", "plain", "probation-pdu-2023"), ("counts", "comparator", "probation-2018"),
         ("percent_first", "comparator", "probation-pdu-2021"), ("percent_first", "plain", "probation-pdu-2023")]


def _cases() -> list[tuple[str, str, str, str]]:
    # each producer prints one count layout and one %-first layout; every layout meets every producer kind
    return [(producer, *CASES[(index + shift) % len(CASES)])
            for index, producer in enumerate(PRODUCERS) for shift in (0, 2)]


@pytest.mark.parametrize(("producer", "columns", "table", "framework"), _cases())
def test_key_question_columns_read_to_truth(tmp_path: Path, producer: str, columns: str, table: str,
                                            framework: str) -> None:
    if not available(producer):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"the {producer} producer's program is required under CI")
        pytest.skip(f"{producer} not installed")
    layout: dict[str, object] = {"kq_columns": columns, "kq_table": table, "kq_place": "section"}
    spec = ReportSpec(f"kq-{columns}-{producer}", 29, framework, [], (10, 12), layout, "all_kq_columns", producer)
    report = produce(compose_report(spec), producer)
    assert report.truth["synth"]["layout"]["kq_columns"] == columns
    path = tmp_path / "report.pdf"
    path.write_bytes(report.pdf)
    record = docextract.parse(path).model_dump(mode="json")
    expected = items(report.truth, "key_questions")
    assert expected and any(q.get("percent") is not None for u in report.truth["units"]
                            for s in u["standards"] for q in s.get("key_questions", []))
    assert items(record, "key_questions") == expected

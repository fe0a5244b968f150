"""The ratings-box column variants (corpora/synth `ratings_columns`: the rating column printed
before the code; the domain's name in a first column of every standard row, no heading row)
printed by each producer, generated in the test: each parses to its truth (issue 11, tester
round 4 h12 and d3). The variant is not drawn for the corpora (their reports stay as they were),
so these reports are made here. A producer whose program is missing is skipped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from corpora.synth.generate import ReportSpec, compose_report
from corpora.synth.producers import available, produce_many
from docextract import parse

PRODUCERS = ("reportlab", "fpdf2", "weasyprint", "chromium", "libreoffice")


def _units(record: dict[str, Any]) -> list[tuple[object, ...]]:
    """The ratings a record or truth states: each unit's name, overall, score, maximum, standards."""
    return [(u["name"], u["overall_rating"], u["score"], u["max_score"],
             [(s["code"], s["name"], s["rating"]) for s in u["standards"]]) for u in record["units"]]


@pytest.mark.slow
@pytest.mark.parametrize("columns", ["rating_first", "domain_first"])
@pytest.mark.parametrize("producer", PRODUCERS)
def test_ratings_columns_variant_parses_to_its_truth(producer: str, columns: str, tmp_path: Path) -> None:
    if not available(producer):
        pytest.skip(f"{producer} is not installed")
    layout = {"ratings_table": "ruled", "ratings_columns": columns, "rating_wrap": False}
    spec = ReportSpec(f"{producer}-{columns}", 7, "probation-pdu-2023", [], (2, 3), layout, "all", producer)
    [report] = produce_many([compose_report(spec)], producer)
    path = tmp_path / f"{report.name}.pdf"
    path.write_bytes(report.pdf)
    truth = json.loads(report.truth_json())
    assert truth["synth"]["layout"]["ratings_columns"] == columns
    record = parse(path)
    assert record.framework == truth["framework"]
    assert _units(record.model_dump()) == _units(truth)
    assert all(s.domain for s in record.units[0].standards)  # read from the row, or its heading row

"""The parser against generated reports (corpora.synth): every framework and layout variant,
from the PDF and from its text version, field by field against the generator's truth.
Needs no corpus."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

import docextract
from corpora.synth import GeneratedReport, ReportSpec, generate_report
from docextract.model.record import InspectionReport

FRAMEWORKS = ("probation-2018", "probation-pdu-2021", "probation-pdu-2023", "regional_letter")
RATINGS_TABLES = ("ruled", "borderless", "stacked")
STYLES = ({"page_size": "A4", "font": "Helvetica"}, {"page_size": "Letter", "font": "Times"})
CASES = [
    (framework, table, style, seed)
    for seed, framework in enumerate(FRAMEWORKS, start=1)
    for table in RATINGS_TABLES
    for style in (STYLES[seed % 2],)
]


@cache
def generated(framework: str, table: str, style: tuple[tuple[str, str], ...], seed: int) -> GeneratedReport:
    layout: dict[str, object] = {"ratings_table": table, **dict(style)}
    return generate_report(ReportSpec(f"parse-{framework}-{table}", seed, framework, [], (8, 10), layout))


def parse_generated(report: GeneratedReport, fmt: str, tmp_path: Path) -> InspectionReport:
    path = tmp_path / f"{report.name}.{'pdf' if fmt == 'pdf' else 'txt'}"
    if fmt == "pdf":
        path.write_bytes(report.pdf)
    else:
        path.write_text(report.text, encoding="utf-8")
    return docextract.parse(path)


def ratings_view(units: list[dict[str, Any]]) -> list[Any]:
    return [
        (u["name"], u["overall_rating"], u["score"], u["max_score"],
         [(s["code"], s["name"], s["rating"]) for s in u["standards"]])
        for u in units
    ]  # fmt: skip


@pytest.mark.parametrize("fmt", ["pdf", "text"])
@pytest.mark.parametrize(("framework", "table", "style", "seed"), CASES)
def test_ratings_match_truth(
    framework: str, table: str, style: dict[str, str], seed: int, fmt: str, tmp_path: Path
) -> None:
    report = generated(framework, table, tuple(sorted(style.items())), seed)
    truth = report.truth
    assert truth["synth"]["layout"]["ratings_table"] == table
    record = parse_generated(report, fmt, tmp_path)
    assert (record.kind, record.framework) == (truth["kind"], truth["framework"])
    assert record.title == truth["title"]
    assert record.published == truth["published"]
    got = ratings_view([u.model_dump() for u in record.units])
    assert got == ratings_view(truth["units"])
    assert all(s.page is not None for u in record.units for s in u.standards)


@pytest.mark.parametrize("table", RATINGS_TABLES)
def test_precise_fallback_reads_the_same_ratings(table: str, tmp_path: Path) -> None:
    """pdfplumber's layout (the fallback) and pdfium's runs (the default) give the same units."""
    from docextract.detect.classify import detect
    from docextract.extract.ratings.table import assemble, candidate_pages, classify, table_rows
    from docextract.read.open import read_document

    report = generated("regional_letter", table, tuple(sorted(STYLES[0].items())), 4)
    path = tmp_path / "letter.pdf"
    path.write_bytes(report.pdf)
    with read_document(path) as doc:
        detection = detect(doc)
        pages = candidate_pages(doc, detection)

        def units(precise: bool) -> list[Any]:
            drafts = assemble([classify(row, detection) for row in table_rows(doc, pages, precise=precise)])
            return [[(row.code, rating) for row, _, _, rating in draft.standards] for draft in drafts]

        fast = units(False)
        assert len(fast) == len(report.truth["units"])
        assert units(True) == fast

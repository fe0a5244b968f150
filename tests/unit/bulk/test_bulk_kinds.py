"""bulk: the annual report's key facts and thematic summaries land in their own tables."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
from corpus import corpus_report
from rich.console import Console

from docextract.bulk import DATABASE_NAME, BulkOptions, run_bulk


def test_key_facts_and_thematic_summaries_tables(tmp_path: Path) -> None:
    annual = corpus_report("2021-annual-report").pdf
    options = BulkOptions(inputs=[str(annual)], out_dir=tmp_path, jobs=1)
    summary = run_bulk(options, Console(file=io.StringIO(), width=120))
    assert summary is not None
    with duckdb.connect(str(tmp_path / DATABASE_NAME), read_only=True) as con:
        facts = con.execute("SELECT label, value, unit, page FROM key_facts ORDER BY ordinal").fetchall()
        tallies = con.execute(
            "SELECT made, agreed, partly_agreed, page FROM thematic_summaries WHERE made IS NOT NULL ORDER BY ordinal"
        ).fetchall()
        by = con.execute("SELECT addressee, made, agreed FROM thematic_addressees ORDER BY ordinal").fetchall()
    assert len(facts) == 10
    assert facts[4] == ("Number of people under probation supervision", 234827.0, "count", 4)
    assert facts[-1][1:] == (-13.0, "%", 5)
    assert tallies == [(11, 8, 3, 29), (15, 13, 2, 32), (14, 8, 6, 35), (22, None, None, 39), (17, 13, 4, 41)]
    assert by == [("Ministry of Justice", 2, 2), ("HM Prison and Probation Service (HMPPS)", 9, 6)]


def test_standards_table_says_resettlement_is_not_counted(tmp_path: Path) -> None:
    from corpora.synth import ReportSpec, generate_report

    report = generate_report(ReportSpec("youth-bulk", 11, "youth-2018", [], (8, 10)))
    pdf = tmp_path / "youth-bulk.pdf"
    pdf.write_bytes(report.pdf)
    out = tmp_path / "out"
    run_bulk(BulkOptions(inputs=[str(pdf)], out_dir=out, jobs=1), Console(file=io.StringIO(), width=120))
    with duckdb.connect(str(out / DATABASE_NAME), read_only=True) as con:
        rows = con.execute("SELECT code, counted FROM standards ORDER BY standard_ordinal").fetchall()
        score = con.execute(
            "SELECT sum(CASE rating WHEN 'Inadequate' THEN 0 WHEN 'Requires improvement' THEN 1 WHEN 'Good' THEN 2 "
            "ELSE 3 END) FILTER (counted) = max(u.score) FROM standards s JOIN units u USING (sha256, unit_ordinal)"
        ).fetchone()
    assert [code for code, counted in rows if not counted] == ["4.1"]
    assert len(rows) == 13
    assert score == (True,)

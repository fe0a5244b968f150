"""The corpus annual report: every key fact of its key-facts pages and every thematic
recommendation tally it states, with values and pages (PDF) — read in place from ../shared."""

from __future__ import annotations

import pytest
import records
from corpus import corpus_report

from docextract.model.record import InspectionReport

NAME = "2021-annual-report"

# (label or its opening words, value, unit, page in the PDF)
KEY_FACTS = [
    ("Thematic probation inspections", 6, "count", 4),
    ("Effective Practice (probation) guides", 3, "count", 4),
    ("Research and Analysis Bulletins", 6, "count", 4),
    ("Academic Insights", 17, "count", 4),
    ("Number of people under probation supervision", 234827, "count", 4),
    ("In custody", 69409, "count", 4),
    ("Community orders", 68273, "count", 4),
    ("Licence", 62684, "count", 4),
    ("Suspended sentence orders", 40210, "count", 4),
    # a long label, compared by its opening words (corpus text is read in place, never copied)
    ("The reduction in individuals starting accredited programmes", -13, "%", 5),
]

# (title starts with, made, agreed, partly agreed, page of the tally in the PDF)
TALLIES = [
    ("Accommodation and homelessness", 11, 8, 3, 29),
    ("Race equality in probation", 15, 13, 2, 32),
    ("A joint thematic inspection of community-based drug treatment", 14, 8, 6, 35),
    ("A joint thematic inspection of the criminal justice journey", 22, None, None, 39),
    ("The use of electronic monitoring", 17, 13, 4, 41),
]


def parsed(fmt: str) -> InspectionReport:
    return records.parsed(corpus_report(NAME).source(fmt))


@pytest.mark.parametrize("fmt", ["pdf", "text"])
def test_every_key_fact(fmt: str) -> None:
    report = parsed(fmt)
    assert len(report.key_facts) == len(KEY_FACTS)
    for fact, (label, value, unit, _) in zip(report.key_facts, KEY_FACTS, strict=True):
        assert fact.label.startswith(label), (fact.label, label)
        assert (fact.value, fact.unit) == (value, unit)
    assert len(report.key_facts[-1].label) > len(KEY_FACTS[-1][0])  # the whole label, not its opening


def test_key_fact_pages_and_boxes() -> None:
    report = parsed("pdf")
    assert [f.page for f in report.key_facts] == [page for *_, page in KEY_FACTS]
    assert all(f.bbox is not None for f in report.key_facts)
    assert report.key_facts[4].as_printed == "234,827"
    assert report.key_facts[-1].as_printed == "-13%"


@pytest.mark.parametrize("fmt", ["pdf", "text"])
def test_every_stated_tally(fmt: str) -> None:
    report = parsed(fmt)
    stated = [s for s in report.thematic_summaries if s.made is not None]
    assert len(stated) == len(TALLIES)
    for summary, (title, made, agreed, partly, page) in zip(stated, TALLIES, strict=True):
        assert summary.title.startswith(title)
        assert (summary.made, summary.agreed, summary.partly_agreed, summary.not_agreed) == (made, agreed, partly, None)
        if fmt == "pdf":
            assert summary.page == page


def test_tally_per_addressee_where_stated() -> None:
    accommodation = parsed("pdf").thematic_summaries[0]
    by = {t.addressee: (t.made, t.agreed) for t in accommodation.by_addressee}
    assert by == {"Ministry of Justice": (2, 2), "HM Prison and Probation Service (HMPPS)": (9, 6)}


def test_summary_without_a_tally_is_listed_with_nulls() -> None:
    titles = [s.title for s in parsed("pdf").thematic_summaries]
    assert titles[3] == "Neurodiversity in the criminal justice system: A review of evidence"
    assert parsed("pdf").thematic_summaries[3].made is None
    assert len(titles) == 6


@pytest.mark.parametrize("fmt", ["pdf", "text"])
def test_validate_finds_no_tally_error(fmt: str) -> None:
    result = records.validated(corpus_report(NAME).source(fmt))
    assert result.report.kind == "annual_report"
    assert [i for i in result.issues if i.code == "tally_mismatch"] == []


def test_table_output_shows_key_facts_and_tallies() -> None:
    import io

    from rich.console import Console

    from docextract.serialize.table_output import print_tables

    console = Console(file=io.StringIO(), width=200)
    print_tables(parsed("pdf"), console)
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Key facts" in shown and "234,827" in shown and "Number of people under probation supervision" in shown
    assert "Thematic inspections summarised" in shown and "Accommodation and homelessness" in shown

"""Acceptance: recommendations, stated counts and the review of previous recommendations of
the five real reports, against the hand-written ground truth, from the PDFs and the texts."""

from __future__ import annotations

from collections import Counter

import pytest
from corpus import canon, corpus_report, report_names

FORMATS = ["pdf", "text"]
CASES = [(name, fmt) for name in report_names() for fmt in FORMATS]
HMPPS = "HM Prison and Probation Service (HMPPS)"


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_recommendations(parsed, name: str, fmt: str) -> None:
    truth = corpus_report(name).truth
    report = parsed(name, fmt)
    got = [(r.number, canon(r.unit), canon(r.addressee), canon(r.text)) for r in report.recommendations]
    want = [(r["number"], canon(r["unit"]), canon(r["addressee"]), canon(r["text"])) for r in truth["recommendations"]]
    assert got == want
    for rec in report.recommendations:
        assert rec.page is not None
        assert rec.addressee_as_printed
        assert rec.addressee_canonical, rec.addressee
        if fmt == "pdf":
            assert rec.bbox is not None


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_stated_count(parsed, name: str, fmt: str) -> None:
    truth = corpus_report(name).truth
    stated = parsed(name, fmt).stated_recommendation_count
    assert (stated.value if stated else None) == truth["stated_recommendation_count"]
    if stated is not None:
        assert "recommendations" in stated.sentence
        assert stated.page is not None


@pytest.mark.parametrize("fmt", FORMATS)
def test_canonical_addressees(parsed, fmt: str) -> None:
    """Printed variants of one body share one canonical name."""
    canonical: dict[str, set[str]] = {}
    for name in ("2019-nps-wales", "2021-nps-south-west", "2022-wales-regional-letter"):
        corpus_report(name)
        for rec in parsed(name, fmt).recommendations:
            canonical.setdefault(rec.addressee_as_printed or "", set()).add(rec.addressee_canonical or "")
    assert canonical["Her Majesty's Prison and Probation Service (HMPPS)"] == {HMPPS}
    assert canonical["Her Majesty's Prison and Probation Service"] == {HMPPS}
    assert canonical["HM Prison and Probation Service"] == {HMPPS}
    assert canonical["HM, Prison and Probation Service"] == {HMPPS}
    assert canonical["The Ministry of Justice"] == {"Ministry of Justice"}
    assert canonical["The Probation Service – Wales region"] == {"Probation Service – Wales region"}
    assert canonical["NPS in Wales"] == {"National Probation Service – Wales division"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_south_west_previous_recommendations(parsed, fmt: str) -> None:
    corpus_report("2021-nps-south-west")
    report = parsed("2021-nps-south-west", fmt)
    previous = report.previous_recommendations
    assert [p.number for p in previous] == list(range(1, 11))
    unit = report.units[0].name
    assert [p.addressee for p in previous] == [unit] * 7 + [
        "Her Majesty's Prison and Probation Service",
        "Ministry of Justice",
        "Ministry of Justice",
    ]
    assert [p.progress for p in previous] == [
        "some",
        "sufficient",
        "insufficient",
        "transferred",
        "sufficient",
        "some",
        "some",
        "some",
        "sufficient",
        "some",
    ]
    assert previous[0].text.startswith("reviews and actively manages workloads")
    assert previous[0].text.endswith("distribution of work")
    assert previous[6].text.endswith("heightened risk of harm to others.")
    for item in previous:
        assert item.judgement is not None and item.page is not None
        assert ("progress" in item.judgement) != (item.progress == "transferred")
        if fmt == "pdf":
            assert item.bbox is not None
    # the previous recommendations are not mixed into the new ones
    assert len(report.recommendations) == 14
    assert not [w for w in report.warnings if "recommendation" in w.code]


@pytest.mark.parametrize("fmt", FORMATS)
def test_south_west_tally(parsed, fmt: str) -> None:
    corpus_report("2021-nps-south-west")
    report = parsed("2021-nps-south-west", fmt)
    tally = report.previous_recommendation_tally
    assert tally is not None
    assert (tally.sufficient, tally.some, tally.insufficient, tally.transferred) == (2, 3, 1, 1)
    assert tally.sentence.startswith("We found that sufficient progress")
    # the stated tally agrees with the judgements on the division's seven recommendations
    judged = Counter(p.progress for p in report.previous_recommendations[:7])
    assert judged == {"sufficient": 2, "some": 3, "insufficient": 1, "transferred": 1}


@pytest.mark.parametrize(("name", "fmt"), [case for case in CASES if case[0] != "2021-nps-south-west"])
def test_no_previous_recommendations_elsewhere(parsed, name: str, fmt: str) -> None:
    """Only South West reviews an earlier inspection; the other reports have no such section."""
    corpus_report(name)
    report = parsed(name, fmt)
    assert report.previous_recommendations == []
    assert report.previous_recommendation_tally is None

"""Recommendations under lead-ins of other forms were dropped with no warning (fresh-user tester,
issue 11: "The Regional Probation Director for Thornvale should, within six months:" and "We recommend
that HM Prison and Probation Service:" lost their items, so validate reported a false
recommendation_count_mismatch and a false numbering_gap). Their addressee is read from the lead-in;
an item under a lead-in of no known form is kept with a null addressee and a warning quoting it.
All wording is invented for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from docextract.detect.classify import detect
from docextract.extract.recommendations.extract import RecommendationsResult, extract_recommendations
from docextract.model.record import ParseWarning, Unit
from docextract.read.open import read_document

HEAD = (
    "Recommendations\n"
    "As a result of our inspection findings, we have made four recommendations.\n"
    "The Harrowmere PDU head of service, working with the police, should:\n"
    "1. make sure that police checks are completed before the first planning meeting\n"
    "2. strengthen management oversight of domestic abuse cases\n"
)


def _extract(tmp_path: Path, text: str) -> tuple[RecommendationsResult, list[ParseWarning]]:
    path = tmp_path / "recs.txt"
    path.write_text(text, encoding="utf-8")
    with read_document(path) as doc:
        return extract_recommendations(doc, detect(doc), [Unit(name="Harrowmere PDU")])


@pytest.mark.parametrize(
    ("lead", "addressee"),
    [
        ("The Regional Probation Director for Eastshire should, within six months:",
         "Regional Probation Director for Eastshire"),
        ("The Regional Probation Director for Eastshire should, by March 2026:",
         "Regional Probation Director for Eastshire"),
        ("We recommend that HM Prison and Probation Service:", "HM Prison and Probation Service"),
        ("We recommend that HM Prison and Probation Service should:", "HM Prison and Probation Service"),
    ],
)
def test_addressee_read_from_other_lead_in_forms(tmp_path: Path, lead: str, addressee: str) -> None:
    result, warnings = _extract(
        tmp_path, HEAD + f"{lead}\n3. agree a route into accommodation\n4. publish a workforce plan\n"
    )
    assert [r.number for r in result.recommendations] == [1, 2, 3, 4]
    assert [r.addressee for r in result.recommendations[2:]] == [addressee, addressee]
    assert result.stated_count is not None and result.stated_count.value == 4
    assert not [w for w in warnings if w.code == "recommendation_lead_in_unread"]


def test_item_under_an_unread_lead_in_kept_with_a_warning(tmp_path: Path) -> None:
    result, warnings = _extract(
        tmp_path, HEAD + "Turning to the wider region, and in partnership:\n3. agree a route into accommodation\n"
        "4. publish a workforce plan\n"
    )
    assert [r.number for r in result.recommendations] == [1, 2, 3, 4]
    assert [r.text for r in result.recommendations[2:]] == ["agree a route into accommodation",
                                                            "publish a workforce plan"]
    assert [r.addressee for r in result.recommendations[2:]] == [None, None]
    assert [r.addressee_canonical for r in result.recommendations[2:]] == [None, None]
    unread = [w for w in warnings if w.code == "recommendation_lead_in_unread"]
    assert [w.field for w in unread] == ["recommendations[2].addressee*", "recommendations[3].addressee*"]
    assert all(w.read == "Turning to the wider region, and in partnership:" for w in unread)

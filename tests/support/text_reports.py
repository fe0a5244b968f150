"""Building blocks of small invented reports in a text conversion (tab-separated table cells,
pages joined by form feeds): a cover, a ratings box, recommendations and the record they give.
Shared by tests/unit/extract/test_layout_variants.py and the regressions that vary one part.
"""

from __future__ import annotations

from pathlib import Path

from docextract import parse
from docextract.model.record import InspectionReport

COVER = """An inspection of probation services in:
Brackenford PDU
The Probation Service – Fennwick region
HM Inspectorate of Probation, March 2025
This inspection was led by an HM Inspector and a team of inspectors.
"""

IMPRINT = "Published by HM Inspectorate of Probation"  # the publisher, with no date

RATINGS_ONE_LINE = """Ratings
Brackenford PDU
Score\t{score}
Overall rating\tRequires improvement
1. Organisational arrangements and activity
P 1.1\tLeadership\tGood
P 1.2\tStaffing\tRequires improvement
P 1.3\tServices\tGood
2. Service delivery
P 2.1\tAssessment\tRequires improvement
P 2.2\tPlanning\tRequires improvement
P 2.3\tImplementation and delivery\tRequires improvement
P 2.4\tReviewing\tInadequate
"""

RECOMMENDATIONS = """Recommendations
As a result of our inspection findings, we have made three recommendations.
Brackenford PDU should:
1. reduce the time people wait for a first appointment with their practitioner
2. make sure that every assessment draws on information from partner agencies
HM Prison and Probation Service should:
3. provide enough qualified staff for the workload of the unit
"""

STANDARDS = [
    ("1.1", "Leadership", "Good"),
    ("1.2", "Staffing", "Requires improvement"),
    ("1.3", "Services", "Good"),
    ("2.1", "Assessment", "Requires improvement"),
    ("2.2", "Planning", "Requires improvement"),
    ("2.3", "Implementation and delivery", "Requires improvement"),
    ("2.4", "Reviewing", "Inadequate"),
]


def parse_pages(tmp_path: Path, *pages: str) -> InspectionReport:
    """The record of an invented text report whose pages are `pages` (joined by form feeds)."""
    path = tmp_path / "report.txt"
    path.write_text("\f".join(pages), encoding="utf-8")
    return parse(path)


def unit_ratings(report: InspectionReport) -> list[object]:
    """(name, rating, score, max, [(code, name, rating)]) of each unit: what a ratings test compares."""
    return [
        (u.name, u.overall_rating, u.score, u.max_score, [(s.code, s.name, s.rating) for s in u.standards])
        for u in report.units
    ]


EXPECTED = [("Brackenford PDU", "Requires improvement", 8, 21, STANDARDS)]


# A youth justice unit's ratings (youth-2018: four domains, 13 standards, 3.4 and 4.1 not counted in
# the score), invented for the regression tests of tables run over page breaks.
YOUTH = [
    ("1.1", "Governance and leadership", "Inadequate"),
    ("1.2", "Staff", "Requires improvement"),
    ("1.3", "Partnerships and services", "Requires improvement"),
    ("1.4", "Information and facilities", "Inadequate"),
    ("2.1", "Assessment", "Requires improvement"),
    ("2.2", "Planning", "Inadequate"),
    ("2.3", "Implementation and delivery", "Requires improvement"),
    ("2.4", "Reviewing", "Requires improvement"),
    ("3.1", "Assessment", "Inadequate"),
    ("3.2", "Planning", "Requires improvement"),
    ("3.3", "Implementation and delivery", "Requires improvement"),
    ("3.4", "Out-of-court disposal policy and provision", "Requires improvement"),
    ("4.1", "Resettlement policy and provision", "Inadequate"),
]
YOUTH_DOMAINS = {
    "1": "Organisational delivery",
    "2": "Court disposals",
    "3": "Out-of-court disposals",
    "4": "Resettlement",
}

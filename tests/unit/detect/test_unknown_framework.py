"""A rated report whose standards are no known framework's: ratings read, framework null, a
rules_unknown error (none of its ratings checked, so never ok) and nothing recomputed — never
forced into a framework by its maximum."""

from __future__ import annotations

from paths import FIXTURES

from docextract.pipeline import parse, validate

FIXTURE = FIXTURES / "unknown_framework" / "unknown-standards-not-forced-by-max-score.txt"


def test_ratings_are_read_without_a_framework() -> None:
    report = parse(FIXTURE)
    assert report.framework is None
    assert report.kind == "regional_inspection"
    [unit] = report.units
    assert (unit.name, unit.overall_rating, unit.score, unit.max_score) == ("Northmoor region", "Good", 12, 21)
    assert [(s.code, s.name, s.rating) for s in unit.standards] == [
        ("1.1", "Leadership", "Good"),
        ("1.2", "Desistance", "Requires improvement"),
        ("1.3", "Public protection", "Good"),
        ("2.1", "Unpaid work", "Outstanding"),
        ("2.2", "Court work", "Good"),
        ("2.3", "Victim work", "Requires improvement"),
        ("2.4", "Partnership commissioning", "Requires improvement"),
    ]


def test_only_rules_unknown_is_reported() -> None:
    result = validate(FIXTURE)
    assert [(i.code, i.severity) for i in result.issues] == [("rules_unknown", "error")]
    assert not result.ok

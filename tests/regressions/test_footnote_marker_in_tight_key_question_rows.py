"""A footnote marker after a wrapped key question in tightly spaced rows (a fresh tester, breaker8
case 5: Chromium with `td { line-height: 1.0 }`, LibreOffice from Word at 0.85 line spacing).
The raised, smaller marker after the question's last word ("people safe?³") reaches up into the
line above; it was read into that line and the question was stored garbled with no warning
("Does assessment 3 people safe?", "Does 5 assessment focus …"). A raised small glyph belongs to
the line it is raised above. Print made by tests/fixtures/tight_rows/make_tight_rows.py from the
generator's own report."""

from __future__ import annotations

import json

import paths

from docextract import parse

PDF = paths.FIXTURES / "tight_rows" / "chromium-pdu2021-classic-tight-kq-markers.pdf"
TRUTH = paths.FIXTURES / "producers" / "chromium-pdu2021-classic.json"


def test_key_questions_with_markers_in_tight_rows_are_read_as_printed() -> None:
    report = parse(PDF)
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    expected = [
        (s["code"], q["text"], q["percent"]) for u in truth["units"] for s in u["standards"] for q in s["key_questions"]
    ]
    stored = [(s.code, q.text, q.percent) for u in report.units for s in u.standards for q in s.key_questions]
    assert stored == expected
    assert len(stored) == 14

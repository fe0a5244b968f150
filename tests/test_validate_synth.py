"""Synthetic reports with injected defects (corpora.synth --defects all) fire the matching checks."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from docextract.validate import validate

REPO = Path(__file__).resolve().parent.parent
# Defects found from the printed report by validate alone. Left out: standard_rating_mismatch and
# within_discretion (need key-question percentages read from the synthetic layout), leadership_cap
# (needs the framework detected although the printed maximum is a defect) and score_mismatch (the
# generator hides the missing rating it counted; validate fires only when no rating would fit).
DETECTABLE = {
    "broken_cross_reference",
    "count_percent_mismatch",
    "date_out_of_range",
    "narrative_rating_mismatch",
    "recommendation_count_mismatch",
    "numbering_gap",
    "numbering_duplicate",
    "max_score_mismatch",
    "overall_band_mismatch",
    "missing_value",
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    pytest.importorskip("corpora.synth")
    out = tmp_path_factory.mktemp("synth")
    command = [sys.executable, "-m", "corpora.synth", "--out", str(out), "--count", "8", "--seed", "5"]
    done = subprocess.run([*command, "--defects", "all"], cwd=REPO, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        pytest.skip(f"synthetic generator not usable: {done.stderr.strip()[-300:]}")
    return sorted(out.glob("*.pdf"))


def test_generated_defects_fire_their_checks(generated: list[Path]) -> None:
    assert generated
    missed: list[str] = []
    unexpected: list[str] = []
    for pdf in generated:
        truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
        result = validate(pdf)
        units = {u.name for u in result.report.units}
        injected = {item["type"] for item in truth["known_inconsistencies"]}
        # a defect in a unit whose ratings table the parser missed cannot be found from the record
        readable = {
            item["type"]
            for item in truth["known_inconsistencies"]
            if item.get("where", {}).get("unit", next(iter(units), None)) in units
        }
        found = Counter(i.code for i in result.issues)
        missed += [f"{pdf.name}: {code}" for code in sorted(readable & DETECTABLE) if not found[code]]
        unexpected += [f"{pdf.name}: {code}" for code in sorted(set(found) - injected)]
    assert missed == []
    assert unexpected == []

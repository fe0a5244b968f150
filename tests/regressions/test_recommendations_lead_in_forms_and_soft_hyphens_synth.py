"""The generator's lead-in and soft-hyphen variants (`--layout lead_in_form=…,soft_hyphens=true`),
made for tester issue 11 (recommendations dropped under "X should, within six months:" and "We
recommend that X:" lead-ins; words broken at soft hyphens stored with the hyphen): each producer's
report parses to the generator's truth (numbers, addressees, texts, stated count). Producers that
need a program not installed are skipped (failed under CI)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from corpus import canon
from paths import REPO

import docextract

PRODUCERS = ("reportlab", "chromium", "libreoffice", "fpdf2", "weasyprint")
FORMS = ("qualified", "recommend_that")
# reportlab does not implement soft hyphens: it prints U+00AD as a visible hyphen inside the line.
# LibreOffice: a soft hyphen where no break is made comes out of pdfium as U+FFFE inside the line,
# which pdfium also gives for a typed hyphen (WeasyPrint): read as "-" (a known limit, README).
SOFT = ("chromium", "fpdf2", "weasyprint")


def _generate(out: Path, producer: str, form: str) -> Path:
    command = [sys.executable, "-m", "corpora.synth", "--out", str(out), "--count", "1", "--seed", "11",
               "--pages", "6-10", "--producer", producer, "--quiet",
               "--layout", f"lead_in_form={form},soft_hyphens={str(producer in SOFT).lower()}"]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0 and "not installed" in done.stderr and os.environ.get("CI", "").lower() != "true":
        pytest.skip(done.stderr.strip().splitlines()[-1])
    assert done.returncode == 0, done.stderr[-400:]
    [truth] = sorted(out.glob("*.json"))
    return truth


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("producer", PRODUCERS)
def test_lead_in_forms_and_soft_hyphens_parse_to_truth(tmp_path: Path, producer: str, form: str) -> None:
    truth_path = _generate(tmp_path, producer, form)
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    assert truth["synth"]["layout"]["lead_in_form"] == form
    assert truth["synth"]["layout"].get("soft_hyphens", False) == (producer in SOFT)
    report = docextract.parse(truth_path.with_suffix(".pdf"))
    got = [(r.number, r.addressee, canon(r.text or "")) for r in report.recommendations]
    want = [(r["number"], r["addressee"], canon(r["text"])) for r in truth["recommendations"]]
    assert got == want
    stated = report.stated_recommendation_count
    assert (stated.value if stated else None) == truth["stated_recommendation_count"]
    assert not [w for w in report.warnings if w.code == "recommendation_lead_in_unread"]

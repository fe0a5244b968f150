"""Rebuild docs/review-report.png: the HTML review report of a generated draft with injected defects,
screenshotted in headless Chromium (no corpus text: the report is synthetic).

    PYTHONPATH=. python docs/make_review_screenshot.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from corpora.synth.generate import ReportSpec, generate_report
from docextract.pipeline import validate
from docextract.serialize.findings_output import FileFindings
from docextract.serialize.review_html import write_review

OUT = Path(__file__).resolve().parent / "review-report.png"
DEFECTS = ["broken_cross_reference", "recommendation_count_mismatch", "score_mismatch"]


def main() -> int:
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium is not installed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as work:
        pdf = Path(work) / "draft-inspection.pdf"
        spec = ReportSpec("draft-inspection", 21, "probation-pdu-2023", defects=DEFECTS, pages=(10, 12))
        pdf.write_bytes(generate_report(spec).pdf)
        os.chdir(work)  # the report names the file as given, relative to here
        result = validate(pdf.name)
        html = Path(work) / "review.html"
        write_review(html, [FileFindings(file=pdf.name, issues=result.issues, report=result.report)])
        shot = Path(work) / "shot.png"
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--user-data-dir={Path(work) / 'profile'}", "--window-size=1100,1900",
             f"--screenshot={shot}", html.as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        image = Image.open(shot).convert("RGB")
        image = image.resize((image.width * 3 // 4, image.height * 3 // 4), Image.Resampling.LANCZOS)
        image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(OUT, optimize=True)
    print(f"{OUT} ({OUT.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

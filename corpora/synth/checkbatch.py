"""``python -m corpora.synth.checkbatch DIR``: validate every generated report in DIR against the
findings its truth says it must give (``known_inconsistencies``): none for a clean report,
exactly the injected codes for a report with defects. Prints one line per report that differs
and a summary; exit code 1 if any differs (a report docextract cannot read counts as differing).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    from docextract.model.errors import DocextractError
    from docextract.pipeline import validate

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("usage: python -m corpora.synth.checkbatch DIR", file=sys.stderr)
        return 2
    differing = clean = 0
    pdfs = sorted(Path(args[0]).glob("*.pdf"))
    for pdf in pdfs:
        truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
        injected = sorted({item["type"] for item in truth["known_inconsistencies"]})
        clean += not injected
        try:
            found = sorted({issue.code for issue in validate(pdf).issues})
        except DocextractError as exc:
            found = [f"error: {exc}"]
        if found != injected:
            differing += 1
            print(f"{pdf.name}: validate found {found}, injected {injected}")
    print(f"validate: {len(pdfs)} reports ({clean} clean), {differing} with other findings than injected")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())

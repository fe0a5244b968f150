"""The LibreOffice files of ../shared/producers (read in place) show layout faults that occur
whatever the producer: their PDFs are checked in tests/acceptance/test_producers.py; here a text
conversion of each .docx source (paragraphs and tab-separated table rows, made with
python-docx) must give the same record and the same findings. Skips when the files are
absent (fails under CI).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from producers import _require, producers_root

from docextract.eval.evaluate import FAMILIES, items, published_as_truth
from docextract.pipeline import validate

NAMES = [
    "libreoffice-domain-heading-after-recommendations-read-as-item",
    "libreoffice-published-year-only-not-read",
    "libreoffice-ratings-code-name-rating-on-own-lines-not-read",
    "libreoffice-score-out-of-words-not-read",
    "libreoffice-wrapped-rating-cell-rating-lost",
]


def _file(name: str, suffix: str) -> Path:
    path = producers_root() / f"{name}{suffix}"
    _require([path])
    return path


def docx_text(path: Path) -> str:
    """The document body in reading order: paragraphs as lines, table rows as tab-separated
    cells, page breaks as form feeds (a text conversion as the project reads them)."""
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    out: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            breaks = [br for br in child.iter(qn("w:br")) if br.get(qn("w:type")) == "page"]
            if breaks or child.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None:
                out.append("\f")
            out.append(Paragraph(child, document).text)
        elif child.tag == qn("w:tbl"):
            for row in Table(child, document).rows:
                cells: list[Any] = []
                for cell in row.cells:  # a merged cell is returned once per grid column it spans
                    if not cells or cell._tc is not cells[-1]._tc:
                        cells.append(cell)
                out.append("\t".join(cell.text.replace("\n", " ") for cell in cells))
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("name", NAMES)
def test_text_conversion_parses_to_truth_and_validates_to_expected_findings(name: str, tmp_path: Path) -> None:
    truth: dict[str, Any] = json.loads(_file(name, ".json").read_text(encoding="utf-8"))
    text = tmp_path / f"{name}.txt"
    text.write_text(docx_text(_file(name, ".docx")), encoding="utf-8")
    result = validate(text)
    record = result.report.model_dump(mode="json")
    record["published"] = published_as_truth(record["published"], truth["published"])
    for family in FAMILIES:
        assert items(record, family) == items(truth, family), family
    stated = result.report.stated_recommendation_count
    assert (stated.value if stated else None) == truth["stated_recommendation_count"]
    assert {i.code for i in result.errors} == set(truth["expected_errors"]), [i.message for i in result.issues]
    assert {i.code for i in result.warnings} == set(truth["expected_warnings"]), [i.message for i in result.issues]

"""Publisher cues count only where a publication states its own identity (tester defect 3).

A council paper or a charity report that CITES an inspectorate report (a "Background papers"
or "References" list, a footnote, a quoted title) is not the inspectorate's publication: it stays
`unknown`, as a PDF and as a Word document alike. Invented prose throughout."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from docextract import parse

# (heading or None, paragraphs): headings are set as headings in both the PDF and the .docx
Doc = list[tuple[str | None, list[str]]]

FILLER = ("The committee is asked to note the contents of this report and the actions set out "
          "below, and to comment on the proposed timetable for the work. ") * 3

COUNCIL: Doc = [
    (None, ["Lowmere Borough Council: Community Safety Scrutiny Panel",
            "Report of the Head of Community Safety, 4 February 2025"]),
    ("Purpose of the report", ["This paper summarises the findings of the recent inspection of probation "
                               "services in Fenwick PDU and the council's response. " + FILLER]),
    ("Inspection findings", ["The inspectorate rated Fenwick PDU as Requires improvement overall, with a "
                             "score of 9 out of 21. Leadership was rated Good and Assessment Inadequate."]),
    ("Recommendations", ["The council should:", "1. agree a joint plan with the Probation Service for housing",
                         "2. report progress to this panel within six months", FILLER]),
    ("Background papers", ["An inspection of probation services in: Fenwick PDU",
                           "HM Inspectorate of Probation, January 2025",
                           "Available from justiceinspectorates.gov.uk/hmiprobation",
                           "Chief Inspector of Probation"]),
]

CHARITY: Doc = [
    (None, ["Open Gate Trust", "Annual review of our mentoring work 2024"]),
    ("Our year", ["Open Gate Trust mentors people leaving prison in the north of the county. " + FILLER,
                  "Our partnership with the probation service was noted in ‘An inspection of probation "
                  "services in: Kelby PDU’ (HMI Probation, 2023), which found mentoring helped people "
                  "keep their accommodation. " + FILLER]),
    ("What we will do next", ["We will recruit twelve more mentors and open a second drop-in. " + FILLER]),
    ("Notes", ["1 HM Inspectorate of Probation (2023) An inspection of probation services in: Kelby PDU, "
               "justiceinspectorates.gov.uk/hmiprobation"]),
    ("References", ["HM Inspectorate of Probation (2023) An inspection of probation services in: Kelby PDU. "
                    "Manchester: HM Inspectorate of Probation.",
                    "HM Inspectorate of Probation, March 2024",
                    "Published by HM Inspectorate of Probation",
                    "justiceinspectorates.gov.uk/hmiprobation",
                    "An inspection of youth offending services in Marlow"]),
]


def _html(doc: Doc) -> str:
    parts = []
    for heading, paragraphs in doc:
        if heading:
            parts.append(f"<h2>{heading}</h2>")
        parts += [f"<p>{p}</p>" for p in paragraphs]
    return ("<html><head><style>@page { size: A4; margin: 2cm } body { font: 11pt sans-serif }"
            "</style></head><body>" + "".join(parts) + "</body></html>")


def write_pdf(doc: Doc, path: Path) -> Path:
    weasyprint = pytest.importorskip("weasyprint")
    weasyprint.HTML(string=_html(doc)).write_pdf(str(path))
    return path


def write_docx(doc: Doc, path: Path) -> Path:
    document = docx.Document()
    for heading, paragraphs in doc:
        if heading:
            document.add_heading(heading, level=2)
        for p in paragraphs:
            document.add_paragraph(p)
    document.save(str(path))
    return path


@pytest.mark.parametrize("name, doc", [("council", COUNCIL), ("charity", CHARITY)])
def test_a_document_citing_an_inspectorate_report_is_unknown_as_pdf_and_docx(
        tmp_path: Path, name: str, doc: Doc) -> None:
    kinds = {}
    for path in (write_pdf(doc, tmp_path / f"{name}.pdf"), write_docx(doc, tmp_path / f"{name}.docx")):
        report = parse(path)
        kinds[path.suffix] = report.kind
        assert report.title is None and report.published is None and report.recommendations == []
        assert [w.code for w in report.warnings] == ["unknown_document"]
    assert kinds == {".pdf": "unknown", ".docx": "unknown"}


def test_the_same_council_paper_with_the_publisher_cover_is_recognised(tmp_path: Path) -> None:
    # the control: the cues are still read where a publication states its own identity
    cover: Doc = [(None, ["An inspection of probation services in: Fenwick PDU",
                          "HM Inspectorate of Probation, January 2025"])]
    for path in (write_pdf(cover + COUNCIL[1:], tmp_path / "own.pdf"),
                 write_docx(cover + COUNCIL[1:], tmp_path / "own.docx")):
        assert parse(path).kind == "pdu_inspection", path.name


def test_a_cover_title_on_a_late_page_is_not_the_publisher(tmp_path: Path) -> None:
    # a cited title on page 4 (no heading above it), next to the web address: not a cover
    pages = "".join(f"<p style='page-break-after: always'>{FILLER}</p>" for _ in range(3))
    html = _html([]).replace("</body>", pages + "<p>An inspection of probation services in: Fenwick PDU</p>"
                             "<p>justiceinspectorates.gov.uk/hmiprobation</p><p>" + FILLER + "</p></body>")
    weasyprint = pytest.importorskip("weasyprint")
    path = tmp_path / "late.pdf"
    weasyprint.HTML(string=html).write_pdf(str(path))
    assert parse(path).kind == "unknown"

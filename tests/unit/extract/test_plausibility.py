"""Never a wrong value (issue 11 part 3): each plausibility rule of patterns/plausibility.yaml
on its own, the provenance check, and what the parser does with a value that breaks a rule
(the other reading path first; then null with an `implausible_value` warning saying what was
read, where and why), and what `validate` makes of a refused value that is a misprint."""

from __future__ import annotations

from pathlib import Path

import pytest

from docextract import parse
from docextract.extract.plausibility import (
    IMPLAUSIBLE,
    Provenance,
    counted_standards,
    in_order,
    key_question_code_problem,
    key_question_set_problems,
    key_question_text_problem,
    percent_problem,
    score_problems,
    standard_code_problem,
    unit_name_problem,
    words,
)
from docextract.model.record import InspectionReport
from docextract.pipeline import validate
from docextract.read.document import Document, Line, Page
from docextract.rules.patterns import frameworks, plausibility_rules

PDU_2023 = frameworks().frameworks["probation-pdu-2023"]
KEYWORDS = {"assessment": "2.1", "planning": "2.2", "implementation": "2.3", "reviewing": "2.4"}


# --- the rules, one by one ----------------------------------------------------------------------


def test_rules_file_is_valid() -> None:
    rules = plausibility_rules()
    assert rules.percent.min == 0 and rules.percent.max == 100
    assert rules.scores.points_per_standard == 3


@pytest.mark.parametrize(
    ("name", "variant"),
    [
        ("probation-2018", "nps"),
        ("probation-pdu-2021", None),
        ("probation-pdu-2023", None),
        ("youth-2018", "joint_working"),
        ("youth-2018", "ocd_policy"),
    ],
)
def test_each_framework_maximum_is_three_points_per_counted_standard(name: str, variant: str | None) -> None:
    framework = frameworks().frameworks[name]
    points = plausibility_rules().scores.points_per_standard
    assert framework.max_score == points * counted_standards(framework, variant)


@pytest.mark.parametrize(
    ("score", "maximum", "refused"),
    [
        (8, 21, []),
        (0, 21, []),
        (21, 21, []),
        (8, 2, ["max_score"]),  # "8/21" with its last digit lost
        (8, 27, ["max_score"]),  # another framework's maximum
        (25, 21, ["score"]),  # above the maximum
        (25, 27, ["max_score", "score"]),  # wrong maximum, and above the framework's
        (None, 2, ["max_score"]),
        (22, None, ["score"]),  # no printed maximum: the framework's
    ],
)
def test_score_rules(score: int | None, maximum: int | None, refused: list[str]) -> None:
    assert [target for target, _ in score_problems(score, maximum, PDU_2023)] == refused


def test_score_rules_without_a_framework() -> None:
    assert score_problems(8, 21, None) == []
    assert [t for t, _ in score_problems(8, 20, None)] == ["max_score"]  # not 3 × a number of standards
    assert [t for t, _ in score_problems(25, 21, None)] == ["score"]


@pytest.mark.parametrize(("percent", "refused"), [(0, False), (100, False), (57, False), (101, True), (-1, True)])
def test_percentages_are_0_to_100(percent: int, refused: bool) -> None:
    assert (percent_problem(percent) is not None) == refused


def test_standard_codes_belong_to_the_framework() -> None:
    assert standard_code_problem("2.4", PDU_2023) is None
    assert "not one of the framework's" in (standard_code_problem("2.5", PDU_2023) or "")
    assert standard_code_problem("9.9", None) is None  # unknown framework: nothing to hold it to


def test_key_question_codes_belong_to_their_standard() -> None:
    assert key_question_code_problem("2.1.3", "2.1") is None
    assert key_question_code_problem(None, "2.1") is None
    assert key_question_code_problem("2.2.1", "2.1") == "key question 2.2.1 does not belong to standard 2.1"
    assert key_question_code_problem("2.11.1", "2.1") is not None


@pytest.mark.parametrize(
    ("name", "holds"),
    [
        ("Brackenford PDU", None),
        ("NPS in Tarrowby", None),
        ("Swansea, Neath Port Talbot PDU", None),
        ("Goodmayes and Redbridge PDU", None),
        ("Pellingham PDU Score: 8 out of 21", "field label"),
        ("NPS in Tarrowby Fieldwork started: October 20 19", "field label"),
        ("Brackenford PDU October 2024", "date"),
        ("Brackenford PDU 12/03/2024", "date"),
        ("Brackenford PDU 8/21", "score"),
        ("Brackenford PDU Requires improvement", "rating word"),
        ("Brackenford PDU Good", "rating word"),
        # a letter rating two PDUs in one table, a column each: its header row read as the title
        ("Standard Ashcombe PDU Welbury PDU", "column header"),
        ("Code Domain", "column header"),
        ("Ashcombe PDU Welbury PDU", "two units"),
        ("Kent, Surrey and Sussex CRC", None),
        ("Standish PDU", None),
        ("The Probation Service – Thornvale region", "region line"),
        ("Probation Service - North East region", "region line"),
        ("Tees-side PDU", None),
        ("NPS Wales", None),
    ],
)
def test_a_unit_name_holds_no_label_date_score_or_rating(name: str, holds: str | None) -> None:
    problem = unit_name_problem(name)
    assert (problem is None) == (holds is None), problem
    if holds is not None:
        assert holds in (problem or "")


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("Does assessment focus sufficiently on keeping other people safe?", None),
        ("Is the sentence implemented effectively, with a focus on engagement?", None),
        ("Does assessment focus sufficiently on engaging the person on 85% probation?", "85%"),
        ("Did planning set at least 60% of the sessions the person needed?", "60%"),
        ("Does assessment focus sufficiently on keeping other people Current safe?", "Current"),
        ("probation?", "lower-case start"),
    ],
)
def test_a_key_question_text_holds_no_cell_of_its_table(text: str, holds: str | None) -> None:
    problem = key_question_text_problem(text, None)  # its value not read
    assert (problem is None) if holds is None else (problem is not None and holds in problem)
    if holds is not None and "%" in holds:  # a question with its own value may hold a percentage
        assert key_question_text_problem(text, 63) is None


def test_one_standard_has_one_set_of_key_questions() -> None:
    assessment = [
        ("2.1.1", "Does assessment focus sufficiently on engaging the person?"),
        ("2.1.2", "Does assessment focus sufficiently on keeping other people safe?"),
    ]
    planning = [(None, "Does planning focus sufficiently on engaging the person?")]
    assert key_question_set_problems("2.1", assessment, KEYWORDS) == []
    assert key_question_set_problems("2.1", assessment + planning, KEYWORDS) == [
        "questions of standard 2.2 are under standard 2.1"
    ]
    twice = key_question_set_problems("2.1", assessment + assessment[:1], KEYWORDS)
    assert "key question 2.1.1 printed twice under standard 2.1" in twice
    implementation = [(None, "Does the implementation and delivery of services support safety?")]
    assert key_question_set_problems("2.3", implementation, KEYWORDS) == []


def test_a_question_naming_only_another_standard_is_not_in_the_set() -> None:
    """Regression (fresh-user tester round 5, a report set in two CSS columns): 2.3's "Is the sentence
    implemented …" read under 2.2 Planning. A question naming another case-based standard anywhere in its
    opening words ("implemented": 2.3) and none of its own is refused; naming its own too, or another
    standard only later ("… reflected in release planning?", under victim work), it is kept."""
    sentence = [(None, "Is the sentence implemented effectively, with a focus on engaging the person?")]
    assert key_question_set_problems("2.2", sentence, KEYWORDS) == ["questions of standard 2.3 are under standard 2.2"]
    assert key_question_set_problems("2.3", sentence, KEYWORDS) == []
    both = [(None, "Does reviewing consider whether the planning still fits the person?")]
    assert key_question_set_problems("2.4", both, KEYWORDS) == []
    resettlement = [(None, "Does resettlement planning address accommodation?")]  # 3.2 Through the Gate
    assert key_question_set_problems("3.2", resettlement, {**KEYWORDS, "through": "3.2"}) == []
    later = [(None, "Were the concerns of victims reflected in release planning?")]
    assert key_question_set_problems("3.2", later, {**KEYWORDS, "statutory": "3.2"}) == []
    neither = [(None, "Are the person's diversity needs understood?")]
    assert key_question_set_problems("2.1", neither, KEYWORDS) == []


# --- provenance ----------------------------------------------------------------------------------


def _doc(*texts: str, fmt: str = "text") -> Document:
    pages = [
        Page(number=n, lines=[Line(text=t, page=n, cells=(t,)) for t in text.splitlines()])
        for n, text in enumerate(texts, start=1)
    ]
    return Document(path="x", sha256="0", format=fmt, pages=pages)  # type: ignore[arg-type]


def test_provenance_finds_words_in_order_across_interleaved_cells() -> None:
    doc = _doc("Does planning focus on the user's 67%\ndesistance and safety? 71%\nScore 8/21")
    check = Provenance(doc)
    assert check.found("Does planning focus on the user's desistance and safety?", 1)
    assert check.found("Score 8/21", 1)
    assert not check.found("8/2", 1)  # a number is found whole, never as the start of another
    assert not check.found("NPS in TaTarrowby", 1)
    two = Provenance(_doc("Does planning focus on the user?", "Reviewing"))
    assert two.found("Does planning focus on the user?", 1)
    assert not two.found("Does planning focus on the user?", 2)  # on its own page, not another
    assert two.found("the user? Reviewing", 1, pages_after=1)  # text running over a page break


def test_a_value_not_printed_says_what_the_page_prints_in_its_place() -> None:
    # tester round 4, finding 7: "'8/21' is not printed" said nothing of the "8/211" read
    check = Provenance(_doc("Overall rating Good\nScore 8/211"))
    assert not check.found("8/21", 1)
    assert check.printed_as("8/21", 1) == "8/211"
    assert check.printed_as("9/21", 1) is None


def test_provenance_joins_words_broken_by_extraction() -> None:
    assert in_order(words("Requires improvement"), words("Requires improvem ent"), 4)
    assert not in_order(words("Requires improvement"), words("Requires"), 4)


# --- what the parser does with a refused value ----------------------------------------------------

COVER = "An inspection of probation services in: Brackenford PDU\nHM Inspectorate of Probation, March 2025\n"
BOX = """Ratings
{name}
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
RECS = "Recommendations\nBrackenford PDU should:\n1. reduce the time people wait for a first appointment\n"


def _report(tmp_path: Path, name: str = "Brackenford PDU", score: str = "8/21") -> Path:
    path = tmp_path / "report.txt"
    path.write_text("\f".join([COVER, BOX.format(name=name, score=score), RECS]), encoding="utf-8")
    return path


def _refusals(report: InspectionReport) -> list[tuple[str | None, str | None, bool | None]]:
    return [(w.field, w.read, w.confirmed) for w in report.warnings if w.code == IMPLAUSIBLE]


def test_a_misprinted_maximum_is_null_with_a_warning_and_validate_reports_it(tmp_path: Path) -> None:
    result = validate(_report(tmp_path, score="8/27"))
    [unit] = result.report.units
    assert (unit.score, unit.max_score) == (8, None)
    assert _refusals(result.report) == [("units[0].max_score", "27", True)]
    [warning] = [w for w in result.report.warnings if w.code == IMPLAUSIBLE]
    assert "read '27' on page 2" in warning.message and "is 21" in warning.message
    mismatch = [i for i in result.issues if i.code == "max_score_mismatch"]
    assert [(i.expected, i.found) for i in mismatch] == [(21, 27)]
    assert not [i for i in result.issues if i.code == "not_checked"]  # a misprint is checked, as printed


def test_a_score_above_the_maximum_is_null(tmp_path: Path) -> None:
    report = parse(_report(tmp_path, score="25/21"))
    assert (report.units[0].score, report.units[0].max_score) == (None, 21)
    assert _refusals(report) == [("units[0].score", "25", True)]


def test_a_unit_name_holding_a_date_is_refused_and_the_title_names_the_unit(tmp_path: Path) -> None:
    report = parse(_report(tmp_path, name="Brackenford PDU Fieldwork: March 2025"))
    assert report.units[0].name == "Brackenford PDU"
    assert [w.field for w in report.warnings if w.code == IMPLAUSIBLE] == ["units[0].name"]
    assert {r.unit for r in report.recommendations} == {"Brackenford PDU"}


def _two_readings(plain: list[Line], fast: list[Line], precise: list[Line]) -> Document:
    """A one-page 'PDF' whose plain text, fast rows and pdfplumber rows are given."""
    doc = Document(path="x.pdf", sha256="0", format="pdf", pages=[Page(number=1, lines=plain)])
    doc.layout_lines = lambda number: fast  # type: ignore[method-assign]
    doc.precise_lines = lambda number: precise  # type: ignore[method-assign]
    return doc


def test_the_other_reading_path_is_tried_before_a_value_is_refused() -> None:
    """A fast row reads 'Score 8/2 1' (a split number); pdfplumber's layout reads 'Score 8/21': the
    plausible reading is kept and nothing is refused."""
    from docextract.detect.classify import Detection
    from docextract.extract.ratings.table import extract_units

    rows = BOX.format(name="Brackenford PDU", score="8/21").splitlines()

    def lines(score: str) -> list[Line]:
        out = []
        for text in rows:
            text = text.replace("Score\t8/21", f"Score\t{score}")
            cells = tuple(text.split("\t"))
            out.append(Line(text=" ".join(cells), page=1, cells=cells))
        return out

    doc = _two_readings(lines("8/21"), lines("8/2\t1"), lines("8/21"))
    detection = Detection(kind="pdu_inspection", framework="probation-pdu-2023", furniture=frozenset(), warnings=[])
    [unit], warnings = extract_units(doc, detection, "Brackenford PDU")
    assert (unit.score, unit.max_score) == (8, 21)
    assert not [w for w in warnings if w.code == IMPLAUSIBLE]


def test_when_both_reading_paths_break_a_rule_the_value_is_null_unconfirmed() -> None:
    from docextract.detect.classify import Detection
    from docextract.extract.ratings.table import extract_units

    rows = BOX.format(name="Brackenford PDU", score="8/2").splitlines()
    lines = [Line(text=" ".join(t.split("\t")), page=1, cells=tuple(t.split("\t"))) for t in rows]
    plain = [Line(text=t.replace("8/2", "8/21"), page=1, cells=(t,)) for t in (line.text for line in lines)]
    doc = _two_readings(plain, lines, lines)
    detection = Detection(kind="pdu_inspection", framework="probation-pdu-2023", furniture=frozenset(), warnings=[])
    [unit], warnings = extract_units(doc, detection, "Brackenford PDU")
    assert unit.max_score is None
    refused = [w for w in warnings if w.code == IMPLAUSIBLE]
    assert [(w.field, w.read, w.page) for w in refused] == [("units[0].max_score", "2", 1)]
    assert "refused: the maximum score of this framework is 21" in refused[0].message


def test_a_percentage_above_100_is_null_with_a_warning(tmp_path: Path) -> None:
    table = (
        "2.1. Assessment\nKey question\tPercentage 'Yes'\n"
        "Does assessment focus sufficiently on engaging the person on probation?\t79%\n"
        "Does assessment focus sufficiently on keeping other people safe?\t156%\n"
    )
    path = tmp_path / "report.txt"
    path.write_text("\f".join([COVER, BOX.format(name="Brackenford PDU", score="8/21"), RECS, table]), "utf-8")
    report = parse(path)
    assessment = next(s for s in report.units[0].standards if s.code == "2.1")
    assert [k.percent for k in assessment.key_questions] == [79, None]
    [warning] = [w for w in report.warnings if "156%" in w.message]
    assert "read '156%' on page 4, refused: a percentage is between 0 and 100" in warning.message

"""Deliberately broken rule files are refused on load with a coded error naming the file, the
key and the reason (docextract/rules/errors.py lists the codes)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from docextract.rules import loader
from docextract.rules.errors import RULE_CODES, RuleError
from docextract.rules.patterns import check_all

Data = dict[str, Any]


def _set(path: str, value: Any) -> Callable[[Data], None]:
    """A change that sets the value at a dotted path ('frameworks.x.overall_bands.1.min')."""

    def change(data: Data) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


def _swap_band_ratings(data: Data) -> None:
    bands = data["frameworks"]["probation-pdu-2023"]["overall_bands"]
    bands[2]["rating"], bands[3]["rating"] = bands[3]["rating"], bands[2]["rating"]


def _duplicate_standard(data: Data) -> None:
    standards = data["frameworks"]["probation-pdu-2023"]["standards"]
    standards.append(dict(standards[1]))


def _max_score_99(data: Data) -> None:
    framework = data["frameworks"]["probation-pdu-2023"]
    framework["max_score"] = framework["overall_bands"][-1]["max"] = 99


def _add_kind(data: Data) -> None:
    data["kinds"]["inspection_report"] = data["kinds"]["pdu_inspection"]


def _repeat_rating(data: Data) -> None:
    data["ratings"].append("Good")


def _drop_kind(data: Data) -> None:
    del data["kinds"]["regional_letter"]


PDU = "frameworks.probation-pdu-2023"
# (file, change, code, key): the change makes the file break one rule; the error names the key.
CASES: list[tuple[str, Callable[[Data], None], str, str]] = [
    # bands: inverted, overlapping, gapped, not rising, not reaching the top of the range
    ("frameworks.yaml", _set(f"{PDU}.overall_bands.1", {"min": 10, "max": 4, "rating": "Requires improvement"}),
     "rule_band_inverted", f"{PDU}.overall_bands[1]"),
    ("frameworks.yaml", _set(f"{PDU}.overall_bands.2.min", 9), "rule_band_overlap", f"{PDU}.overall_bands[2]"),
    ("frameworks.yaml", _set(f"{PDU}.overall_bands.2.min", 12), "rule_band_gap", f"{PDU}.overall_bands[2]"),
    ("frameworks.yaml", _set(f"{PDU}.overall_bands.0.min", 1), "rule_band_gap", f"{PDU}.overall_bands[0]"),
    ("frameworks.yaml", _swap_band_ratings, "rule_band_order", f"{PDU}.overall_bands[3]"),
    ("frameworks.yaml", _set("key_question_bands.bands.3.max", 99), "rule_band_gap", "key_question_bands.bands[3]"),
    # a maximum score that is not 3 × the counted standards (7 standards: 21)
    ("frameworks.yaml", _max_score_99, "rule_max_score", f"{PDU}.max_score"),
    ("frameworks.yaml", _duplicate_standard, "rule_standard_duplicate", f"{PDU}.standards[7]"),
    # a case-based standard gives the most key questions it has, a judgement-based one none
    ("frameworks.yaml", _set(f"{PDU}.standards.3.key_questions", None), "rule_schema", f"{PDU}.standards[3]"),
    ("frameworks.yaml", _set(f"{PDU}.standards.0.key_questions", 3), "rule_schema", f"{PDU}.standards[0]"),
    # kinds and rating words come from vocab.yaml
    ("frameworks.yaml", _set(f"{PDU}.kind", "pdu_report"), "rule_unknown_kind", f"{PDU}.kind"),
    ("frameworks.yaml", _set(f"{PDU}.overall_bands.0.rating", "Satisfactory"), "rule_unknown_rating",
     f"{PDU}.overall_bands[0].rating"),
    ("detection.yaml", _add_kind, "rule_unknown_kind", "kinds.inspection_report"),
    ("detection.yaml", _set("before_framework.0", "annual_review"), "rule_unknown_kind", "before_framework[0]"),
    ("validation.yaml", _set("key_questions_expected_kinds.0", "pdu"), "rule_unknown_kind",
     "key_questions_expected_kinds[0]"),
    ("ratings.yaml", _set("ratings.0.canonical", "Excellent"), "rule_unknown_rating", "ratings[0].canonical"),
    ("validation.yaml", _set("leadership.minimum", "Fair"), "rule_unknown_rating", "leadership.minimum"),
    ("validation.yaml", _set("narrative.rating_words", ["Outstanding", "Good", "Inadequate"]), "rule_unknown_rating",
     "narrative.rating_words"),
    # regular expressions: not compiling, or without the named groups their reader needs
    ("detection.yaml", _set("title_start", "(unclosed"), "rule_regex_invalid", "title_start"),
    ("validation.yaml", _set("counts.patterns.0", r"(?P<n>\d+ out of"), "rule_regex_invalid", "counts.patterns[0]"),
    ("recommendations.yaml", _set("item", r"^(?P<number>\d+)\.\s+.+$"), "rule_regex_group_missing", "item"),
    ("thematic.yaml", _set("lead_by", r"(?i)^a joint inspection by (.+)$"), "rule_regex_group_missing", "lead_by"),
    ("metadata.yaml", _set("published.0.pattern", r"(?P<year><YEAR>)"), "rule_regex_group_missing",
     "published[0].pattern"),
    ("narrative_shapes.yaml", _set("standard_list", "<NAMES>(?:, <NAMES>)*"), "rule_template_placeholder",
     "standard_list"),
    # the vocabulary itself
    ("vocab.yaml", _repeat_rating, "rule_vocab", ""),
    ("vocab.yaml", _drop_kind, "rule_vocab", ""),
    # files that disagree
    ("plausibility.yaml", _set("scores.points_per_standard", 4), "rule_cross_file", "scores.points_per_standard"),
    ("frameworks.yaml", _set(f"{PDU}.kind", "thematic_inspection"), "rule_cross_file", f"{PDU}.kind"),
    # the schema's own checks
    ("nulls.yaml", _set("unexpected", 1), "rule_schema", "unexpected"),
    # reading.yaml: a fold of two characters, a replacement naming a group the pattern lacks, a
    # template without its placeholder, a pattern that does not compile
    ("reading.yaml", _set("fold.ﬁﬂ", "fifl"), "rule_schema", "fold.ﬁﬂ"),
    ("reading.yaml", _set("markup.1.replace", r"\2"), "rule_regex_group_missing", "markup[1]"),
    ("reading.yaml", _set("footnote_superscripts", r"\s?[²³]+"), "rule_template_placeholder", "footnote_superscripts"),
    ("reading.yaml", _set("sup_tag.pattern", "<sup>(["), "rule_regex_invalid", "sup_tag.pattern"),
    # thematic.yaml: the known names' template without its placeholder; a threshold out of range
    ("thematic.yaml", _set("known", r"(?i)\bHMI\b"), "rule_template_placeholder", "known"),
    ("thematic.yaml", _set("min_listed", 0), "rule_schema", "min_listed"),
    # annual.yaml: the tally number's template without the number words
    ("annual.yaml", _set("number", r"\d{1,3}"), "rule_template_placeholder", "number"),
    # tokenizer.yaml: a sentence end without the mark's group; a comma of two characters
    ("tokenizer.yaml", _set("plain_end", r"(?P<word>[A-Za-z]+)[.!?] (?=[A-Z])"), "rule_regex_group_missing",
     "plain_end"),
    ("tokenizer.yaml", _set("comma", ",,"), "rule_schema", "comma"),
    # evaluation.yaml: a metadata field the record does not have
    ("evaluation.yaml", _set("metadata_fields.1", "publisher"), "rule_schema", "metadata_fields[1]"),
]  # fmt: skip


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of patterns/, validated without the cache."""
    copy = tmp_path / "patterns"
    shutil.copytree(loader.patterns_dir(), copy)
    monkeypatch.setenv("DOCEXTRACT_CACHE", "off")
    return copy


def _break(folder: Path, file: str, change: Callable[[Data], None]) -> None:
    path = folder / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_shipped_rule_files_pass_every_check(folder: Path) -> None:
    rules = check_all(folder)
    assert set(rules.files) == {p.name for p in folder.glob("*.yaml")}


@pytest.mark.parametrize(("file", "change", "code", "key"), CASES, ids=[f"{c[0]}-{c[2]}-{c[3]}" for c in CASES])
def test_a_broken_rule_file_is_refused_with_its_code(
    folder: Path, file: str, change: Callable[[Data], None], code: str, key: str
) -> None:
    _break(folder, file, change)
    with pytest.raises(RuleError) as refused:
        check_all(folder)
    error = refused.value
    assert (error.code, error.file, error.key) == (code, file, key), error.problems
    assert error.reason and file in str(error) and code in str(error)
    assert error.path == file  # a DocextractError: the CLI prints it as one line


def test_a_file_that_is_not_yaml_is_refused(folder: Path) -> None:
    (folder / "thematic.yaml").write_text("version: 1\nlead_by: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleError) as refused:
        check_all(folder)
    assert (refused.value.code, refused.value.file) == ("rule_yaml", "thematic.yaml")


def test_every_rule_code_is_exercised() -> None:
    exercised = {case[2] for case in CASES} | {"rule_yaml"}
    assert exercised == set(RULE_CODES)


def test_every_problem_of_a_file_is_listed(folder: Path) -> None:
    _break(folder, "detection.yaml", _set("title_start", "(unclosed"))
    _break(folder, "detection.yaml", _add_kind)
    with pytest.raises(RuleError) as refused:
        check_all(folder)
    assert sorted(refused.value.codes) == ["rule_regex_invalid", "rule_unknown_kind"]

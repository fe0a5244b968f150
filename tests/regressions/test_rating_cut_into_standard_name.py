"""A ratings row whose rating is cut to its first word ("P 1.2 | Staffing | Requires", fresh-user
tester's m13) stored the standard as "Staffing Requires": the rest of a rating read into its name.
A standard's name holds no rating word, nor the first word of one (patterns/plausibility.yaml)."""

from __future__ import annotations

from pathlib import Path

import paths

import docextract
from docextract.extract.plausibility import standard_name_problem

SOURCE = paths.FIXTURES / "validate" / "clean-pdu.txt"


def test_a_rating_cut_to_its_first_word_is_not_read_into_the_standard_name(tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    assert "P 1.2\tStaffing\tGood\n" in text
    report = tmp_path / "rating-cut.txt"
    report.write_text(text.replace("P 1.2\tStaffing\tGood\n", "P 1.2\tStaffing\tRequires\n"), encoding="utf-8")
    record = docextract.parse(report)
    names = {s.code: s.name for s in record.units[0].standards}
    assert all("Requires" not in name for name in names.values())
    assert names.get("1.2") in (None, "Staffing")
    assert any(w.code == "implausible_value" and "Requires" in w.message for w in record.warnings)


def test_standard_name_rule_keeps_plain_names() -> None:
    assert standard_name_problem("Staffing") is None
    assert standard_name_problem("Implementation and delivery") is None
    assert standard_name_problem("Staffing Requires") is not None

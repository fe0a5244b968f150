"""Pattern files are plain data, validated on load: a malformed one fails loudly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from docextract.read.fuzzy import as_rating, split_rating
from docextract.rules import patterns


def test_shipped_pattern_files_load() -> None:
    rules = patterns.frameworks()
    assert set(rules.frameworks) >= {"probation-2018", "probation-pdu-2021", "probation-pdu-2023"}
    for framework in rules.frameworks.values():
        variants = {s.variant for s in framework.standards if s.variant} or {None}
        for variant in variants:
            codes = {s.code for s in framework.standards if s.counted and s.variant in (None, variant)}
            if variant == "crc":  # CRC reports number their third domain 3.x or 4.x: one of them
                codes = {c for c in codes if not c.startswith("4.")}
            # the maximum is three points per counted standard
            assert framework.max_score == 3 * len(codes), variant
        assert framework.overall_bands[0].min == 0
    assert patterns.ratings_patterns().labels["overall_rating"].compact == "overallrating"
    assert patterns.detection_patterns().kinds["regional_letter"].match == "all"


def test_invalid_regex_is_rejected(tmp_path: Path) -> None:
    data = yaml.safe_load((patterns.patterns_dir() / "detection.yaml").read_text())
    data["title_start"] = "(unclosed"
    with pytest.raises(ValidationError, match="invalid regular expression"):
        patterns.DetectionPatterns.model_validate(data)


def test_unknown_rating_in_bands_is_rejected() -> None:
    data = yaml.safe_load((patterns.patterns_dir() / "frameworks.yaml").read_text())
    data["frameworks"]["probation-2018"]["overall_bands"][0]["rating"] = "Satisfactory"
    with pytest.raises(ValidationError):
        patterns.Frameworks.model_validate(data)


@pytest.mark.parametrize(
    ("printed", "rating"),
    [
        ("Requires improvement", "Requires improvement"),
        ("Requires improvem ent", "Requires improvement"),
        ("REQUIRES IMPROVEMENT", "Requires improvement"),
        ("Outstanding ☆", "Outstanding"),  # stray symbols are not letters
        ("Outstandng", "Outstanding"),
        ("lnadequate", "Inadequate"),
        ("Good", "Good"),
        ("Goods", None),
        ("Leadership", None),
    ],
)
def test_rating_spellings(printed: str, rating: str | None) -> None:
    assert as_rating(printed) == rating


@pytest.mark.parametrize(
    ("row", "rest", "rating"),
    [
        ("P 2.1 Assessment Requires improvement", "P 2.1 Assessment", "Requires improvement"),
        ("2.1 Court work Outstanding \\searrow", "2.1 Court work", "Outstanding"),
        ("3.2 Statutory victim work Outstanding ☆", "3.2 Statutory victim work", "Outstanding"),
        ("1.1 Leadership", "1.1 Leadership", None),
    ],
)
def test_split_rating(row: str, rest: str, rating: str | None) -> None:
    assert split_rating(row) == (rest, rating)

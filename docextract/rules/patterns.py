"""The rule files of `patterns/`, one cached accessor each, and `load_all()`: every file loaded,
validated against its schema (one module per file in this package) and checked against the
others.

| file | schema module | accessor |
|---|---|---|
| vocab.yaml | `rules/vocab.py` | `vocab()` |
| frameworks.yaml | `rules/frameworks.py` | `frameworks()` |
| ratings.yaml | `rules/ratings.py` | `ratings_patterns()` |
| detection.yaml | `rules/detection.py` | `detection_patterns()` |
| validation.yaml | `rules/validation.py` | `validation_patterns()` |
| keyquestions.yaml | `rules/keyquestions.py` | `keyquestion_patterns()` |
| bodies.yaml | `rules/bodies.py` | `bodies_patterns()` |
| recommendations.yaml | `rules/recommendations.py` | `recommendation_patterns()` |
| annual.yaml | `rules/annual.py` | `annual_patterns()` |
| metadata.yaml | `rules/metadata.py` | `metadata_patterns()` |
| thematic.yaml | `rules/thematic.py` | `thematic_patterns()` |
| plausibility.yaml | `rules/plausibility.py` | `plausibility_rules()` |
| nulls.yaml | `rules/nulls.py` | `nulls_patterns()` |
| ratings_table.yaml | `rules/ratings_table.py` | `ratings_table_patterns()` |
| keyquestions_scan.yaml | `rules/keyquestions_scan.py` | `keyquestion_scan_patterns()` |
| narrative_shapes.yaml | `rules/narrative_shapes.py` | `narrative_shapes()` |
| reading.yaml | `rules/reading.py` | `reading_patterns()` |

Every accessor raises `errors.RuleError` (coded: file, key, reason) for a file that breaks its
schema; `load_all()` adds the checks between files.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..model.codes import RULE_CROSS_FILE, RULE_UNKNOWN_RATING
from .annual import AnnualPatterns, KeyFactPatterns, ThematicTallyPatterns
from .bodies import BodiesPatterns, BodyFamily, FixedBody
from .detection import Cue, DetectionPatterns, KindCues, PublisherCues
from .errors import RuleError, RuleProblem, problem
from .frameworks import Band, Framework, Frameworks, KeyQuestionBands, StandardRule
from .keyquestions import KeyQuestionHeader, KeyQuestionPatterns
from .keyquestions_scan import KeyQuestionScanPatterns
from .loader import cache_dir, load, patterns_dir
from .metadata import MetadataPatterns, PublishedSource
from .narrative_shapes import NarrativeShapes
from .nulls import NullReason, NullsPatterns
from .plausibility import NamedPattern, PlausibilityRules
from .ratings import FuzzyWord, RatingsPatterns, RatingWord
from .ratings_table import RatingsTablePatterns
from .reading import ReadingPatterns
from .recommendations import RecommendationPatterns
from .thematic import ThematicPatterns
from .validation import VALIDATION_PLACEHOLDERS, ValidationPatterns
from .vocab import Vocab, vocab

__all__ = [
    "VALIDATION_PLACEHOLDERS",
    "AnnualPatterns",
    "Band",
    "BodiesPatterns",
    "BodyFamily",
    "Cue",
    "DetectionPatterns",
    "FixedBody",
    "Framework",
    "Frameworks",
    "FuzzyWord",
    "KeyFactPatterns",
    "KeyQuestionBands",
    "KeyQuestionHeader",
    "KeyQuestionPatterns",
    "KeyQuestionScanPatterns",
    "KindCues",
    "MetadataPatterns",
    "NamedPattern",
    "NarrativeShapes",
    "NullReason",
    "NullsPatterns",
    "PlausibilityRules",
    "PublishedSource",
    "PublisherCues",
    "RatingWord",
    "RatingsPatterns",
    "RatingsTablePatterns",
    "ReadingPatterns",
    "RecommendationPatterns",
    "RuleError",
    "StandardRule",
    "ThematicPatterns",
    "ThematicTallyPatterns",
    "ValidationPatterns",
    "Vocab",
    "annual_patterns",
    "bodies_patterns",
    "cache_dir",
    "detection_patterns",
    "frameworks",
    "keyquestion_patterns",
    "keyquestion_scan_patterns",
    "load",
    "load_all",
    "metadata_patterns",
    "narrative_shapes",
    "nulls_patterns",
    "patterns_dir",
    "plausibility_rules",
    "ratings_patterns",
    "ratings_table_patterns",
    "reading_patterns",
    "recommendation_patterns",
    "thematic_patterns",
    "validation_patterns",
    "vocab",
]

# Every rule file and its schema, vocab.yaml first (the others are checked against it).
SCHEMAS: dict[str, type[BaseModel]] = {
    "vocab.yaml": Vocab,
    "frameworks.yaml": Frameworks,
    "ratings.yaml": RatingsPatterns,
    "detection.yaml": DetectionPatterns,
    "validation.yaml": ValidationPatterns,
    "keyquestions.yaml": KeyQuestionPatterns,
    "bodies.yaml": BodiesPatterns,
    "recommendations.yaml": RecommendationPatterns,
    "annual.yaml": AnnualPatterns,
    "metadata.yaml": MetadataPatterns,
    "thematic.yaml": ThematicPatterns,
    "plausibility.yaml": PlausibilityRules,
    "nulls.yaml": NullsPatterns,
    "ratings_table.yaml": RatingsTablePatterns,
    "keyquestions_scan.yaml": KeyQuestionScanPatterns,
    "narrative_shapes.yaml": NarrativeShapes,
    "reading.yaml": ReadingPatterns,
}


@cache
def frameworks() -> Frameworks:
    """patterns/frameworks.yaml (rating rules of each framework)."""
    return load("frameworks.yaml", Frameworks)


@cache
def ratings_patterns() -> RatingsPatterns:
    """patterns/ratings.yaml (words of ratings tables)."""
    return load("ratings.yaml", RatingsPatterns)


@cache
def detection_patterns() -> DetectionPatterns:
    """patterns/detection.yaml (publisher and kind cues)."""
    return load("detection.yaml", DetectionPatterns)


@cache
def validation_patterns() -> ValidationPatterns:
    """patterns/validation.yaml (the checks of `docextract validate`)."""
    return load("validation.yaml", ValidationPatterns)


@cache
def keyquestion_patterns() -> KeyQuestionPatterns:
    """patterns/keyquestions.yaml (key-question tables)."""
    return load("keyquestions.yaml", KeyQuestionPatterns)


@cache
def bodies_patterns() -> BodiesPatterns:
    """patterns/bodies.yaml (addressee bodies)."""
    return load("bodies.yaml", BodiesPatterns)


@cache
def recommendation_patterns() -> RecommendationPatterns:
    """patterns/recommendations.yaml (recommendations and progress)."""
    return load("recommendations.yaml", RecommendationPatterns)


@cache
def annual_patterns() -> AnnualPatterns:
    """patterns/annual.yaml (annual reports)."""
    return load("annual.yaml", AnnualPatterns)


@cache
def metadata_patterns() -> MetadataPatterns:
    """patterns/metadata.yaml (publication date, title)."""
    return load("metadata.yaml", MetadataPatterns)


@cache
def thematic_patterns() -> ThematicPatterns:
    """patterns/thematic.yaml (lead inspectorates)."""
    return load("thematic.yaml", ThematicPatterns)


@cache
def plausibility_rules() -> PlausibilityRules:
    """patterns/plausibility.yaml (values no report can mean)."""
    return load("plausibility.yaml", PlausibilityRules)


@cache
def nulls_patterns() -> NullsPatterns:
    """patterns/nulls.yaml (why a field is null)."""
    return load("nulls.yaml", NullsPatterns)


@cache
def ratings_table_patterns() -> RatingsTablePatterns:
    """patterns/ratings_table.yaml (the rows of a ratings box)."""
    return load("ratings_table.yaml", RatingsTablePatterns)


@cache
def keyquestion_scan_patterns() -> KeyQuestionScanPatterns:
    """patterns/keyquestions_scan.yaml (the rows of key-question tables)."""
    return load("keyquestions_scan.yaml", KeyQuestionScanPatterns)


@cache
def narrative_shapes() -> NarrativeShapes:
    """patterns/narrative_shapes.yaml (how the narrative check composes its patterns)."""
    return load("narrative_shapes.yaml", NarrativeShapes)


@cache
def reading_patterns() -> ReadingPatterns:
    """patterns/reading.yaml (footnote numbers removed by normalisation)."""
    return load("reading.yaml", ReadingPatterns)


@dataclass(frozen=True)
class Rules:
    """Every rule file, validated and checked against the others (`load_all`)."""

    files: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.files[name]


@cache
def load_all() -> Rules:
    """Every rule file of `patterns/`, validated, then checked against the others: run once at the
    start of a command that parses (cached for the process; each file comes from the validated
    cache of `loader.load` when unchanged). Raises RuleError naming the first file at fault."""
    return check_all(patterns_dir())


def check_all(folder: Path) -> Rules:
    """The rule files of `folder` loaded and cross-checked (no process cache; tests use it on
    copies of `patterns/`). Raises RuleError: the problems of the first file that breaks its
    schema, else every disagreement between files."""
    files = {name: load(name, model, folder) for name, model in SCHEMAS.items()}
    problems = cross_file_problems(files)
    if problems:
        raise RuleError(problems)
    return Rules(files)


def cross_file_problems(files: dict[str, Any]) -> list[RuleProblem]:
    """Disagreements between validated rule files (code rule_cross_file, or rule_unknown_rating
    for a rating word list missing a word of vocab.yaml)."""
    words: Vocab = files["vocab.yaml"]
    rules: Frameworks = files["frameworks.yaml"]
    out: list[RuleProblem] = []
    points = max(rules.ratings.values())
    plausible: PlausibilityRules = files["plausibility.yaml"]
    if plausible.scores.points_per_standard != points:
        out.append(problem(
            RULE_CROSS_FILE, "plausibility.yaml", "scores.points_per_standard",
            f"{plausible.scores.points_per_standard} points per standard, but frameworks.yaml gives the best"
            f" rating {points}",
        ))  # fmt: skip
    rated = words.kinds_where("rated")
    for name, framework in rules.frameworks.items():
        if framework.kind not in rated:
            out.append(problem(
                RULE_CROSS_FILE, "frameworks.yaml", f"frameworks.{name}.kind",
                f"{framework.kind!r} is not a rated kind of vocab.yaml ({', '.join(sorted(rated))})",
            ))  # fmt: skip
    checks: ValidationPatterns = files["validation.yaml"]
    for key in ("key_questions_expected_kinds", "multi_unit_kinds"):
        for index, kind in enumerate(getattr(checks, key)):
            if kind not in rated:
                out.append(problem(
                    RULE_CROSS_FILE, "validation.yaml", f"{key}[{index}]",
                    f"{kind!r} is not a rated kind of vocab.yaml ({', '.join(sorted(rated))})",
                ))  # fmt: skip
    spelled: RatingsPatterns = files["ratings.yaml"]
    lists = {
        ("ratings.yaml", "ratings"): {w.canonical for w in spelled.ratings},
        ("validation.yaml", "narrative.rating_words"): set(checks.narrative.rating_words),
    }
    for (file, key), listed in lists.items():
        missing = [r for r in words.ratings if r not in listed]
        if missing:
            out.append(
                problem(RULE_UNKNOWN_RATING, file, key, f"the rating word(s) {missing} of vocab.yaml are missing")
            )
    return out

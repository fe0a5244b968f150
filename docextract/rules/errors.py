"""Coded errors of rule files: one error class, one table of codes.

A rule file (`patterns/*.yaml`) that breaks its schema, or disagrees with another rule file,
is refused at load with a `RuleError` naming the file, the key (a dotted path into the file,
such as `frameworks.youth-2018.overall_bands[2]`) and the reason. The codes are stable and
machine-readable; `RULE_CODES` lists every one with its meaning.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.errors import DocextractError

# Every code a RuleError can carry, with what it means (the error's `reason` gives the detail).
RULE_CODES: dict[str, str] = {
    "rule_yaml": "the file is not readable YAML",
    "rule_schema": "a key is missing, unexpected or of the wrong type (the schema's own message)",
    "rule_regex_invalid": "a regular expression that does not compile",
    "rule_regex_group_missing": "a regular expression without a named group its reader needs",
    "rule_band_inverted": "a band whose lower bound exceeds its upper bound",
    "rule_band_overlap": "two bands that share a value",
    "rule_band_gap": "bands that leave a value without a rating (a gap, or a range not covered)",
    "rule_band_order": "bands whose ratings do not rise with their bounds",
    "rule_max_score": "a maximum score that is not the points of a rating × the framework's counted standards",
    "rule_standard_duplicate": "a standard code listed twice in one framework (and variant)",
    "rule_unknown_kind": "a report kind that is not in patterns/vocab.yaml",
    "rule_unknown_rating": "a rating word that is not in patterns/vocab.yaml",
    "rule_vocab": "a vocabulary that is empty, repeats a word, or disagrees with the record's types",
    "rule_cross_file": "two rule files that disagree (named in the reason)",
}


@dataclass(frozen=True)
class RuleProblem:
    """One fault of a rule file: a code of RULE_CODES, the file's name, the dotted key, the reason."""

    code: str
    file: str
    key: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key or '(top)'}: {self.reason} [{self.code}]"


class RuleError(DocextractError):
    """A rule file refused at load. `code`, `file`, `key` and `reason` are those of its first
    problem; `problems` lists every problem found in the file (all of them coded)."""

    def __init__(self, problems: list[RuleProblem]) -> None:
        if not problems:
            raise ValueError("a RuleError needs at least one problem")
        first = problems[0]
        super().__init__(first.file, first.code, first.reason)
        self.file = first.file
        self.key = first.key
        self.problems = list(problems)
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        self.args = (f"{first}{more}",)

    @property
    def codes(self) -> list[str]:
        """The codes of every problem, in order."""
        return [p.code for p in self.problems]


def problem(code: str, file: str, key: str, reason: str) -> RuleProblem:
    """A RuleProblem whose code must be one of RULE_CODES (a misspelt code is a bug: KeyError)."""
    if code not in RULE_CODES:
        raise KeyError(f"unknown rule error code {code!r}")
    return RuleProblem(code, file, key, reason)

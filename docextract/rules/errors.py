"""Coded errors of rule files: one error class, one table of codes.

A rule file (`patterns/*.yaml`) that breaks its schema, or disagrees with another rule file,
is refused at load with a `RuleError` naming the file, the key (a dotted path into the file,
such as `frameworks.youth-2018.overall_bands[2]`) and the reason. The codes are stable and
machine-readable; `RULE_CODES` lists every one with its meaning.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.codes import codes, info
from ..model.errors import DocextractError

# Every code a RuleError can carry, with what it means (the error's `reason` gives the detail):
# the `rule` codes of the one registry, docextract/model/codes.py.
RULE_CODES: dict[str, str] = {code: info(code).meaning for code in codes("rule")}


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

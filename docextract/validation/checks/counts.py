"""Counts given with a percentage ("45 out of 72 (63%)") that do not agree beyond rounding."""

from __future__ import annotations

from functools import cache

import regex

from ...model.codes import COUNT_PERCENT_MISMATCH
from ...rules.patterns import validation_patterns
from .context import Context
from .issue import Issue, issue


@cache
def _patterns() -> tuple[list[regex.Pattern[str]], dict[str, int]]:
    rules = validation_patterns().counts
    words = {k.casefold(): v for k, v in rules.number_words.items()}
    number = "|".join(sorted(map(regex.escape, words), key=len, reverse=True))
    compiled = [regex.compile(p.replace("<NUMBER>", number), regex.IGNORECASE) for p in rules.patterns]
    return compiled, words


def _int(text: str, words: dict[str, int]) -> int:
    return int(text) if text.isdigit() else words[text.casefold()]


def check_counts(ctx: Context) -> list[Issue]:
    flow = ctx.flow
    if flow is None:
        return []
    patterns, words = _patterns()
    tolerance = validation_patterns().counts.tolerance
    issues: list[Issue] = []
    for sentence in flow.sentences:
        seen: set[int] = set()
        for pattern in patterns:
            for match in pattern.finditer(sentence.text):
                if match.start() in seen:
                    continue
                seen.add(match.start())
                part, whole, percent = _int(match["n"], words), int(match["m"]), float(match["p"])
                if whole == 0:
                    continue
                exact = 100 * part / whole
                if abs(exact - percent) < tolerance and part <= whole:
                    continue
                shown = f"{percent:g}%"
                unit, standard = ctx.place_at(sentence.start + match.start())
                issues.append(
                    issue(
                        COUNT_PERCENT_MISMATCH,
                        f"'{match.group().strip()}': {part} out of {whole} is {exact:.1f}%, not {shown}.",
                        unit=unit,
                        standard=standard,
                        page=flow.page_at(sentence.start + match.start()),
                        expected=f"{round(exact)}%",
                        found=shown,
                        span=(sentence.start + match.start(), sentence.start + match.end()),
                    )
                )
    return issues

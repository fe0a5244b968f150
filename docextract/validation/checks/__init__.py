"""The consistency checks of `docextract validate`, one module per family.

Each check takes a Context (the record with the statements of its text, the framework's rules)
and returns Issues; severities come from patterns/validation.yaml. The text checks read only the
record's statements (`TEXT_CHECKS`: they cannot run on a record without them).
"""

from __future__ import annotations

from collections.abc import Callable

from .context import Context
from .counts import check_counts
from .crossrefs import check_cross_references
from .dates import check_dates
from .issue import Issue, Severity, issue
from .narrative import check_narrative
from .notchecked import check_not_checked
from .ratings import (
    check_leadership_cap,
    check_missing_values,
    check_overall_bands,
    check_rules_known,
    check_scores,
    check_standard_ratings,
)
from .recommendations import check_numbering, check_recommendation_count
from .tallies import check_tallies

Check = Callable[[Context], list[Issue]]

CHECKS: tuple[Check, ...] = (
    check_not_checked,
    check_rules_known,
    check_standard_ratings,
    check_scores,
    check_overall_bands,
    check_leadership_cap,
    check_missing_values,
    check_narrative,
    check_recommendation_count,
    check_numbering,
    check_cross_references,
    check_dates,
    check_counts,
    check_tallies,
)

# the checks that read the statements of the report's text, by name
TEXT_CHECKS: tuple[str, ...] = ("narrative", "cross_references", "dates", "counts")

__all__ = ["CHECKS", "TEXT_CHECKS", "Check", "Context", "Issue", "Severity", "issue"]

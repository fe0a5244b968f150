"""`docextract bulk`: many reports, in parallel, resumably, into DuckDB (and Parquet, CSV, JSON Lines)."""

from __future__ import annotations

from .run import BulkError, BulkOptions, run_bulk
from .store import DATABASE_NAME
from .summary import BulkSummary

__all__ = ["DATABASE_NAME", "BulkError", "BulkOptions", "BulkSummary", "run_bulk"]

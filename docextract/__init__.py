"""docextract: structured, validated data from HM Inspectorate of Probation inspection reports."""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import DocextractError
from .models import InspectionReport
from .parser import parse, parse_document

__all__ = ["DocextractError", "InspectionReport", "__version__", "parse", "parse_document"]

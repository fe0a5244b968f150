"""Synthetic HM Inspectorate of Probation reports: house-style PDFs with ground truth.

``python -m corpora.synth --out DIR --count N --seed S`` writes ``DIR/<name>.pdf`` and
``DIR/<name>.json`` (truth in the corpus TRUTH-FORMAT plus a ``synth`` key); see ``cli.py``.
"""

from .generate import GeneratedReport, ReportSpec, generate_report

__all__ = ["GeneratedReport", "ReportSpec", "generate_report"]

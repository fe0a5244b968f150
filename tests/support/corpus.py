"""Access to the shared real-document corpus named in corpora/shared.toml.

The corpus is read in place. When it is absent the tests that need it skip, except
under CI (CI=true), where its absence is an error.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from paths import REPO

MANIFEST = REPO / "corpora" / "shared.toml"


@dataclass(frozen=True)
class CorpusReport:
    name: str
    pdf: Path
    text: Path
    truth_path: Path

    @property
    def truth(self) -> dict[str, Any]:
        return _truth(self.truth_path)

    def source(self, fmt: str) -> Path:
        return self.pdf if fmt == "pdf" else self.text


@cache
def _truth(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _manifest() -> dict[str, Any]:
    with MANIFEST.open("rb") as handle:
        return tomllib.load(handle)


def corpus_root() -> Path:
    manifest = _manifest()["corpus"]
    env = os.environ.get(manifest["env"])
    return Path(env) if env else (REPO / manifest["root"]).resolve()


def inputs_root() -> Path:
    manifest = _manifest()["inputs"]
    env = os.environ.get(manifest["env"])
    return Path(env) if env else (REPO / manifest["root"]).resolve()


def shared_inputs(folder: str) -> list[Path]:
    """The PDFs of ../shared/inputs/FOLDER, sorted; skips (fails under CI) when absent."""
    directory = inputs_root() / folder
    files = sorted(directory.glob("*.pdf")) if directory.is_dir() else []
    if not files:
        message = f"shared inputs not found: {directory}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (required under CI)")
        pytest.skip(message)
    return files


def report_names() -> list[str]:
    return [entry["name"] for entry in _manifest()["report"]]


def corpus_report(name: str) -> CorpusReport:
    """The named corpus report; skips the test (fails under CI) when the corpus is absent."""
    root = corpus_root()
    entry = next(e for e in _manifest()["report"] if e["name"] == name)
    report = CorpusReport(name, root / entry["pdf"], root / entry["text"], root / entry["truth"])
    missing = [p for p in (report.pdf, report.text, report.truth_path) if not p.is_file()]
    if missing:
        message = f"shared corpus not found: {', '.join(map(str, missing))}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (required under CI)")
        pytest.skip(message)
    return report


def canon(text: str | None) -> str | None:
    """Comparison form: whitespace collapsed, typographic quotes folded (docextract normalises
    curly quotes to straight ones; the hand-written truth keeps one curly apostrophe)."""
    if text is None:
        return None
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split())

"""The README's Architecture section names every module of the package (issue 15: "the
README's architecture section shows the layers with one line per module"), so a module added
without saying what it does fails here."""

from __future__ import annotations

import re
from pathlib import Path

from paths import REPO

PACKAGE = REPO / "docextract"


def architecture_section(readme: str) -> str:
    """The text of the README's `## Architecture` section (up to the next `## ` heading)."""
    start = readme.index("\n## Architecture\n")
    end = readme.find("\n## ", start + 1)
    return readme[start : end if end >= 0 else len(readme)]


def undocumented(section: str, modules: list[Path]) -> list[str]:
    """The modules (paths relative to the package) the section names neither by path, by file
    name, nor by stem in backticks (`scan.py`, `scan`: a row listing a package's modules)."""
    named = set(re.findall(r"`([^`\n]+)`", section.replace("```", "")))
    words = {w for n in named for w in re.split(r"[\s,/()<>]+", n)}
    out = []
    for path in modules:
        relative = path.relative_to(PACKAGE).as_posix()
        if path.name in ("__init__.py", "_version.py"):
            continue
        if not ({relative, path.name, path.stem} & (named | words)):
            out.append(relative)
    return out


def test_every_module_is_in_the_architecture_section() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 50  # the walk found the package
    section = architecture_section((REPO / "README.md").read_text(encoding="utf-8"))
    assert not undocumented(section, modules), "add a line for each to README's Architecture table"


def test_a_module_missing_from_the_section_is_found() -> None:
    section = "\n## Architecture\n| `read/pdf.py` | PDFs |\n| `bulk/` | (`inputs`, `task`) |\n"
    modules = [PACKAGE / "read" / "pdf.py", PACKAGE / "bulk" / "task.py", PACKAGE / "read" / "planted.py"]
    assert undocumented(section, modules) == ["read/planted.py"]

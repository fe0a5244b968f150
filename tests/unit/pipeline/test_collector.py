"""pipeline: the garbage collector is paused during a parse and left as it was found."""

from __future__ import annotations

import gc

import pytest
from paths import FIXTURES

from docextract.pipeline import collector_paused, parse

FIXTURE = sorted((FIXTURES / "producers").glob("reportlab-letter*.pdf"))[0]


@pytest.mark.parametrize("enabled", [True, False])
def test_parse_leaves_the_collector_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        report = parse(FIXTURE)
        assert report.kind != "unknown"
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_collector_paused_inside_and_restored_after_an_error() -> None:
    was = gc.isenabled()
    gc.enable()
    try:
        with pytest.raises(RuntimeError), collector_paused():
            assert not gc.isenabled()
            raise RuntimeError("boom")
        assert gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()

"""rules.text: `compact` gives the same key on its fast ASCII path as its regular expression."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from docextract.rules.text import compact

_REFERENCE = re.compile(r"[\W_]+")


def _reference(text: str) -> str:
    return _REFERENCE.sub("", text.casefold())


def test_compact_every_ascii_character() -> None:
    for code in range(128):
        text = f"Ab{chr(code)}9z"
        assert compact(text) == _reference(text), repr(chr(code))


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_compact_ascii_texts(text: str) -> None:
    assert compact(text) == _reference(text)


@given(st.text())
def test_compact_any_text(text: str) -> None:
    assert compact(text) == _reference(text)


def test_compact_known_keys() -> None:
    assert compact("Requires improvem ent") == "requiresimprovement"
    assert compact("P 2.1 Assessment") == "p21assessment"
    assert compact("Straße – ‘Good’") == "strassegood"

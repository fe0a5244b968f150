"""Plain-text helpers every layer shares: white space collapsed, compact keys, fuzzy closeness.

Generic (no domain words): `collapse` and `compact` normalise text for comparison, `similarity`
and `best_match` compare names broken by extraction ("Overa II rating").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache

_SPACES = re.compile(r"[ \t\f\v]+")
_NON_ALNUM = re.compile(r"[\W_]+")
# ASCII bytes `compact` drops: all but lower-case letters and digits (an ASCII text is lowered first)
_ASCII_DROP = bytes(b for b in range(128) if not (chr(b).isdigit() or chr(b).islower()))


def collapse(text: str) -> str:
    """Collapse runs of white space (not line breaks) to one space and trim."""
    if "  " in text or "\t" in text or "\f" in text or "\v" in text:  # else nothing to collapse
        text = _SPACES.sub(" ", text)
    return text.strip()


@lru_cache(maxsize=1 << 15)
def compact(text: str) -> str:
    """Letters and digits only, lower case: for matching words broken by extraction. Kept for the
    last 32,768 texts asked: every extractor compacts the same lines (a line's key is asked ~8 times
    a parse), so the work is done once a line; an ASCII text is lowered and filtered as bytes (the
    same result as the regular expression, ~7 times faster)."""
    if text.isascii():
        return text.lower().encode().translate(None, _ASCII_DROP).decode()
    return _NON_ALNUM.sub("", text.casefold())


def similarity(a: str, b: str) -> float:
    """How alike two texts are once compacted: 0.0 (nothing shared) to 1.0 (the same)."""
    return SequenceMatcher(None, compact(a), compact(b)).ratio()


def best_match(printed: str, candidates: Iterable[str], threshold: float = 0.8) -> str | None:
    """The candidate closest to `printed` if it is close enough, else None."""
    best: tuple[float, str] | None = None
    for candidate in candidates:
        score = similarity(printed, candidate)
        if best is None or score > best[0]:
            best = (score, candidate)
    return best[1] if best is not None and best[0] >= threshold else None


def clip(text: str, limit: int = 180) -> str:
    """`text` with white space collapsed, cut to `limit` characters (an ellipsis marks the cut)."""
    text = collapse(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

"""Text normalisation, done once, in one place, by the readers.

Everything downstream sees normalised text: ligatures expanded, non-breaking and
odd spaces made plain, curly quotes straightened, dash variants folded, footnote
markers (superscript digits, digits glued after a question mark) removed, and
markdown/HTML residue of text conversions stripped.
"""

from __future__ import annotations

import re
from functools import cache

from ..rules.patterns import reading_patterns, vocab
from ..rules.text import collapse as collapse
from ..rules.text import compact as compact

_TRANSLATE = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u200b": "",
        "\u00ad": "",
        "\ufeff": "",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "–",
        "\u2014": "–",
        "\u2015": "–",
        "\u2212": "–",
        "\r": "",
        "\ufffe": "-",  # pdfium's mark for a hyphen at which it joined a word broken over two lines
        "\x02": "-",
    }
)

# <sup>23</sup> and similar residue of text conversions.
_SUP_TAG = re.compile(r"\s?<sup>[^<]{0,12}</sup>", re.IGNORECASE)
_HTML_TAGS = re.compile(r"</?(?:u|b|i|em|strong|br|span|sub)\s*/?>", re.IGNORECASE)
_MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^)]*)\)")
_MD_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_MD_EMPHASIS = re.compile(r"\*{1,3}|(?<!\w)_{2}|_{2}(?!\w)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!'\"<>])")


@cache
def superscript_digits() -> str:
    """The superscript digits 0-9 (patterns/vocab.yaml)."""
    return vocab().superscript_digits


@cache
def _footnote_markers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Superscript digits, footnote markers wherever they stand ("79%²²", "question? ²³"), and a
    footnote number after a question mark (patterns/reading.yaml)."""
    digits = superscript_digits()
    return re.compile(rf"\s?[{digits}][{digits},\s]*"), re.compile(reading_patterns().footnote_after_question)


def normalize_text(text: str) -> str:
    """Normalise one line of extracted text (no tabs left inside: split cells first)."""
    if not text.isascii() or "\r" in text or "\x02" in text:  # ASCII text has nothing to translate
        text = text.translate(_TRANSLATE)
    if "<" in text:
        text = _SUP_TAG.sub("", text)
    superscripts, after_question = _footnote_markers()
    if not text.isascii():  # superscript digits are not ASCII
        text = superscripts.sub(" ", text)
    if "?" in text:
        text = after_question.sub("", text)
    return collapse(text)


def strip_markup(text: str) -> str:
    """Remove markdown/HTML markers that text conversions leave around words."""
    text = _MD_HEADING.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _HTML_TAGS.sub("", text)
    text = _MD_EMPHASIS.sub("", text)
    return _MD_ESCAPE.sub(r"\1", text)

"""Text normalisation: one place, applied by the readers."""

from __future__ import annotations

import pytest

from docextract.read.normalize import compact, normalize_text, strip_markup


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Does it work?²³", "Does it work?"),
        ("Does it work? 23", "Does it work?"),
        ("Does it work? ²³ ", "Does it work?"),
        ("79%²²", "79%"),
        ("in 2021 we saw", "in 2021 we saw"),
        ("e\ufb03cient o\ufb00ice", "efficient office"),
        ("a\u00a0b\u202fc", "a b c"),
        ("\u2018Good\u2019 and \u201cfine\u201d", "'Good' and \"fine\""),
        ("Service \u2014 Wales", "Service – Wales"),
        ("well\ufffeinformed", "well-informed"),
        ("question<sup>4</sup> here", "question here"),
        ("  many   spaces\t", "many spaces"),
    ],
)
def test_normalize_text(raw: str, clean: str) -> None:
    assert normalize_text(raw) == clean


def test_strip_markup() -> None:
    assert strip_markup("## **Ratings** <u>here</u> [link](http://x)") == "Ratings here link"


def test_compact_ignores_spacing_and_case() -> None:
    assert compact("Overa II  rating") == "overaiirating"

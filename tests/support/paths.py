"""Where the tests find things: one place, so a test module may live in any folder of tests/.

REPO is the repository's root; FIXTURES the fixtures of our own (tests/fixtures/<name>/);
GOLDEN the golden records (tests/golden/); SUPPORT this folder of shared helpers, which
tests/conftest.py puts on sys.path (and a subprocess that imports a helper needs on PYTHONPATH).
"""

from __future__ import annotations

from pathlib import Path

SUPPORT = Path(__file__).resolve().parent
TESTS = SUPPORT.parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"

"""Entry point for ``python -m corpora.synth``."""

import sys

from .cli import main

sys.exit(main())

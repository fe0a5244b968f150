"""Entry point of the `docextract` command (and `python -m docextract`).

`--version`/`-V` alone is answered here, before importing typer or anything else; every other
command line goes to the typer app in `docextract.cli`.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run the `docextract` command with sys.argv; exits the process."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from . import __version__

        sys.stdout.write(f"docextract {__version__}\n")
        sys.stdout.flush()
        os._exit(0)
    # pydantic scans every installed package's entry points for plugins on first use (tens of
    # ms); docextract uses none. Set PYDANTIC_DISABLE_PLUGINS yourself to decide otherwise.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from .cli import main as cli_main

    cli_main()

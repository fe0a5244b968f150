"""Entry point of the `docextract` command (and `python -m docextract`).

`--version`/`-V` alone is answered here, before importing typer or anything else; `parse`
followed by file paths alone goes to `docextract.parsing` without typer (~0.04 s CPU less); every
other command line goes to the typer app in `docextract.cli`. Start-up costs a person waiting at the
prompt, so the command also (issue 16, README *Start-up*):

- switches off pydantic's plugin scan (`PYDANTIC_DISABLE_PLUGINS`, unless you set it) and, while
  plugins are off, spares pydantic importing its plugin loader's package-metadata machinery;
- keeps the garbage collector off while `parse` and `validate` import their modules and read
  their first file (`docextract.cli` turns it back on after that file).
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
import types
from typing import Any

# The values with which pydantic disables every plugin (pydantic/plugin/_loader.py, get_plugins).
_ALL_PLUGINS_OFF = ("__all__", "1", "true")
_PLUGIN_LOADER = "pydantic.plugin._loader"


def main() -> None:
    """Run the `docextract` command with sys.argv; exits the process."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from . import __version__

        sys.stdout.write(f"docextract {__version__}\n")
        sys.stdout.flush()
        os._exit(0)
    if sys.argv[1:2] in (["parse"], ["validate"]):
        # Importing makes many objects and almost no garbage: collecting meanwhile costs ~15 ms CPU
        # of a cold parse. docextract.cli turns the collector back on once the first file is read.
        gc.disable()
    # pydantic scans every installed package's entry points for plugins on first use (tens of
    # ms); docextract uses none. Set PYDANTIC_DISABLE_PLUGINS yourself to decide otherwise.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    skip_plugin_loader()
    if sys.argv[1:2] == ["parse"]:
        from . import parsing

        if parsing.plain_files(sys.argv[2:]):
            parsing.main(sys.argv[2:])  # ends the process
    from .cli import main as cli_main

    cli_main()


def skip_plugin_loader() -> None:
    """With every pydantic plugin disabled, stand in for pydantic's plugin loader module.

    pydantic asks `pydantic.plugin._loader.get_plugins()` each time it builds a validator; with
    plugins disabled that returns none, yet importing the module imports `importlib.metadata`
    (~20 ms CPU, a twentieth of a cold parse). The stand-in answers `get_plugins()` with no
    plugins, as the real one does then; any other name asked of it loads the real module in its
    place. Does nothing when plugins are enabled or the loader is already imported."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in _ALL_PLUGINS_OFF or _PLUGIN_LOADER in sys.modules:
        return
    stand_in = types.ModuleType(_PLUGIN_LOADER, "docextract's stand-in: pydantic plugins are disabled")

    def get_plugins() -> tuple[()]:
        return ()

    def real(name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):  # the import system's questions (`__path__`)
            raise AttributeError(name)
        if sys.modules.get(_PLUGIN_LOADER) is stand_in:
            del sys.modules[_PLUGIN_LOADER]
        return getattr(importlib.import_module(_PLUGIN_LOADER), name)

    stand_in.get_plugins = get_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = real  # type: ignore[method-assign]
    sys.modules[_PLUGIN_LOADER] = stand_in

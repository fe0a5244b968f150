"""The package version, in a module of its own that imports nothing: any layer may read it
without importing the package root (whose `parse` and `validate` import the pipeline)."""

__version__ = "0.1.0"

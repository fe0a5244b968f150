"""The model layer: the record (pydantic models of a parsed report) and the error type. Imports nothing of docextract.

Deliberately re-exports nothing: `import docextract` loads `model.errors` and must not pay for pydantic."""

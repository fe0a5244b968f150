"""The serializing layer: records and findings written as JSON, tables, SARIF, JUnit and the HTML review."""

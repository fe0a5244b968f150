"""The detecting layer: is a Document an inspectorate report, of which kind and framework, and its page furniture."""

"""The reading layer: a PDF, Word draft or text file opened (`open`) into a Document of pages, lines and rows."""

"""Key-question percentages: the extractor (`extract`), the line scanner (`scan`) and the table reader (`tables`)."""

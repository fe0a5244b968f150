"""The extracting layer: the record's values (metadata, units, ratings, key questions,
recommendations…) read from a Document."""

"""Test corpora for docextract: generators of synthetic inspection reports with known truth."""

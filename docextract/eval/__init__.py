"""Field-level accuracy of parsed records against truth files (`docextract eval`)."""

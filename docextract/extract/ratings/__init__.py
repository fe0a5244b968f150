"""Ratings tables: units, standards, ratings and scores (`table`)."""

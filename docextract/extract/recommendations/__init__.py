"""Numbered recommendations with their addressees, and the previous inspection's (`extract`)."""

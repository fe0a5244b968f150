"""The validating layer: every check (`checks`) run over a record and its text (`run`)."""

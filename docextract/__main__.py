"""`python -m docextract`: the same as the `docextract` command."""

from .command import main

main()

"""``python -m irlint``."""

from irlint.cli import main

main()

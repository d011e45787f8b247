"""Atelier core: the cooperation project, its store, timer, rounds and minutes.

Nothing in this package imports the user interface (checked by import-linter).
"""

__version__ = "0.1.0"

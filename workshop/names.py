"""Checking and comparing the names people type (through the text policy, workshop.text)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from workshop.text import clean_line

MAX_NAME_LENGTH = 200


def clean_name(text: str, what: str = "name") -> str:
    """A name as stored: one line, trimmed, per the text policy. Refuses names with nothing
    visible in them (empty, or only invisible characters) and over-long names."""
    return clean_line(text, empty="error.name_empty", too_long="error.name_too_long", limit=MAX_NAME_LENGTH, what=what)


@lru_cache(maxsize=4096)  # the same few names are compared again and again (sorting lists)
def name_key(text: str) -> str:
    """A comparison key: 'Les  Jardins' and 'les jardins' are the same name."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

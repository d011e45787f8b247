"""Checking and comparing the names people type."""

from __future__ import annotations

import unicodedata

from workshop.errors import ValidationError

MAX_NAME_LENGTH = 200


def clean_name(text: str, what: str = "name") -> str:
    """A name as stored: one line, trimmed. Refuses empty and over-long names."""
    cleaned = " ".join(text.replace("\x00", "").split())
    if not cleaned:
        raise ValidationError("error.name_empty", what=what)
    if len(cleaned) > MAX_NAME_LENGTH:
        raise ValidationError("error.name_too_long", what=what, limit=MAX_NAME_LENGTH)
    return cleaned


def name_key(text: str) -> str:
    """A comparison key: 'Les  Jardins' and 'les jardins' are the same name."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

"""Text a person typed into the FFOM and elements-to-secure exercises, made safe to keep.

One line, trimmed, inner runs of spaces collapsed; control characters and bidi
overrides removed (they pass through `Content` untouched and would reach the
terminal); refused when empty (unless optional) or over the limit. Markup-like
brackets are kept as typed: screens show them literally, the minutes escape them.
"""

from __future__ import annotations

import unicodedata

from workshop.errors import ValidationError

# Bidi embeddings, overrides and isolates: they reorder what follows on screen.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def one_line(text: str | None, limit: int, empty_key: str | None, long_key: str) -> str:
    """`text` on one clean line; `empty_key` None accepts an empty text."""
    kept = "".join(
        " " if ch in "\t\n\r\v\f" else ch
        for ch in (text or "")
        if ch in "\t\n\r\v\f" or (unicodedata.category(ch) != "Cc" and ch not in _BIDI)
    )
    cleaned = " ".join(kept.split())
    if not cleaned and empty_key is not None:
        raise ValidationError(empty_key)
    if len(cleaned) > limit:
        raise ValidationError(long_key, limit=limit)
    return cleaned

"""Text a person typed into the FFOM and elements-to-secure exercises, made safe to keep.

The one text policy of the core (workshop/text.py) with this module's
signature: one line, control characters made visible, refused when nothing
visible is left (unless optional) or over the limit. Markup-like brackets are
kept as typed: screens show them literally, the minutes escape them.
"""

from __future__ import annotations

from workshop.text import clean_line


def one_line(text: str | None, limit: int, empty_key: str | None, long_key: str) -> str:
    """`text` on one clean line; `empty_key` None accepts an empty text."""
    return clean_line(text, empty=empty_key, too_long=long_key, limit=limit)

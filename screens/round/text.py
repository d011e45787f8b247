"""Showing text a person typed exactly as typed, control characters included."""

from __future__ import annotations

from textual.content import Content

# C0 controls and DEL become their visible "control picture" (␇, ␛…): shown, never sent to the terminal.
_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\n\t"}
_PICTURES[0x7F] = "\u2421"


def visible(text: str) -> str:
    return text.translate(_PICTURES)


def literal(text: str, style: str = "") -> Content:
    """User text as Content: never parsed as markup, control characters made visible."""
    return Content.styled(visible(text), style) if style else Content(visible(text))

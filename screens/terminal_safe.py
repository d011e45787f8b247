"""The last check before the terminal: nothing raw, nothing the terminal measures differently.

The core cleans text when it enters and when it is read from a file
(workshop/text.py), so what screens show is already safe. This filter is the
backstop for what has not been through the core yet (a paste sitting in a text
area, a value being typed) and for the one thing the core must keep: emoji
sequences.

Rich measures a grapheme cluster as one character: a family emoji (👨‍👩‍👧, three
emoji joined by ZWJ) is 2 cells, a red heart (❤ + VS16) is 2, a waving hand with
a skin tone is 2. Many terminals (tmux, the Linux console, older emulators)
draw each code point on its own, 6, 1 and 4 cells: everything after it on the
line moves, borders included. Since the app cannot know the terminal, each
such cluster is drawn as its first character padded with spaces to the width
Rich gave it, a width every terminal agrees on. The text itself is unchanged:
only what is drawn.

Control characters (C0, C1, bidi embeddings, overrides and isolates) are
removed: Rich gives them no width, so the layout is unchanged. Noncharacters
and lone surrogates, one cell to Rich, become U+FFFD.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

_NEEDS_CARE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200d\ufe0f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
    "\U0001f3fb-\U0001f3ff]"
)
_CLUSTERED = re.compile("[\u200d\ufe0f\U0001f3fb-\U0001f3ff]")
_WITHOUT_WIDTH = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ONE_CELL_JUNK = re.compile("[\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")


def terminal_safe(text: str) -> str:
    """`text` as it may be sent to any terminal, taking exactly the cells Rich measured for it."""
    if _NEEDS_CARE.search(text) is None:
        return text
    if _CLUSTERED.search(text):
        text = _as_measured(text)
    text = _WITHOUT_WIDTH.sub("", text)
    return _ONE_CELL_JUNK.sub("\ufffd", text)


def _as_measured(text: str) -> str:
    """Each code point drawn as Rich counted it (rich.cells.cell_len), so no terminal can differ.

    Rich gives nothing to a zero-width joiner and to the character it joins, one
    more cell to a narrow character that a VS16 turns into an emoji, nothing to a
    skin-tone modifier: the joined characters and the modifiers are left out, and
    a space stands for the cell a VS16 adds.
    """
    parts: list[str] = []
    last = ""
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if char == "\u200d":
            index += 2
            continue
        if char == "\ufe0f":
            if last and cell_len(last + char) > cell_len(last):
                parts.append(" ")
            last = ""
        elif "\U0001f3fb" <= char <= "\U0001f3ff":
            pass
        else:
            if get_character_cell_size(char):
                last = char
            parts.append(char)
        index += 1
    return "".join(parts)


class TerminalSafe(LineFilter):
    """Applies `terminal_safe` to every segment a widget draws."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        # One search over the line's text (the usual case: nothing to do) rather than one per segment.
        if _NEEDS_CARE.search("".join([segment.text for segment in segments])) is None:
            return segments
        return [
            segment if segment.control else Segment(terminal_safe(segment.text), segment.style, segment.control)
            for segment in segments
        ]

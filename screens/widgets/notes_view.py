"""Facilitator notes shown as what they are: Markdown formatting rendered, HTML shown as text.

Textual's Markdown widget parses with HTML enabled: `<script>alert(1)</script>`
in a note was read as an HTML block and showed as `alert(1)`. Here HTML is
plain text (markdown-it's `html=False`, as the minutes read notes), and a link
in a note is not opened by a click on the projected screen.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from textual.widgets import Markdown


def notes_parser() -> MarkdownIt:
    return MarkdownIt("gfm-like", {"html": False})


class NotesView(Markdown):
    def __init__(self, markdown: str = "", *, id: str | None = None, classes: str | None = None) -> None:  # `id`: Textual's name
        super().__init__(markdown, id=id, classes=classes, parser_factory=notes_parser, open_links=False)

"""A single-line field that keeps what is pasted and what is typed, per the text policy.

Textual's Input keeps only the first line of a paste (`ligne1\\r\\nligne2` became
`ligne1`, `Tab\\x0bvertical` became `Tab`) and drops the characters Python does
not call printable, among them the zero-width joiner that makes one emoji of
several. Here a paste is made one line as the core will store it
(`workshop.text.one_line`: lines joined with a space, control characters made
visible), and the joiners and variation selectors of emoji are kept when typed.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from workshop.text import one_line

# Typed alone they are not "printable", yet they belong to what is typed.
_JOINERS = frozenset("\u200d\u200c\ufe0e\ufe0f")


class LineInput(Input):
    def _insert(self, text: str) -> None:
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)

    async def _on_key(self, event: events.Key) -> None:
        if event.character is not None and event.character in _JOINERS:
            event.stop()
            event.prevent_default()
            self._insert(event.character)

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Input's own paste keeps the first line only
        text = one_line(event.text)
        if text:
            self._insert(text)

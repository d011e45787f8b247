"""Keys that save what was typed (Enter, Ctrl+S, Ctrl+D) act after the typing itself.

A priority binding runs as soon as the application reads its key, before the
focused field has handled the letters typed just before: typed fast (or sent in
one burst, as a terminal multiplexer does), "Essai" then Enter reached the new
project prompt as an empty name, and Ctrl+S saved a form without its last
letters. `typed_first` puts the action in the focused field's queue, behind the
keys already sent to it, and runs it only if its screen is still the one shown
and the widget still on it (a second Ctrl+S pressed before the first closed
the dialog saves nothing twice).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from textual.widget import Widget

W = TypeVar("W", bound=Widget)


def typed_first(action: Callable[[W], None]) -> Callable[[W], None]:
    """The action of a screen or a widget, run after what was typed in the focused field."""

    @wraps(action)
    def after_typing(owner: W) -> None:
        screen = owner.screen

        def run() -> None:
            if owner.is_attached and screen.is_current:
                action(owner)

        field = screen.focused
        if field is None:
            run()
        else:
            field.call_later(run)

    return after_typing

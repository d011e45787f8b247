"""The bar of keys at the bottom of every screen: the key, then what it does.

It takes the place of Textual's Footer for two reasons. On a projector the
terminal is often no wider than 80 columns, and the Footer cuts off the keys
that do not fit; this bar wraps them onto a second line instead. And it is one
widget that redraws itself, where the Footer mounts a widget per key and does
so again on every change of focus, which shows in the start-up time (DESIGN §6).

A binding's description is a catalog key, translated here when the bar is drawn
(so the bar follows the language in force, not the one at import time). A node
may say more than its static label (Ctrl+Z names what it would undo): it then
defines `binding_label(action) -> str | None`. Descriptions never come from what
people typed, and are drawn as plain text.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

from workshop.i18n import t

GAP = 2  # cells between two entries


class KeyEntry(NamedTuple):
    key: str  # the key pressed when the entry is clicked
    display: str  # how the key (or the group's keys) are shown
    description: str
    enabled: bool = True
    also: tuple[str, ...] = ()  # other keys that do the same (listed in F1)

    @property
    def width(self) -> int:
        return cell_len(self.display) + 1 + cell_len(self.description)


class KeyBar(Widget, can_focus=False):
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        max-height: 3;
        padding: 0 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # `id`: Textual's name
        super().__init__(id=id, classes=classes)
        self._entries: list[KeyEntry] | None = None
        # Where each entry was drawn: (line, first cell, last cell + 1, entry).
        self._spans: list[tuple[int, int, int, KeyEntry]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        entries = self._collect()
        if entries != self._entries:
            self._entries = entries
            self.refresh(layout=True)

    # What to show -------------------------------------------------------------------
    @property
    def entries(self) -> list[KeyEntry]:
        if self._entries is None:
            self._entries = self._collect()
        return self._entries

    def _collect(self) -> list[KeyEntry]:
        return screen_keys(self.screen)

    # Layout -------------------------------------------------------------------------
    def _lines(self, width: int) -> list[list[KeyEntry]]:
        """Entries packed into lines no wider than `width`; an entry is never split."""
        lines: list[list[KeyEntry]] = [[]]
        used = 0
        for entry in self.entries:
            needed = entry.width + (GAP if lines[-1] else 0)
            if lines[-1] and used + needed > width:
                lines.append([])
                used, needed = 0, entry.width
            lines[-1].append(entry)
            used += needed
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        spans: list[tuple[int, int, int, KeyEntry]] = []
        for number, line in enumerate(self._lines(self.content_region.width or self.size.width)):
            if number:
                text.append("\n")
            x = 0
            for index, entry in enumerate(line):
                if index:
                    text.append(" " * GAP)
                    x += GAP
                dim = Style(dim=not entry.enabled)
                text.append(entry.display, key_style + dim)
                text.append(" " + entry.description, description_style + dim)
                spans.append((number, x, x + entry.width, entry))
                x += entry.width
        self._spans = spans
        return text

    # Mouse --------------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for line, start, end, entry in self._spans:
            if line == offset.y and start <= offset.x < end:
                if entry.enabled:
                    self.app.simulate_key(entry.key)
                else:
                    self.app.bell()
                return


def binding_label(namespace: DOMNode, binding: Binding) -> str:
    """What a binding does, in the current language."""
    describe = getattr(namespace, "binding_label", None)
    if callable(describe):
        label = describe(binding.action)
        if label:
            return label
    return t(binding.description) if binding.description else ""


# Keys every Textual screen has (Tab between fields, copying text): the framework's, not ours.
FRAMEWORK_ACTIONS = frozenset({"app.focus_next", "app.focus_previous", "screen.copy_text", "help_quit"})


def is_ours(namespace: DOMNode, binding: Binding) -> bool:
    """A binding of Atelier's app, screens or widgets (not a Textual widget's own
    editing and cursor keys, nor the framework's, documented the same way everywhere)."""
    if binding.action in FRAMEWORK_ACTIONS:
        return False
    if namespace is namespace.app or isinstance(namespace, Screen):
        return True
    # A widget of ours may inherit a Textual widget's keys (LineInput's are Input's):
    # the class that declares the binding decides.
    for cls in type(namespace).__mro__:
        for declared in cls.__dict__.get("BINDINGS", ()):
            key, action = (declared.key, declared.action) if isinstance(declared, Binding) else (declared[0], declared[1])
            if action == binding.action and binding.key in key.split(","):
                return not cls.__module__.startswith("textual.")
    return not type(namespace).__module__.startswith("textual.")


def screen_keys(screen: Screen[Any], hidden: bool = False) -> list[KeyEntry]:
    """The keys a screen offers now, one entry per action, groups together.

    With `hidden`, also the enabled keys the bar does not show (for the F1 help).
    """
    app = screen.app
    by_action: dict[str, tuple[DOMNode, Binding, bool]] = {}
    others: dict[str, list[str]] = {}
    for namespace, binding, enabled, _tooltip in screen.active_bindings.values():
        if binding.system or not is_ours(namespace, binding):
            continue
        if not (binding.show or (hidden and enabled)):
            continue
        action = f"{id(namespace)}:{binding.action}"
        if action in by_action:
            others.setdefault(action, []).append(app.get_key_display(binding))
        by_action.setdefault(action, (namespace, binding, enabled))
    entries: list[KeyEntry] = []
    for group, members in groupby(by_action.items(), lambda pair: pair[1][1].group):
        bindings = list(members)
        if group is not None and len(bindings) > 1:
            display = " ".join(app.get_key_display(binding) for _, (_, binding, _) in bindings)
            _action, (_namespace, first, enabled) = bindings[0]
            entries.append(KeyEntry(first.key.split(",")[0], display, t(group.description), enabled))
            continue
        for action, (namespace, binding, enabled) in bindings:
            key = binding.key.split(",")[0]
            label = binding_label(namespace, binding)
            entries.append(KeyEntry(key, app.get_key_display(binding), label, enabled, tuple(others.get(action, ()))))
    return entries

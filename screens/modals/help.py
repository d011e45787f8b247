"""F1 / ?: the help of the current screen, or an exercise's facilitator guide."""

from __future__ import annotations

from rich.markdown import Markdown
from rich.theme import Theme
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from screens.widgets.key_bar import KeyBar

# Rich's Markdown colours headings magenta and code on black: in the app's palette
# they read as warnings. Headings are bold, keys in `backquotes` bold like **keys**.
HELP_THEME = Theme(
    {
        "markdown.h1": "bold",
        "markdown.h2": "bold underline",
        "markdown.h3": "bold",
        "markdown.h4": "italic",
        "markdown.code": "bold",
        "markdown.block_quote": "italic",
    }
)


class HelpModal(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpModal { align: center middle; }
    HelpModal > VerticalScroll {
        width: 90%; max-width: 110; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "common.close")]

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def on_mount(self) -> None:
        self.app.console.push_theme(HELP_THEME)

    def on_unmount(self) -> None:
        self.app.console.pop_theme()

    def compose(self) -> ComposeResult:
        # Help texts are ours (catalog and guides), so Markdown rendering is intended.
        # Drawn by Rich as one widget: Textual's Markdown widget mounts one widget per
        # block, and a guide's hundred blocks cost about half a second of CPU on each F1
        # (0.1 s this way), which an old laptop on a projector makes felt.
        with VerticalScroll():
            yield Static(Markdown(self.markdown))
        yield KeyBar()

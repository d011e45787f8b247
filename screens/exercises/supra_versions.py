"""Every version of the supra sentence, with its time; Enter brings one back."""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from exercises.supra import Version
from screens.widgets.key_bar import KeyBar
from workshop.i18n import t


class VersionsModal(ModalScreen[int | None]):
    """Dismisses with the index of the version to restore, or None."""

    DEFAULT_CSS = """
    VersionsModal { align: center middle; }
    VersionsModal > Vertical {
        width: 90%; max-width: 120; height: 80%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    VersionsModal OptionList { height: 1fr; }
    VersionsModal .hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("enter", "choose", "supra.key.restore", priority=True),
        Binding("escape", "cancel", "common.cancel"),
    ]

    def __init__(self, versions: list[Version], can_restore: bool = True) -> None:
        super().__init__()
        self.versions = versions
        self.can_restore = can_restore  # not once the sentence is adopted: the list is read only

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(t("supra.screen.versions_title", count=len(self.versions))))
            options = []
            for index in reversed(range(len(self.versions))):
                version = self.versions[index]
                stamp = time.strftime("%H:%M", time.localtime(version.at)) if version.at else ""
                head = t("supra.screen.version_head", number=index + 1, time=stamp)
                if version.restored_from is not None:
                    head += " " + t("supra.screen.version_restored", number=version.restored_from + 1)
                options.append(Option(Content.assemble((head, "bold"), "\n", version.text), id=str(index)))
            yield OptionList(*options)
            yield Static(Content(t("supra.screen.versions_hint" if self.can_restore else "supra.screen.versions_read_only")), classes="hint")
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.can_restore if action == "choose" else True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.can_restore:
            self.dismiss(int(event.option.id or 0))

    def action_choose(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        if option is not None:
            self.dismiss(int(option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)

"""What every screen uses of the Atelier application: the open project, the clock,
saving, undo, help, and errors turned into clear messages.

It opens no screen and imports none: the screens are typed against it
(`getters.app(AtelierBase)`), and `screens.app.AtelierApp`, which subclasses it,
opens the home, project, cockpit, exercise and round screens. So the screens
and the application do not import each other."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.filter import LineFilter
from textual.message import Message
from textual.timer import Timer

from screens.terminal_safe import TerminalSafe
from workshop.clock import Clock, SystemClock
from workshop.errors import AtelierError, StorageError
from workshop.i18n import t
from workshop.library import ProjectLibrary

if TYPE_CHECKING:
    # Imported when a project is opened: the home screen starts without TinyDB.
    from workshop.project import Project
    from workshop.undo import UndoStep

T = TypeVar("T")

RETRY_SAVE_SECONDS = 15  # a save that failed (full disk, read-only folder) is tried again this often
# Exit statuses, as `atelier export` has them: the last save failed, the project asked for was refused.
EXIT_SAVE_FAILED, EXIT_REFUSED = 1, 2


class AtelierBase(App[None]):
    TITLE = "Atelier"
    CSS_PATH = "app.tcss"
    # Every key is on screen or in the F1 help; a palette would only add a
    # key that means nothing to a facilitator.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("f1,question_mark", "help", "common.help"),
        Binding("ctrl+q", "quit", "common.quit", priority=True),
        Binding("ctrl+z", "undo", "common.undo"),
        # Everywhere a project is open, for the message of a failed save names it;
        # shown in the project screen's key bar and help.
        Binding("f12", "save_as", "save_as.key", show=False),
    ]

    class PendingSaveWritten(Message):
        """A save that had failed went through: screens waiting for it move on (sent to each screen)."""

    class ChangeUndone(Message):
        """Ctrl+Z took a removal or a decision back: the screen shows the project again."""

        def __init__(self, step: UndoStep) -> None:
            super().__init__()
            self.step = step

    def __init__(
        self,
        library: ProjectLibrary | None = None,
        project_path: Path | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__()
        self.library = library or ProjectLibrary()
        self.initial_path = project_path
        self.clock: Clock = clock or SystemClock()
        self.project: Project | None = None
        self.sub_title = t("app.subtitle")
        self._terminal_safe = TerminalSafe()
        # Why the project named on the command line could not be opened (locked,
        # damaged, missing): printed and turned into the exit status when the app
        # ends, unless it was opened after all (its backup restored).
        self.refusal: str | None = None
        self._save_retry: Timer | None = None

    def retry_saves(self, on: bool) -> None:
        """Try a failed save again every RETRY_SAVE_SECONDS while a project is open."""
        if self._save_retry is None:
            self._save_retry = self.set_interval(RETRY_SAVE_SECONDS, self.retry_pending_save, pause=True)
        if on:
            self._save_retry.resume()
        else:
            self._save_retry.pause()

    def get_line_filters(self) -> Sequence[LineFilter]:
        # Every line any widget draws goes through it: no control character
        # reaches the terminal, no emoji sequence moves a border.
        return [self._terminal_safe, *super().get_line_filters()]

    # Projects ---------------------------------------------------------------------
    def close_project(self) -> str | None:
        """Close the open project; the message when its last save failed."""
        problem = None
        if self.project is not None:
            self.project.undo.unsubscribe(self._undo_changed)
            try:
                self.project.close()
            except AtelierError as error:
                problem = error.message()
                self.notify(problem, markup=False, severity="error", timeout=30)
            self.project = None
            self.retry_saves(False)
        return problem

    async def action_quit(self) -> None:
        self.quit_now()

    def quit_now(self) -> None:
        # Closing here, not on unmount, so that a failed last save (and where its
        # rescue copy went) is printed in the terminal once the app has gone.
        problem = self.close_project()
        if problem:
            self.exit(return_code=EXIT_SAVE_FAILED, message=Text(problem))
        elif self.refusal:
            self.exit(return_code=EXIT_REFUSED, message=Text(self.refusal))
        else:
            self.exit()

    def action_save_as(self) -> None:
        from screens.modals.save_as import SaveAsModal

        project = self.project
        if project is None:
            return
        folder = self.library.folder
        if folder.resolve() == project.path.parent:
            folder = Path.home()
        saved_from = project.path

        def saved(path: Path | None) -> None:
            if path is not None:
                self.notify(t("save_as.done", path=str(path)), markup=False, timeout=15)
                if self.initial_path is not None and Path(self.initial_path) == saved_from:
                    self.initial_path = path

        self.push_screen(SaveAsModal(folder / project.path.name, project.save_as), saved)

    def retry_pending_save(self) -> None:
        """Save again what a failed save kept in memory, once the disk allows it."""
        if self.project is None or not self.project.store.storage.pending:
            return
        try:
            self.project.store.storage.retry()
        except StorageError:
            return  # still failing: the person was told when it first failed
        self.notify(t("storage.saved_again", path=str(self.project.path)), markup=False, timeout=10)
        for screen in self.screen_stack:
            screen.post_message(self.PendingSaveWritten())

    # Errors -----------------------------------------------------------------------
    def attempt(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run a core action; turn its errors into a message. None when it failed."""
        try:
            return action(*args, **kwargs)
        except StorageError as error:
            self.notify(error.message(), markup=False, title=t("common.not_saved"), severity="error", timeout=20)
        except AtelierError as error:
            self.notify(error.message(), markup=False, severity="warning")
        except Exception as error:  # noqa: BLE001 - a defect: said and logged as one (screens/failures.py)
            self.report_defect(error)
        return None

    def report_defect(self, error: Exception) -> str:
        """Say that an error is Atelier's own, log its traceback; raised again under the tests."""
        from screens import failures

        if failures.strict():
            raise error
        message = failures.describe(error)
        self.notify(message, markup=False, title=t("common.defect"), severity="error", timeout=30)
        return message

    # Keys: quitting, undo --------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit" and getattr(self.screen, "CONFIRMS_QUIT", False):
            return False  # the screen (a round) asks the facilitator first, with its own Ctrl+Q
        if action == "undo":
            # Not on the voters' screens (a round), where the keyboard goes around.
            allowed = getattr(self.screen, "ALLOWS_UNDO", True)
            return allowed and self.project is not None and self.project.undo.last is not None
        return True

    def binding_label(self, action: str) -> str | None:
        """Ctrl+Z says what it would undo (the key bar asks)."""
        last = self.project.undo.last if action == "undo" and self.project is not None else None
        return last.key_label() if last is not None else None

    def action_undo(self) -> None:
        if self.project is None:
            return
        step = self.attempt(self.project.undo.undo)
        if step is not None:
            self.notify(step.done_message(), markup=False, timeout=6)
            self.screen.post_message(self.ChangeUndone(step))

    def _undo_changed(self) -> None:
        # The last step changed: Ctrl+Z appears, disappears or names another change.
        self.screen.refresh_bindings()

    def get_key_display(self, binding: Binding) -> str:
        """Keys in the interface's language (Échap, Suppr…) where a keyboard names them so."""
        if binding.key_display:
            # A catalog key ("keys.confirm") where the key itself depends on the language.
            return t(binding.key_display) if binding.key_display.startswith("keys.") else binding.key_display
        name = t(f"keys.{binding.key.split(',')[0]}")
        return name if not name.startswith("keys.") else super().get_key_display(binding)

    # Help -------------------------------------------------------------------------
    def action_help(self) -> None:
        from screens.modals.help import HelpModal
        from screens.widgets.key_bar import screen_keys

        if isinstance(self.screen, HelpModal):
            return
        provider = getattr(self.screen, "help_markdown", None)
        markdown = provider() if callable(provider) else t("help.general")
        # Every key the screen offers now, those the bar has no room for included.
        keys = [
            t("help.key_line", key="**, **".join((entry.display, *entry.also)), label=entry.description)
            for entry in screen_keys(self.screen, hidden=True)
            if entry.enabled
        ]
        if keys:
            markdown += "\n\n" + t("help.keys_heading") + "\n\n" + "\n".join(keys) + "\n"
        self.push_screen(HelpModal(markdown))

    def on_unmount(self) -> None:
        # Ending by another way than Ctrl+Q (a closed terminal): the last save is
        # still made, and its failure still sets the exit status and is printed.
        problem = self.close_project()
        if problem:
            self._return_code = EXIT_SAVE_FAILED
            self._exit_renderables.append(Text(problem))

"""The Atelier application: opens projects and the screens they are shown on.

Everything the screens use of the application is in `screens.app_base`; this
subclass adds what opens screens, so only this module imports them (inside
its methods: the home screen starts without loading the others)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from screens.app_base import AtelierBase
from workshop.errors import AtelierError, JournalProblem, ProjectDamaged, ProjectLocked
from workshop.i18n import t

if TYPE_CHECKING:
    from screens.home import HomeScreen


class AtelierApp(AtelierBase):
    def get_default_screen(self) -> Screen[Any]:
        # The home screen is the bottom of the stack: nothing to draw before it.
        from screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if self.initial_path is not None:
            self.open_project(self.initial_path)

    def on_home_screen_project_chosen(self, message: HomeScreen.ProjectChosen) -> None:
        self.open_project(message.path)

    # Projects ---------------------------------------------------------------------
    def open_project(self, path: Path) -> bool:
        """Open a project and show it; a clear message when it cannot be opened."""
        from screens.project import ProjectScreen
        from workshop.project import Project

        self.close_project()
        try:
            self.project = Project.open(path, self.clock)
        except ProjectLocked as error:
            self._refused(path, error.message())
            self.notify(error.message(), markup=False, severity="error", timeout=10)
            return False
        except JournalProblem as error:
            self._refused(path, error.message())
            self._offer_without_journal(path, error)
            return False
        except ProjectDamaged as error:
            self._refused(path, error.message())
            self._offer_backup(path, error)
            return False
        except FileNotFoundError:
            self._refused(path, t("error.project_missing", path=str(path)))
            self.notify(t("error.project_missing", path=str(path)), markup=False, severity="error")
            return False
        if self.initial_path is not None and Path(path) == Path(self.initial_path):
            self.refusal = None  # opened after all
        self.retry_saves(True)
        self.project.undo.subscribe(self._undo_changed)
        self.push_screen(ProjectScreen(self.project))
        if not os.access(self.project.path.parent, os.W_OK):
            self.notify(t("save_as.read_only"), markup=False, severity="warning", timeout=30)
        self.resume_round_on_screen()
        return True

    def _refused(self, path: Path, message: str) -> None:
        if self.initial_path is not None and Path(path) == Path(self.initial_path):
            self.refusal = message

    def resume_round_on_screen(self) -> None:
        """The project was left during a round (quit, crash): straight back into it,
        over its workshop's cockpit and its exercise, as the facilitator left them."""
        from workshop.rounds import round_on_screen

        project = self.project
        round_ = self.attempt(round_on_screen, project) if project is not None else None
        if project is None or round_ is None:
            return
        from screens import registry
        from screens.cockpit import CockpitScreen
        from screens.exercises.base import ExerciseScreen
        from screens.round import RoundScreen

        self.push_screen(CockpitScreen(project, round_.workshop_id))
        factory = None
        item = self.attempt(project.agenda_item, round_.item_id) if round_.spec.owner and round_.item_id else None
        if item is not None:
            factory = registry.exercise_screen(item.kind)
        exercise = factory(project, round_.workshop_id, round_.item_id) if factory else None
        if isinstance(exercise, ExerciseScreen):
            self.push_screen(exercise)
            exercise.resume_round(round_.id)
        else:
            self.push_screen(RoundScreen(project, round_.id))

    def _offer_backup(self, path: Path, error: ProjectDamaged) -> None:
        from screens.modals.confirm import ConfirmModal
        from workshop.store import backup_problem

        message = error.message()
        try:
            backup_problem(Path(path))  # offered only when it validates itself
        except ProjectDamaged as unusable:
            self.notify(message + "\n\n" + unusable.message(), markup=False, severity="error", timeout=20)
            return

        def answered(restore: bool | None) -> None:
            if not restore:
                return
            from workshop.store import restore_backup

            try:
                moved = restore_backup(Path(path))
            except (AtelierError, OSError) as failure:
                text = failure.message() if isinstance(failure, AtelierError) else str(failure)
                self.notify(text, markup=False, severity="error", timeout=15)
                return
            self.notify(t("home.backup_restored", path=str(moved)), markup=False, timeout=10)
            self.open_project(Path(path))

        self.push_screen(ConfirmModal(message + "\n\n" + t("home.offer_backup"), t("home.restore_backup")), answered)

    def _offer_without_journal(self, path: Path, error: JournalProblem) -> None:
        """The journal is missing, foreign or damaged: the project can still be opened as
        its file holds it (with what the journal gives), everything set aside first."""
        from screens.modals.confirm import ConfirmModal

        aside = f"{Path(path).name}.set-aside-…"
        if error.usable:
            offer = t("journal.offer_usable", count=len(error.usable), aside=aside)
        elif error.kind == "missing":
            offer = t("journal.offer_missing", aside=aside)
        else:
            offer = t("journal.offer", aside=aside)

        def answered(accept: bool | None) -> None:
            if not accept:
                return
            from workshop.store import open_without_journal

            try:
                moved = open_without_journal(Path(path))
            except (AtelierError, OSError) as failure:
                text = failure.message() if isinstance(failure, AtelierError) else str(failure)
                self.notify(text, markup=False, severity="error", timeout=15)
                return
            self.notify(t("journal.set_aside", path=str(moved)), markup=False, timeout=15)
            self.open_project(Path(path))

        self.push_screen(ConfirmModal(error.message() + "\n\n" + offer, t("journal.open_without")), answered)

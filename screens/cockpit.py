"""The live cockpit: drive a workshop item by item, with its countdown on the big screen.

A view over `workshop.live.LiveWorkshop`: every key calls the core (which saves at
once) and the screen redraws from what the core reads. Time comes only from the
app's clock (`self.app.clock`), read on an interval: ticks may be dropped when
the loop is busy, the reading never drifts.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Static

from screens import registry
from screens.app_base import AtelierBase
from screens.parameters import int_parameter
from screens.widgets.agenda_sidebar import AgendaSidebar
from screens.widgets.countdown import CountdownDisplay
from screens.widgets.key_bar import KeyBar
from screens.widgets.notes_view import NotesView
from workshop.i18n import t
from workshop.live import LiveWorkshop
from workshop.model import AgendaItem
from workshop.project import Project
from workshop.registry import exercises_of, get_exercise, is_installed
from workshop.timer import Reading, format_duration

REFRESH_SECONDS = 0.2  # how often the clock is read; the display changes once a second
NARROW_WIDTH = 64  # below this width the agenda sidebar gives way to the current item
SIDEBAR_EVERY = 5  # the agenda (ahead / behind) is refreshed every this many readings


STEP = Binding.Group("cockpit.key_group_step", compact=True)
MINUTE = Binding.Group("cockpit.key_group_minute", compact=True)


class CockpitScreen(Screen[None]):
    app = getters.app(AtelierBase)  # self.app typed as Atelier's (and checked when read)
    CSS_PATH = "cockpit.tcss"
    AUTO_FOCUS = None  # nothing takes the keys: they drive the workshop
    BINDINGS = [
        Binding("space", "start_pause", "cockpit.key_toggle", key_display="␣", priority=True),
        Binding("left,b", "step(-1)", "cockpit.key_previous", key_display="←", priority=True, group=STEP),
        Binding("right,n", "step(1)", "cockpit.key_next", key_display="→", priority=True, group=STEP),
        Binding("minus", "adjust(-1)", "cockpit.key_minus", key_display="-", priority=True, group=MINUTE),
        Binding("plus,equals_sign", "adjust(1)", "cockpit.key_plus", key_display="+", priority=True, group=MINUTE),
        Binding("o", "notes", "cockpit.key_notes", priority=True),
        Binding("enter", "exercise", "cockpit.key_exercise", key_display="⏎", priority=True),
        Binding("f", "projection", "cockpit.key_projection", priority=True),
        Binding("escape", "back", "common.back", priority=True),
        Binding("up", "scroll_notes(-1)", show=False),
        Binding("down", "scroll_notes(1)", show=False),
        Binding("pageup", "scroll_notes(-10)", show=False),
        Binding("pagedown", "scroll_notes(10)", show=False),
    ]
    # Each key once, named as Textual binds it ("left,b" gives two).
    RESERVED_KEYS = frozenset(binding.key for binding in Binding.make_bindings(BINDINGS)) | {"f1", "question_mark", "ctrl+q"}

    def __init__(self, project: Project, workshop_id: int) -> None:
        super().__init__()
        self.project = project
        self.workshop_id = workshop_id
        self.live: LiveWorkshop | None = None
        self._notes_shown: str | None = None
        self._state_shown: str | None = None
        self._readings = 0
        self._tools = {tool.action: tool for tool in registry.tools() if tool.key not in self.RESERVED_KEYS}
        for tool in self._tools.values():
            # Tools are listed apart from this class (screens.registry), so their keys are bound per
            # screen. Textual 8 has `App.bind` but no public Screen-level `bind`
            # (Textualize/textual#5477); both go through the node's BindingsMap.
            self._bindings.bind(tool.key, f"tool({tool.action!r})", tool.label_key, priority=True)

    # Layout -----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield AgendaSidebar(id="sidebar")
            with Vertical(id="stage"):
                yield Static("", id="position", markup=False)
                yield Static("", id="item-title", markup=False)
                yield Static("", id="item-kind", markup=False)
                yield CountdownDisplay(id="countdown")
                yield Static("", id="timer-state", markup=False)
                yield Static("", id="next-up", markup=False)
                with VerticalScroll(id="notes", can_focus=False):
                    # What features want the facilitator to see (late follow-ups): in the
                    # facilitator's panel, never a toast over the countdown or the next screens.
                    yield Static("", id="notices", markup=False)
                    yield Static(Content(t("cockpit.notes_heading")), id="notes-heading")
                    yield NotesView("", id="notes-body")
        yield KeyBar()

    def on_mount(self) -> None:
        workshop = self.app.attempt(self.project.workshop, self.workshop_id)
        if workshop is None:  # removed meanwhile: the message was shown; Escape goes back
            self.add_class("-empty")
            return
        self.live = LiveWorkshop(self.project, self.workshop_id, self.app.clock)
        self.title = t("cockpit.title")
        self.sub_title = workshop.title  # the header shows it literally (Content)
        self.refresh_all()
        self.set_interval(REFRESH_SECONDS, self.update_timer)

    def _show_notices(self) -> None:
        """What features want the facilitator to see during the workshop (late
        follow-ups…), above the notes: it stays while it holds, and goes once the
        late actions or elements are dealt with (back from their exercise)."""
        today = self.project.today()  # the app's clock, which the project reads
        texts = [
            self.app.attempt(exercise.cockpit_notice, self.project, self.workshop_id, today)
            for exercise in exercises_of(self.project.kinds_used())
        ]
        shown = "\n".join(t("cockpit.notice", text=text) for text in texts if text)
        notices = self.query_one("#notices", Static)
        notices.update(Content(shown))
        notices.display = bool(shown)

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW_WIDTH, "-narrow")

    def on_screen_resume(self) -> None:
        # Back from an exercise, a tool or the notes: they may have changed anything.
        if self.live is not None:
            self.refresh_all()

    def on_atelier_base_change_undone(self, _message: object) -> None:
        # Ctrl+Z brought something back: show the project as it is now.
        self.refresh_all()

    # Reading the core ---------------------------------------------------------------
    def refresh_all(self) -> None:
        """Redraw everything from the project: item, notes, agenda and countdown."""
        live = self.live
        if live is None:
            return
        item = self.app.attempt(live.current)
        self.refresh_bindings()  # what the keys can do follows the item
        self.set_class(item is None, "-empty")
        self._show_item(item)
        self._show_agenda()
        self._show_notices()
        self.update_timer()

    def _show_item(self, item: AgendaItem | None) -> None:
        assert self.live is not None
        title = self.query_one("#item-title", Static)
        if item is None:
            self.query_one("#position", Static).update("")
            title.update(Content(t("cockpit.empty_agenda")))
            self.query_one("#item-kind", Static).update("")
            self.query_one("#next-up", Static).update("")
            self._show_notes("")
            return
        index, count = self.live.position()
        self.query_one("#position", Static).update(Content(t("cockpit.step", index=index, count=count)))
        title.update(Content(item.title))
        self.query_one("#item-kind", Static).update(Content(_kind_title(item.kind)))
        following = self.live.next_item()
        next_text = t("cockpit.next_up", title=following.title) if following else t("cockpit.last_item")
        self.query_one("#next-up", Static).update(Content(next_text))
        self._show_notes(item.notes)

    def _show_notes(self, notes: str) -> None:
        if notes == self._notes_shown:
            return
        self._notes_shown = notes
        # The facilitator's own Markdown, rendered on purpose (their emphasis and lists);
        # HTML in it is shown as the text it is (NotesView).
        self.query_one("#notes-body", NotesView).update(notes or t("cockpit.notes_empty"))

    def _show_agenda(self) -> None:
        assert self.live is not None
        schedule = self.app.attempt(self.live.schedule)
        if schedule is None:
            return
        has_start_time = bool(self.live.workshop.start_time.strip())
        self.query_one(AgendaSidebar).show(schedule, has_start_time)

    def update_timer(self) -> None:
        """Read the clock: countdown, state line, bell at zero; the agenda now and then."""
        live = self.live
        if live is None or not self.is_mounted:
            return
        reading = self.app.attempt(live.reading)
        if reading is not None and reading.overtime and self.app.attempt(live.bell_due):
            self.app.bell()  # heard over any screen: time is up whatever is shown
        if self._hidden():
            return  # drawn again when the cockpit comes back (on_screen_resume)
        self.query_one(CountdownDisplay).show(reading)
        state_line = _state_line(reading)
        if state_line != self._state_shown:
            self._state_shown = state_line
            self.query_one("#timer-state", Static).update(Content(state_line))
        self._readings += 1
        if self._readings % SIDEBAR_EVERY == 0:
            self._show_agenda()

    def _hidden(self) -> bool:
        """Another screen covers the cockpit (an exercise, a round): redrawing the
        countdown five times a second there cost CPU in every key of a round. A dialog
        lets the cockpit show through: it is drawn under it."""
        for screen in reversed(self.app.screen_stack):
            if screen is self:
                return False
            if not isinstance(screen, ModalScreen):
                return True
        return True

    @property
    def reading(self) -> Reading | None:
        return self.live.reading() if self.live is not None else None

    # Actions ------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys are offered only where they act: not ← on the first item, nor ⏎ on a
        free item, nor any timer key without an agenda."""
        if action not in ("start_pause", "step", "adjust", "notes", "exercise"):
            return True
        live = self.live
        item = self._current() if live is not None and self.is_mounted else None
        if live is None or item is None:
            return False
        if action == "step":
            index, count = live.position()
            return 1 <= index + int_parameter(parameters) <= count
        if action == "exercise":
            return registry.exercise_screen(item.kind) is not None
        if action == "adjust" and int_parameter(parameters) < 0:
            reading = live.reading()
            return reading is not None and reading.total > 0
        return True

    def _act(self, action: Callable[..., object], *args: object) -> None:  # action: a LiveWorkshop method
        self.app.attempt(action, *args)
        self.refresh_all()

    def action_start_pause(self) -> None:
        if self.live is not None:
            self._act(self.live.toggle)

    def action_adjust(self, minutes: int) -> None:
        if self.live is not None:
            self._act(self.live.adjust, minutes)

    def action_step(self, delta: int) -> None:
        if self.live is not None:
            self._act(self.live.step, delta)

    def action_projection(self) -> None:
        self.toggle_class("-projection")
        self.query_one(CountdownDisplay).big = self.has_class("-projection")
        if self.has_class("-projection"):
            self.notify(t("cockpit.projection_on"), markup=False, timeout=4)

    def action_exercise(self) -> None:
        item = self._current()
        if item is None:
            return
        factory = registry.exercise_screen(item.kind)
        if factory is None:
            key = "cockpit.free_item" if item.kind == "free" else "cockpit.no_exercise_screen"
            self.notify(t(key, title=item.title, kind=_kind_title(item.kind)), markup=False)
            return
        self.app.push_screen(factory(self.project, self.workshop_id, item.id))

    def action_tool(self, action: str) -> None:
        tool = self._tools.get(action)
        if tool is None:
            return
        item = self._current()
        self.app.push_screen(tool.factory(self.project, self.workshop_id, item.id if item else 0))

    def action_notes(self) -> None:
        from screens.modals.item_notes import ItemNotesModal

        item = self._current()
        if item is None or self.live is None:
            return
        live = self.live

        def written(notes: str | None) -> None:
            if notes is not None and self.app.attempt(live.set_notes, notes) is not None:
                self.notify(t("cockpit.notes_saved"), markup=False, timeout=2)
            self.refresh_all()

        self.app.push_screen(ItemNotesModal(item.title, item.notes), written)

    def action_scroll_notes(self, lines: int) -> None:
        self.query_one("#notes", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_back(self) -> None:
        self.app.pop_screen()

    def _current(self) -> AgendaItem | None:
        return self.app.attempt(self.live.current) if self.live is not None else None

    # Help ---------------------------------------------------------------------------
    def help_markdown(self) -> str:
        text = t("help.cockpit")
        if self._tools:
            lines = [t("help.cockpit_tool", key=tool.key.upper(), label=t(tool.label_key)) for tool in self._tools.values()]
            text += "\n" + t("help.cockpit_tools") + "\n".join(lines) + "\n"
        return text


def _kind_title(kind: str) -> str:
    return get_exercise(kind).title if is_installed(kind) else kind


def _state_line(reading: Reading | None) -> str:
    if reading is None:
        return ""
    if reading.overtime:
        state = t("cockpit.state_overtime")
    elif reading.running:
        state = t("cockpit.state_running")
    elif reading.elapsed > 0:
        state = t("cockpit.state_paused")
    else:
        state = t("cockpit.state_ready")
    parts = [state, t("cockpit.planned", minutes=(reading.total - reading.extra) // 60)]
    if reading.extra > 0:
        parts.append(t("cockpit.extra_more", minutes=reading.extra // 60))
    elif reading.extra < 0:
        parts.append(t("cockpit.extra_less", minutes=-reading.extra // 60))
    if reading.elapsed > 0:
        parts.append(t("cockpit.elapsed", time=format_duration(reading.elapsed)))
    return " · ".join(parts)

"""The key bar tells the truth, on every screen of the demo in each of its states.

- every key the bar shows is enabled there, and pressing it does something that
  shows (another screen or dialog, the screen changed, the project changed) and
  is not refused;
- every enabled key the bar does not show is listed in the screen's F1 help (a
  dialog shows all of its keys, or acts the same as one it shows).

The first look at each state also checks what it shows at 80×24
(`tests/test_fit_80x24.assert_fits`): a state costs about half a second of CPU to
build, and the walk builds it again after every key that changed it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.binding import Binding

from screens.app import AtelierApp
from screens.modals.help import HelpModal
from screens.widgets.key_bar import KeyBar, is_ours
from tests.app_states import DIALOGS, STATES, Walk
from tests.screen_text import screen_text, settle
from tests.test_fit_80x24 import assert_fits

SIZE = (80, 24)
NOT_PRESSED = {"ctrl+q"}  # quits the app: checked by its own tests
# Keys that leave the screen (Escape and its kin): pressed last, for the state must be
# built again after any key that changed it, and nothing is pressed after the last.
LEAVING = {"close", "cancel", "back", "dismiss"}


def offered(app: AtelierApp) -> list[tuple[str, Binding, bool, object]]:
    """(key, binding, enabled, namespace) of Atelier's bindings active on the screen."""
    found = []
    for key, (namespace, binding, enabled, _tooltip) in app.screen.active_bindings.items():
        if binding.system or not is_ours(namespace, binding):
            continue
        found.append((key, binding, enabled, namespace))
    return found


def observed(app: AtelierApp) -> tuple[object, ...]:
    """What a key press can change that a person would notice."""
    assert app.project is not None or True
    data = json.dumps(app.project.store.storage.read(), sort_keys=True) if app.project is not None else ""
    focused = app.focused
    return (
        tuple(id(screen) for screen in app.screen_stack),
        (type(focused).__name__, focused.id) if focused is not None else None,
        screen_text(app),
        data,
    )


async def clear_notifications(pilot) -> None:
    """No toast left on screen (one would hide what a key changed); settled again only when one was there."""
    app = pilot.app
    shown = bool(app._notifications) or bool(app.screen.query("Toast"))
    app.clear_notifications()
    if shown:
        await settle(pilot)


async def check_state(tmp_path: Path, name: str, modal: bool) -> None:
    walk = Walk.make(tmp_path)
    app = walk.app
    state = (DIALOGS if modal else STATES)[name]
    async with app.run_test(size=SIZE) as pilot:
        await walk.go(pilot, state)
        if not modal:
            assert_fits(app, name)  # what the state shows at 80×24, while it is built
        bar = app.screen.query_one(KeyBar)
        dimmed = [entry for entry in bar.entries if not entry.enabled]
        assert not dimmed, f"shown but not enabled: {dimmed}"
        bindings = offered(app)
        shown = [(key, binding) for key, binding, enabled, _ in bindings if binding.show and enabled]
        assert shown or modal, "a screen with no key at all"
        # Enabled keys the bar does not show: in the F1 help, or the same action as a shown one.
        hidden = [(key, binding) for key, binding, enabled, _ in bindings if enabled and not binding.show]
        shown_actions = {binding.action for _, binding in shown}
        unexplained = [(key, binding) for key, binding in hidden if binding.action not in shown_actions]
        for key, binding in unexplained:
            assert not modal, f"{key} ({binding.action}) is a dialog key the bar does not show"
        help_text = None  # this state's F1 help, read when its key opens it (a help costs a Markdown render)
        # Each shown key does something, from the same state each time.
        fresh = True  # the state is as `walk.go` left it
        for key, binding in sorted(shown, key=lambda shown_key: shown_key[1].action in LEAVING):
            if key in NOT_PRESSED:
                continue
            if not fresh:
                await walk.go(pilot, state)
            await clear_notifications(pilot)
            before = observed(app)
            stack = list(app.screen_stack)
            await pilot.press(key)
            await settle(pilot)
            refusals = [n for n in app._notifications if n.severity in ("warning", "error")]
            assert not refusals, f"{key} ({binding.action}) was shown, then refused: {refusals[0].message}"
            await clear_notifications(pilot)
            after = observed(app)
            assert after != before, f"{key} ({binding.action}) is shown but does nothing"
            if binding.action == "help" and isinstance(app.screen, HelpModal) and app.screen_stack[:-1] == stack:
                help_text = app.screen.markdown
            # A key that only opened a dialog leaves the state as it was once the dialog is gone.
            fresh = after[3] == before[3] and app.screen_stack[: len(stack)] == stack and len(app.screen_stack) > len(stack)
            while fresh and len(app.screen_stack) > len(stack):
                await app.pop_screen()
                await settle(pilot)
        if unexplained and help_text is None:
            if not fresh:
                await walk.go(pilot, state)
            await app.run_action("help")
            await settle(pilot)
            help_text = getattr(app.screen, "markdown", "")
        for key, binding in unexplained:
            display = app.get_key_display(binding)
            assert f"**{display}**" in (help_text or ""), f"{key} ({binding.action}) neither shown nor in F1"


@pytest.mark.parametrize("name", list(STATES), ids=list(STATES))
async def test_every_key_shown_acts_and_every_key_that_acts_is_shown_or_in_f1(tmp_path: Path, name: str) -> None:
    await check_state(tmp_path, name, modal=False)


@pytest.mark.parametrize("name", list(DIALOGS), ids=list(DIALOGS))
async def test_every_dialog_shows_its_keys_and_each_acts(tmp_path: Path, name: str) -> None:
    await check_state(tmp_path, name, modal=True)

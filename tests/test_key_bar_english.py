"""The key bar in English on every screen and dialog of the demo (#20.6).

Key labels are catalog keys translated when the bar is drawn. Every screen module
is imported while French is in force (as at start-up, before `--lang en` takes
effect); English is chosen afterwards: no label of any bar may stay French.
"""

from __future__ import annotations

from pathlib import Path

from screens import registry
from screens.widgets.key_bar import KeyBar
from tests.app_states import DIALOGS, STATES, Walk
from workshop.i18n import catalog, set_language


def french_only() -> set[str]:
    """The French texts whose English differs: one on an English bar is a label left French."""
    english = catalog("en")
    words = set(english.values())  # "Type", "Notes"… read the same in both
    return {text for key, text in catalog("fr").items() if english.get(key, text) != text and text not in words}


async def test_every_key_bar_speaks_english_once_english_is_chosen(tmp_path: Path) -> None:
    # Every screen and tool module imported, in French, before English is chosen.
    for kind in registry.EXERCISE_SCREENS:
        registry.exercise_screen(kind)
    for tool in registry.TOOLS:
        tool.factory  # noqa: B018 - resolving it imports its module
    set_language("en")
    french = french_only()
    walk = Walk.make(tmp_path)
    app = walk.app
    async with app.run_test(size=(120, 40)) as pilot:
        for name, state in {**STATES, **DIALOGS}.items():
            await walk.go(pilot, state)
            entries = app.screen.query_one(KeyBar).entries
            assert entries, name
            left_french = [entry.description for entry in entries if entry.description in french]
            assert not left_french, f"{name}: {left_french}"
            # Labels that say more (Ctrl+Z names what it undoes) are English too.
            assert all("Annuler" not in entry.description for entry in entries), name

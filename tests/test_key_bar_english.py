"""The key bar in English once English is chosen (#20.6).

Key labels are catalog keys translated when the bar is drawn. Every screen module
is imported while French is in force (as at start-up, before `--lang en` takes
effect); English is chosen afterwards: no label of any bar may stay French.

Two checks share the work:

- every binding any class of the interface declares names its label by a catalog
  key, never by a text translated when its module was imported: whatever the
  state that shows it, such a label would stay French;
- the bars drawn in English, on one state of each screen and dialog of the demo
  (`SHOWN`), plus the states where a screen names a key's action itself
  (`binding_label`: Enter says "Rename" or "Write" by step): each label of
  those is drawn through the same translation as the labels of any other state.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

import screens
from screens import registry
from screens.widgets.key_bar import KeyBar
from tests.app_states import DIALOGS, STATES, Walk
from workshop.i18n import catalog, set_language

# One state of each screen and dialog (the one showing the most keys), then those
# where a screen's own `binding_label` gives another label than in the first.
SHOWN = [
    "home", "project-structures", "plan-agenda", "cockpit-today-running", "values-merge-two-marked", "apt-grid",
    "supra-adopted", "matrix-cell", "commitments-list", "convention", "governance-done", "securing-today", "swot-grid",
    "stakeholders-characterise", "roadmap-actions", "fairness-picture", "round-handoff",
    "confirm-removal", "structure-form", "participant-form", "workshop-form", "new-project", "agenda-item-form",
    "notes-form", "item-notes", "proposal", "export", "round-setup", "next-steps", "next-step-form", "help",
    "follow-up", "merge-pick", "versions",
    # binding_label: Enter opens a workshop on its tab; renames a group, writes an output, defines a value;
    # starts the drafts.
    "project-workshops", "apt-groups", "apt-objectives", "values-define", "supra-drafts",
]


def french_only() -> set[str]:
    """The French texts whose English differs: one on an English bar is a label left French."""
    english = catalog("en")
    words = set(english.values())  # "Type", "Notes"… read the same in both
    return {text for key, text in catalog("fr").items() if english.get(key, text) != text and text not in words}


def declared_bindings() -> list[tuple[type, Binding]]:
    """Every binding a class of the interface declares itself (every module under `screens` imported)."""
    for module in pkgutil.walk_packages(screens.__path__, "screens."):
        importlib.import_module(module.name)
    found: list[tuple[type, Binding]] = []
    seen: set[type] = set()
    classes: list[type] = [DOMNode]
    while classes:
        for sub in classes.pop().__subclasses__():
            if sub in seen:
                continue
            seen.add(sub)
            classes.append(sub)
            if sub.__module__.startswith("screens."):
                for declared in sub.__dict__.get("BINDINGS", ()):
                    found.append((sub, declared if isinstance(declared, Binding) else Binding(*declared)))
    return found


def test_every_key_label_is_a_catalog_key_translated_when_drawn() -> None:
    keys = set(catalog("fr")) & set(catalog("en"))
    declared = declared_bindings()
    assert len({cls for cls, _ in declared}) >= 30, "the walk missed the screens' classes"
    translated = [
        f"{cls.__module__}.{cls.__qualname__}, {binding.key} ({binding.action}): {label!r}"
        for cls, binding in declared
        for label in [binding.description, *([binding.group.description] if binding.group is not None else [])]
        # A symbol ("✓") reads the same in every language.
        if label and label not in keys and any(char.isalpha() for char in label)
    ]
    assert not translated, f"labels that are no catalog key: {translated}"


async def test_every_key_bar_speaks_english_once_english_is_chosen(tmp_path: Path) -> None:
    # Every screen and tool module imported, in French, before English is chosen.
    for kind in registry.EXERCISE_SCREENS:
        registry.exercise_screen(kind)
    for tool in registry.TOOLS:
        tool.factory  # noqa: B018 - resolving it imports its module
    set_language("en")
    french = french_only()
    states = {**STATES, **DIALOGS}
    assert set(SHOWN) <= set(states), set(SHOWN) - set(states)
    walk = Walk.make(tmp_path)
    app = walk.app
    async with app.run_test(size=(120, 40)) as pilot:
        for name in SHOWN:
            await walk.go(pilot, states[name])
            entries = app.screen.query_one(KeyBar).entries
            assert entries, name
            left_french = [entry.description for entry in entries if entry.description in french]
            assert not left_french, f"{name}: {left_french}"
            # Labels that say more (Ctrl+Z names what it undoes) are English too.
            assert all("Annuler" not in entry.description for entry in entries), name

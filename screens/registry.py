"""Where feature screens plug into the cockpit, listed here: nothing registers itself on import.

- `EXERCISE_SCREENS`: the screen the cockpit opens (Enter) on an agenda item of
  each built-in kind. Another package's exercise declares its screen through the
  `atelier.screens` entry-point group (name: the kind; value: a screen factory),
  read only when an item of a kind not built in is opened.
- `TOOLS`: the cockpit's tools, shown in its footer under their key (rounds,
  export, proposals…).
- What the facilitator should see first when the cockpit opens a workshop
  (elements to secure gone late…) is each exercise's `cockpit_notice`.

A screen or tool is named by "module:attribute" and imported when first used:
opening one exercise loads that exercise's screen only.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen

    from workshop.project import Project

ScreenFactory = Callable[["Project", int, int], "Screen"]  # (project, workshop_id, item_id)
ENTRY_POINT_GROUP = "atelier.screens"

EXERCISE_SCREENS: dict[str, str] = {
    "swot": "screens.exercises.swot:SwotScreen",
    "apt": "screens.exercises.apt:AptScreen",
    "values": "screens.exercises.values:ValuesScreen",
    "supra": "screens.exercises.supra:SupraScreen",
    "stakeholders": "screens.exercises.stakeholders:StakeholdersScreen",
    "matrix": "screens.exercises.matrix:MatrixScreen",
    "governance": "screens.exercises.governance:GovernanceScreen",
    "securing": "screens.exercises.securing:SecuringScreen",
    "commitments": "screens.exercises.commitments:open_commitments",
    "roadmap": "screens.exercises.roadmap:open_roadmap",
    "fairness": "screens.exercises.fairness:open_fairness",
}


@dataclass(frozen=True)
class CockpitTool:
    key: str  # a Textual key name, e.g. "r"
    action: str  # a unique action name, e.g. "round"
    label_key: str  # catalog key of the footer label
    target: str  # "module:attribute" of its ScreenFactory
    order: int = 100

    @property
    def factory(self) -> ScreenFactory:
        return _resolve(self.target)


TOOLS: tuple[CockpitTool, ...] = (
    CockpitTool(key="r", action="round", label_key="rounds.tool", target="screens.tools.rounds:open_round_tool", order=20),
    CockpitTool(key="a", action="proposal", label_key="proposals.tool.label", target="screens.tools.proposals:open_proposal_entry", order=40),
    CockpitTool(key="s", action="next_steps", label_key="next_steps.tool", target="screens.tools.next_steps:open_next_steps", order=80),
    CockpitTool(key="x", action="export", label_key="export.tool", target="screens.tools.export:open_export", order=90),
)


def _resolve(target: str) -> ScreenFactory:
    module, _, name = target.partition(":")
    factory: ScreenFactory = getattr(importlib.import_module(module), name)
    return factory


@cache
def _third_party_screens() -> dict[str, ScreenFactory]:
    from importlib.metadata import entry_points

    return {entry.name: entry.load() for entry in entry_points(group=ENTRY_POINT_GROUP) if entry.name not in EXERCISE_SCREENS}


def exercise_screen(kind: str) -> ScreenFactory | None:
    """The screen of an agenda item of `kind` (imports that screen's module only), or None."""
    if kind in EXERCISE_SCREENS:
        return _resolve(EXERCISE_SCREENS[kind])
    if kind == "free":
        return None  # a free item has no screen: no need to look further
    return _third_party_screens().get(kind)


def tools() -> list[CockpitTool]:
    return sorted(TOOLS, key=lambda tool: (tool.order, tool.action))

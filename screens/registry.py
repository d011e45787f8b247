"""Where feature screens plug into the cockpit, without the cockpit knowing them.

- An exercise screen module (`screens/exercises/<kind>.py`) calls
  `register_exercise_screen(kind, factory)`: the cockpit opens it (Enter) on an
  agenda item of that kind.
- A cockpit tool module (`screens/tools/<name>.py`) calls `register_tool(...)`:
  the cockpit shows it in its footer under its key (rounds, export, proposals…).
- Any of them may call `register_cockpit_notice(fn)`: when the cockpit opens a
  workshop, `fn(project, workshop_id, today)` may return a sentence the
  facilitator should see first (elements to secure gone late…), or None.

`discover()` imports every module of both packages once, so registering is
adding a file.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen

    from workshop.project import Project

ScreenFactory = Callable[["Project", int, int], "Screen"]  # (project, workshop_id, item_id)
CockpitNotice = Callable[["Project", int, str], "str | None"]  # (project, workshop_id, today ISO) -> sentence


@dataclass(frozen=True)
class CockpitTool:
    key: str  # a Textual key name, e.g. "r"
    action: str  # a unique action name, e.g. "round"
    label_key: str  # catalog key of the footer label
    factory: ScreenFactory
    order: int = 100


_exercise_screens: dict[str, ScreenFactory] = {}
_tools: dict[str, CockpitTool] = {}
_notices: list[CockpitNotice] = []
_discovered = False


def register_exercise_screen(kind: str, factory: ScreenFactory) -> None:
    _exercise_screens[kind] = factory


def register_tool(tool: CockpitTool) -> None:
    _tools[tool.action] = tool


def register_cockpit_notice(notice: CockpitNotice) -> None:
    if notice not in _notices:
        _notices.append(notice)


def discover() -> None:
    global _discovered
    if _discovered:
        return
    _discovered = True
    import screens.exercises
    import screens.tools

    for package in (screens.exercises, screens.tools):
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            importlib.import_module(f"{package.__name__}.{info.name}")


def exercise_screen(kind: str) -> ScreenFactory | None:
    discover()
    return _exercise_screens.get(kind)


def tools() -> list[CockpitTool]:
    discover()
    return sorted(_tools.values(), key=lambda tool: (tool.order, tool.action))


def cockpit_notices() -> list[CockpitNotice]:
    discover()
    return list(_notices)

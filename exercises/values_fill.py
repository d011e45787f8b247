"""Filled results of the values exercise for the demo and the reference project."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project


def fill_demo(project: Project, workshop: Workshop, item: AgendaItem) -> None:
    pass


def fill_reference(project: Project, workshop: Workshop, item: AgendaItem, rng: random.Random) -> None:
    pass

"""Features that add to the minutes without the minutes knowing them.

A contributor is `fn(project, workshop, item) -> list[Block]`. It is called once
per agenda item (`item` set: e.g. the rounds run on that item) and once for the
whole workshop (`item` is None: e.g. action proposals, the annexes' round-by-round
detail). Exercises add their own section through `Exercise.minutes_section`
instead. What goes into the synthesis is registered in `outcomes`.

Contributor modules are listed in `CONTRIBUTOR_MODULES`; importing one registers
it with `contribute(section, fn)`. A module that does not exist yet is skipped.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workshop.minutes.blocks import Block
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project

Contributor = Callable[["Project", "Workshop", "AgendaItem | None"], "list[Block]"]

# Sections, in the order the minutes show them.
ITEM = "item"  # inside each agenda item's section, after the exercise's own section
PROPOSALS = "proposals"  # action proposals and the commitment gauge
ANNEX = "annex"  # the annexes: detail the main part only sums up
SECTIONS = (ITEM, PROPOSALS, ANNEX)

CONTRIBUTOR_MODULES = ("workshop.rounds.minutes", "workshop.proposals.minutes")

_contributors: dict[str, list[Contributor]] = {section: [] for section in SECTIONS}
_loaded = False


def contribute(section: str, contributor: Contributor) -> None:
    if contributor not in _contributors[section]:
        _contributors[section].append(contributor)


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in CONTRIBUTOR_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as error:
            if error.name is None or not module.startswith(error.name):
                raise


def contributions(section: str, project: Project, workshop: Workshop, item: AgendaItem | None = None) -> list[Block]:
    _load()
    blocks: list[Block] = []
    for contributor in _contributors[section]:
        blocks.extend(contributor(project, workshop, item))
    return blocks

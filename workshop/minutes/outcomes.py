"""What a workshop produced, for the synthesis of its minutes: adopted, decided, to do.

Each exercise says what its agenda item produced (`Exercise.outcomes`); features
that span the workshop (free rounds, action proposals, next steps) register an
`OutcomeSource` here. The synthesis gathers them in the agenda's order: what was
adopted, every decision, and one table of actions.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workshop.model import Workshop
    from workshop.project import Project


@dataclass(frozen=True)
class Adopted:
    """Something the group adopted: the supra objective, the shared values, the charter…"""

    what: str  # what kind of thing, e.g. "Objectif supra"
    texts: tuple[str, ...]  # the adopted wording(s)


@dataclass(frozen=True)
class Decided:
    """One decision: what it is about, and what was decided (with what follows from it)."""

    subject: str
    decision: str


@dataclass(frozen=True)
class Action:
    what: str
    who: str = ""  # the person who carries it ("" when a structure does)
    structure: str = ""  # that person's structure, or the structure that carries it
    due: str = ""  # ISO date
    state: str = ""
    # The same thing to do seen by two features (a retained proposal the roadmap
    # carries: "proposal:12") is listed once, as the first source that gives it.
    key: str = ""
    due_text: str = ""  # a due date that is not a day ("03/2027", "2027"), as people read it


def proposal_key(proposal_id: int) -> str:
    """The key of the action a retained proposal becomes, whichever feature lists it."""
    return f"proposal:{proposal_id}"


FEW = 1  # names a cell of the actions table lists before "and N others"


def few(names: list[str]) -> str:
    """'A, B and 3 others': the synthesis names a few; the sequences give every name."""
    from workshop.i18n import t

    if len(names) <= FEW:
        return ", ".join(names)
    others = len(names) - FEW
    return t("minutes.and_other" if others == 1 else "minutes.and_others", names=", ".join(names[:FEW]), count=others)


@dataclass
class Outcomes:
    adopted: list[Adopted] = field(default_factory=list)
    decisions: list[Decided] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    # What the synthesis leaves to the items' parts, due after the next meeting:
    # counted phrases ("9 éléments à sécuriser"), said in one sentence under the actions.
    later: list[str] = field(default_factory=list)

    def add(self, other: Outcomes) -> None:
        self.adopted += other.adopted
        self.decisions += other.decisions
        self.later += other.later
        listed = {action.key for action in self.actions if action.key}
        for action in other.actions:
            if action.key and action.key in listed:
                continue
            listed.add(action.key)
            self.actions.append(action)

    def __bool__(self) -> bool:
        return bool(self.adopted or self.decisions or self.actions)


# A feature's outcomes for the whole workshop (project as it stood at the end of it).
OutcomeSource = Callable[["Project", "Workshop"], Outcomes]

# In the order the synthesis lists them: after the exercises' own.
SOURCE_MODULES = ("workshop.rounds.minutes", "workshop.proposals.minutes", "workshop.minutes.next_steps")
_sources: list[OutcomeSource] = []
_loaded = False


def add_source(source: OutcomeSource) -> None:
    if source not in _sources:
        _sources.append(source)


def _rank(source: OutcomeSource) -> int:
    module = getattr(source, "__module__", "")
    return SOURCE_MODULES.index(module) if module in SOURCE_MODULES else len(SOURCE_MODULES)


def workshop_outcomes(project: Project, workshop: Workshop) -> Outcomes:
    global _loaded
    if not _loaded:
        _loaded = True
        for module in SOURCE_MODULES:
            try:
                importlib.import_module(module)
            except ModuleNotFoundError as error:
                if error.name is None or not module.startswith(error.name):
                    raise
    found = Outcomes()
    # In SOURCE_MODULES' order, whichever was imported first.
    for source in sorted(_sources, key=_rank):
        found.add(source(project, workshop))
    return found

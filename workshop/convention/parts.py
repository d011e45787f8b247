"""The parts of a draft convention, and what an exercise hands to one of them.

The convention is assembled from what the project holds (DESIGN §3.4, seeds 000
and 003): each exercise says what it brings through `Exercise.convention_parts`,
as `PartContent` for one part, with the agenda items it comes from (their
minutes are listed in the annexes). The builder puts every part in order and
writes, for a part nobody filled, what the parties still have to decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workshop.minutes.blocks import Block
    from workshop.model import AgendaItem
    from workshop.project import Project


class Part(StrEnum):
    """The parts of the draft, in the order it shows them."""

    PARTIES = "parties"  # the member structures, who sign
    PURPOSE = "purpose"  # objet and common objectives
    VALUES = "values"  # shared values and the charter of relational practices
    ROLES = "roles"  # who does what, with the means each brings
    PARTNERS = "partners"  # partners associated without signing (articulation with the outside)
    GOVERNANCE = "governance"
    FINANCES = "finances"  # financial modalities and contributions
    DURATION = "duration"  # duration, revision, exit
    DISPUTES = "disputes"  # settling disagreements
    ISSUES = "issues"  # the hidden issues of formalisation, checked before signing
    ANNEXES = "annexes"


PARTS = tuple(Part)
# The parts that are articles of the convention, numbered in this order.
ARTICLES = (Part.PURPOSE, Part.VALUES, Part.ROLES, Part.PARTNERS, Part.GOVERNANCE, Part.FINANCES, Part.DURATION, Part.DISPUTES)


@dataclass(frozen=True)
class PartContent:
    """What one source brings to one part of the draft."""

    part: Part
    blocks: tuple[Block, ...]
    sources: tuple[int, ...] = ()  # agenda item ids that produced it (their minutes are annexed)
    annexes: tuple[str, ...] = ()  # documents to annex (a roadmap, a map of stakeholders…)
    order: int = 100  # within the part, smaller first
    settles: bool = True  # False: useful here, but the part still has to be decided (a funder's offer…)

    @classmethod
    def of(
        cls,
        part: Part,
        blocks: list[Block],
        sources: list[int] | tuple[int, ...] = (),
        annexes: tuple[str, ...] = (),
        order: int = 100,
        settles: bool = True,
    ) -> PartContent:
        return cls(part, tuple(blocks), tuple(sources), tuple(annexes), order, settles)


def items_of_kind(project: Project, kind: str) -> list[AgendaItem]:
    """Every agenda item of an exercise kind, oldest workshop first, in agenda order: the latest is last."""
    found: list[AgendaItem] = []
    for workshop in project.workshops():
        found.extend(item for item in project.agenda(workshop.id) if item.kind == kind)
    return found

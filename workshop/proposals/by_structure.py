"""Per structure: how many of its proposals were stated, retained and implemented.

Same rights for all (seed 002, principle n°8): a structure whose proposals are
systematically set aside shows here. The promoter's line is listed but does not
count in the commitment; proposals whose structure is unknown get a line of
their own until their structure is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, TypedDict

from workshop.proposals.proposal import Decision, Status

if TYPE_CHECKING:
    from workshop.project import Project

UNKNOWN = 0  # the structure id of the "author unknown" line


@dataclass(frozen=True)
class StructureFigures:
    structure_id: int  # UNKNOWN for proposals whose structure is not known
    name: str  # "" for the unknown line
    member: bool
    promoter: bool = False
    stated: int = 0
    retained: int = 0  # retained and not dropped (implemented ones included)
    implemented: int = 0
    not_retained: int = 0
    pending: int = 0  # under study or not looked at
    dropped: int = 0

    @property
    def unknown(self) -> bool:
        return self.structure_id == UNKNOWN

    @property
    def retained_share(self) -> Fraction | None:
        return Fraction(self.retained, self.stated) if self.stated else None

    @property
    def implemented_share(self) -> Fraction | None:
        return Fraction(self.implemented, self.stated) if self.stated else None


class _Counts(TypedDict):
    """The counted fields of a StructureFigures line."""

    stated: int
    retained: int
    implemented: int
    not_retained: int
    pending: int
    dropped: int


def _no_counts() -> _Counts:
    return _Counts(stated=0, retained=0, implemented=0, not_retained=0, pending=0, dropped=0)


def per_structure(project: Project, as_of: str | None = None) -> list[StructureFigures]:
    """One line per structure of the project (those with no proposal too), in the
    project's order, then a line for proposals of unknown structure if any. With
    `as_of` (ISO date), as things stood at the end of that day."""
    from workshop.proposals.tracker import proposals_as_of

    structures = project.structures()
    known = {s.id for s in structures}
    counts: dict[int, _Counts] = {}
    for item in proposals_as_of(project, as_of):
        key = item.structure_id if item.structure_id in known else UNKNOWN
        line = counts.setdefault(key, _no_counts())
        line["stated"] += 1
        if item.decision == Decision.RETAINED:
            if item.status == Status.DROPPED:
                line["dropped"] += 1
            else:
                line["retained"] += 1
                if item.status == Status.DONE:
                    line["implemented"] += 1
        elif item.decision == Decision.NOT_RETAINED:
            line["not_retained"] += 1
        else:
            line["pending"] += 1
    promoter = project.promoter_id
    lines = [
        StructureFigures(s.id, s.name, s.member, promoter=s.id == promoter, **counts.get(s.id, _no_counts()))
        for s in structures
    ]
    if UNKNOWN in counts:
        lines.append(StructureFigures(UNKNOWN, "", True, **counts[UNKNOWN]))
    return lines

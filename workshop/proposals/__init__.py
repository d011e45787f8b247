"""Action proposals and the 60 % commitment tracker (DESIGN §3.4.5).

Any exercise records a proposal with `record_proposal(...)`; the promoter
decides with `decide(...)`; retained ones are followed up with `follow_up(...)`.
Importing this package registers the guard that keeps a structure with
proposals from being removed.
"""

from workshop.proposals import guard as _guard  # noqa: F401 - registers the structure guard
from workshop.proposals.by_structure import StructureTally, tallies
from workshop.proposals.gauge import (
    CommitmentGauge,
    HistoryPoint,
    ImplementationGauge,
    commitment_gauge,
    history,
    implementation_gauge,
)
from workshop.proposals.proposal import NO_REFERENT, Decision, Proposal, Referent, Status
from workshop.proposals.tracker import (
    day_of,
    decide,
    due_since_last,
    edit_proposal,
    follow_up,
    late,
    previous_workshop,
    proposal,
    proposals,
    record_proposal,
    remove_proposal,
    today,
)

__all__ = [
    "NO_REFERENT",
    "CommitmentGauge",
    "Decision",
    "HistoryPoint",
    "ImplementationGauge",
    "Proposal",
    "Referent",
    "Status",
    "StructureTally",
    "commitment_gauge",
    "day_of",
    "decide",
    "due_since_last",
    "edit_proposal",
    "follow_up",
    "history",
    "implementation_gauge",
    "late",
    "previous_workshop",
    "proposal",
    "proposals",
    "record_proposal",
    "remove_proposal",
    "tallies",
    "today",
]

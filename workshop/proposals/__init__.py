"""Action proposals and the 60 % commitment tracker (DESIGN §3.4.5).

Any exercise records a proposal with `record_proposal(...)`; the promoter
decides with `decide(...)`; retained ones are followed up with `follow_up(...)`.
The figures (`commitment`, `per_structure`, `history`, `threshold_as_of`) take
an as-of date so that the minutes of a workshop show them as they stood then.
The guard that keeps a structure with proposals from being removed is
`workshop.proposals.guard`, listed in `workshop.project.structure_guards`.
"""

from workshop.proposals.by_structure import StructureFigures, per_structure
from workshop.proposals.gauge import CommitmentGauge, commitment
from workshop.proposals.history import HistoryPoint, history
from workshop.proposals.proposal import (
    NO_REFERENT,
    Decision,
    Proposal,
    Referent,
    Status,
)
from workshop.proposals.threshold import ThresholdInForce, threshold_as_of
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
    proposals_as_of,
    record_proposal,
    remove_proposal,
    today,
    unknown_author,
)

__all__ = [
    "NO_REFERENT",
    "CommitmentGauge",
    "Decision",
    "HistoryPoint",
    "Proposal",
    "Referent",
    "Status",
    "StructureFigures",
    "ThresholdInForce",
    "commitment",
    "day_of",
    "decide",
    "due_since_last",
    "edit_proposal",
    "follow_up",
    "history",
    "late",
    "per_structure",
    "previous_workshop",
    "proposal",
    "proposals",
    "proposals_as_of",
    "record_proposal",
    "remove_proposal",
    "threshold_as_of",
    "today",
    "unknown_author",
]

"""Action proposals and the 60 % commitment: the tracker as an agenda item.

Proposals are recorded from every exercise through `workshop.proposals`; this
item is the moment the promoter decides on them in front of everyone and the
group reviews what was due. The minutes section is the proposals contributor's
(`workshop.proposals.minutes`), so this exercise adds nothing of its own there.
"""

from __future__ import annotations

from workshop.exercise import Exercise


class Commitments(Exercise):
    kind = "commitments"
    order = 50
    default_minutes = 30


EXERCISE = Commitments()

"""Playing a whole round through the engine, for the demo and the reference project."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from workshop.rounds import cast, contribute, finish_turn, get_round, reveal

if TYPE_CHECKING:
    from workshop.project import Project


def contribute_all(project: Project, round_id: int, texts_of: Callable[[int], list[str]]) -> None:
    """Each voter in turn types `texts_of(voter)`; a voter with nothing to say passes the keyboard on."""
    for voter in get_round(project, round_id).voters:
        for text in texts_of(voter):
            contribute(project, round_id, voter, text)
        finish_turn(project, round_id, voter)
    reveal(project, round_id)


def vote_all(project: Project, round_id: int, points_of: Callable[[int, int, int, int], list[int]]) -> None:
    """Each voter casts `points_of(voter, options, budget, cap)`; the results are then revealed."""
    round_ = get_round(project, round_id)
    spec = round_.spec
    for voter in round_.voters:
        cast(project, round_id, voter, points_of(voter, len(spec.options), spec.budget, spec.cap))
    reveal(project, round_id)


def spread(preferences: list[int], options: int, budget: int, cap: int) -> list[int]:
    """Dots on the preferred options in order: as many as the cap allows, until the budget is spent."""
    points = [0] * options
    left = budget
    for index in preferences:
        if left <= 0:
            break
        given = min(cap, left)
        points[index] += given
        left -= given
    return points

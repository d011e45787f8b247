"""FFOM step 3: a dot vote per quadrant weighs what matters most; the weightiest are retained.

One vote per quadrant of the analysis on screen (a strength is not weighed
against a threat), secret or open. After a vote, where nothing of the quadrant
was retained yet, its three weightiest entries are (ties at the cut kept
together); the facilitator then retains or drops entries by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises.swot import (
    DEFAULT_RETAINED,
    MAX_OPTIONS,
    UNSORTED,
    WEIGH_OWNER,
    Entry,
    Quadrant,
    Step,
    SwotState,
    hidden_count,
    save,
    state,
    subject,
)
from workshop.errors import ValidationError
from workshop.i18n import t
from workshop.names import name_key

if TYPE_CHECKING:
    from workshop.project import Project
    from workshop.rounds import Round


def option_labels(entries: list[Entry]) -> list[str]:
    """Ballot labels: the entries' texts, made unique when two read the same."""
    labels: list[str] = []
    seen: set[str] = set()
    for entry in entries:
        label, n = entry.text, 2
        while name_key(label) in seen:
            label = f"{entry.text} ({n})"
            n += 1
        seen.add(name_key(label))
        labels.append(label)
    return labels


def start_weighing(project: Project, item_id: int, quadrant: str, secret: bool = False, budget: int = 0) -> Round:
    """A dot vote on one quadrant of the analysis on screen: what matters most."""
    from workshop.rounds import RoundMode, RoundSpec, start_round

    current = state(project, item_id)
    analysis = current.analysis()
    quadrant = Quadrant(quadrant).value
    if hidden_count(current, analysis.id, quadrant):
        raise ValidationError("swot.error.weigh_hidden")
    entries = [e for e in current.entries if e.analysis_id == analysis.id and e.quadrant == quadrant]
    if len(entries) < 2:
        raise ValidationError("swot.error.weigh_needs_two")
    if len(entries) > MAX_OPTIONS:
        raise ValidationError("swot.error.weigh_too_many", count=len(entries), limit=MAX_OPTIONS)
    question = t(f"swot.round.weigh_{quadrant}", subject=subject(project, analysis))
    spec = RoundSpec(question, RoundMode.DOT, options=option_labels(entries), secret=secret, budget=budget, owner=WEIGH_OWNER)
    with project.batch():
        started = start_round(project, current.workshop_id, item_id, spec)
        current.weigh_rounds[str(started.id)] = [e.id for e in entries]
        current.step = Step.WEIGH.value
        save(project, current)
    return started


def record_weights(project: Project, item_id: int, points: dict[int, tuple[float, int]], retain: int = DEFAULT_RETAINED) -> SwotState:
    """Store each entry's (points, voters); where nothing of a quadrant was retained yet,
    retain its `retain` weightiest (ties at the cut kept together)."""
    current = state(project, item_id)
    touched: set[tuple[int, str]] = set()
    for entry in current.entries:
        if entry.id in points:
            entry.weight, entry.voters = float(points[entry.id][0]), int(points[entry.id][1])
            touched.add((entry.analysis_id, entry.quadrant))
    for analysis_id, quadrant in touched:
        retain_top(current, analysis_id, quadrant, retain, only_if_none=True)
    return save(project, current)


def collect_weights(project: Project, item_id: int, round_id: int) -> SwotState:
    """Read a weighing round's points into its entries (each point given counts once)."""
    from workshop.rounds import ballots, results

    current = state(project, item_id)
    ids = current.weigh_rounds.get(str(round_id))
    if ids is None:
        raise ValidationError("swot.error.not_a_weighing", id=round_id)
    choices = [b.get("choice") or [] for b in ballots(project, round_id)]
    points: dict[int, tuple[float, int]] = {}
    for option in results(project, round_id).options:
        index = int(option.value)
        if index < len(ids):
            voters = sum(1 for choice in choices if index < len(choice) and choice[index] > 0)
            points[ids[index]] = (float(option.count), voters)
    with project.batch():
        record_weights(project, item_id, points)
        current = state(project, item_id)
        if round_id not in current.weighed_rounds:
            current.weighed_rounds.append(round_id)
        save(project, current)
    return current


def retain_top(current: SwotState, analysis_id: int, quadrant: str, count: int, only_if_none: bool = False) -> None:
    entries = [e for e in current.entries_of(analysis_id, quadrant) if e.weight]
    if only_if_none and any(e.retained for e in current.entries_of(analysis_id, quadrant)):
        return
    if not entries or count <= 0:
        return
    cut = entries[min(count, len(entries)) - 1].weight or 0
    for entry in current.entries_of(analysis_id, quadrant):
        entry.retained = (entry.weight or 0) >= cut  # the cut is above zero: an entry without points is never retained


def set_retained(project: Project, item_id: int, entry_id: int, retained: bool) -> Entry:
    current = state(project, item_id)
    entry = current.entry(entry_id)
    if entry.quadrant == UNSORTED and retained:
        raise ValidationError("swot.error.sort_first")
    entry.retained = bool(retained)
    save(project, current)
    return entry

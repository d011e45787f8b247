"""Counting a round: totals per option, the consent outcome, the breakdown per structure.

"One structure, one voice": each structure's ballots share a weight of 1. In a
secret round a ballot carries its structure only where that cannot single
anyone out (see `batching.py`); the untagged ballots' weighted sum is stored
with the round (`pooled`). Rounds saved before batches existed have no `pooled`:
there an untagged ballot belonged to a structure with a single ballot and
weighs 1 on its own.

In a secret round a structure's figure is shown only when it cannot reveal how
one person voted: it needs three ballots or more that are not all the same, and
the ballots left out of the breakdown (total minus the structures shown) must
pass the same test, or they would be read by subtraction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from workshop.errors import NotFound
from workshop.i18n import t
from workshop.project import Project
from workshop.rounds.batching import pooled_counts
from workshop.rounds.engine import round_view, structure_of
from workshop.rounds.model import (
    CONSENT_ANSWERS,
    SCALE_VALUES,
    ConsentAnswer,
    Round,
    RoundMode,
    RoundSpec,
    TurnState,
    option_key,
)

MIN_SECRET_GROUP = 3  # ballots a structure needs before its secret figure is shown


@dataclass
class OptionResult:
    label: str
    value: int | str  # option index (dot, single), scale value, consent answer
    count: float  # points or votes; weighted when "one structure, one voice"
    share: float  # of all points or votes, 0..1
    key: str = ""  # the key that picked it


@dataclass
class StructureResult:
    structure_id: int
    name: str
    ballots: int
    options: list[OptionResult]  # in the round's own option order
    passed: bool | None = None  # consent rounds


@dataclass
class RoundResult:
    round_id: int
    question: str
    mode: RoundMode
    secret: bool
    weighted: bool
    revealed: bool
    options: list[OptionResult]  # best first (dot, single); scale 1→5 and consent in their own order
    consent: dict[str, float] = field(default_factory=dict)  # answer -> count
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (answer, text)
    passed: bool | None = None  # consent: True when no objection stands; None without any answer
    participants: list[int] = field(default_factory=list)  # voters who took part (incl. by proxy)
    proxies: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    not_reached: list[int] = field(default_factory=list)  # still waiting when the round was closed
    voters: int = 0
    ballots: int = 0
    blank: int = 0
    mean: float | None = None  # scale rounds
    per_structure: list[StructureResult] = field(default_factory=list)
    suppressed: list[int] = field(default_factory=list)  # structures whose figure is withheld
    contributions: int = 0
    budget: int = 0
    cap: int = 0
    by_structure: bool = False
    owner: str = ""


def option_labels(spec: RoundSpec) -> list[tuple[int | str, str]]:
    """(value, label) of every option of a round, in its own order."""
    mode = RoundMode(spec.mode)
    if mode is RoundMode.SCALE:
        return [(v, t(f"rounds.scale.{v}")) for v in SCALE_VALUES]
    if mode is RoundMode.CONSENT:
        return [(a.value, t(f"rounds.consent.{a.value}")) for a in CONSENT_ANSWERS]
    return list(enumerate(spec.options))


def _tally(
    spec: RoundSpec, ballots: list[dict[str, Any]], weights: list[Fraction] | None, pooled: dict[str, Fraction] | None = None
) -> dict[int | str, float]:
    """Points or votes per option, summed exactly (the order of ballots never changes a figure).

    `weights` None: every ballot weighs one, and the sums are whole numbers (no fractions to add)."""
    counts: dict[int | str, Fraction] = {value: Fraction(0) for value, _ in option_labels(spec)}
    for value in counts:
        if pooled and str(value) in pooled:
            counts[value] += pooled[str(value)]
    dot = spec.mode is RoundMode.DOT
    if weights is None:
        whole: dict[int | str, int] = {}
        for ballot in ballots:
            choice = ballot.get("choice")
            if choice is None:
                continue
            if dot:
                for index, points in enumerate(choice):
                    whole[index] = whole.get(index, 0) + points
            else:
                whole[choice] = whole.get(choice, 0) + 1
        for value, count in whole.items():
            counts[value] = counts.get(value, Fraction(0)) + count
    else:
        for ballot, weight in zip(ballots, weights, strict=True):
            choice = ballot.get("choice")
            if choice is None:
                continue
            if dot:
                for index, points in enumerate(choice):
                    counts[index] += points * weight
            else:
                counts[choice] = counts.get(choice, Fraction(0)) + weight
    return {value: float(count) for value, count in counts.items()}


def _clean(value: float) -> float:
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded


def _options(spec: RoundSpec, counts: dict[int | str, float], sort: bool) -> list[OptionResult]:
    total = sum(counts.values())
    result = []
    for position, (value, label) in enumerate(option_labels(spec)):
        count = counts.get(value, 0)
        key = option_key(position) if position < 35 else ""
        result.append(OptionResult(label, value, _clean(count), (count / total) if total else 0.0, key))
    if sort:
        order = {id(o): i for i, o in enumerate(result)}
        result.sort(key=lambda o: (-o.count, order[id(o)]))
    return result


def _passed(counts: dict[int | str, float]) -> bool | None:
    answered = sum(v for k, v in counts.items() if k != ConsentAnswer.ABSTAIN.value)
    if not answered:
        return None
    return counts.get(ConsentAnswer.OBJECTION.value, 0) == 0


def _weights(spec: RoundSpec, ballots: list[dict[str, Any]], pooled: bool) -> list[Fraction] | None:
    """Each ballot's weight (None: one each); with `pooled`, untagged ballots weigh through the pooled sum instead."""
    if not spec.one_structure_one_voice or spec.by_structure:
        return None
    sizes: dict[int, int] = {}
    for ballot in ballots:
        sid = ballot.get("structure_id")
        if sid is not None:
            sizes[sid] = sizes.get(sid, 0) + 1
    alone = Fraction(0 if pooled else 1)
    return [Fraction(1, sizes[b["structure_id"]]) if b.get("structure_id") is not None else alone for b in ballots]


def _safe(group: list[dict[str, Any]]) -> bool:
    """Enough ballots, not all the same: no single vote can be read from the figure.

    Three at least: with two, each of the two voters would read the other's vote.
    """
    if len(group) < MIN_SECRET_GROUP:
        return False
    first = group[0].get("choice")
    return any(b.get("choice") != first for b in group[1:])


def _breakdown(
    project: Project, spec: RoundSpec, ballots: list[dict[str, Any]], voted: dict[int, int] | None = None
) -> tuple[list[StructureResult], list[int]]:
    """Per structure; `voted` (secret rounds): how many voters of each structure took part,
    so that a structure whose ballots are not all tagged is not shown as a whole."""
    if spec.secret and spec.by_structure:
        return [], []
    groups: dict[int, list[dict[str, Any]]] = {}
    for ballot in ballots:
        sid = ballot.get("structure_id")
        if sid is not None:
            groups.setdefault(sid, []).append(ballot)
    suppressed: list[int] = []
    if spec.secret:
        suppressed = [
            sid for sid, group in groups.items()
            if not _safe(group) or (voted is not None and voted.get(sid) != len(group))
        ]
        shown = [sid for sid in groups if sid not in suppressed]
        while shown:
            covered = {id(b) for sid in shown for b in groups[sid]}
            rest = [b for b in ballots if id(b) not in covered]
            if not rest or _safe(rest):
                break
            smallest = min(shown, key=lambda sid: (len(groups[sid]), sid))
            shown.remove(smallest)
            suppressed.append(smallest)
    order = {s.id: i for i, s in enumerate(project.structures())}
    results = []
    for sid in sorted(groups, key=lambda s: (order.get(s, len(order)), s)):
        if sid in suppressed:
            continue
        group = groups[sid]
        counts = _tally(spec, group, None)
        try:
            name = project.structure(sid).name
        except NotFound:
            name = t("rounds.unknown_structure")
        passed = _passed(counts) if spec.mode is RoundMode.CONSENT else None
        results.append(StructureResult(sid, name, len(group), _options(spec, counts, sort=False), passed))
    return results, sorted(suppressed, key=lambda s: (order.get(s, len(order)), s))


def results(project: Project, round_id: int) -> RoundResult:
    """The round's results, whether or not they have been revealed yet."""
    doc = round_view(project, round_id)
    round_ = Round.from_doc(doc, round_id)
    spec = round_.spec
    ballots = doc["ballots"]  # round_view starts the lists a file may leave out
    by_state: dict[TurnState, list[int]] = {state: [] for state in TurnState}
    for voter in round_.voters:
        by_state[round_.turns[voter]].append(voter)
    result = RoundResult(
        round_id=round_id,
        question=spec.question,
        mode=spec.mode,
        secret=spec.secret,
        weighted=spec.one_structure_one_voice and not spec.by_structure and spec.mode.is_vote,
        revealed=round_.revealed,
        options=[],
        participants=[v for v in round_.voters if round_.turns[v] in (TurnState.TAKEN, TurnState.PROXY)],
        proxies=by_state[TurnState.PROXY],
        skipped=by_state[TurnState.SKIPPED],
        not_reached=by_state[TurnState.PENDING] if not round_.is_open else [],
        voters=len(round_.voters),
        ballots=len(ballots),
        blank=sum(1 for b in ballots if b.get("choice") is None),
        contributions=len(doc.get("contributions", [])),
        budget=spec.budget,
        cap=spec.cap,
        by_structure=spec.by_structure,
        owner=spec.owner,
    )
    if not spec.mode.is_vote:
        return result
    pooled = pooled_counts(doc) if spec.secret and "pooled" in doc else None
    weighted = result.weighted and spec.mode.is_vote
    counts = _tally(spec, ballots, _weights(spec, ballots, pooled is not None), pooled if weighted else None)
    result.options = _options(spec, counts, sort=spec.mode in (RoundMode.DOT, RoundMode.SINGLE))
    if spec.mode is RoundMode.CONSENT:
        result.consent = {a.value: _clean(counts[a.value]) for a in CONSENT_ANSWERS}  # every option counted, 0 included
        result.reasons = [(b["choice"], b["reason"]) for b in ballots if b.get("reason")]
        result.passed = _passed(counts)
    if spec.mode is RoundMode.SCALE:
        weight = sum(counts.values())
        if weight:
            result.mean = round(sum(int(v) * c for v, c in counts.items()) / weight, 2)
    voted: dict[int, int] | None = None
    if spec.secret and "unsaved" in doc:  # written in batches: tags may cover part of a structure
        voted = {}
        for voter in result.participants:
            sid = structure_of(project, round_, voter)
            if sid is not None:
                voted[sid] = voted.get(sid, 0) + 1
    result.per_structure, result.suppressed = _breakdown(project, spec, ballots, voted)
    return result

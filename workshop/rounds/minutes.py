"""The rounds in the minutes: one line each in their sequence, the detail in the annexes.

Rounds are numbered A.1, A.2… in the agenda's order; each agenda item's section
lists its rounds in a short table (what was asked, how, who took part, the
result), and annex A gives each round in full: participation (naming only who
did not take part and proxies: the present are listed once, under
Participants), results in ranking order with their unit, the breakdown per
structure in the same order with totals, consent reasons, every contribution.
Decisions by consent taken in free rounds reach the synthesis (`outcomes`);
rounds an exercise runs are reported by that exercise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workshop.errors import NotFound
from workshop.i18n import language, t
from workshop.minutes.blocks import Block, Heading, Paragraph, Run, bullets, table
from workshop.minutes.contributors import ANNEX, ITEM, contribute
from workshop.minutes.outcomes import Decided, Outcomes, add_source
from workshop.rounds.engine import contributions, rounds_of, voter_label
from workshop.rounds.model import Round, RoundMode
from workshop.rounds.tally import RoundResult, results

if TYPE_CHECKING:
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project

TOP_OPTIONS = 3  # options named in a round's one-line result


def format_count(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if language() == "fr" else text


def format_share(share: float) -> str:
    return t("rounds.percent", value=round(share * 100))


def mode_label(round_: Round | RoundResult) -> str:
    mode = round_.spec.mode if isinstance(round_, Round) else round_.mode
    return t(f"rounds.mode.{mode.value}")


def outcome_label(passed: bool | None) -> str:
    if passed is None:
        return t("rounds.outcome.none")
    return t("rounds.outcome.passed") if passed else t("rounds.outcome.blocked")


def unit_label(result: RoundResult) -> str:
    return t("rounds.points") if result.mode is RoundMode.DOT else t("rounds.votes")


@dataclass(frozen=True)
class HeldRound:
    number: str  # "A.12"
    item: AgendaItem | None
    round: Round
    result: RoundResult | None  # None when its results cannot be read


class _Held:
    """The workshop's rounds in order, with their results, computed once per export."""

    last: tuple[object, int, list[HeldRound]] | None = None

    @classmethod
    def of(cls, project: Project, workshop: Workshop) -> list[HeldRound]:
        if cls.last is not None and cls.last[0] is project and cls.last[1] == workshop.id:
            return cls.last[2]
        order = {item.id: index for index, item in enumerate(project.agenda(workshop.id))}
        items = {item.id: item for item in project.agenda(workshop.id)}
        found = sorted(rounds_of(project, workshop.id), key=lambda r: (order.get(r.item_id, len(order)), r.id))
        held = []
        for number, round_ in enumerate(found, start=1):
            try:
                result = results(project, round_.id)
            except NotFound:
                result = None
            held.append(HeldRound(t("rounds.minutes.number", number=number), items.get(round_.item_id), round_, result))
        cls.last = (project, workshop.id, held)
        return held


def held_rounds(project: Project, workshop: Workshop) -> list[HeldRound]:
    return _Held.of(project, workshop)


# In the sequence: one line per round ------------------------------------------------------------------
def result_summary(held: HeldRound) -> str:
    result = held.result
    if result is None:
        return "—"
    mode = result.mode
    if mode is RoundMode.CONTRIBUTION:
        return t("rounds.minutes.contributions_count", count=result.contributions)
    if not result.ballots:
        return t("rounds.minutes.no_ballot")
    if mode is RoundMode.CONSENT:
        return outcome_label(result.passed)
    if mode is RoundMode.SCALE:
        return t("rounds.minutes.mean_of", mean=format_count(result.mean)) if result.mean is not None else "—"
    unit = t("rounds.minutes.unit_points") if mode is RoundMode.DOT else t("rounds.minutes.unit_votes")
    top = [o for o in result.options if o.count][:TOP_OPTIONS]
    return t("minutes.semicolon").join(t("rounds.minutes.option_count", option=o.label, count=format_count(o.count), unit=unit) for o in top) or "—"


def item_rounds(project: Project, workshop: Workshop, item: AgendaItem | None) -> list[Block]:
    if item is None:
        return []
    held = [h for h in held_rounds(project, workshop) if h.item is not None and h.item.id == item.id]
    if not held:
        return []
    header = [t("rounds.minutes.col_number"), t("rounds.minutes.col_question"), t("rounds.minutes.col_mode"), t("rounds.minutes.col_taken"), t("rounds.minutes.col_result")]
    rows = []
    for h in held:
        taken = f"{len(h.result.participants)}/{h.result.voters}" if h.result is not None else "—"
        rows.append([h.number, h.round.spec.question, mode_label(h.round), taken, result_summary(h)])
    return [table(header, rows, caption=t("rounds.minutes.item_caption"))]


# In the annexes: each round in full ---------------------------------------------------------------------
def _names(project: Project, round_: Round, voters: list[int]) -> str:
    return ", ".join(voter_label(project, round_, v)[0] for v in voters)


def describe(project: Project, round_: Round, result: RoundResult) -> Paragraph:
    """Mode, secret or open, participation: who did not take part and proxies are named."""
    spec = round_.spec
    parts: list[str | Run] = [Run(t("rounds.minutes.mode"), bold=True), mode_label(round_)]
    if spec.mode is RoundMode.DOT:
        parts.append(t("rounds.minutes.budget", budget=spec.budget, cap=spec.cap))
    if spec.mode.is_vote:
        parts.append(" · " + (t("rounds.secret") if spec.secret else t("rounds.open")))
        if result.weighted:
            parts.append(" · " + t("rounds.weighted"))
    if spec.by_structure:
        parts.append(" · " + t("rounds.by_structure"))
    taken = len(result.participants)
    parts.append(" · " + t("rounds.minutes.participation", taken=taken, total=result.voters))
    missing = result.skipped + result.not_reached
    if missing:
        parts += [". ", Run(t("rounds.minutes.missing"), bold=True), _names(project, round_, missing)]
    if result.proxies:
        parts += [". ", Run(t("rounds.minutes.proxies"), bold=True), _names(project, round_, result.proxies)]
    return Paragraph.of(*parts)


def result_table(result: RoundResult) -> list[Block]:
    if not result.options:
        return []
    unit = unit_label(result)
    total = sum(o.count for o in result.options)
    rows = [[o.label, format_count(o.count), format_share(o.share)] for o in result.options]
    blocks: list[Block] = [
        table(
            [t("rounds.minutes.option"), unit, t("rounds.minutes.share")],
            rows,
            caption=t("rounds.minutes.results_caption", unit=unit.lower()),
            total=[t("rounds.minutes.total"), format_count(total), format_share(1.0) if total else "—"],
        )
    ]
    if result.mean is not None:
        blocks.append(Paragraph.of(Run(t("rounds.minutes.mean"), bold=True), format_count(result.mean)))
    return blocks


def structure_table(result: RoundResult) -> list[Block]:
    """Options as rows in the ranking's order (as in the results), one column per structure, totals."""
    if not result.per_structure:
        # Every structure withheld: said, or the reader looks for a table that went missing.
        return [Paragraph.of(Run(t("rounds.minutes.all_suppressed"), italic=True))] if result.suppressed else []
    unit = unit_label(result)
    header = [t("rounds.minutes.option")]
    header += [
        t("rounds.minutes.structure_ballot" if s.ballots == 1 else "rounds.minutes.structure_ballots", name=s.name, count=s.ballots)
        for s in result.per_structure
    ]
    header.append(t("rounds.minutes.total"))
    # A structure's result lists every option of the round, 0 included (tally._options).
    counted = [{o.value: o.count for o in s.options} for s in result.per_structure]
    rows = []
    for option in result.options:
        counts = [by_value[option.value] for by_value in counted]
        rows.append([option.label, *(format_count(c) for c in counts), format_count(sum(counts))])
    totals = [sum(o.count for o in s.options) for s in result.per_structure]
    blocks: list[Block] = [
        table(
            header,
            rows,
            caption=t("rounds.minutes.per_structure_caption", unit=unit.lower()),
            total=[t("rounds.minutes.total"), *(format_count(c) for c in totals), format_count(sum(totals))],
        )
    ]
    # Withheld: a structure too small or too unanimous to show, or ballots a secret
    # round wrote without their structure (batching.py): the table covers part of the round.
    if result.suppressed or (result.secret and sum(s.ballots for s in result.per_structure) < result.ballots):
        blocks.append(Paragraph.of(Run(t("rounds.minutes.suppressed"), italic=True)))
    return blocks


def consent_blocks(result: RoundResult) -> list[Block]:
    if result.mode is not RoundMode.CONSENT:
        return []
    items = [t("rounds.minutes.outcome", outcome=outcome_label(result.passed))]
    items += [
        t("rounds.minutes.reason", answer=t(f"rounds.consent.{answer}"), text=text) for answer, text in result.reasons
    ]
    return [bullets(items)]


def contribution_blocks(project: Project, round_: Round) -> list[Block]:
    lines = []
    names = {p.id: p.name for p in project.participants()}
    for found in contributions(project, round_.id):
        who = None if round_.spec.secret else names.get(found.participant_id or 0)  # unknown or anonymous: None
        lines.append(t("rounds.minutes.said_by", text=found.text, who=who) if who else found.text)
    return [bullets(lines)] if lines else []


def round_blocks(project: Project, round_: Round, result: RoundResult | None = None, number: str = "") -> list[Block]:
    result = result or results(project, round_.id)
    title = t("rounds.minutes.heading", number=number, question=round_.spec.question) if number else round_.spec.question
    blocks: list[Block] = [Heading(3, title), describe(project, round_, result)]
    if round_.spec.mode is RoundMode.CONTRIBUTION:
        return blocks + contribution_blocks(project, round_)
    if not result.revealed:
        blocks.append(Paragraph.of(Run(t("rounds.minutes.not_revealed"), italic=True)))
    blocks += result_table(result)
    blocks += consent_blocks(result)
    blocks += structure_table(result)
    return blocks


def annex_rounds(project: Project, workshop: Workshop, item: AgendaItem | None) -> list[Block]:
    if item is not None:
        return []
    held = [h for h in held_rounds(project, workshop) if h.result is not None]
    if not held:
        return []
    blocks: list[Block] = [Heading(2, t("rounds.minutes.annex")), Paragraph.of(t("rounds.minutes.annex_intro"))]
    for h in held:
        blocks += round_blocks(project, h.round, h.result, h.number)
    return blocks


# In the synthesis: decisions by consent in free rounds -----------------------------------------------------
def consent_decision(result: RoundResult) -> str:
    counts = ", ".join(
        t("rounds.minutes.answer_count", answer=t(f"rounds.minutes.short.{answer}"), count=format_count(count))
        for answer, count in result.consent.items()
        if count
    )
    key = "rounds.minutes.decision_passed" if result.passed else "rounds.minutes.decision_blocked" if result.passed is False else "rounds.minutes.decision_none"
    return t(key, counts=counts)


def outcomes(project: Project, workshop: Workshop) -> Outcomes:
    found = Outcomes()
    for h in held_rounds(project, workshop):
        if h.round.spec.owner or h.round.spec.mode is not RoundMode.CONSENT or h.result is None or not h.result.ballots:
            continue
        found.decisions.append(Decided(h.round.spec.question, consent_decision(h.result)))
    return found


contribute(ITEM, item_rounds)
contribute(ANNEX, annex_rounds)
add_source(outcomes)

__all__ = [
    "annex_rounds",
    "consent_decision",
    "describe",
    "format_count",
    "format_share",
    "held_rounds",
    "item_rounds",
    "outcome_label",
    "outcomes",
    "round_blocks",
]

"""The rounds in the minutes: each agenda item's rounds, and the workshop's decisions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop.errors import NotFound
from workshop.i18n import language, t
from workshop.minutes.blocks import Block, Heading, Paragraph, Run, bullets, table
from workshop.minutes.contributors import DECISIONS, ITEM, contribute
from workshop.rounds.engine import contributions, rounds_of, voter_label
from workshop.rounds.model import Round, RoundMode
from workshop.rounds.tally import RoundResult, results

if TYPE_CHECKING:
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project


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


def _names(project: Project, round_: Round, voters: list[int]) -> str:
    return ", ".join(voter_label(project, round_, v)[0] for v in voters)


def describe(project: Project, round_: Round, result: RoundResult) -> Paragraph:
    """Mode, secret or open, participation and proxies, in one paragraph."""
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
    if result.participants:
        parts += [". ", Run(t("rounds.minutes.took_part"), bold=True), _names(project, round_, result.participants)]
    if result.proxies:
        parts += [". ", Run(t("rounds.minutes.proxies"), bold=True), _names(project, round_, result.proxies)]
    if result.skipped:
        parts += [". ", Run(t("rounds.minutes.skipped"), bold=True), _names(project, round_, result.skipped)]
    return Paragraph.of(*parts)


def result_table(result: RoundResult) -> list[Block]:
    if not result.options:
        return []
    unit = t("rounds.points") if result.mode is RoundMode.DOT else t("rounds.votes")
    rows = [[o.label, format_count(o.count), format_share(o.share)] for o in result.options]
    blocks: list[Block] = [table([t("rounds.minutes.option"), unit, t("rounds.minutes.share")], rows)]
    if result.mean is not None:
        blocks.append(Paragraph.of(Run(t("rounds.minutes.mean"), bold=True), format_count(result.mean)))
    return blocks


# Up to this many options, the structures are the rows and the options the
# columns; beyond, the table is turned round so that it stays readable on a page.
WIDE_OPTIONS = 5


def structure_table(result: RoundResult) -> list[Block]:
    if not result.per_structure:
        return []
    labels = [o.label for o in result.per_structure[0].options]
    if len(labels) <= WIDE_OPTIONS:
        header = [t("rounds.minutes.structure"), t("rounds.minutes.ballots"), *labels]
        rows = [
            [s.name, str(s.ballots), *(format_count(o.count) for o in s.options)] for s in result.per_structure
        ]
    else:
        header = [t("rounds.minutes.option")]
        header += [
            t("rounds.minutes.structure_ballot" if s.ballots == 1 else "rounds.minutes.structure_ballots", name=s.name, count=s.ballots)
            for s in result.per_structure
        ]
        rows = [
            [label, *(format_count(s.options[index].count) for s in result.per_structure)]
            for index, label in enumerate(labels)
        ]
    blocks: list[Block] = [Paragraph.of(Run(t("rounds.minutes.per_structure"), bold=True)), table(header, rows)]
    if result.suppressed:
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


def round_blocks(project: Project, round_: Round) -> list[Block]:
    result = results(project, round_.id)
    blocks: list[Block] = [Heading(3, round_.spec.question), describe(project, round_, result)]
    if round_.spec.mode is RoundMode.CONTRIBUTION:
        # An exercise's own section says what became of its contributions.
        if not round_.spec.owner:
            texts = [c.text for c in contributions(project, round_.id)]
            if texts:
                blocks.append(bullets(texts))
        return blocks
    blocks += result_table(result)
    blocks += consent_blocks(result)
    blocks += structure_table(result)
    return blocks


def item_rounds(project: Project, workshop: Workshop, item: AgendaItem | None) -> list[Block]:
    if item is None:
        return []
    blocks: list[Block] = []
    for round_ in rounds_of(project, workshop.id, item.id):
        blocks += round_blocks(project, round_)
    return blocks


def decisions(project: Project, workshop: Workshop, item: AgendaItem | None) -> list[Block]:
    if item is not None:
        return []
    lines = []
    for round_ in rounds_of(project, workshop.id):
        if round_.spec.mode is not RoundMode.CONSENT:
            continue
        try:
            result = results(project, round_.id)
        except NotFound:
            continue
        counts = ", ".join(
            f"{t(f'rounds.consent.{answer}')} {format_count(count)}" for answer, count in result.consent.items()
        )
        lines.append(
            t("rounds.minutes.decision", question=round_.spec.question, outcome=outcome_label(result.passed), counts=counts)
        )
    return [bullets(lines)] if lines else []


contribute(ITEM, item_rounds)
contribute(DECISIONS, decisions)

__all__ = ["decisions", "describe", "format_count", "format_share", "item_rounds", "outcome_label", "round_blocks"]

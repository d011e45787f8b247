"""The FFOM's section of the minutes: scope, the 2 × 2 grid with weights, who said what,
the cooperation answers and what they became, and the comparison across structures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises.swot import (
    QUADRANTS,
    UNSORTED,
    Entry,
    Quadrant,
    Scope,
    SwotState,
    subject,
)
from exercises.swot_answers import to_answer
from exercises.swot_compare import comparison
from workshop.errors import NotFound
from workshop.i18n import t
from workshop.minutes.blocks import Block, Heading, Paragraph, Run, bullets, table
from workshop.names import name_key

if TYPE_CHECKING:
    from workshop.model import Workshop
    from workshop.project import Project

MISSING = "—"


def points(entry: Entry) -> str:
    return "" if entry.weight is None else f"{entry.weight:g}"


def entry_line(entry: Entry) -> str:
    """"• text — 7 pts ★": the entry, its points when weighed, a star when retained."""
    line = "• " + entry.text
    if entry.weight is not None:
        line += "\u00a0— " + t("swot.minutes.points", points=points(entry))
    if entry.retained:
        line += "\u00a0★"  # never alone at the start of a line
    return line


def scope_text(project: Project, current: SwotState) -> str:
    if current.scope == Scope.EACH:
        names = ", ".join(subject(project, a) for a in current.analyses)
        return t("swot.scope.each_of", names=names)
    if current.scope == Scope.STRUCTURE:
        return t("swot.scope.one_structure", name=subject(project, current.analysis()))
    return t("swot.subject.project")


class _People:
    def __init__(self, project: Project) -> None:
        self.people = {p.id: p.name for p in project.participants()}
        self.structures = {s.id: s.name for s in project.structures()}

    def author(self, participant_id: int | None, structure_id: int | None) -> str:
        if participant_id and participant_id in self.people:
            return self.people[participant_id]
        if structure_id and structure_id in self.structures:
            return self.structures[structure_id]
        return ""

    def proposers(self, entry: Entry) -> str:
        parts: list[str] = []
        for source in entry.sources:
            who = self.author(source.participant_id, source.structure_id) or t("swot.minutes.facilitator")
            if name_key(source.text) != name_key(entry.text):
                who = t("swot.minutes.as_worded", who=who, text=source.text)
            if who not in parts:
                parts.append(who)
        return ", ".join(parts)


def section(project: Project, workshop: Workshop, current: SwotState) -> list[Block]:
    if not current.entries:
        return [Paragraph.of(Run(t("swot.minutes.scope"), bold=True), scope_text(project, current))]
    people = _People(project)
    blocks: list[Block] = [Paragraph.of(Run(t("swot.minutes.scope"), bold=True), scope_text(project, current))]
    several = len([a for a in current.analyses if current.entries_of(a.id)]) > 1
    for analysis in current.analyses:
        if not current.entries_of(analysis.id):
            continue
        heading = t("swot.minutes.grid_of", subject=subject(project, analysis)) if several else t("swot.minutes.grid")
        blocks.append(Heading(3, heading))
        blocks += _grid(current, analysis.id)
    blocks.append(Paragraph.of(Run(t("swot.minutes.legend"), italic=True)))
    blocks += _authors(project, current, people, several)
    blocks += _answers(project, workshop, current, people)
    blocks += _comparison(project, current.item_id)
    return blocks


def _cell(current: SwotState, analysis_id: int, quadrant: Quadrant) -> str:
    lines = [t(f"swot.quadrant.{quadrant.value}.title")]
    lines += [entry_line(e) for e in current.entries_of(analysis_id, quadrant)] or [MISSING]
    return "\n".join(lines)


def _grid(current: SwotState, analysis_id: int) -> list[Block]:
    s, w, o, th = (_cell(current, analysis_id, q) for q in QUADRANTS)
    header = ["", t("swot.minutes.col_positive"), t("swot.minutes.col_negative")]
    rows = [[t("swot.minutes.row_internal"), s, w], [t("swot.minutes.row_external"), o, th]]
    blocks: list[Block] = [table(header, rows)]
    unsorted = current.entries_of(analysis_id, UNSORTED)
    if unsorted:
        blocks.append(Paragraph.of(Run(t("swot.minutes.unsorted"), bold=True)))
        blocks.append(bullets([e.text for e in unsorted]))
    return blocks


def _authors(project: Project, current: SwotState, people: _People, several: bool) -> list[Block]:
    header = [t("swot.col.quadrant"), t("swot.col.entry"), t("swot.col.points"), t("swot.col.said_by")]
    if several:
        header.insert(0, t("swot.col.subject"))
    rows = []
    for analysis in current.analyses:
        for quadrant in (*QUADRANTS, UNSORTED):
            for entry in current.entries_of(analysis.id, quadrant):
                row = [t(f"swot.quadrant.{quadrant or 'unsorted'}.one"), entry.text, points(entry), people.proposers(entry)]
                if several:
                    row.insert(0, subject(project, analysis))
                rows.append(row)
    return [Heading(3, t("swot.minutes.authors")), table(header, rows)]


def _answers(project: Project, workshop: Workshop, current: SwotState, people: _People) -> list[Block]:
    entries = to_answer(current)
    if not entries:
        return []
    blocks: list[Block] = [Heading(3, t("swot.minutes.answers"))]
    if not current.answers:
        return blocks + [Paragraph.of(Run(t("swot.minutes.no_answers"), italic=True))]
    followed = _Followed(project, workshop.date)
    header = [t("swot.col.entry"), t("swot.col.answer"), t("swot.col.said_by"), t("swot.col.became")]
    rows = []
    for entry in entries:
        label = t("swot.minutes.entry_label", quadrant=t(f"swot.quadrant.{entry.quadrant or 'unsorted'}.one"), text=entry.text)
        for answer in current.answers_to(entry.id):
            became = [followed.proposal(pid) for pid in answer.proposal_ids] + [followed.element(eid) for eid in answer.element_ids]
            rows.append([label, answer.text, people.author(answer.participant_id, answer.structure_id) or MISSING, "\n".join(became) or MISSING])
    blocks.append(table(header, rows))
    proposals = sum(len(a.proposal_ids) for a in current.answers)
    elements = sum(len(a.element_ids) for a in current.answers)
    blocks.append(Paragraph.of(t("swot.minutes.became_counts", answers=len(current.answers), proposals=proposals, elements=elements)))
    return blocks


class _Followed:
    """What an answer became, as it stood on the workshop's day."""

    def __init__(self, project: Project, day: str) -> None:
        from exercises.securing_labels import Names

        self.project = project
        self.day = day or "9999-12-31"
        self.names = Names(project)

    def proposal(self, proposal_id: int) -> str:
        from workshop.proposals import proposal
        from workshop.proposals.labels import decision_label

        try:
            found = proposal(self.project, proposal_id)
        except NotFound:  # removed from the tracker since
            return t("swot.minutes.proposal_removed", number=proposal_id)
        return t("swot.minutes.became_proposal", number=proposal_id, decision=decision_label(found.decision_on(self.day)))

    def element(self, element_id: int) -> str:
        from exercises.securing import element
        from workshop.minutes.typography import long_date

        try:
            found = element(self.project, element_id)
        except NotFound:  # removed from the list since
            return t("swot.minutes.element_removed", number=element_id)
        who = self.names.referent(found)
        when = long_date(found.due) if found.due else MISSING
        return t("swot.minutes.became_element", number=element_id, who=who, when=when)


def _comparison(project: Project, item_id: int) -> list[Block]:
    compared = comparison(project, item_id)
    if not compared.possible:
        return []
    names = {s.id: s.name for s in project.structures()}
    total = len(compared.structures)
    blocks: list[Block] = [
        Heading(3, t("swot.minutes.comparison")),
        Paragraph.of(t("swot.minutes.compared", names=", ".join(names.get(s, MISSING) for s in compared.structures))),
    ]
    header = [t("swot.col.quadrant"), t("swot.col.entry"), t("swot.col.structures"), t("swot.col.shared")]
    rows = [
        [
            t(f"swot.quadrant.{row.quadrant}.one"),
            row.text,
            ", ".join(names.get(s, MISSING) for s in row.structures),
            t("swot.compare.shared", count=len(row.structures), total=total) if row.shared else t("swot.compare.specific"),
        ]
        for row in compared.entries
    ]
    blocks.append(table(header, rows))
    if compared.words:
        blocks.append(Paragraph.of(Run(t("swot.minutes.shared_words"), bold=True)))
        blocks.append(
            table(
                [t("swot.col.quadrant"), t("swot.col.word"), t("swot.col.structures")],
                [[t(f"swot.quadrant.{w.quadrant}.one"), w.word, ", ".join(names.get(s, MISSING) for s in w.structures)] for w in compared.words],
            )
        )
    return blocks

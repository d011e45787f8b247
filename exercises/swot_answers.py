"""FFOM step 4: "how far can cooperation be an answer?" for the retained weaknesses and threats.

The room answers each retained weakness or threat (typed by the facilitator, or
in a contribution round on that entry). Each answer can then become an action
proposal for the commitment tracker (with its author structure), or an element
to secure (who, by when) followed across workshops.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises.swot import (
    ANSWER_OWNER,
    TO_ANSWER,
    Answer,
    Entry,
    Step,
    SwotState,
    clean,
    save,
    state,
    subject,
)
from workshop.errors import ValidationError
from workshop.i18n import t

if TYPE_CHECKING:
    from exercises.securing import Element
    from workshop.project import Project
    from workshop.proposals import Proposal, Referent
    from workshop.rounds import Round


def to_answer(current: SwotState) -> list[Entry]:
    """The retained weaknesses and threats (and any entry already answered), analysis by
    analysis, weaknesses before threats, weightiest first."""
    answered = {a.entry_id for a in current.answers}
    found: list[Entry] = []
    for analysis in current.analyses:
        for quadrant in TO_ANSWER:
            found += [e for e in current.entries_of(analysis.id, quadrant) if e.retained or e.id in answered]
    found += [e for e in current.entries if e.id in answered and e not in found]  # moved since it was answered
    return found


def add_answer(
    project: Project, item_id: int, entry_id: int, text: str, participant_id: int | None = None, structure_id: int | None = None
) -> Answer:
    current = state(project, item_id)
    current.entry(entry_id)
    if participant_id and not structure_id:
        structure_id = project.participant(participant_id).structure_id
    answer = Answer(current.new_id(), entry_id, clean(text), participant_id or None, structure_id or None)
    current.answers.append(answer)
    if current.step in (Step.SCOPE, Step.GRID, Step.WEIGH):
        current.step = Step.ANSWERS.value
    save(project, current)
    return answer


def edit_answer(project: Project, item_id: int, answer_id: int, text: str) -> Answer:
    current = state(project, item_id)
    answer = current.answer(answer_id)
    answer.text = clean(text)
    save(project, current)
    return answer


def remove_answer(project: Project, item_id: int, answer_id: int) -> SwotState:
    """Remove an answer; one that became a proposal or an element stays, so the minutes can say so."""
    current = state(project, item_id)
    answer = current.answer(answer_id)
    if answer.proposal_ids or answer.element_ids:
        raise ValidationError("swot.error.answer_followed")
    current.answers = [a for a in current.answers if a.id != answer_id]
    return save(project, current)


def question(project: Project, current: SwotState, entry: Entry) -> str:
    """The question put to the room about one weakness or threat."""
    return t(
        "swot.round.answer_question",
        quadrant=t(f"swot.quadrant.{entry.quadrant or 'unsorted'}.one").lower(),
        text=entry.text,
        subject=subject(project, current.analysis(entry.analysis_id)),
    )


def start_answer_round(project: Project, item_id: int, entry_id: int, hidden: bool = False) -> Round:
    """A contribution round where the room answers one weakness or threat."""
    from workshop.rounds import RoundMode, RoundSpec, start_round

    current = state(project, item_id)
    entry = current.entry(entry_id)
    spec = RoundSpec(question(project, current, entry), RoundMode.CONTRIBUTION, hidden=hidden, owner=ANSWER_OWNER)
    with project.batch():
        started = start_round(project, current.workshop_id, item_id, spec)
        current.answer_rounds[str(started.id)] = entry_id
        current.step = Step.ANSWERS.value
        save(project, current)
    return started


def collect_answers(project: Project, item_id: int, round_id: int | None = None) -> SwotState:
    """Turn a finished answer round's contributions into answers (each round once)."""
    from workshop.rounds import contributions, get_round

    current = state(project, item_id)
    pending = [str(round_id)] if round_id else list(current.answer_rounds)
    known = {e.id for e in current.entries}
    for rid in pending:
        if int(rid) in current.answered_rounds or rid not in current.answer_rounds:
            continue
        if not get_round(project, int(rid)).done:
            continue  # still going round
        entry_id = current.answer_rounds[rid]
        if entry_id not in known:
            continue  # kept for later rather than lost (entries answered in a round are not removed)
        for said in contributions(project, int(rid)):
            try:
                text = clean(said.text)
            except ValidationError:
                continue
            current.answers.append(Answer(current.new_id(), entry_id, text, said.participant_id, said.structure_id))
        current.answered_rounds.append(int(rid))
    return save(project, current)


# What an answer becomes ------------------------------------------------------------------------
def answer_author(project: Project, current: SwotState, answer_id: int) -> tuple[int, int]:
    """(structure, person) to suggest for a proposal: who gave the answer, else the structure
    whose analysis it is, else who wrote the entry, else the promoter."""
    answer = current.answer(answer_id)
    if answer.structure_id or answer.participant_id:
        return answer.structure_id or 0, answer.participant_id or 0
    entry = current.entry(answer.entry_id)
    analysis = current.analysis(entry.analysis_id)
    if analysis.structure_id:
        return analysis.structure_id, 0
    wrote = next((s.structure_id for s in entry.sources if s.structure_id), None)
    return wrote or project.promoter_id or 0, 0


def link_proposal(project: Project, item_id: int, answer_id: int, proposal_id: int) -> Answer:
    """Remember that an action proposal was recorded from this answer (the tracker holds it)."""
    current = state(project, item_id)
    answer = current.answer(answer_id)
    if proposal_id not in answer.proposal_ids:
        answer.proposal_ids.append(proposal_id)
    save(project, current)
    return answer


def record_proposal(
    project: Project, item_id: int, answer_id: int, text: str | None = None, structure_id: int = 0, participant_id: int | None = None
) -> Proposal:
    """The answer becomes an action proposal for the commitment tracker."""
    from workshop.proposals import record_proposal as record

    current = state(project, item_id)
    answer = current.answer(answer_id)
    suggested, person = answer_author(project, current, answer_id)
    if structure_id and participant_id is None:
        person = person if structure_id == suggested else 0
    with project.batch():
        made = record(
            project,
            answer.text if text is None else text,
            structure_id or suggested,
            participant_id=person if participant_id is None else participant_id,
            workshop_id=current.workshop_id,
            item_id=item_id,
            source="swot",
        )
        link_proposal(project, item_id, answer_id, made.id)
    return made


def element_key(item_id: int, answer_id: int) -> str:
    return f"swot:{item_id}:answer:{answer_id}"


def link_element(project: Project, item_id: int, answer_id: int, element_id: int) -> Answer:
    current = state(project, item_id)
    answer = current.answer(answer_id)
    if element_id not in answer.element_ids:
        answer.element_ids.append(element_id)
    save(project, current)
    return answer


def record_element(
    project: Project,
    item_id: int,
    answer_id: int,
    text: str | None = None,
    referent: Referent | None = None,
    due: str = "",
    notes: str = "",
) -> Element:
    """The answer becomes an element to secure, with who carries it and by when."""
    from exercises import securing

    current = state(project, item_id)
    answer = current.answer(answer_id)
    entry = current.entry(answer.entry_id)
    with project.batch():
        element = securing.add_element(
            project,
            answer.text if text is None else text,
            workshop_id=current.workshop_id,
            item_id=item_id,
            origin="swot",
            origin_key=element_key(item_id, answer_id),
            origin_detail={"quadrant": entry.quadrant, "structure_id": current.analysis(entry.analysis_id).structure_id, "answer_to": entry.text},
            referent=referent,
            due=due,
            notes=notes,
        )
        link_element(project, item_id, answer_id, element.id)
    return element

"""The workshop's next steps in the synthesis's actions table (owner, structure, due date, state)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop.i18n import t
from workshop.minutes.outcomes import Action, Outcomes, add_source
from workshop.next_steps import NextStep, StepStatus, next_steps

if TYPE_CHECKING:
    from workshop.model import Workshop
    from workshop.project import Project


def step_state(step: NextStep, day: str) -> str:
    text = t(f"next_steps.status.{step.status}")
    if step.status == StepStatus.TO_DO and step.due and step.due < day:
        text = t("next_steps.late", text=text)
    return text


def step_owner(project: Project, step: NextStep) -> tuple[str, str]:
    """(person, structure) carrying a next step; names of removed records read as such."""
    structures = {s.id: s.name for s in project.structures()}
    if step.participant_id:
        person = next((p for p in project.participants() if p.id == step.participant_id), None)
        if person is None:
            return t("next_steps.person_removed"), ""
        return person.name, structures.get(person.structure_id, "")
    if step.structure_id:
        return "", structures.get(step.structure_id, t("next_steps.structure_removed"))
    return t("next_steps.owner_to_name"), ""


def outcomes(project: Project, workshop: Workshop) -> Outcomes:
    from workshop.minutes.as_of import cut_off

    day = cut_off(project, workshop)
    found = Outcomes()
    for step in next_steps(project, workshop.id):
        who, structure = step_owner(project, step)
        found.actions.append(Action(step.text, who, structure, step.due, step_state(step, day)))
    return found


add_source(outcomes)

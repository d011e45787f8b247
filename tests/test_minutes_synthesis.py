"""The synthesis lists every decision and every action of the day, checked against the project's data.

What was decided is read from the project itself (the proposals decided in the
workshop, its consent rounds, the exercises' states, its next steps), never from
the synthesis's own description, and each must be found in the synthesis.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from exercises import item_state
from exercises.apt import TABLE as APT
from exercises.apt import AptState
from exercises.matrix import TABLE as MATRIX
from exercises.matrix import MatrixState, Role, confirmation_status
from exercises.supra import TABLE as SUPRA
from exercises.supra import SupraState
from exercises.values import TABLE as VALUES
from exercises.values import ValuesState
from tests.minutes_structure import norm
from workshop.minutes.as_of import as_of
from workshop.minutes.blocks import Block, BulletList, Heading, Paragraph, Table
from workshop.minutes.builder import build_minutes
from workshop.minutes.snapshot import open_snapshot
from workshop.minutes.typography import long_date
from workshop.next_steps import next_steps
from workshop.project import Project
from workshop.proposals import proposals
from workshop.rounds import RoundMode, rounds_of


def synthesis_of(blocks: list[Block]) -> tuple[str, list[tuple[str, ...]]]:
    """The synthesis's text (everything from its heading to the contents) and its actions table's rows."""
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1)
    end = next(i for i, b in enumerate(blocks) if i > start and isinstance(b, Heading) and b.level == 1)
    part = blocks[start:end]
    texts: list[str] = []
    actions: list[tuple[str, ...]] = []
    for block in part:
        if isinstance(block, (Heading, Paragraph)):
            texts.append(block.text)
        elif isinstance(block, BulletList):
            texts += block.items
        elif isinstance(block, Table):
            texts += [" | ".join(row) for row in block.rows]
            if block.header[0] == "Action":
                actions += block.rows
    return norm("\n".join(texts)), actions


def _stated(project: Project, table: str, item_id: int) -> dict | None:
    return item_state.load(project, table, item_id)


@pytest.mark.parametrize("number", [1, 10])
def test_synthesis_lists_every_decision_and_action_of_the_day(reference_path: Path, number: int) -> None:
    full = open_snapshot(reference_path)
    workshop = full.workshops()[number - 1]
    text, actions = synthesis_of(build_minutes(full, workshop))
    project = as_of(full, workshop).project  # the data as it stood that day
    day = workshop.date
    what = [norm(row[0]) for row in actions]

    def said(fragment: str) -> bool:
        return norm(fragment) in text

    # The promoter's decisions in this workshop: each proposal named; the retained ones are actions, with referent and due date.
    decided = [p for p in proposals(project) if p.decided_workshop_id == workshop.id and p.decision]
    assert decided
    for p in decided:
        assert said(p.text), p.text
        if p.decision == "retained":  # the same words may have been proposed twice: the due date tells them apart
            assert any(norm(r[0]) == norm(p.text) and r[3] == (long_date(p.due) if p.due else "—") for r in actions), p.text
    # Decisions by consent in free rounds.
    consents = [r for r in rounds_of(project, workshop.id) if r.spec.mode is RoundMode.CONSENT and not r.spec.owner and r.ballot_count]
    assert consents
    assert all(said(r.spec.question) for r in consents)
    for item in project.agenda(workshop.id):
        if item.kind == "values" and (data := _stated(project, VALUES, item.id)):
            assert all(said(v.label) for v in ValuesState.from_dict(data).retained())
        elif item.kind == "supra" and (data := _stated(project, SUPRA, item.id)):
            state = SupraState.from_doc(data)
            if state.adopted:
                assert said(state.versions[state.adopted_version].text)
            for attempt in (c for c in state.consents if c.passed is not None):
                assert said(f"version {attempt.version + 1}")
        elif item.kind == "matrix" and (data := _stated(project, MATRIX, item.id)):
            state = MatrixState.from_doc(data)
            confirmed = [s for s in project.structures() if confirmation_status(state, s.id) == "confirmed"]
            assert all(said(s.name) for s in confirmed)
            piloted = {a.label for a in state.actions for k, c in state.cells.items() if k.startswith(f"{a.id}:") and c.role == Role.PILOT}
            assert all(any(norm(label) in w for w in what) for label in piloted)
        elif item.kind == "apt" and (data := _stated(project, APT, item.id)):
            mitigations = {i.mitigation for i in AptState.from_dict(data).items if i.mitigation and i.owner}
            assert mitigations and all(norm(m) in what for m in mitigations)
    # The next steps, with who carries them and by when; the next meeting.
    steps = next_steps(project, workshop.id)
    assert steps
    for step in steps:
        assert any(norm(r[0]) == norm(step.text) and r[3] == long_date(step.due) for r in actions), step.text
    assert said(long_date(workshop.next_meeting_date))
    assert day


def test_synthesis_says_when_nothing_was_decided(project: Project) -> None:
    workshop = project.add_workshop("Atelier vide", "2026-10-12")
    text, actions = synthesis_of(build_minutes(project, workshop))
    assert "Aucune décision n'a été prise dans cet atelier" in text
    assert "Aucune action n'a été décidée dans cet atelier" in text
    assert "La date de la prochaine réunion n'est pas encore fixée" in text
    assert actions == []

"""What every exercise provides to the core: the boundary new exercises plug into.

An exercise is its modules in `exercises/`, declared by one of them (a
subclass of `Exercise` exposed as the module-level `EXERCISE`, in
`exercises/<kind>_exercise.py`, listed in `workshop.registry.BUILTIN` or, from
another package, declared by an `atelier.exercises` entry point), one
guide per language in `exercises/guides/<kind>.<lang>.md`, and one screen
(listed in `screens.registry`). Everything the core asks of an exercise goes
through the methods below: the exercise declares them, nothing registers
itself when a module is imported. The declaring module imports the exercise's
model, minutes and convention modules at its top; none of them imports it
back, so no import hides in a function to break a circle. Its demo and
reference results live apart, in `exercises.fills`.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Any

from workshop.i18n import DEFAULT_LANGUAGE, language, t

if TYPE_CHECKING:
    from workshop.convention.parts import PartContent
    from workshop.minutes.blocks import Block
    from workshop.minutes.outcomes import Outcomes
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project


class Exercise:
    kind: str = ""
    default_minutes: int = 15
    order: int = 100  # where the exercise comes in the lists a facilitator chooses from
    # The table holding this exercise's state, one document per agenda item (its
    # id the item's), and the dataclass a document must match: every project
    # file is checked against it when it is read (workshop.validation).
    state_table: str = ""
    state_type: type | None = None
    # A table of records of its own (one document per record, its id the
    # record's, like the action proposals) and their dataclass, checked likewise.
    record_table: str = ""
    record_type: type | None = None

    @property
    def title(self) -> str:
        return t(f"exercise.{self.kind}.title")

    @property
    def summary(self) -> str:
        return t(f"exercise.{self.kind}.summary")

    def guide(self, lang: str | None = None) -> str:
        """The facilitator guide in Markdown (falls back to French)."""
        folder = resources.files("exercises") / "guides"
        for candidate in (lang or language(), DEFAULT_LANGUAGE):
            entry = folder / f"{self.kind}.{candidate}.md"
            if entry.is_file():
                return entry.read_text(encoding="utf-8")
        return ""

    def state_problems(self, state: object) -> list[str]:
        """The fields of a state (read by `state_type`) that point at nothing, e.g. an index
        past the end of a list: a file holding them is refused when read. [] by default."""
        return []

    def minutes_section(self, project: Project, workshop: Workshop, item: AgendaItem) -> list[Block]:
        """This exercise's productions for the minutes' sequences; the caller adds the item heading."""
        return []

    def convention_parts(self, project: Project) -> list[PartContent]:
        """What this exercise brings to the project's draft convention (`workshop.convention`)."""
        return []

    def annex_section(self, project: Project, workshop: Workshop, item: AgendaItem) -> list[Block]:
        """Detail that belongs in the annexes (who said what…); the caller adds a heading."""
        return []

    def outcomes(self, project: Project, workshop: Workshop, item: AgendaItem) -> Outcomes:
        """What this item produced, for the synthesis: adopted, decided, actions."""
        from workshop.minutes.outcomes import Outcomes

        return Outcomes()

    def structure_guard(self, project: Project, structure_id: int) -> tuple[str, dict[str, Any]] | None:
        """Why the structure cannot be removed from the project (a catalog key and its
        parameters), when this exercise's records name it; None when nothing does."""
        return None

    def register_part(self, project: Project, day: str) -> list[Block]:
        """This exercise's part of the project's register (`atelier export --register`), as it
        stands on `day`, after the action proposals (level-1 headings). [] by default."""
        return []

    def cockpit_notice(self, project: Project, workshop_id: int, today: str) -> str | None:
        """A sentence the facilitator should see first when the cockpit opens a workshop
        (follow-ups gone late…), `today` an ISO date; None when there is nothing to say."""
        return None

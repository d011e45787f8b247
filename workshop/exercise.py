"""What every exercise provides to the core: the boundary new exercises plug into.

An exercise is one logic module in `exercises/` (a subclass of `Exercise`
exposed as the module-level `EXERCISE`), one guide per language in
`exercises/guides/<kind>.<lang>.md`, and one screen in `screens/exercises/`.
"""

from __future__ import annotations

import random
from importlib import resources
from typing import TYPE_CHECKING

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

    def fill_demo(self, project: Project, workshop: Workshop, item: AgendaItem) -> None:
        """Give the demo project's filled workshop realistic results for this exercise."""

    def fill_reference(self, project: Project, workshop: Workshop, item: AgendaItem, rng: random.Random) -> None:
        """Fill the benchmark's reference project (DESIGN §6), deterministically from `rng`."""

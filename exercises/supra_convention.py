"""What the supra objective brings to the draft convention: the common objective of its "Objet".

The latest objective adopted by consent, with its indicators and deadline. When
none is adopted yet, the wording under discussion is printed, marked as such.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises import item_state
from exercises.supra import TABLE, SupraState, format_deadline
from workshop.convention.parts import Part, PartContent, items_of_kind
from workshop.i18n import t
from workshop.minutes.blocks import Block, Paragraph, Run, bullets

if TYPE_CHECKING:
    from workshop.project import Project


def convention_parts(project: Project) -> list[PartContent]:
    adopted: SupraState | None = None
    drafted: SupraState | None = None
    for item in reversed(items_of_kind(project, "supra")):
        doc = item_state.load(project, TABLE, item.id)
        if doc is None:
            continue
        found = SupraState.from_doc(doc)
        if found.adopted and found.adopted_version is not None:
            adopted = found
            break
        if drafted is None and found.sentence:
            drafted = found
    state = adopted or drafted
    if state is None:
        return []
    blocks: list[Block] = []
    if adopted is not None:
        assert adopted.adopted_version is not None
        blocks.append(Paragraph.of(t("supra.convention.adopted_intro")))
        blocks.append(Paragraph.of(Run(adopted.versions[adopted.adopted_version].text, bold=True)))
    else:
        blocks.append(Paragraph.of(Run(t("supra.convention.not_adopted"), italic=True)))
        blocks.append(Paragraph.of(Run(state.sentence, bold=True)))
    if state.indicators:
        blocks.append(Paragraph.of(t("supra.convention.indicators")))
        blocks.append(bullets(list(state.indicators)))
    else:
        blocks.append(Paragraph.of(Run(t("supra.convention.no_indicators"), italic=True)))
    deadline = format_deadline(state.deadline)
    blocks.append(Paragraph.of(t("supra.convention.deadline", deadline=deadline) if deadline else t("supra.convention.no_deadline")))
    return [PartContent.of(Part.PURPOSE, blocks, [state.item_id], order=10)]

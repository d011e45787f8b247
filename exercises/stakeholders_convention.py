"""What the stakeholders exercise brings to the draft convention.

The partners to associate without being parties (the external actors and
potential partners marked to mobilise, or for whom a form of participation was
chosen: a convention of articulation, the charter…), and, under the financial
modalities, the financial support some of them might bring.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises.stakeholders import (
    Category,
    Stakeholder,
    Support,
    display_name,
    latest_with_stakeholders,
    participation_label,
    structures_by_id,
    support_label,
)
from workshop.convention.parts import Part, PartContent
from workshop.i18n import t
from workshop.minutes.blocks import Block, Paragraph, bullets, table

if TYPE_CHECKING:
    from workshop.model import Structure
    from workshop.project import Project


def convention_parts(project: Project) -> list[PartContent]:
    state = latest_with_stakeholders(project)
    if state is None:
        return []
    structures = structures_by_id(project)
    partners = [
        s
        for s in state.stakeholders
        if not _is_member(s, structures) and (s.to_mobilise or s.participation or s.participation_note)
    ]
    found: list[PartContent] = []
    if partners:
        rows = [[display_name(s, structures), support_label(s) or "—", participation_label(s) or t("convention.to_decide_short")] for s in partners]
        header = [t("stakeholders.convention.col_partner"), t("stakeholders.convention.col_support"), t("stakeholders.convention.col_form")]
        blocks: list[Block] = [Paragraph.of(t("stakeholders.convention.partners_intro")), table(header, rows)]
        found.append(PartContent.of(Part.PARTNERS, blocks, [state.item_id], annexes=(t("stakeholders.convention.annex_map"),)))
    # What the parties said they could bring, then the partners' possible financial support:
    # useful to write the financial modalities, which still have to be agreed.
    offers = [s for s in state.stakeholders if _is_member(s, structures) and (s.supports or s.support_note)]
    funders = [s for s in state.stakeholders if not _is_member(s, structures) and Support.FINANCIAL.value in s.supports]
    blocks = []
    if offers:
        lines = [t("stakeholders.convention.funder_line", name=display_name(s, structures), support=support_label(s)) for s in offers]
        blocks += [Paragraph.of(t("stakeholders.convention.offers_intro")), bullets(lines)]
    if funders:
        lines = [t("stakeholders.convention.funder_line", name=display_name(s, structures), support=support_label(s)) for s in funders]
        blocks += [Paragraph.of(t("stakeholders.convention.funders_intro")), bullets(lines)]
    if blocks:
        found.append(PartContent.of(Part.FINANCES, blocks, [state.item_id], order=200, settles=False))
    return found


def _is_member(stakeholder: Stakeholder, structures: dict[int, Structure]) -> bool:
    structure = structures.get(stakeholder.structure_id)
    if structure is not None:
        return structure.member
    return stakeholder.category == Category.MEMBER

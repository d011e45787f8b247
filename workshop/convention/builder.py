"""The draft convention, assembled from the project as blocks (the minutes' writers render it).

    Title                      Projet de convention de coopération
    the draft notice           to be reviewed by each party's counsel before signing
    H1 Entre les parties       the member structures (representatives left blank)
    H1 Article 1 — Objet …     then one article per part (`parts.ARTICLES`)
    H1 Points de vigilance     the hidden issues of formalisation, ticked and annotated
    H1 Annexes                 roadmap, register of commitments, the workshops' minutes
    H1 Signatures

Every part is present: what the exercises brought (`Exercise.convention_parts`),
and what the facilitator typed (`settings`); a part nothing settles says what
the parties must decide. Nothing is ever silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workshop.convention.parts import ARTICLES, Part, PartContent
from workshop.convention.settings import ISSUES, Clause, ConventionSettings, load
from workshop.i18n import t
from workshop.minutes.blocks import Block, Heading, Paragraph, Run, bullets, table

if TYPE_CHECKING:
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project

# The clauses each part prints, in order, and whether a part is settled by them alone.
PART_CLAUSES: dict[Part, tuple[Clause, ...]] = {
    Part.FINANCES: (Clause.FINANCES,),
    Part.DURATION: (Clause.DURATION, Clause.REVISION, Clause.EXIT),
    Part.DISPUTES: (Clause.DISPUTES,),
}
SIGNATURE_SPACE = "\n\n\n"


def gather(project: Project) -> dict[Part, list[PartContent]]:
    """What every exercise the project may hold data of brings, part by part, in each part's order."""
    from workshop.registry import exercises_of

    found: dict[Part, list[PartContent]] = {part: [] for part in Part}
    for exercise in exercises_of(project.kinds_used()):
        for content in exercise.convention_parts(project):
            found[content.part].append(content)
    for contents in found.values():
        contents.sort(key=lambda c: c.order)
    return found


@dataclass(frozen=True)
class PartStatus:
    """Where one article stands: settled, begun (something, but still to decide), or to decide."""

    part: Part
    settled: bool
    begun: bool
    workshops: tuple[str, ...]  # titles of the workshops it comes from


def statuses(project: Project) -> list[PartStatus]:
    """Each article of the draft and what exercises.fills it, for the convention screen."""
    settings = load(project)
    contents = gather(project)
    items = _items_by_id(project)
    titles = {w.id: w.title for w in project.workshops()}
    found = []
    for part in ARTICLES:
        typed = _typed(part, settings)
        settled = _settled(part, contents[part], settings)
        begun = bool(contents[part] or typed)
        workshop_ids = dict.fromkeys(items[i].workshop_id for c in contents[part] for i in c.sources if i in items)
        found.append(PartStatus(part, settled, begun, tuple(titles[w] for w in workshop_ids if w in titles)))
    return found


def build_convention(project: Project, day: str = "") -> list[Block]:
    """The draft convention of the project as it stands; `day` (ISO) is the date it is drawn up."""
    day = day or project.today()
    settings = load(project)
    contents = gather(project)
    blocks: list[Block] = [Heading(0, t("convention.title"))]
    blocks += _front(project, contents, day)
    blocks += _parties(project)
    for number, part in enumerate(ARTICLES, start=1):
        blocks.append(Heading(1, t("convention.article", number=number, title=t(f"convention.part.{part.value}"))))
        blocks += _part(part, contents[part], settings)
    blocks += _issues(settings)
    blocks += _annexes(project, contents, day)
    blocks += _signatures(project)
    return blocks


def _front(project: Project, contents: dict[Part, list[PartContent]], day: str) -> list[Block]:
    from workshop.minutes.typography import long_date

    blocks: list[Block] = [
        Paragraph.of(Run(project.name, bold=True)),
        Paragraph.of(Run(t("convention.draft_notice"), bold=True, italic=True)),
        Paragraph.of(t("convention.drawn_up", date=long_date(day))),
    ]
    workshops = _source_workshops(project, contents)
    if workshops:
        listed = ", ".join(workshop_label(w) for w in workshops)
        blocks.append(Paragraph.of(t("convention.from_workshops", workshops=listed)))
    else:
        blocks.append(Paragraph.of(t("convention.from_no_workshop")))
    return blocks


def _parties(project: Project) -> list[Block]:
    blocks: list[Block] = [Heading(1, t("convention.part.parties"))]
    members = [s for s in project.structures() if s.member]
    if not members:
        return blocks + to_decide(Part.PARTIES)
    blank = t("convention.blank")
    rows = [[s.name, t(f"kind.{s.kind}"), blank, blank] for s in members]
    header = [t("convention.col_party"), t("convention.col_kind"), t("convention.col_represented"), t("convention.col_seat")]
    blocks.append(Paragraph.of(t("convention.parties_intro")))
    blocks.append(table(header, rows))
    if project.promoter_id and any(s.id == project.promoter_id for s in members):
        promoter = next(s.name for s in members if s.id == project.promoter_id)
        blocks.append(Paragraph.of(t("convention.promoter", name=promoter)))
    blocks.append(Paragraph.of(Run(t("convention.parties_complete"), italic=True)))
    return blocks


def _part(part: Part, contents: list[PartContent], settings: ConventionSettings) -> list[Block]:
    blocks: list[Block] = []
    for content in contents:
        blocks.extend(content.blocks)
    clauses = PART_CLAUSES.get(part, ())
    typed = _typed(part, settings)
    for clause in typed:
        if len(clauses) > 1:
            blocks.append(Paragraph.of(Run(t(f"convention.clause.{clause.value}"), bold=True)))
        blocks.extend(Paragraph.of(line) for line in settings.clause(clause).split("\n"))
    if _settled(part, contents, settings):
        return blocks
    if len(clauses) > 1 and typed:
        # Some clauses agreed, others not: only the missing ones are left to decide.
        for clause in clauses:
            if clause not in typed:
                blocks += to_decide_clause(clause)
        return blocks
    return blocks + to_decide(part)


def _typed(part: Part, settings: ConventionSettings) -> list[Clause]:
    return [c for c in PART_CLAUSES.get(part, ()) if settings.clause(c)]


def _settled(part: Part, contents: list[PartContent], settings: ConventionSettings) -> bool:
    """Settled when an exercise's content settles it, or when every clause it needs is written."""
    clauses = PART_CLAUSES.get(part, ())
    return any(c.settles for c in contents) or (bool(clauses) and len(_typed(part, settings)) == len(clauses))


def to_decide(part: Part) -> list[Block]:
    """What the parties must still decide for a part nothing settles yet."""
    questions = [q for q in t(f"convention.todo.{part.value}").split("\n") if q.strip()]
    return [Paragraph.of(Run(t("convention.to_decide"), bold=True), t("convention.to_decide_lead")), bullets(questions)]


def to_decide_clause(clause: Clause) -> list[Block]:
    questions = [q for q in t(f"convention.todo_clause.{clause.value}").split("\n") if q.strip()]
    return [
        Paragraph.of(Run(t(f"convention.clause.{clause.value}"), bold=True)),
        Paragraph.of(Run(t("convention.to_decide"), bold=True), t("convention.to_decide_lead")),
        bullets(questions),
    ]


def _issues(settings: ConventionSettings) -> list[Block]:
    blocks: list[Block] = [Heading(1, t("convention.issues.heading")), Paragraph.of(Run(t("convention.issues.intro"), italic=True))]
    rows = []
    for key, theme in ISSUES:
        check = settings.issue(key)
        state = t("convention.issues.checked") if check.checked else t("convention.issues.to_check")
        rows.append([t(f"convention.theme.{theme.value}"), t(f"convention.issue.{key}"), state, check.note])
    header = [t("convention.issues.col_theme"), t("convention.issues.col_point"), t("convention.issues.col_state"), t("convention.issues.col_note")]
    blocks.append(table(header, rows))
    done = sum(1 for key in dict(ISSUES) if settings.issue(key).checked)
    blocks.append(Paragraph.of(t("convention.issues.count", done=done, total=len(ISSUES))))
    return blocks


def _annexes(project: Project, contents: dict[Part, list[PartContent]], day: str) -> list[Block]:
    from workshop.minutes.typography import long_date

    blocks: list[Block] = [Heading(1, t("convention.annexes.heading"))]
    entries: list[str] = []
    roadmaps = [a for c in contents[Part.ANNEXES] for a in c.annexes]
    entries += roadmaps or [t("convention.annexes.roadmap_missing")]
    entries.append(_register_entry(project, long_date(day)))
    for part in Part:
        if part is Part.ANNEXES:
            continue
        entries += [annex for c in contents[part] for annex in c.annexes if annex not in entries]
    for content in contents[Part.ANNEXES]:
        blocks.extend(content.blocks)
    blocks.append(bullets(entries, ordered=True))
    blocks.append(Paragraph.of(Run(t("convention.annexes.minutes"), bold=True)))
    rows = _minutes_rows(project, contents)
    if rows:
        header = [t("convention.annexes.col_workshop"), t("convention.annexes.col_date"), t("convention.annexes.col_parts")]
        blocks.append(table(header, rows))
    else:
        blocks.append(Paragraph.of(Run(t("convention.annexes.no_minutes"), italic=True)))
    return blocks


def _register_entry(project: Project, date: str) -> str:
    from workshop.proposals import proposals

    every = proposals(project)
    if not every:
        return t("convention.annexes.register_empty")
    retained = sum(1 for p in every if p.retained)
    return t("convention.annexes.register", count=len(every), retained=retained, date=date)


def _minutes_rows(project: Project, contents: dict[Part, list[PartContent]]) -> list[list[str]]:
    """One row per workshop that produced a part: its minutes are annexed."""
    from workshop.minutes.typography import long_date

    parts_of: dict[int, list[str]] = {}
    items = _items_by_id(project)
    for part in Part:
        for content in contents[part]:
            for item_id in content.sources:
                item = items.get(item_id)
                if item is None:
                    continue
                label = t(f"convention.part.{part.value}")
                listed = parts_of.setdefault(item.workshop_id, [])
                if label not in listed:
                    listed.append(label)
    rows = []
    for workshop in project.workshops():
        if workshop.id in parts_of:
            rows.append([workshop.title, long_date(workshop.date) if workshop.date else "—", ", ".join(parts_of[workshop.id])])
    return rows


def _items_by_id(project: Project) -> dict[int, AgendaItem]:
    found: dict[int, AgendaItem] = {}
    for workshop in project.workshops():
        for item in project.agenda(workshop.id):
            found[item.id] = item
    return found


def _source_workshops(project: Project, contents: dict[Part, list[PartContent]]) -> list[Workshop]:
    items = _items_by_id(project)
    ids = {items[i].workshop_id for part in contents.values() for c in part for i in c.sources if i in items}
    return [w for w in project.workshops() if w.id in ids]


def workshop_label(workshop: Workshop) -> str:
    """« Atelier 1 » du 12/10/2026: a workshop as the documents name it."""
    from workshop.minutes.typography import long_date

    if workshop.date:
        return t("convention.workshop_dated", title=workshop.title, date=long_date(workshop.date))
    return t("convention.workshop_undated", title=workshop.title)


def _signatures(project: Project) -> list[Block]:
    members = [s for s in project.structures() if s.member]
    blocks: list[Block] = [Heading(1, t("convention.signatures.heading"))]
    blocks.append(Paragraph.of(t("convention.signatures.place", copies=max(len(members), 1))))
    if members:
        header = [t("convention.col_party"), t("convention.signatures.col_signatory"), t("convention.signatures.col_signature")]
        blocks.append(table(header, [[s.name, SIGNATURE_SPACE, SIGNATURE_SPACE] for s in members]))
    return blocks

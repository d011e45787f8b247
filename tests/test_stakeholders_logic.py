"""Stakeholders to mobilise: listing, characterising, the map, and joining the project."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exercises import stakeholders, stakeholders_sheet
from exercises.stakeholders import Category, Quadrant, Step, Support
from exercises.stakeholders_map import cell_width_for, text_map
from exercises.stakeholders_minutes import minutes_blocks
from exercises.stakeholders_sheet import Sheet
from workshop.errors import ValidationError
from workshop.minutes.blocks import BulletList, Heading, Table
from workshop.model import StructureKind
from workshop.project import Project
from workshop.rounds import contribute, finish_turn


@pytest.fixture
def item(project: Project) -> int:
    jardins = project.add_structure("Les Jardins", StructureKind.ASSOCIATION)
    ehpad = project.add_structure("EHPAD Les Tilleuls", StructureKind.ESTABLISHMENT)
    project.add_structure("Conseil départemental", StructureKind.FUNDER, member=False)
    project.set_promoter(jardins.id)
    project.add_participant("Zoé Martin", jardins.id)
    project.add_participant("Marc Lefèvre", ehpad.id)
    workshop = project.add_workshop("Atelier 1", "2026-10-12")
    return project.add_agenda_item(workshop.id, "stakeholders", "Qui mobiliser ?").id


def _named(project: Project, item_id: int, name: str) -> stakeholders.Stakeholder:
    structures = stakeholders.structures_by_id(project)
    return next(s for s in stakeholders.load(project, item_id).stakeholders if stakeholders.display_name(s, structures) == name)


def test_the_project_structures_join_the_list_once_with_their_category(project: Project, item: int) -> None:
    assert stakeholders.import_structures(project, item) == 3
    assert stakeholders.import_structures(project, item) == 0
    state = stakeholders.load(project, item)
    assert [(s.name, s.category) for s in state.stakeholders] == [
        ("EHPAD Les Tilleuls", "member"),
        ("Les Jardins", "member"),
        ("Conseil départemental", "external"),
    ]
    assert all(s.structure_id for s in state.stakeholders)


def test_a_potential_partner_typed_first_is_linked_when_it_joins_the_project(project: Project, item: int) -> None:
    stakeholders.add_stakeholder(project, item, "CAF de l'Essonne")
    caf = project.add_structure("caf de l'ESSONNE", StructureKind.FUNDER, member=False)
    stakeholders.import_structures(project, item)
    state = stakeholders.load(project, item)
    linked = [s for s in state.stakeholders if s.structure_id == caf.id]
    assert len(linked) == 1 and linked[0].category == Category.EXTERNAL
    assert len(state.stakeholders) == 4


def test_adding_refuses_empty_duplicate_and_project_categories(project: Project, item: int) -> None:
    stakeholders.import_structures(project, item)
    with pytest.raises(ValidationError, match="name_empty"):
        stakeholders.add_stakeholder(project, item, "   ")
    with pytest.raises(ValidationError, match="duplicate"):
        stakeholders.add_stakeholder(project, item, "ehpad les  TILLEULS")
    with pytest.raises(ValidationError, match="use_structures"):
        stakeholders.add_stakeholder(project, item, "Nouvelle", Category.MEMBER)
    with pytest.raises(ValidationError, match="name_too_long"):
        stakeholders.add_stakeholder(project, item, "x" * 121)


def test_the_names_round_adds_each_name_once_with_why_and_who_said_it(project: Project, item: int) -> None:
    started = stakeholders.start_names_round(project, item)
    said = {
        started.voters[0]: ["CAF : finance les familles", "Lycée du Val"],
        started.voters[1]: ["caf", "Vélo Solidaire — transporte les aînés"],
    }
    for voter in started.voters:
        for text in said[voter]:
            contribute(project, started.id, voter, text)
        finish_turn(project, started.id, voter)
    state = stakeholders.collect_names(project, item, started.id)
    assert [(s.name, s.stakes) for s in state.stakeholders] == [
        ("CAF", "finance les familles"),
        ("Lycée du Val", ""),
        ("Vélo Solidaire", "transporte les aînés"),
    ]
    assert sorted(state.stakeholders[0].proposed_by) == sorted(started.voters)
    # Collecting again (a screen coming back twice, a restart) changes nothing.
    stakeholders_sheet.describe(project, item, state.stakeholders[0].id, replace(Sheet.of(state.stakeholders[0], {}), stakes="Revu ensemble"))
    settled = stakeholders.load(project, item)
    assert stakeholders.collect_names(project, item, started.id) == settled
    assert stakeholders.collect_pending(project, item) == settled and settled.collected_rounds == [started.id]


def test_a_long_contribution_is_cut_at_a_word_and_kept_whole_as_why() -> None:
    text = "Association " + "très " * 40 + "longue"
    name, why = stakeholders.split_contribution(text)
    assert len(name) <= stakeholders.MAX_NAME and name.endswith("très…")
    assert why.startswith("Association très") and why.endswith("longue")


def test_a_sheet_is_saved_whole_or_not_at_all(project: Project, item: int) -> None:
    caf = stakeholders.add_stakeholder(project, item, "CAF")
    sheet = Sheet("CAF", StructureKind.FUNDER.value, "La vie sociale", "", "Un partenariat", (Support.FINANCIAL.value,), motivation=3, contribution=5)
    with pytest.raises(ValidationError, match="text_too_long"):
        stakeholders_sheet.describe(project, item, caf.id, replace(sheet, contact="x" * 1001))
    assert stakeholders.load(project, item).stakeholder(caf.id).stakes == ""
    with pytest.raises(ValidationError, match="rating"):
        stakeholders_sheet.describe(project, item, caf.id, replace(sheet, motivation=6))
    saved = stakeholders_sheet.describe(project, item, caf.id, sheet)
    assert (saved.stakes, saved.supports, saved.motivation, saved.contribution, saved.kind) == ("La vie sociale", ["financial"], 3, 5, "funder")


def test_renaming_a_project_structure_from_its_sheet_renames_it_everywhere(project: Project, item: int) -> None:
    stakeholders.import_structures(project, item)
    ehpad = _named(project, item, "EHPAD Les Tilleuls")
    sheet = Sheet.of(ehpad, stakeholders.structures_by_id(project))
    stakeholders_sheet.describe(project, item, ehpad.id, replace(sheet, name="EHPAD des Tilleuls"))
    assert project.structure(ehpad.structure_id).name == "EHPAD des Tilleuls"
    with pytest.raises(ValidationError, match="duplicate"):
        stakeholders_sheet.describe(project, item, ehpad.id, replace(sheet, name="Les Jardins"))
    assert project.structure(ehpad.structure_id).name == "EHPAD des Tilleuls"


def test_ratings_move_one_step_and_stay_between_unrated_and_five(project: Project, item: int) -> None:
    caf = stakeholders.add_stakeholder(project, item, "CAF")
    assert stakeholders_sheet.nudge(project, item, caf.id, "motivation", -1).motivation == 0
    for _ in range(7):
        stakeholders_sheet.nudge(project, item, caf.id, "contribution", 1)
    assert stakeholders.load(project, item).stakeholder(caf.id).contribution == 5


@pytest.mark.parametrize(
    ("motivation", "contribution", "where"),
    [(3, 3, Quadrant.ENGAGE), (2, 3, Quadrant.CONVINCE), (3, 2, Quadrant.ASSOCIATE), (2, 2, Quadrant.MONITOR), (5, 1, Quadrant.ASSOCIATE), (0, 4, None)],
)
def test_the_map_reads_high_from_three(motivation: int, contribution: int, where: Quadrant | None) -> None:
    someone = stakeholders.Stakeholder(1, "X", motivation=motivation, contribution=contribution)
    assert stakeholders.quadrant(someone) == where


def test_adding_as_a_structure_needs_to_mobilise_and_never_duplicates(project: Project, item: int) -> None:
    caf = stakeholders.add_stakeholder(project, item, "CAF", kind=StructureKind.FUNDER)
    with pytest.raises(ValidationError, match="not_to_mobilise"):
        stakeholders_sheet.add_as_structure(project, item, caf.id)
    stakeholders_sheet.set_mobilise(project, item, caf.id, True)
    added = stakeholders_sheet.add_as_structure(project, item, caf.id)
    assert not added.existed and not added.structure.member and added.structure.kind == "funder"
    state = stakeholders.load(project, item)
    assert state.stakeholder(caf.id).structure_id == added.structure.id and state.stakeholder(caf.id).category == Category.EXTERNAL
    with pytest.raises(ValidationError, match="already_structure"):
        stakeholders_sheet.add_as_structure(project, item, caf.id)
    # A stakeholder named like a structure already in the project is linked to it.
    again = stakeholders.add_stakeholder(project, item, "Conseil Departemental")
    stakeholders_sheet.set_mobilise(project, item, again.id, True)
    linked = stakeholders_sheet.add_as_structure(project, item, again.id)
    assert linked.existed and linked.structure.name == "Conseil départemental"
    assert len(project.structures()) == 4


def _placed(project: Project, item: int, ratings: dict[str, tuple[int, int]]) -> stakeholders.StakeholdersState:
    for name, (motivation, contribution) in ratings.items():
        added = stakeholders.add_stakeholder(project, item, name)
        stakeholders_sheet.rate(project, item, added.id, motivation, contribution)
    return stakeholders.load(project, item)


def test_the_text_map_places_each_number_on_its_row_and_column(project: Project, item: int) -> None:
    state = _placed(project, item, {"A": (5, 1), "B": (1, 5), "C": (3, 4), "D": (0, 2)})
    cell = 7
    picture = text_map(state, cell)
    lines = picture.lines
    row_of = {m: next(i for i, line in enumerate(lines) if line.startswith(f"{m:>3}  │")) for m in range(1, 6)}
    # The first cell starts after "  5  │"; the columns of 3 and more after the middle bar.
    first_cell = 6

    def column_start(contribution: int) -> int:
        return first_cell + (contribution - 1) * cell + (1 if contribution >= 3 else 0)

    for name, (motivation, contribution) in {"A": (5, 1), "B": (1, 5), "C": (3, 4)}.items():
        number = str(state.number(next(s.id for s in state.stakeholders if s.name == name)))
        line = lines[row_of[motivation]]
        start = column_start(contribution)
        assert line[start : start + len(number)] == number, (name, line)
    assert not any(m.stakeholder_id == state.stakeholders[3].id for m in picture.marks)  # D is not rated
    for mark in picture.marks:
        assert lines[mark.line][mark.start : mark.end] == str(state.number(mark.stakeholder_id))


def test_the_text_map_fits_the_screen_and_sums_up_a_crowded_cell(project: Project, item: int) -> None:
    state = _placed(project, item, {f"Partenaire {n}": (4, 4) for n in range(1, 13)})
    for width in (80, 120, 200):
        picture = text_map(state, cell_width_for(width - 34))
        assert picture.width <= width - 34
    picture = text_map(state, 7)
    crowded = next(line for line in picture.lines if line.startswith("  4  │"))
    assert "+" in crowded  # not every number fits: the rest is counted
    shown = {m.stakeholder_id for m in picture.marks}
    hidden = len(state.stakeholders) - len(shown)
    assert f"+{hidden}" in crowded
    # On a tall screen each motivation has three lines: the crowded cell wraps and shows everyone.
    tall = text_map(state, 14, row_height=3)
    assert len(tall.lines) == len(text_map(state, 14).lines) + 2 * 5
    assert {m.stakeholder_id for m in tall.marks} == {s.id for s in state.stakeholders}
    assert not any("+" in line for line in tall.lines)
    for mark in tall.marks:
        assert tall.lines[mark.line][mark.start : mark.end] == str(state.number(mark.stakeholder_id))


def test_minutes_place_the_names_on_the_grid_and_read_it(project: Project, item: int) -> None:
    state = _placed(project, item, {"[b]CAF[/b] | #1": (5, 5), "Lycée": (1, 2)})
    stakeholders_sheet.set_mobilise(project, item, state.stakeholders[0].id, True)
    blocks = minutes_blocks(project, stakeholders.load(project, item))
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    grid_at = headings.index("Carte : motivation et contribution possible")
    grid = [b for b in blocks if isinstance(b, Table) and b.header[0].startswith("Motivation")][0]
    assert grid_at >= 0 and [row[0] for row in grid.rows] == ["5", "4", "3", "2", "1"]
    assert grid.rows[0][5] == "[b]CAF[/b] | #1 ★"  # motivation 5, contribution 5, literal, marked
    assert grid.rows[4][2] == "Lycée"
    readings = next(b for b in blocks if isinstance(b, BulletList) and any(i.startswith("À impliquer") for i in b.items))
    assert "À impliquer : [b]CAF[/b] | #1 ★" in readings.items and "À suivre : Lycée" in readings.items


def test_the_step_is_saved_for_a_restart(project: Project, item: int) -> None:
    stakeholders.set_step(project, item, Step.MAP)
    assert stakeholders.load(project, item).step == "map"
    with pytest.raises(ValueError):
        stakeholders.set_step(project, item, "nowhere")


def test_what_would_act_on_the_terminal_never_reaches_the_list(project: Project, item: int) -> None:
    added = stakeholders.add_stakeholder(project, item, "\x1b[31mCAF\u202e\x07 [b]")
    # Shown as their stand-ins (the core's text policy, workshop/text.py).
    assert added.name == "\u241b[31mCAF\ufffd\u2407 [b]"
    sheet = Sheet("CAF", "", stakes="ligne 1\nligne 2\x00")
    assert stakeholders_sheet.describe(project, item, added.id, sheet).stakes == "ligne 1 ligne 2\u2400"


def test_the_next_workshop_takes_up_the_list_with_its_sheets(demo_path) -> None:
    with Project.open(demo_path) as project:
        first, second = project.workshops()[:2]  # run in October, planned in December (then the workshop of the day)
        item = next(i.id for i in project.agenda(second.id) if i.kind == "stakeholders")
        before = stakeholders.load(project, next(i.id for i in project.agenda(first.id) if i.kind == "stakeholders"))
        carried = stakeholders.carry_over(project, item)
        assert carried.stakeholders == before.stakeholders and carried.item_id == item and carried.names_rounds == []
        added = stakeholders.add_stakeholder(project, item, "Nouveau partenaire")
        assert added.id == before.next_id  # no id given twice
        with pytest.raises(ValidationError, match="carry_not_empty"):
            stakeholders.carry_over(project, item)

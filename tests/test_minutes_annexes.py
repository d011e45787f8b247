"""Long tables of a sequence go to the annexes, and every sentence that points there finds them.

The main part of a compte rendu is read in one sitting: a whole list of the
project (112 elements to secure) or every idea with who said it belongs in the
annexes, under the sequence's number, with a sentence in its place.
"""

from __future__ import annotations

import re
from pathlib import Path

from workshop.minutes.blocks import Heading, Notes, Paragraph, Table, table, table_lines
from workshop.minutes.builder import LONG_TABLE_LINES, build_minutes, move_long_tables
from workshop.minutes.command import latest_held
from workshop.minutes.snapshot import open_snapshot


def _rows(count: int) -> list[list[str]]:
    return [[str(n), f"Élément {n}"] for n in range(count)]


def test_a_long_table_under_a_heading_moves_with_what_the_heading_introduces() -> None:
    long = table(["N°", "Élément"], _rows(LONG_TABLE_LINES + 1))
    short = table(["N°", "Élément"], _rows(3))
    body = [
        Paragraph.of("Notes de l'animatrice."),
        short,
        Heading(3, "Qui a proposé quoi"),
        Paragraph.of("Chaque idée et qui l'a dite :"),
        long,
        Paragraph.of("55 idées."),
        Heading(3, "Comparaison"),
        short,
    ]
    kept, moved = move_long_tables(body, "B.2")
    assert kept[:3] == body[:3]  # what comes before stays, short tables too
    assert kept[3].text == "Le détail figure en annexe B.2."
    assert kept[4:] == body[6:]
    assert isinstance(moved[0], Heading) and (moved[0].level, moved[0].text) == (4, "Qui a proposé quoi : le détail")
    assert moved[1:] == body[3:6]


def test_a_long_table_without_a_heading_moves_with_its_introduction_and_its_caption_says_where() -> None:
    long = table(["N°", "Élément"], _rows(LONG_TABLE_LINES + 1), caption="La liste du projet")
    notes = Notes("Notes de l'animatrice.")
    intro, after = Paragraph.of("La liste ci-dessous est celle du projet."), Paragraph.of("112 éléments.")
    kept, moved = move_long_tables([notes, intro, long, after], "B.11")
    assert kept[0] == notes and kept[2] == after
    assert kept[1].text == "La liste du projet : en annexe B.11."
    assert moved == [intro, long]  # "ci-dessous" stays true
    # Straight after the notes, a table moves alone.
    assert move_long_tables([notes, long], "B.11")[1] == [long]


def test_lines_count_the_wrapped_text_and_the_lines_of_a_cell() -> None:
    assert table_lines(table(["a"], _rows(5))) == 5
    assert table_lines(table(["a", "b"], [["1", "x\ny\nz"]])) == 3  # a cell of three lines
    assert table_lines(table(["a", "b"], [["1", "mot " * 60]])) == 3  # 241 characters on ~95 a line
    nothing_long = [table(["a"], _rows(LONG_TABLE_LINES))]
    assert move_long_tables(nothing_long, "B.1") == (nothing_long, [])


def test_every_pointer_of_the_reference_minutes_finds_its_annex(reference_path: Path) -> None:
    project = open_snapshot(reference_path)
    workshop = latest_held(project, project.workshops())
    blocks = build_minutes(project, workshop)
    annexes = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1 and b.text == "Annexes")
    pointers = [
        m.group(1) for b in blocks[:annexes] if isinstance(b, Paragraph) for m in re.finditer(r"en annexe ([A-Z]\.\d+)\.", b.text)
    ]
    titles = [b.text for b in blocks[annexes:] if isinstance(b, Heading)]
    assert len(set(pointers)) >= 5  # the reference's securing list, roadmap, FFOM, matrix… went there
    for reference in pointers:
        assert any(title.startswith(f"{reference} — ") for title in titles), reference
    # Nothing long is left in the sequences, and the annex holds the long lists.
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == "Séquences")
    end = next(i for i, b in enumerate(blocks) if i > start and isinstance(b, Heading) and b.level == 1)
    assert all(table_lines(b) <= LONG_TABLE_LINES for b in blocks[start:end] if isinstance(b, Table))
    assert any(table_lines(b) > 100 for b in blocks[annexes:] if isinstance(b, Table))

"""Property-based: whatever people type, both exports succeed and keep the text.

Every user field gets arbitrary text (Markdown specials, table pipes, XML-forbidden
characters, lone surrogates, newlines, RTL, emoji). Both files must be written,
read back to the same outline as the description, and the Markdown must contain
no heading, list item or table row that the description does not have.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.minutes_structure import norm, outline_of_blocks, outline_of_docx, outline_of_markdown
from workshop.minutes.blocks import Heading, Paragraph, Run, bullets, table
from workshop.minutes.builder import build_minutes
from workshop.minutes.docx_writer import write_docx
from workshop.minutes.export import ExportTargets, export_minutes
from workshop.minutes.markdown_writer import render_markdown
from workshop.minutes.safe_text import REPLACEMENT, xml_safe
from workshop.model import Attendance
from workshop.project import Project

SPECIALS = "#*_`[]()<>|\\!-+=.~&:;\"' \t\n\r>1234567890"
NASTY = "\x00\x01\x08\x0b\x0c\x0e\x1f\ufffe\uffff\ud800\udfff\u202e\u2028\u00a0"
MARKDOWN_LINES = [
    "# heading", "## h2", "- item", "* item", "+ item", "1. one", "2) two", "> quote", "    code",
    "```", "---", "===", "| a | b |", "|---|---|", "<div>", "<script>alert(1)</script>", "[x](javascript:alert(1))",
    "![i](x.png)", "&amp;", "**bold**", "_it_", "\\", "[red]Zoé[/]", "[/", "[0]", "سلام", "🎉", "a|b",
]

text = st.one_of(
    st.text(alphabet=st.sampled_from(SPECIALS + NASTY + "aéZ🎉"), max_size=40),
    st.lists(st.sampled_from(MARKDOWN_LINES), min_size=1, max_size=4).map("\n".join),
    st.text(max_size=30),
)
# The project file cannot store lone surrogates (UTF-8 JSON); they can only come from a
# hand-edited file, tested separately below.
stored = text.map(lambda s: "".join(ch for ch in s if not "\ud800" <= ch <= "\udfff"))
name = stored.filter(lambda s: 0 < len(" ".join(s.replace("\x00", "").split())) <= 200)


def _contains(haystack: list[tuple[str, str]], needle: str) -> bool:
    wanted = norm(needle)
    return any(wanted in text for _, text in haystack)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    project_name=name,
    structure=name,
    person=name,
    title=name,
    place=stored,
    facilitator=stored,
    item=name,
    notes=stored,
    next_steps=stored,
)
def test_any_user_text_exports_safely(project_name, structure, person, title, place, facilitator, item, notes, next_steps) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with Project.create(root / "p.atelier", project_name) as project, project.batch():
            structure_id = project.add_structure(structure).id
            people = [project.add_participant(person, structure_id), project.add_participant(person + " 2", structure_id)]
            workshop = project.add_workshop(title, "2026-10-12", place, facilitator)
            project.update_workshop(workshop.id, next_steps=next_steps)
            project.set_attendance(workshop.id, people[1].id, Attendance.EXCUSED)
            agenda_item = project.add_agenda_item(workshop.id, "free", item, 20)
            project.update_agenda_item(agenda_item.id, notes=notes, actual_seconds=1300.0)
        with Project.open(root / "p.atelier") as project:
            workshop = project.workshops()[0]
            blocks = build_minutes(project, workshop)
            # The values as the core stored them (names are trimmed to one line).
            stored_fields = [project.name, workshop.title, workshop.place, workshop.facilitator]
            stored_fields += [project.agenda(workshop.id)[0].title, project.structures()[0].name]
            stored_fields += [p.name for p in project.participants()]
            targets = ExportTargets(root / "cr.docx", root / "cr.md")
            export_minutes(project, workshop, targets)

        expected = outline_of_blocks(blocks)
        from_md = outline_of_markdown(targets.markdown.read_text(encoding="utf-8"))
        from_docx = outline_of_docx(targets.docx)
        # Same structure everywhere: nothing typed became a heading, a list item or a table row.
        assert from_md == expected
        assert from_docx == expected
        # The literal fields are kept, forbidden characters replaced visibly.
        for field in stored_fields:
            if norm(field):
                assert _contains(from_md, field), field
                assert _contains(from_docx, field), field
        assert not any(ch in targets.markdown.read_text(encoding="utf-8") for ch in "\x00\x01\x0b\ufffe")


@settings(max_examples=60, deadline=None)
@given(
    heading=text,
    runs=st.lists(st.tuples(text, st.booleans(), st.booleans()), max_size=4),
    items=st.lists(text, max_size=4),
    ordered=st.booleans(),
    header=st.lists(text, min_size=1, max_size=4),
    rows=st.lists(st.lists(text, max_size=5), max_size=4),
)
def test_literal_blocks_stay_literal(heading, runs, items, ordered, header, rows) -> None:
    blocks = [
        Heading(1, heading),
        Paragraph(tuple(Run(t_, bold=b, italic=i) for t_, b, i in runs)),
        bullets([i for i in items if norm(i)], ordered),
        table(header, rows),
        Paragraph.of("fin"),
    ]
    markdown = render_markdown(blocks)
    buffer = io.BytesIO()
    write_docx(blocks, buffer)
    expected = outline_of_blocks(blocks)
    assert outline_of_markdown(markdown) == expected
    with tempfile.NamedTemporaryFile(suffix=".docx") as handle:
        handle.write(buffer.getvalue())
        handle.flush()
        assert outline_of_docx(Path(handle.name)) == expected


def test_forbidden_characters_are_replaced_visibly() -> None:
    assert xml_safe("a\x00b\x0bc\ud800d\uffff") == f"a{REPLACEMENT}b{REPLACEMENT}c{REPLACEMENT}d{REPLACEMENT}"
    assert xml_safe("tab\tok\r\nline") == "tab\tok\nline"
    assert xml_safe("🎉 é") == "🎉 é"


def test_very_long_texts_and_large_tables_export(tmp_path: Path) -> None:
    long_text = ("Une très longue contribution | avec des # et des * " * 4000) + "fin"
    rows = [[f"ligne {i}", long_text[:200], "x|y\nz"] for i in range(3000)]
    blocks = [Heading(0, "Grand"), Paragraph.of(long_text), table(["a", "b", "c"], rows)]
    export_targets = ExportTargets(tmp_path / "big.docx", tmp_path / "big.md")
    from workshop.minutes.export import write_blocks

    write_blocks(blocks, export_targets)
    outline = outline_of_markdown(export_targets.markdown.read_text(encoding="utf-8"))
    assert outline == outline_of_blocks(blocks)
    assert len(outline_of_docx(export_targets.docx)) == 3


def test_lone_surrogates_from_a_hand_edited_file_are_replaced(demo_path: Path, tmp_path: Path) -> None:
    raw = demo_path.read_text(encoding="utf-8").replace("Poser les fondations", "Poser \\ud800 les fondations")
    demo_path.write_text(raw, encoding="utf-8")
    from workshop.minutes.snapshot import open_snapshot

    project = open_snapshot(demo_path)
    workshop = project.workshops()[0]
    assert workshop.title == f"Atelier 1 — Poser {REPLACEMENT} les fondations"  # replaced when read (workshop.text)
    targets = ExportTargets(tmp_path / "cr.docx", tmp_path / "cr.md")
    export_minutes(project, workshop, targets)
    assert f"Poser {REPLACEMENT} les fondations" in targets.markdown.read_text(encoding="utf-8")
    assert any(f"Poser {REPLACEMENT} les fondations" in text for _, text in outline_of_docx(targets.docx))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \n\u00a0abcXYZ0129.,;:'\"()?/é🎉-=+", max_size=80))
def test_plain_notes_need_no_parser_and_read_the_same(notes: str) -> None:
    from hypothesis import assume

    from workshop.minutes.notes import _MAYBE_MARKDOWN, _Converter, _parser, _plain_paragraphs

    assume(notes.strip() and not _MAYBE_MARKDOWN.search(notes))
    assert _plain_paragraphs(notes) == _Converter(0).convert(_parser().parse(notes))


markdownish = st.lists(
    st.one_of(
        st.sampled_from(MARKDOWN_LINES + ["", "  - nested", "   1. deep", "**a** *b* `c` [d](https://e.f/g)", "x  ", "[rel](docs/a.md)"]),
        text,
    ),
    max_size=8,
).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(notes=markdownish, level=st.integers(min_value=0, max_value=5))
def test_facilitator_notes_render_alike_in_both_formats(notes: str, level: int) -> None:
    from workshop.minutes.blocks import Notes

    blocks = [Heading(level, "Séquence"), Notes(notes), Paragraph.of("fin")]
    expected = outline_of_blocks(blocks)
    assert outline_of_markdown(render_markdown(blocks)) == expected
    buffer = io.BytesIO()
    write_docx(blocks, buffer)
    with tempfile.NamedTemporaryFile(suffix=".docx") as handle:
        handle.write(buffer.getvalue())
        handle.flush()
        assert outline_of_docx(Path(handle.name)) == expected


def test_a_line_of_unicode_spaces_leaves_no_stray_backslash() -> None:
    # Found by hypothesis: "0\r\xa0" made a hard break at the end of the item,
    # which Markdown shows as a literal backslash.
    markdown = render_markdown([bullets(["0\r\xa0"]), Paragraph.of("fin")])
    assert outline_of_markdown(markdown)[0] == ("ul", "0")

"""French typography, one date format per language, emphasis that closes where it should, headings that say what they are about."""

from __future__ import annotations

from tests.minutes_structure import outline_of_markdown
from workshop.i18n import set_language
from workshop.minutes.blocks import Heading, Notes, Paragraph, Run, Table, table
from workshop.minutes.builder import unique_headings
from workshop.minutes.markdown_writer import render_markdown
from workshop.minutes.typography import NBSP, long_date, typeset


def test_french_puts_no_break_spaces_before_the_high_signs_and_inside_guillemets() -> None:
    [paragraph, cells, notes] = typeset(
        [
            Paragraph.of(Run("Lieu : ", bold=True), "« Salle » ; 60 % ! Quoi ? (voir « ici »)"),
            table(["Part"], [["13 %"]], caption="Résultats (points) :"),
            Notes("Un point : `a : b` reste du code"),
        ],
        "fr",
    )
    assert paragraph.text == f"Lieu{NBSP}: «{NBSP}Salle{NBSP}»{NBSP}; 60{NBSP}%{NBSP}! Quoi{NBSP}? (voir «{NBSP}ici{NBSP}»)"
    assert cells.rows == ((f"13{NBSP}%",),) and cells.caption == f"Résultats (points){NBSP}:"
    assert notes.markdown == f"Un point{NBSP}: `a : b` reste du code"
    # Only the kind of space changes: nothing is added where people wrote none, and English is left alone.
    assert typeset([Paragraph.of("09:30 http://x.org/a?b=1")], "fr")[0].text == "09:30 http://x.org/a?b=1"
    assert typeset([Paragraph.of("Place : here")], "en")[0].text == "Place : here"


def test_one_date_format_per_language() -> None:
    assert long_date("2027-09-21") == "21 septembre 2027"
    assert long_date("2027-09-01") == "1er septembre 2027"
    set_language("en")
    assert long_date("2027-09-01") == "1 September 2027"
    assert long_date("not a date") == "not a date" and long_date("") == ""


def test_emphasis_closes_after_the_percent_sign() -> None:
    blocks = typeset([Paragraph.of(Run("Engagement tenu : 81 % ≥ 60 %", bold=True)), Paragraph.of(Run("(à voir)", italic=True), "suite")], "fr")
    markdown = render_markdown(blocks)
    assert f"**Engagement tenu{NBSP}: 81{NBSP}% ≥ 60{NBSP}%**" in markdown
    # Before a letter a closing mark after punctuation would not close: the punctuation stays outside.
    assert "*(à voir*)suite" in markdown
    assert outline_of_markdown(markdown) == [("p", "Engagement tenu : 81 % ≥ 60 %"), ("p", "(à voir)suite")]


def test_markdown_cells_hold_no_html() -> None:
    markdown = render_markdown([Table(("Présent·e·s",), (("Ana (Direction)\nBruno",),))])
    assert "<br>" not in markdown and "| Ana (Direction) Bruno |" in markdown


def test_repeated_headings_say_which_part_they_belong_to() -> None:
    blocks = unique_headings(
        [
            Heading(2, "1. Valeurs"),
            Heading(3, "Valeurs retenues"),
            Heading(2, "4. Valeurs encore"),
            Heading(3, "Valeurs retenues"),
            Heading(3, "Valeurs retenues"),
        ]
    )
    assert [b.text for b in blocks] == ["1. Valeurs", "Valeurs retenues", "4. Valeurs encore", "Valeurs retenues — 4. Valeurs encore", "Valeurs retenues — 4. Valeurs encore (2)"]

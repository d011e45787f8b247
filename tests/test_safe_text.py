"""What people type, made safe for XML and Markdown: each rule on its own, with the
expected text written out by hand (the property tests of the minutes check the
round trip through a Markdown parser)."""

from __future__ import annotations

import pytest

from workshop.minutes.safe_text import (
    md_cell,
    md_inline,
    md_line,
    md_line_start,
    md_lines,
    md_one_line,
    md_paragraph,
    xml_safe,
)

R = "\ufffd"


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1f", "\ufffe", "\uffff", "\ud800", "\udbff", "\udfff"])
def test_what_xml_forbids_becomes_a_visible_replacement(char: str) -> None:
    assert xml_safe(f"a{char}b") == f"a{R}b"


@pytest.mark.parametrize("char", ["\t", "\n", " ", "\x7f", "é", "\ud7ff", "\ue000", "\ufffd", "\U0001f600"])
def test_what_xml_allows_is_kept(char: str) -> None:
    assert xml_safe(f"a{char}b") == f"a{char}b"


def test_every_newline_becomes_one_line_feed() -> None:
    assert xml_safe("a\r\nb\rc\nd\r\n\r\ne") == "a\nb\nc\nd\n\ne"


@pytest.mark.parametrize("char", list("\\`*_[]<>|~!&#"))
def test_each_inline_special_is_escaped(char: str) -> None:
    assert md_inline(f"a{char}b") == f"a\\{char}b"


def test_ordinary_punctuation_stays_as_typed() -> None:
    text = "Prix : 3.5 € (env.) - 20 % + 1 = 2, « oui » ; l'an 2031 ?"
    assert md_inline(text) == text
    assert md_inline("**gras** et [lien](x)") == "\\*\\*gras\\*\\* et \\[lien\\](x)"


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("- pas une liste", "\\- pas une liste"),
        ("+ non plus", "\\+ non plus"),
        ("=====", "\\====="),
        ("---", "\\---"),
        ("12. pas une liste numérotée", "12\\. pas une liste numérotée"),
        ("3) non plus", "3\\) non plus"),
        ("# pas un titre", "\\# pas un titre"),
        ("> pas une citation", "\\> pas une citation"),
        ("    du code ? non", "du code ? non"),
        ("\t\t- tabulé", "\\- tabulé"),
        ("fin  \t", "fin"),
        ("2031 est loin", "2031 est loin"),
        ("a - b = c", "a - b = c"),
        ("1.5 point", "1\\.5 point"),  # escaped though no list follows: read the same
    ],
)
def test_a_line_never_opens_a_block(typed: str, written: str) -> None:
    assert md_line(typed) == written


def test_the_line_start_rule_only_looks_at_the_start() -> None:
    assert md_line_start("x 1. y - z") == "x 1. y - z"
    assert md_line_start("1. y") == "1\\. y"
    assert md_line_start("-1") == "\\-1"


def test_lines_drop_blank_ones_and_escape_each() -> None:
    assert md_lines("- a\r\n\r\n   \n2. b\r") == ["\\- a", "2\\. b"]
    assert md_lines("") == []


def test_a_paragraph_keeps_its_line_breaks_as_hard_breaks() -> None:
    assert md_paragraph("un\n- deux\n\ntrois") == "un\\\n\\- deux\\\ntrois"
    assert md_paragraph("un\ndeux", continuation="   ") == "un\\\n   deux"
    assert md_paragraph("seul") == "seul"


def test_a_heading_and_a_cell_are_one_line() -> None:
    assert md_one_line("  Titre\n# sur\tdeux  lignes ") == "Titre \\# sur deux lignes"
    assert md_cell("a|b\r\nc\x00") == f"a\\|b c{R}"
    assert md_cell(" x ") == "x"


def test_only_blanks_and_tabs_are_trimmed() -> None:
    # A no-break space neither indents a Markdown line nor opens a block: kept as typed.
    assert md_line("\u00a0- tiret après une espace insécable") == "\u00a0- tiret après une espace insécable"
    assert md_line("XXL taille X") == "XXL taille X"

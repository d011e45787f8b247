"""Typed text that starts like Markdown stays text in the Markdown minutes.

A line typed by a participant can begin with what opens a block in CommonMark:
`#`, `=` or `-` under a line (a heading), `- `, `+ `, `1.`, `1)` (a list), `>`
(a quote), four blanks (a code block), ``` (a fence), `|` (a table row), `<div>`
(raw HTML). Random text reaches those prefixes too rarely (a run of 40–60
examples missed a broken `=` escape four times out of four), so the strategies
here put a dangerous prefix at the start of every line and vary the rest.

Each check renders the text the way the minutes do, parses it back with a
CommonMark parser and asks that the reader sees the typed text, in the block it
was given, and nothing else.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from workshop.minutes.blocks import Paragraph, bullets
from workshop.minutes.markdown_writer import render_markdown
from workshop.minutes.safe_text import md_line, md_one_line, md_paragraph

# What opens a block at the start of a line, alone or followed by a blank.
PREFIXES = [
    "#", "##", "######", "=", "==", "===", "-", "--", "---", "- ", "+", "+ ", "*", "* ", "**", "***", "_", "___",
    "1.", "1. ", "2)", "12.", "123456789.", ">", "> ", "|", "| a |", "```", "~~~", "<div>", "<!--", "<script>",
    " ", "  ", "   ", "    ", "     ", "\t", " \t", "    - ", "  = ", "\t#", "[x]: /a", "![i](x)", "\\", "&amp;",
]
REST = st.text(alphabet="ab =-+*#>|`~_.)1\t\\", max_size=12)
dangerous_line = st.tuples(st.sampled_from(PREFIXES), REST).map("".join).filter(lambda s: s.strip())
dangerous_lines = st.lists(dangerous_line, min_size=1, max_size=4).map("\n".join)


def _parse(markdown: str) -> list:
    return MarkdownIt("commonmark").enable("table").parse(markdown)


def _text(inline) -> str:
    """What a reader sees of an inline token: its text, line breaks as spaces."""
    parts = []
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        else:
            parts.append(f"<{child.type}>")  # emphasis, link, HTML: not what was typed
    return "".join(parts)


def _blocks(markdown: str) -> list[tuple[str, str]]:
    """The document as (block kind, text) pairs: paragraph, list item, heading, code...

    A paragraph inside a list item reads as the item; any other block keeps its
    own kind, so a heading, a quote or a code block made of typed text shows up."""
    out: list[tuple[str, str]] = []
    kinds: list[str] = []
    for token in _parse(markdown):
        if token.type.endswith("_open") and token.type != "paragraph_open":
            kinds.append(token.type[: -len("_open")])
        elif token.type.endswith("_close") and token.type != "paragraph_close":
            kinds.pop()
        elif token.type == "inline":
            out.append((kinds[-1] if kinds else "paragraph", _text(token)))
        elif token.type in ("fence", "code_block", "html_block", "hr"):
            out.append((token.type, token.content))
    return out


def _words(text: str) -> str:
    return " ".join(text.split())


def _lines(text: str) -> list[str]:
    return [_words(line) for line in text.split("\n") if line.strip()]


@settings(max_examples=300, deadline=None)
@given(dangerous_line)
def test_a_line_that_starts_like_markdown_is_one_paragraph(line: str) -> None:
    markdown = md_line(line)
    assert _blocks(markdown) == [("paragraph", line.strip(" \t"))]
    # Under another line, `=` and `-` would make it a heading: still one paragraph.
    assert _blocks("Avant\\\n" + markdown) == [("paragraph", "Avant " + line.strip(" \t"))]


@settings(max_examples=300, deadline=None)
@given(dangerous_lines)
def test_lines_that_start_like_markdown_stay_one_paragraph(text: str) -> None:
    assert _blocks(md_paragraph(text)) == [("paragraph", " ".join(line.strip(" \t") for line in text.split("\n")))]


@settings(max_examples=300, deadline=None)
@given(st.lists(dangerous_lines, min_size=1, max_size=3))
def test_list_items_that_start_like_markdown_stay_list_items(items: list[str]) -> None:
    markdown = render_markdown([bullets(items), Paragraph.of("fin")])
    expected = [("list_item", " ".join(line.strip(" \t") for line in item.split("\n"))) for item in items]
    assert _blocks(markdown) == [*expected, ("paragraph", "fin")]


@settings(max_examples=300, deadline=None)
@given(dangerous_lines)
def test_paragraphs_that_start_like_markdown_stay_paragraphs(text: str) -> None:
    markdown = render_markdown([Paragraph.of("Avant"), Paragraph.of(text), Paragraph.of("fin")])
    typed = " ".join(line.strip(" \t") for line in text.split("\n"))
    assert _blocks(markdown) == [("paragraph", "Avant"), ("paragraph", typed), ("paragraph", "fin")]


@settings(max_examples=200, deadline=None)
@given(dangerous_lines)
def test_a_heading_that_starts_like_markdown_is_one_heading(text: str) -> None:
    markdown = "## " + md_one_line(text)
    assert _blocks(markdown) == [("heading", _words(text))]


def test_the_known_breakages() -> None:
    """The examples the first property tests missed, kept by name."""
    assert _blocks("Avant\\\n" + md_line("=")) == [("paragraph", "Avant =")]
    assert _blocks("Avant\\\n" + md_line("---")) == [("paragraph", "Avant ---")]
    assert _blocks(render_markdown([bullets(["    \\*a"])])) == [("list_item", "\\*a")]
    assert md_line("    # titre") == "\\# titre"
    assert md_line("= x") == "\\= x"
    assert md_line("1) un") == "1\\) un"

"""Text people typed, made safe for XML and for Markdown.

`xml_safe` replaces what XML 1.0 forbids (control characters, U+FFFE, U+FFFF,
lone surrogates) with U+FFFD, visibly, so a stray byte never crashes an export.
The `md_*` functions escape literal text so that it stays text in Markdown: it
cannot open a heading, a list, a quote, a code block, a table row or a link.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NEWLINES = re.compile(r"\r\n?")

# Inline specials: emphasis, code, links, images, HTML, entities, tables, strikethrough.
_INLINE = re.compile(r"([\\`*_\[\]<>|~!&#])")
# What opens a block at the start of a line once inline specials are escaped:
# list markers (`-`, `+`, `1.`, `1)`), setext underlines (`=`, `-`), thematic breaks.
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")


def xml_safe(text: str) -> str:
    """`text` with forbidden characters replaced and newlines normalised to `\\n`."""
    text = _NEWLINES.sub("\n", text)
    return _FORBIDDEN.sub(REPLACEMENT, text)


def md_inline(text: str) -> str:
    """One line of literal text, escaped for use inside a Markdown line."""
    return _INLINE.sub(r"\\\1", text)


def md_line(text: str) -> str:
    """One line of literal text that starts a Markdown line (paragraph, list item)."""
    # Leading blanks would make an indented code block or a lazy continuation.
    return md_line_start(md_inline(text.strip(" \t")))


def md_line_start(escaped: str) -> str:
    """An already inline-escaped line, made safe to start a Markdown line."""
    return _LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", escaped)


def md_lines(text: str) -> list[str]:
    """Literal text as escaped Markdown lines, blank lines dropped."""
    return [md_line(line) for line in xml_safe(text).split("\n") if line.strip()]


def md_paragraph(text: str, continuation: str = "") -> str:
    """Literal (possibly multi-line) text as one Markdown paragraph with hard line breaks.

    `continuation` indents the following lines (inside a list item).
    """
    return ("\\\n" + continuation).join(md_lines(text))


def md_one_line(text: str) -> str:
    """Literal text squeezed onto one line, after a heading's `#`: newlines become spaces."""
    return md_inline(" ".join(xml_safe(text).split()))


def md_cell(text: str) -> str:
    """Literal text for a Markdown table cell: `|` escaped, on one line (no HTML: a
    line break inside a cell becomes a space, as plain-text readers would show it)."""
    return md_inline(" ".join(xml_safe(text).split()))

"""Reading one locale file (`workshop/locale/*.toml`) fast on the first start.

The catalog is parsed once per installation and then read from the user's cache
(`workshop/i18n.py`); the first start on a new machine pays the parse. `tomllib`
is pure Python and took about 60 ms for the 430 kB of locale files, a fifth of
what a bare Textual app needs to start. The locale files only use a small part of
TOML: comments, the `[fr]` and `[en]` tables, and `"key" = "string"` lines whose
string is a basic one (`"…"`) or a multi-line basic one without escapes
(`\"\"\"…\"\"\"`). That part is read here with one regular expression; a one-line
string with an escape is decoded by `json` when its escapes mean the same in both (`\\"`, `\\\\`, `\\n`, `\\t`, `\\uXXXX`).

Anything else in a file (another TOML form, an escape JSON reads differently, a
line this reader does not understand) sends the whole file to `tomllib`: the
result is always TOML's, only faster when the file keeps to the simple form.
`tests/test_catalog_file.py` checks both give the same tables for every file.
"""

from __future__ import annotations

import json
import re
from typing import Any

_TABLE = re.compile(r"^\[([A-Za-z_-]+)\][ \t]*$", re.MULTILINE)
_ENTRY = re.compile(
    r'^[ \t]*"([^"\\\x00-\x08\x0a-\x1f\x7f]*)"[ \t]*=[ \t]*'
    # (the strings' patterns are unrolled loops: a run of plain characters at a time)
    r'(?:"""([^"\\]*(?:(?:\\[^\n]|"(?!""))[^"\\]*)*)"""|"([^"\\\n]*(?:\\[^\n][^"\\\n]*)*)")'
    r'[ \t]*(?:#[^\n\x00-\x08\x0b-\x1f\x7f]*)?$',
    re.MULTILINE,
)
# What may stay once the tables and entries are taken out: blank lines and comments.
_REST = re.compile(r"(?:[ \t]*(?:#[^\n\x00-\x08\x0b-\x1f\x7f]*)?(?:\n|\Z))*\Z")
# Escapes that JSON and TOML basic strings read the same way.
# (TOML refuses a surrogate in `\\u`; JSON would accept it.)
_SAME_ESCAPES = re.compile(r'\\(?:["\\nt]|u(?![dD][89a-fA-F])[0-9A-Fa-f]{4})')
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class NotSimple(Exception):
    """The file uses more of TOML than the simple form: `tomllib` reads it."""


def read_locale(text: str) -> dict[str, Any]:
    """The tables of a locale file, as `tomllib.loads(text)` returns them."""
    try:
        return _read_simple(text)
    except NotSimple:
        import tomllib

        return tomllib.loads(text)


def _read_simple(text: str) -> dict[str, Any]:
    # The regular expressions do the scanning (in C); Python only looks at the
    # entries. [preamble, name, body, name, body, ...]
    parts = _TABLE.split(text)
    if not _REST.match(parts[0]):
        raise NotSimple
    tables: dict[str, Any] = {}
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        if name in tables or not _REST.match(_ENTRY.sub("", body)):
            raise NotSimple
        entries = _ENTRY.findall(body)
        table = tables[name] = {
            key: _string(long[1:] if long.startswith("\n") else long, multiline=True) if long else _string(short, multiline=False)
            for key, long, short in entries
        }
        if len(table) != len(entries):
            raise NotSimple  # a key given twice: TOML refuses the file
    return tables


def _string(body: str, *, multiline: bool) -> str:
    if _CONTROL.search(body) or "\r" in body:
        raise NotSimple
    if "\\" not in body:
        return body
    if multiline or "\\" in _SAME_ESCAPES.sub("", body):
        # A line-ending backslash, or an escape JSON reads otherwise.
        raise NotSimple
    decoded: str = json.loads(f'"{body}"')
    return decoded

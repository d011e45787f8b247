"""The catalog of every user-visible string, French by default, English on demand.

Strings live in `workshop/locale/*.toml` (one file per feature, so features do not
edit each other's files). Each file has a `[fr]` and an `[en]` table of
`key = "text with {placeholders}"`. Placeholders are filled with `str.format`,
which never re-reads the values it inserts: user text stays literal.
Screens must still display the result with `Content(...)` or `markup=False`.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

_language = DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    _language = language


def language() -> str:
    return _language


@cache
def catalog(lang: str) -> dict[str, str]:
    """All strings of one language, merged from every locale file."""
    merged: dict[str, str] = {}
    folder = resources.files("workshop") / "locale"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        for key, text in _flatten(data.get(lang, {})):
            merged[key] = text
    return merged


def _flatten(table: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for key, value in table.items():
        full = f"{prefix}{key}"
        if isinstance(value, dict):
            pairs.extend(_flatten(value, full + "."))
        else:
            pairs.append((full, str(value)))
    return pairs


def t(key: str, /, **params: Any) -> str:
    """The text for `key` in the current language, with `params` filled in."""
    text = catalog(_language).get(key)
    if text is None:
        text = catalog(DEFAULT_LANGUAGE).get(key, key)
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text

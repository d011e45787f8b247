"""Every locale file says everything in both languages, and placeholders match."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest

from workshop.i18n import LANGUAGES, _flatten

FILES = sorted(
    (entry for entry in (resources.files("workshop") / "locale").iterdir() if entry.name.endswith(".toml")),
    key=lambda entry: entry.name,
)
PLACEHOLDER = re.compile(r"\{(\w+)[^}]*\}|\$(\w+)")


@pytest.mark.parametrize("entry", FILES, ids=lambda e: e.name)
def test_same_keys_in_every_language(entry) -> None:  # entry: a Traversable
    data = tomllib.loads(entry.read_text(encoding="utf-8"))
    tables = {lang: dict(_flatten(data.get(lang, {}))) for lang in LANGUAGES}
    french = tables["fr"]
    assert french, f"{entry.name} has no [fr] table"
    for lang, table in tables.items():
        assert set(table) == set(french), f"{entry.name} [{lang}]: missing {set(french) - set(table)}, extra {set(table) - set(french)}"


@pytest.mark.parametrize("entry", FILES, ids=lambda e: e.name)
def test_same_placeholders_in_every_language(entry) -> None:
    data = tomllib.loads(entry.read_text(encoding="utf-8"))
    tables = {lang: dict(_flatten(data.get(lang, {}))) for lang in LANGUAGES}

    def names(text: str) -> set[str]:
        return {a or b for a, b in PLACEHOLDER.findall(text)}

    for key, text in tables["fr"].items():
        for lang in LANGUAGES:
            other = tables[lang].get(key)
            if other is not None:
                assert names(other) == names(text), f"{entry.name} {key} [{lang}]"


def test_no_key_is_defined_in_two_files() -> None:
    seen: dict[str, str] = {}
    for entry in FILES:
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        for key, _text in _flatten(data.get("fr", {})):
            assert key not in seen, f"{key} in both {seen[key]} and {entry.name}"
            seen[key] = entry.name

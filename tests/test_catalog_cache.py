"""The catalog's JSON cache (start-up speed) never serves stale strings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest

from workshop import i18n


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    i18n._catalogs.cache_clear()
    i18n.catalog.cache_clear()
    yield tmp_path
    i18n._catalogs.cache_clear()
    i18n.catalog.cache_clear()


def test_the_cache_holds_what_the_locale_files_say(cache_home: Path) -> None:
    parsed = i18n._catalogs()
    cached = list(cache_home.glob("atelier/catalog-*.json"))
    assert len(cached) == 1
    i18n._catalogs.cache_clear()
    assert i18n._catalogs() == parsed
    assert parsed["fr"]["home.heading"] and parsed["en"]["home.heading"]


def test_a_cache_from_other_locale_files_is_ignored(cache_home: Path) -> None:
    i18n._catalogs()
    cache_file = next(cache_home.glob("atelier/catalog-*.json"))
    content = json.loads(cache_file.read_text(encoding="utf-8"))
    content["stamp"][0][1] += 1  # as if a locale file had changed since
    content["catalogs"]["fr"]["home.heading"] = "périmé"
    cache_file.write_text(json.dumps(content), encoding="utf-8")
    i18n._catalogs.cache_clear()
    assert i18n._catalogs()["fr"]["home.heading"] != "périmé"
    cache_file.write_text("{broken", encoding="utf-8")
    i18n._catalogs.cache_clear()
    assert i18n._catalogs()["fr"]["home.heading"] != "périmé"

"""The catalog's cache (start-up speed) never serves stale strings."""

from __future__ import annotations

import marshal
from collections.abc import Iterator
from pathlib import Path

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
    cached = list(cache_home.glob("atelier/catalog-*.marshal"))
    assert len(cached) == 1
    i18n._catalogs.cache_clear()
    assert i18n._catalogs() == parsed
    assert parsed["fr"]["home.heading"] and parsed["en"]["home.heading"]


def test_a_cache_from_other_locale_files_is_ignored(cache_home: Path) -> None:
    i18n._catalogs()
    cache_file = next(cache_home.glob("atelier/catalog-*.marshal"))
    content = marshal.loads(cache_file.read_bytes())
    content["stamp"][1][1] += 1  # as if a locale file had changed since
    content["catalogs"]["fr"]["home.heading"] = "périmé"
    cache_file.write_bytes(marshal.dumps(content))
    i18n._catalogs.cache_clear()
    assert i18n._catalogs()["fr"]["home.heading"] != "périmé"
    cache_file.write_bytes(b"\xff{broken")
    i18n._catalogs.cache_clear()
    assert i18n._catalogs()["fr"]["home.heading"] != "périmé"


def test_a_cache_written_by_another_python_is_ignored(cache_home: Path) -> None:
    i18n._catalogs()
    cache_file = next(cache_home.glob("atelier/catalog-*.marshal"))
    content = marshal.loads(cache_file.read_bytes())
    content["stamp"][0] = "3.0.0 (another interpreter)"
    content["catalogs"]["fr"]["home.heading"] = "périmé"
    cache_file.write_bytes(marshal.dumps(content))
    i18n._catalogs.cache_clear()
    assert i18n._catalogs()["fr"]["home.heading"] != "périmé"

"""The catalog of every user-visible string, French by default, English on demand.

Strings live in `workshop/locale/*.toml` (one file per feature, so features do not
edit each other's files). Each file has a `[fr]` and an `[en]` table of
`key = "text with {placeholders}"`. Placeholders are filled with `str.format`,
which never re-reads the values it inserts: user text stays literal.
Screens must still display the result with `Content(...)` or `markup=False`.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from functools import cache
from pathlib import Path
from typing import Any

LOCALE_FOLDER = Path(__file__).with_name("locale")

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
    return _catalogs().get(lang, {})


@cache
def _catalogs() -> dict[str, dict[str, str]]:
    """Every language's strings.

    Parsing TOML is slow (pure Python) and every start-up needs the catalog, so
    the merged result is kept in the user's cache folder in `marshal` form (the
    format of Python's own bytecode cache: read in well under a millisecond, no
    module to import). It is used only while the locale files' names, sizes and
    dates, and the Python version, are unchanged.
    """
    entries = sorted(entry for entry in LOCALE_FOLDER.iterdir() if entry.name.endswith(".toml"))
    cache_file, stamp = _cache_of(entries)
    if cache_file is not None:
        try:
            cached = marshal.loads(cache_file.read_bytes())
            if cached["stamp"] == stamp:
                return cached["catalogs"]
        except (OSError, ValueError, EOFError, TypeError, KeyError):
            pass  # no cache yet, or one from other files: parse the files
    from workshop.catalog_file import read_locale

    merged: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for entry in entries:
        data = read_locale(entry.read_text(encoding="utf-8"))
        for lang in LANGUAGES:
            for key, text in _flatten(data.get(lang, {})):
                merged[lang][key] = text
    if cache_file is not None:
        _write_cache(cache_file, {"stamp": stamp, "catalogs": merged})
    return merged


def _cache_of(entries: list[Path]) -> tuple[Path | None, list[Any]]:
    try:
        stamp: list[Any] = [sys.version]
        for entry in entries:
            info = entry.stat()
            stamp.append([entry.name, info.st_size, info.st_mtime_ns])
        from platformdirs import user_cache_dir
    except (OSError, ImportError):
        return None, []  # no cache: the catalog is parsed each time
    # One cache per installation: several checkouts do not overwrite each other's.
    where = zlib.crc32(str(LOCALE_FOLDER).encode("utf-8"))
    return Path(user_cache_dir("atelier", appauthor=False)) / f"catalog-{where:08x}.marshal", stamp


def _write_cache(cache_file: Path, content: dict[str, Any]) -> None:
    import tempfile

    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_file.parent, prefix=".catalog-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(content))
        os.replace(tmp, cache_file)
    except OSError:
        pass  # no cache this time: the catalog is still right


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

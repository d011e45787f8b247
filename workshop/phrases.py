"""Text the app writes for people (a question it asks, a group it names), stored so it can be said in either language.

What a person types is stored as typed. What Atelier itself words is stored as a
phrase: a catalog key and its parameters, each parameter a literal text or a
phrase itself (`{"key": "apt.round.question_fear", "params": {"group": {"key":
"apt.group.directions"}}}`). `say` words a phrase in the current language, so
English minutes of a workshop run in French ask the questions in English.

Projects saved before phrases kept only the French (or English) wording:
`recognise` finds the catalog template it came from, in either language, and
gives back the phrase, so old projects are said in the other language too.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, TypeGuard

from workshop.i18n import LANGUAGES, catalog, t

Phrase = dict[str, Any]  # {"key": str, "params": {name: str | Phrase}}
_FIELD = re.compile(r"\{(\w+)(?::[^}]*)?\}")


def phrase(key: str, **params: str | Phrase) -> Phrase:
    return {"key": key, "params": params} if params else {"key": key}


def is_phrase(value: object) -> TypeGuard[Phrase]:
    return isinstance(value, dict) and isinstance(value.get("key"), str)


def say(value: str | Phrase | None) -> str:
    """A phrase worded in the current language; a plain text as it is."""
    if not is_phrase(value):
        return "" if value is None else str(value)
    params = {name: say(part) for name, part in (value.get("params") or {}).items()}
    return t(value["key"], **params)


@cache
def _pattern(key: str, lang: str) -> re.Pattern[str] | None:
    template = catalog(lang).get(key)
    if template is None:
        return None
    parts, last = [], 0
    for match in _FIELD.finditer(template):
        parts.append(re.escape(template[last : match.start()]))
        parts.append(f"(?P<{match.group(1)}>.+?)")
        last = match.end()
    parts.append(re.escape(template[last:]))
    try:
        return re.compile("".join(parts) + r"\Z", re.S)
    except re.error:  # a placeholder used twice: not recognisable, said as stored
        return None


@cache
def keys_starting(*prefixes: str) -> tuple[str, ...]:
    """The catalog keys that start with one of `prefixes` (French and English catalogs alike)."""
    return tuple(sorted({key for lang in LANGUAGES for key in catalog(lang) if key.startswith(prefixes)}))


def recognise(text: str, keys: tuple[str, ...], nested: dict[str, tuple[str, ...]] | None = None) -> Phrase | None:
    """The phrase `text` was worded from, among `keys`, in any language; None when it is not one of them.

    `nested` names the parameters that may themselves be phrases (a default
    group's name inside a question), with the keys to look for; a nested
    phrase's own parameters are looked for the same way (the group inside a
    numbered option's label).
    """
    for key in keys:
        for lang in LANGUAGES:
            pattern = _pattern(key, lang)
            found = pattern.match(text) if pattern is not None else None
            if found is None:
                continue
            params: dict[str, str | Phrase] = {}
            for name, value in found.groupdict().items():
                inner = recognise(value, nested[name], nested) if nested and name in nested else None
                params[name] = inner if inner is not None else value
            return phrase(key, **params)
    return None

"""JSON as Atelier reads it from disk (a project file, a journal record): an object holding twice
the same key is refused.

JSON readers keep the last of two equal keys and drop the other silently: two
records with one id, two tables with one name, are damage to report.
"""

from __future__ import annotations

import json
from typing import Any


def strict_json(text: str) -> Any:
    """json.loads, refusing an object with twice the same key (DuplicateKey, a ValueError)."""
    return json.loads(text, object_pairs_hook=_refuse_twice_the_same_key)


class DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _refuse_twice_the_same_key(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise DuplicateKey(key)
            seen.add(key)
    return result

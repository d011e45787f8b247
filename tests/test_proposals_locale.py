"""Every string of the commitments feature exists in French and English."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    *sorted((ROOT / "workshop" / "proposals").glob("*.py")),
    ROOT / "exercises" / "commitments_exercise.py",
    ROOT / "screens" / "exercises" / "commitments.py",
    ROOT / "screens" / "modals" / "proposal.py",
    ROOT / "screens" / "modals" / "follow_up.py",
    ROOT / "screens" / "tools" / "proposals.py",
]


def _catalog() -> dict[str, dict[str, str]]:
    """The proposals' strings, wherever they live (the register's and the synthesis's have files of their own)."""
    merged: dict[str, dict[str, str]] = {"fr": {}, "en": {}}
    for entry in sorted((resources.files("workshop") / "locale").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            for lang in merged:
                merged[lang].update({k: v for k, v in data.get(lang, {}).items() if k.startswith("proposals.")})
    return merged


def test_same_keys_in_both_languages() -> None:
    catalog = _catalog()
    assert set(catalog["fr"]) == set(catalog["en"])


def test_every_literal_key_exists() -> None:
    catalog = _catalog()
    used: set[str] = set()
    for source in SOURCES:
        used |= set(re.findall(r"[\"'](proposals\.[a-z_.]+[a-z_])[\"']", source.read_text(encoding="utf-8")))
    # Keys built from enum values.
    for group, values in {
        "decision": ("undecided", "retained", "not_retained", "under_study"),
        "status": ("to_do", "in_progress", "done", "dropped"),
        "filter": ("workshop", "due", "all"),
        "empty": ("workshop", "due", "all"),
    }.items():
        used |= {f"proposals.{group}.{value}" for value in values}
    used -= {"proposals.error.text", "proposals.error.reason"}  # prefixes completed with "_too_long"
    missing = sorted(key for key in used if key not in catalog["fr"])
    assert not missing

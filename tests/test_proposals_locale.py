"""Every string of the commitments feature exists in French and English."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    *sorted((ROOT / "workshop" / "proposals").glob("*.py")),
    ROOT / "exercises" / "commitments.py",
    ROOT / "screens" / "exercises" / "commitments.py",
    ROOT / "screens" / "modals" / "proposal.py",
    ROOT / "screens" / "modals" / "follow_up.py",
    ROOT / "screens" / "tools" / "proposals.py",
]


def _catalog() -> dict[str, dict[str, str]]:
    text = (resources.files("workshop") / "locale" / "commitments.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


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

"""The values and APT strings: same keys in French and English, every key used exists."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from exercises.apt import CATEGORIES, Dynamic, Perspective
from exercises.apt import Step as AptStep
from exercises.apt_exercise import EXERCISE as APT
from exercises.values import Step as ValuesStep
from exercises.values_exercise import EXERCISE as VALUES
from workshop.i18n import catalog, set_language

ROOT = Path(__file__).resolve().parents[1]
FILES = ["exercises/values.py", "exercises/apt.py", "exercises/apt_minutes.py", "screens/exercises/values.py", "screens/exercises/apt.py", "screens/exercises/stepped.py"]


@pytest.mark.parametrize("name", ["values", "apt"])
def test_same_keys_in_both_languages(name: str) -> None:
    data = tomllib.loads((ROOT / "workshop" / "locale" / f"{name}.toml").read_text(encoding="utf-8"))
    assert set(data["fr"]) == set(data["en"])


def test_every_key_used_exists() -> None:
    fr, en = catalog("fr"), catalog("en")
    used: set[str] = set()
    for name in FILES:
        used |= set(re.findall(r'\bt\(\s*"([a-z_.]+)"', (ROOT / name).read_text(encoding="utf-8")))
    # Keys built from enums.
    used |= {f"values.step.{s.value}" for s in ValuesStep} | {f"apt.step.{s.value}" for s in AptStep}
    for c in CATEGORIES:
        used |= {f"apt.category.{c.value}.{form}" for form in ("short", "plural", "hint")} | {f"apt.round.question_{c.value}", f"apt.round.weigh_question_{c.value}"}
    used |= {f"apt.dynamic.{d.value}" for d in Dynamic} | {f"apt.dynamic.{d.value}.reading" for d in Dynamic}
    used |= {f"apt.perspective.{p.value or 'unknown'}" for p in Perspective}
    used |= {f"values.screen.{s.value}_hint" for s in ValuesStep} | {f"apt.screen.{s.value}_hint" for s in AptStep}
    used |= {f"apt.error.not_{c.value}" for c in CATEGORIES} | {"apt.screen.mode_stakeholders", "apt.screen.mode_structures"}
    used |= {f"exercise.{kind}.{part}" for kind in ("values", "apt") for part in ("title", "summary")}
    used |= {f"apt.group.{key}" for key in ("providers", "directions", "managers", "beneficiaries", "staff", "users", "board")}
    missing = sorted(k for k in used if k not in fr or k not in en)
    assert not missing


def test_guides_in_both_languages() -> None:
    for exercise in (VALUES, APT):
        assert exercise.guide("fr").startswith("# ") and exercise.guide("en").startswith("# ")
        assert exercise.guide("fr") != exercise.guide("en")
    set_language("en")
    assert VALUES.title == "Shared values" and APT.title == "Attractions, fears and temptations"

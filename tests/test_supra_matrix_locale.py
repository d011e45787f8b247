"""Every string of the supra objective and the matrix exists in French and English."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from exercises.matrix import CheckKind, Level, Role
from exercises.supra import Criterion, Step

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    "supra": [ROOT / "exercises" / "supra.py", ROOT / "screens" / "exercises" / "supra.py", ROOT / "screens" / "exercises" / "supra_versions.py"],
    "matrix": [ROOT / "exercises" / "matrix.py", ROOT / "screens" / "exercises" / "matrix.py"],
}
BUILT = {
    "supra": {f"supra.criterion.{c.value}" for c in Criterion}
    | {f"supra.criterion.{c.value}.question" for c in Criterion if c not in (Criterion.MEASURABLE, Criterion.TIMEBOUND)}
    | {f"supra.step.{s.value}" for s in Step}
    | {f"supra.source.{s}" for s in ("data", "facilitator", "round", "consent")}
    | {f"supra.answer.{a}" for a in ("agree", "reservation", "objection", "abstain")},
    "matrix": {f"matrix.{kind}.{r.value}" for r in Role for kind in ("role", "letter")}
    | {f"matrix.{kind}.{lv.value}" for lv in Level for kind in ("level", "level_short")}
    | {f"matrix.check.{c.value}" for c in CheckKind}
    | {f"matrix.minutes.status_{s}" for s in ("confirmed", "changed", "unconfirmed")},
}


def _catalog(feature: str) -> dict[str, dict[str, str]]:
    return tomllib.loads((resources.files("workshop") / "locale" / f"{feature}.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("feature", ["supra", "matrix"])
def test_same_keys_in_both_languages(feature: str) -> None:
    catalog = _catalog(feature)
    assert set(catalog["fr"]) == set(catalog["en"])
    assert {f"exercise.{feature}.title", f"exercise.{feature}.summary"} <= set(catalog["fr"])


@pytest.mark.parametrize("feature", ["supra", "matrix"])
def test_every_key_used_exists(feature: str) -> None:
    catalog = _catalog(feature)
    used = set(BUILT[feature])
    for source in SOURCES[feature]:
        used |= set(re.findall(rf"[\"']({feature}\.[a-z_.]+[a-z_])[\"']", source.read_text(encoding="utf-8")))
    used.discard(f"{feature}.tcss")  # the screen's stylesheet, not a key
    missing = sorted(key for key in used if key not in catalog["fr"])
    assert not missing


@pytest.mark.parametrize("feature", ["supra", "matrix"])
def test_guides_in_both_languages(feature: str) -> None:
    from workshop.registry import get_exercise

    exercise = get_exercise(feature)
    assert exercise.guide("fr").startswith("# ") and exercise.guide("en").startswith("# ")
    assert exercise.guide("fr") != exercise.guide("en")

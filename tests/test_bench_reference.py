"""The benchmark's reference project is built deterministically (DESIGN §6)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx

from workshop import library, store

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tests" / "bench" / "reference.py"


def test_reference_script_is_deterministic_on_a_small_scale(tmp_path: Path) -> None:
    outputs = []
    for name in ("a.atelier", "b.atelier"):
        out = tmp_path / name
        subprocess.run([sys.executable, str(SCRIPT), str(out), "--workshops", "2"], check=True, capture_output=True, cwd=ROOT)
        outputs.append(_without_secret_order(json.loads(out.read_bytes())))
        assert not out.with_name(name + ".journal").exists()  # closed: one file
    assert outputs[0] == outputs[1]
    data = outputs[0]
    assert len(data["structures"]) == 6
    assert len(data["participants"]) == 24
    assert len(data["workshops"]) == 2
    agenda = [doc for doc in data["agenda"].values() if doc["workshop_id"] == 1]
    assert len(agenda) == 16 and all(doc["actual_seconds"] for doc in agenda)
    # Every exercise is filled, stakeholders and governance included, and the convention begun.
    assert {"stakeholders", "governance"} <= {doc["kind"] for doc in agenda}
    assert len(data["stakeholders"]) == 2 and len(data["governance"]) == 2
    assert all(doc["bodies"] for doc in data["governance"].values())
    assert data["convention"]["1"]["clauses"]["duration"]
    # The reference project yields a draft agreement with its parts filled from the workshops.
    from workshop.convention.export import export_convention
    from workshop.minutes.snapshot import open_snapshot

    target = export_convention(open_snapshot(tmp_path / "a.atelier"), tmp_path / "convention.docx", day="2027-03-01")
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Comité de pilotage" in text and "Instances de la phase projet" in text
    assert "Trois ans, renouvelable" in text and "Feuille de route du projet, état au" in text


def test_the_library_lists_the_files_the_store_opens() -> None:
    assert library.PROJECT_SUFFIX == store.PROJECT_SUFFIX


def _without_secret_order(data: dict) -> dict:
    """Secret ballots sit at positions drawn from the system's randomness (so that
    their order cannot link them to voters): compare them as a multiset. The
    file's generation (and the journal it folded) are random ids too."""
    for meta in data["meta"].values():
        meta.pop("journal")
    for doc in data.get("rounds", {}).values():
        if doc.get("spec", {}).get("secret"):
            doc["ballots"] = sorted(doc.get("ballots", []), key=lambda b: json.dumps(b, sort_keys=True))
            doc["contributions"] = sorted(doc.get("contributions", []), key=lambda c: json.dumps(c, sort_keys=True))
    return data

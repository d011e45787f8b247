"""Every table the app writes is one the loader checks: a new exercise cannot forget to declare its own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from workshop.demo import build_demo
from workshop.validation import table_schemas

ROOT = Path(__file__).resolve().parents[1]


def test_every_table_of_the_demo_project_has_a_schema(tmp_path: Path) -> None:
    path = tmp_path / "demo.atelier"
    build_demo(path)
    tables = set(json.loads(path.read_text(encoding="utf-8")))
    assert tables - set(table_schemas()) == set()


def test_every_table_of_the_reference_project_has_a_schema(tmp_path: Path) -> None:
    path = tmp_path / "reference.atelier"
    subprocess.run(
        [sys.executable, str(ROOT / "tests" / "bench" / "reference.py"), str(path), "--workshops", "1"],
        check=True, cwd=ROOT, capture_output=True,
    )
    tables = set(json.loads(path.read_text(encoding="utf-8")))
    assert tables - set(table_schemas()) == set()

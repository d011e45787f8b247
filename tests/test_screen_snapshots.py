"""What people see: SVG snapshots of the home and project screens on the demo, at 80×24.

Regenerate after an intended change with `pytest tests/test_screen_snapshots.py --snapshot-update`
and look at the report before committing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from screens.app import AtelierApp
from workshop.clock import FakeClock
from workshop.demo import build_demo
from workshop.library import ProjectLibrary

FIXED_MTIME = 1_795_000_000  # 2026-11-18 11:06 UTC: the home screen shows each file's last change


@pytest.fixture
def utc() -> Iterator[None]:
    """Local time is UTC for the test: the shown modification time is the same everywhere."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def demo_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, utc: None) -> AtelierApp:
    monkeypatch.chdir(tmp_path)  # the home screen shows the folder: keep it the same on every machine
    library = ProjectLibrary(Path("data"))
    library.ensure()
    path = library.folder / "demo.atelier"
    build_demo(path, FakeClock())
    os.utime(path, (FIXED_MTIME, FIXED_MTIME))
    return AtelierApp(library=library, clock=FakeClock())


def test_home_screen(demo_app: AtelierApp, snap_compare) -> None:  # snap_compare: the plugin's fixture
    assert snap_compare(demo_app, terminal_size=(80, 24))


def test_project_structures(demo_app: AtelierApp, snap_compare) -> None:
    assert snap_compare(demo_app, press=["enter"], terminal_size=(80, 24))


def test_project_participants(demo_app: AtelierApp, snap_compare) -> None:
    assert snap_compare(demo_app, press=["enter", "2"], terminal_size=(80, 24))

"""Shared fixtures: a fresh project in a temporary folder, a fake clock, the demo."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from workshop.clock import FakeClock
from workshop.demo import build_demo
from workshop.i18n import set_language
from workshop.library import ProjectLibrary
from workshop.project import Project


@pytest.fixture(autouse=True)
def french() -> Iterator[None]:
    set_language("fr")
    yield
    set_language("fr")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "projet.atelier"


@pytest.fixture
def project(project_path: Path) -> Iterator[Project]:
    with Project.create(project_path, "Coopération test") as opened:
        yield opened


@pytest.fixture
def library(tmp_path: Path) -> ProjectLibrary:
    return ProjectLibrary(tmp_path / "data")


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    path = tmp_path / "demo.atelier"
    build_demo(path)
    return path

"""Shared fixtures: a fresh project in a temporary folder, a fake clock, the demo."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from workshop.clock import FakeClock
from workshop.demo import build_demo
from workshop.i18n import set_language
from workshop.library import ProjectLibrary
from workshop.project import Project


@pytest.fixture(autouse=True, scope="session")
def private_user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests never read or write the real user's cache, data, config or runtime folders.

    platformdirs follows the XDG variables on Linux: the catalog cache, the
    default data folder and anything else the app keeps per user go to a
    folder of this test session instead.
    """
    root = tmp_path_factory.mktemp("user")
    saved = {name: os.environ.get(name) for name in XDG_FOLDERS}
    for name in XDG_FOLDERS:
        folder = root / name.lower()
        folder.mkdir(mode=0o700)
        os.environ[name] = str(folder)
    # The second lock of each project lives in the temporary folder
    # (workshop/lock.py): the session's own, so the suite leaves none behind.
    saved_tempdir = tempfile.tempdir
    temporary = root / "tmp"
    temporary.mkdir(mode=0o700)
    tempfile.tempdir = str(temporary)
    saved["TMPDIR"] = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = str(temporary)  # and the processes tests start
    # A defect (an error that is not the project's own) fails the test that met
    # it instead of becoming a message on screen (screens/failures.py).
    saved[STRICT_ERRORS] = os.environ.get(STRICT_ERRORS)
    os.environ[STRICT_ERRORS] = "1"
    yield
    tempfile.tempdir = saved_tempdir
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


STRICT_ERRORS = "ATELIER_STRICT_ERRORS"  # screens.failures.STRICT_VARIABLE
XDG_FOLDERS = ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests of a module that uses the user interface (imports from `screens`) are
    marked `ui`: the mutation run of the core (`make mutation`) leaves them out, for
    the core's own tests must catch its bugs, and they are most of the suite's time.

    The longest run first: `heavy`, then `ui`, then the core's (milliseconds each).
    `make test` hands the tests to its workers one at a time in this order, so that
    no long test starts when the others are about done (the suite's tail), and the
    short ones fill the gaps at the end.
    """
    seen: dict[str, bool] = {}
    for item in items:
        module = getattr(item, "module", None)
        if module is None:
            continue
        if module.__name__ not in seen:
            seen[module.__name__] = any(_from_screens(value) for value in vars(module).values())
        if seen[module.__name__]:
            item.add_marker(pytest.mark.ui)
        if item.nodeid.split("[")[0] in HEAVY or item.nodeid.split("::")[0] in HEAVY:
            item.add_marker(pytest.mark.heavy)
    items[:] = sorted(items, key=lambda item: 0 if item.get_closest_marker("heavy") else 1 if item.get_closest_marker("ui") else 2)
    _fastest_first_under_a_mutant(items)


def _fastest_first_under_a_mutant(items: list[pytest.Item]) -> None:
    """Under mutmut, each mutant runs the tests that reach its function with `-x`:
    the fastest first, so that a killed mutant costs its quickest failing test, not
    the slow ones that happen to come first in the files (durations from mutmut's
    own stats run, in mutants/mutmut-stats.json)."""
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if mutant in ("", "fail", "stats", "list_all_tests", "mutant_generation"):
        return
    try:
        durations = json.loads(Path("mutmut-stats.json").read_text(encoding="utf-8"))["duration_by_test"]
    except (OSError, ValueError, KeyError):
        return
    items.sort(key=lambda item: durations.get(item.nodeid, float("inf")))


# Left out of the mutation run (marked `heavy`): each takes seconds to minutes, and
# mutmut runs the tests of a function once per mutant of it. LibreOffice renders
# (the layout of the documents, not the core's logic), the SIGKILL and file-fuzz
# campaigns (the core's fast tests check the same rules case by case), the source
# scan for reads of the date, and the reference script at scale.
HEAVY = {
    "tests/test_minutes_render.py",
    "tests/test_convention_export.py::test_libreoffice_renders_every_part_and_the_tables_keep_their_words",
    "tests/test_store_kill.py::test_acknowledged_changes_survive_sigkill_at_random_moments",
    "tests/test_loader_fuzz.py::test_a_mutated_project_loads_or_is_refused_clearly_and_is_never_written",
    "tests/test_rounds_secrecy.py::test_killed_after_any_ballot_the_round_gives_the_uninterrupted_results",
    "tests/test_bench_reference.py::test_reference_script_is_deterministic_on_a_small_scale",
    "tests/test_one_clock.py::test_nothing_reads_the_system_date_but_the_clock",
}


def _from_screens(value: object) -> bool:
    name = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
    return isinstance(name, str) and (name == "screens" or name.startswith("screens."))


@pytest.fixture(autouse=True)
def journal_matches_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test checks the journal: when a project is closed, its file and
    journal, read back, hold exactly what the app held in memory.

    A document changed without the tables knowing (a nested list of a record
    appended to in place, outside `ProjectTable`) would be in memory and at
    the next compaction, but missing from the journal, hence lost by a crash.
    """
    from workshop.storage import DurableStorage

    real_close = DurableStorage.close

    def close(storage: DurableStorage) -> None:
        if not storage.pending and storage._journal is not None:
            from tests.journal_check import differences

            found = differences(storage)
            assert not found, f"the journal of {storage.path} misses changes made in memory: {found}"
        real_close(storage)

    monkeypatch.setattr(DurableStorage, "close", close)


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


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the demo as `build_demo` leaves it, built once per test process. Copy it, never use it."""
    folder = tmp_path_factory.mktemp("built-demo")
    build_demo(folder / "demo.atelier", FakeClock())  # the workshop of the day on the fake clock's day
    return folder


def copy_demo(built: Path, folder: Path) -> Path:
    """`folder/demo.atelier`, a copy of the built demo: a closed project is its file alone, and
    its backup pair (.bak, .bak.journal) and lock are copied too, so the folder is what
    building the demo there would have left."""
    for made in built.iterdir():
        shutil.copy(made, folder / made.name)  # permissions too: owner-only, as written
    return folder / "demo.atelier"


@pytest.fixture
def demo_path(tmp_path: Path, built_demo: Path) -> Path:
    return copy_demo(built_demo, tmp_path)


@pytest.fixture(scope="session")
def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder every xdist worker of this run shares (what is built there is built once)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    folder = root / "shared"
    folder.mkdir(exist_ok=True)
    return folder


def built_once(folder: Path, name: str, build: Callable[[Path], None]) -> Path:
    """`folder/name`, built by the first worker that asks; the others wait and reuse it."""
    from filelock import FileLock

    target = folder / name
    with FileLock(str(folder / f".{name}.build-lock")):  # not "name.lock": a project keeps its own lock there
        if not (folder / f"{name}.done").exists():
            build(target)
            (folder / f"{name}.done").touch()
    return target


@pytest.fixture(scope="session")
def reference_path(shared_folder: Path) -> Path:
    """The benchmark's reference project (10 full-day workshops), built once per test run. Read it only."""
    from tests.bench.reference import build_reference

    return built_once(shared_folder, "reference.atelier", lambda path: build_reference(path))

"""Benchmark: key presses of a 20-voter secret dot vote, against a bare app with one Input.

Both sides run in-process and headless (Textual Pilot) in the same run; each is
repeated and the medians are compared (DESIGN §6: target ≤ 1.5 ×). The round side
includes everything a key press does in the room: the hand-off, the ballot, and
the durable save of each ballot when the voter passes the keyboard.

What is measured is the CPU time the process spends (`time.process_time`)
while the keys are pressed one by one, not the wall clock: Pilot waits about
2 × 20 ms after each key for the app to go idle, whatever the app does, and
that wait would hide the app's own cost. Idle wake-ups (timers, the Input's
blinking cursor) count on both sides, as they cost the laptop on the day.

Why the floor is fair: a bare app with one Input is the least a terminal app
can do with a key (route it, change a widget, repaint); the ratio is what a
round adds to that.

Run: `python tests/bench/bench_round_keys.py`.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Input  # noqa: E402

from screens.app import AtelierApp  # noqa: E402
from screens.round import RoundScreen  # noqa: E402
from workshop.library import ProjectLibrary  # noqa: E402
from workshop.project import Project  # noqa: E402
from workshop.rounds import RoundMode, RoundSpec, get_round, start_round  # noqa: E402

VOTERS = 20
REPEATS = 5
OPTIONS = ["Confiance", "Solidarité", "Transparence", "Équité", "Proximité", "Innovation"]
# Per voter: take the keyboard, three points (one hits the cap, then taken back), pass the keyboard.
VOTER_KEYS = ["enter", "1", "2", "2", "2", "backspace", "3", "enter"]
KEYS = VOTER_KEYS * VOTERS


def build_project(folder: Path) -> tuple[Path, int, int]:
    path = folder / "bench.atelier"
    with Project.create(path, "Banc d'essai") as project:
        structures = [project.add_structure(f"Structure {i + 1}") for i in range(5)]
        for i in range(VOTERS):
            project.add_participant(f"Personne {i + 1:02d}", structures[i % 5].id)
        workshop = project.add_workshop("Atelier")
        item = project.add_agenda_item(workshop.id, "free", "Vote")
        return path, workshop.id, item.id


def new_round(path: Path, workshop_id: int, item_id: int) -> int:
    with Project.open(path) as project:
        spec = RoundSpec("Quelles valeurs ?", RoundMode.DOT, options=OPTIONS, secret=True, budget=3, cap=2)
        return start_round(project, workshop_id, item_id, spec).id


async def time_round(path: Path, round_id: int, folder: Path) -> float:
    app = AtelierApp(library=ProjectLibrary(folder / "library"), project_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(RoundScreen(app.project, round_id))
        await pilot.pause()
        elapsed = await cpu_of_keys(pilot, KEYS)
        round_ = get_round(app.project, round_id)
        if round_.ballot_count != VOTERS:
            raise RuntimeError(f"the round recorded {round_.ballot_count} ballots, expected {VOTERS}")
    return elapsed


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Input()


async def time_bare() -> float:
    app = BareApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        elapsed = await cpu_of_keys(pilot, ["a"] * len(KEYS))
    return elapsed


async def cpu_of_keys(pilot, keys: list[str]) -> float:  # pilot: a Pilot
    """CPU seconds the process spends while `keys` are pressed one at a time."""
    start = time.process_time()
    for key in keys:
        await pilot.press(key)
    await pilot.pause()
    return time.process_time() - start


async def measure() -> tuple[float, float]:
    rounds: list[float] = []
    bares: list[float] = []
    with tempfile.TemporaryDirectory(prefix="atelier-bench-") as tmp:
        folder = Path(tmp)
        path, workshop_id, item_id = build_project(folder)
        await time_bare()  # warm-up: imports, first styles
        await time_round(path, new_round(path, workshop_id, item_id), folder)
        for _ in range(REPEATS):
            bares.append(await time_bare())
            rounds.append(await time_round(path, new_round(path, workshop_id, item_id), folder))
    return statistics.median(rounds), statistics.median(bares)


def main() -> None:
    round_time, bare_time = asyncio.run(measure())
    print(f"round_keys: {round_time / bare_time:.2f} x (target <= 1.5 x)")
    per_key = 1000 / len(KEYS)
    print(
        f"  CPU per key: round {round_time * per_key:.1f} ms, bare app {bare_time * per_key:.1f} ms;"
        f" medians of {REPEATS}, {len(KEYS)} keys each"
    )


if __name__ == "__main__":
    main()

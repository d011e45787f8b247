"""Benchmark: key presses of a 20-voter secret dot vote, against a bare app with one Input.

Both sides run in-process and headless in the same run, one after the other,
several times; the ratio of each pair is taken and the median of the ratios
is compared with DESIGN §6's target (≤ 1.5 ×). The round side includes
everything a key press does in the room: the hand-off, the ballot, and the
durable save of each ballot when the voter passes the keyboard.

What is measured is the CPU time the process spends (`time.process_time`)
while the keys arrive, not the wall clock. The keys are sent the way the
terminal driver sends them (`driver.send_message`), one every `KEY_GAP`
seconds, like a quick typist; nothing else runs between them. Pilot's `press`
is not used inside the measure: after each key it polls the CPU clock until
the process looks idle and posts a callback to every widget of the screen,
work of the test harness that grows with the number of widgets and that the
laptop does not do on the day. Idle wake-ups (timers, the Input's blinking
cursor) count on both sides, as they cost the laptop on the day; both sides
last the same wall time, so they get the same number of them.

Why the floor is fair: a bare app with one Input is the least a terminal app
can do with a key (route it, change a widget, repaint); the ratio is what a
round adds to that. Pairs are measured back to back and compared pair by pair,
so that a machine slowing down or speeding up during the run (frequency
scaling, a neighbour's load) weighs on both sides of a ratio alike.

Run: `python tests/bench/bench_round_keys.py`.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from textual import events  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Input  # noqa: E402

from screens.app import AtelierApp  # noqa: E402
from screens.round import RoundScreen  # noqa: E402
from workshop.library import ProjectLibrary  # noqa: E402
from workshop.project import Project  # noqa: E402
from workshop.rounds import RoundMode, RoundSpec, get_round, start_round  # noqa: E402

VOTERS = 20
REPEATS = 7
# Seconds between two keys: a quick typist (about 30 keys a second); a key's work is done well within it.
KEY_GAP = 0.03
# Seconds left after the last key for its work (the last ballot's save) to finish inside the measure.
SETTLE = 0.3
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
        elapsed = await cpu_of_keys(app, KEYS)
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
        elapsed = await cpu_of_keys(app, ["a"] * len(KEYS))
    return elapsed


# The character a terminal sends with each named key of the bench (others are their own character).
CHARACTERS = {"enter": "\r", "backspace": "\x7f"}


async def cpu_of_keys(app: App[None], keys: list[str]) -> float:
    """CPU seconds the process spends while `keys` arrive from the terminal, one every KEY_GAP seconds."""
    driver = app._driver
    assert driver is not None
    gc.collect()  # the apps of the previous runs are garbage: collecting them is not this run's cost
    start = time.process_time()
    for key in keys:
        event = events.Key(key, CHARACTERS.get(key, key))
        event.set_sender(app)
        driver.send_message(event)
        await asyncio.sleep(KEY_GAP)
    await asyncio.sleep(SETTLE)
    return time.process_time() - start


async def measure() -> tuple[float, float, float]:
    """The median of the pairs' ratios, and the median CPU time of each side."""
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
    ratio = statistics.median(r / b for r, b in zip(rounds, bares, strict=True))
    return ratio, statistics.median(rounds), statistics.median(bares)


def main() -> None:
    ratio, round_time, bare_time = asyncio.run(measure())
    print(f"round_keys: {ratio:.2f} x (target <= 1.5 x)")
    per_key = 1000 / len(KEYS)
    print(
        f"  CPU per key: round {round_time * per_key:.2f} ms, bare app {bare_time * per_key:.2f} ms;"
        f" medians of {REPEATS} pairs, {len(KEYS)} keys each, one every {KEY_GAP * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()

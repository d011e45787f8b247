"""memory: peak memory with the reference project open, against a bare Textual app (DESIGN §6).

Each side is a fresh Python process run headless at 80×24; the peak resident
set size (`ru_maxrss` of the child, as the kernel counts it) is read when the
process ends. Ours opens the reference project (10 full-day workshops, about
3,000 contributions and 10,000 ballots: `tests/bench/reference.py`) with
`atelier open`, shows the project screen, then opens the cockpit of the 10th
workshop, the screen a facilitator has on the projector for the day; the floor
starts a bare Textual app with a Header and a Footer. Both leave once their
screen is shown. The two alternate; the medians are compared.

Why the floor is fair: a facilitator's laptop holds Python, Textual and a
screen in any case; the ratio is what Atelier adds to that with a large
project in memory (the whole TinyDB document, the loaded exercises, the
screens).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_startup  # noqa: E402

TARGET = 1.5
RUNS = 5

HEADLESS = """
import sys
from textual.app import App
_run = App.run
async def _leave(pilot):
    await pilot.pause()
    opened = getattr(pilot.app, "open_bench_screen", None)
    if opened is not None:
        await opened(pilot)
    print(type(pilot.app.screen).__name__, flush=True)
    pilot.app.exit()
App.run = lambda self, **kw: _run(self, headless=True, size=(80, 24), auto_pilot=_leave)
"""

OURS = HEADLESS + """
from screens.app import AtelierApp

async def _cockpit(self, pilot):
    # The day's screen: the cockpit of the last workshop.
    from screens.cockpit import CockpitScreen
    workshop = self.project.workshops()[-1]
    self.push_screen(CockpitScreen(self.project, workshop.id))
    await pilot.pause()

AtelierApp.open_bench_screen = _cockpit
from screens.launch import main
main(sys.argv[1:])
"""

# The floor is the startup bench's bare app (Header and Footer), started the same way.
BARE = bench_startup.BARE



def main() -> None:
    sys.path.insert(0, str(ROOT))
    from tests.bench.reference import build_reference

    with tempfile.TemporaryDirectory(prefix="atelier-bench-memory-") as folder:
        path = Path(folder) / "reference.atelier"
        build_reference(path)
        ours: list[int] = []
        bare: list[int] = []
        for _ in range(RUNS):
            kb, shown = run(BARE)
            assert shown == "Screen", shown
            bare.append(kb)
            kb, shown = run(OURS, "--data-dir", folder, "open", str(path))
            assert shown == "CockpitScreen", shown
            ours.append(kb)
    ratio = statistics.median(ours) / statistics.median(bare)
    print(f"memory: {ratio:.2f} x (target <= {TARGET:g} x)")
    print(
        f"  peak resident memory: atelier with the reference project {statistics.median(ours) / 1024:.0f} MB,"
        f" bare Textual app {statistics.median(bare) / 1024:.0f} MB; medians of {RUNS}"
    )


def run(code: str, *args: str) -> tuple[int, str]:
    """(peak resident memory in kB, what it printed) of one fresh process."""
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, text=True
    )
    out, err = child.stdout.read(), child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"the app failed:\n{err}")
    return usage.ru_maxrss, out.strip()


if __name__ == "__main__":
    main()

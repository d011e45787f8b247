"""startup and startup-cold: `atelier` headless to the home screen and exit, whole process.

The floor, measured in the same run: a bare Textual app with a Header and a
Footer, started and stopped the same way. Each run is a fresh Python process;
the two alternate and the medians are compared. The data folder holds the demo
project, as after a first `make demo`.

`startup` is every later start (the user's cache folder holds what earlier
starts left there, such as the parsed catalog). `startup-cold` is the first
start on a new machine: every run gets a new, empty cache folder
(`XDG_CACHE_HOME`), and so does the floor's, so both pay what an empty cache
costs them (nothing, for a bare Textual app: that is the point of the figure).

Why the floor is fair: a facilitator starting Atelier waits for Python,
Textual and a first screen with a header and a key bar; the bare app pays
exactly that and nothing of ours, so the ratio is what our own code adds.

The ratio compares CPU time (user + system) of the child processes: on a
shared machine wall-clock time mostly measures the neighbours. The wall-clock
medians are printed too.

Textual's modules were compiled to bytecode when pip installed them. Ours are
compiled here first, as an installation or any earlier run would have done:
with PYTHONDONTWRITEBYTECODE set (as on some CI machines) every run would
otherwise compile our sources again and measure the compiler.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = 1.15
COLD_TARGET = 1.3
RUNS = 21

Run = tuple[float, float, str]  # wall seconds, CPU seconds, what the process printed

# Both processes run their app headless and leave once the first screen is shown.
HEADLESS = """
import sys
from textual.app import App
_run = App.run
async def _leave(pilot):
    await pilot.pause()
    print(type(pilot.app.screen).__name__, flush=True)
    pilot.app.exit()
App.run = lambda self, **kw: _run(self, headless=True, size=(80, 24), auto_pilot=_leave)
"""

OURS = HEADLESS + """
from screens.launch import main
main(sys.argv[1:])
"""

BARE = HEADLESS + """
from textual.app import ComposeResult
from textual.widgets import Footer, Header
class Bare(App):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Footer()
Bare().run()
"""


def timed(code: str, *args: str, cache: str | None = None) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, what it printed) of one fresh process.

    `cache`: the user cache folder the process sees (XDG_CACHE_HOME); by
    default the one of the bench, shared by every warm run.
    """
    env = dict(os.environ)
    if cache is not None:
        env["XDG_CACHE_HOME"] = cache
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        text=True,
        env=env,
    )
    out, err = child.stdout.read(), child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise RuntimeError(f"the app failed to start:\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, out.strip()


def main() -> None:
    sys.path.insert(0, str(ROOT))
    for package in ("workshop", "screens", "exercises"):
        compileall.compile_dir(ROOT / package, quiet=1)
    from workshop.demo import ensure_demo

    with tempfile.TemporaryDirectory(prefix="atelier-bench-startup-") as folder:
        data = os.path.join(folder, "data")
        warm_cache = os.path.join(folder, "cache")
        ensure_demo(Path(data))
        ours_args = ("--data-dir", data)
        # Warm the disk cache and the user cache; check both reach their first screen.
        shown = timed(OURS, *ours_args, cache=warm_cache)[2]
        assert shown == "HomeScreen", shown
        shown = timed(BARE, cache=warm_cache)[2]
        assert shown == "Screen", shown
        warm: dict[str, list[Run]] = {"ours": [], "bare": []}
        cold: dict[str, list[Run]] = {"ours": [], "bare": []}
        for run in range(RUNS):
            warm["bare"].append(timed(BARE, cache=warm_cache))
            warm["ours"].append(timed(OURS, *ours_args, cache=warm_cache))
            cold["bare"].append(timed(BARE, cache=os.path.join(folder, f"cold-bare-{run}")))
            cold["ours"].append(timed(OURS, *ours_args, cache=os.path.join(folder, f"cold-ours-{run}")))
    report("startup", warm, TARGET)
    report("startup-cold", cold, COLD_TARGET)


def report(name: str, runs: dict[str, list[Run]], target: float) -> None:
    def median(side: str, index: int) -> float:
        return statistics.median(run[index] for run in runs[side])

    ratio = median("ours", 1) / median("bare", 1)
    print(f"{name}: {ratio:.2f} x (target <= {target:g} x)")
    print(
        f"  CPU: atelier {median('ours', 1) * 1000:.0f} ms, bare Textual app {median('bare', 1) * 1000:.0f} ms;"
        f" wall: {median('ours', 0) * 1000:.0f} ms vs {median('bare', 0) * 1000:.0f} ms"
        f" (x{median('ours', 0) / median('bare', 0):.2f}); medians of {RUNS}"
    )


if __name__ == "__main__":
    main()

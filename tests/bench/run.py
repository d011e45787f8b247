"""Run every benchmark (`tests/bench/bench_*.py`) and sum up the figures.

Each benchmark is a self-contained script whose `main()` prints a line
`NAME: RATIO x (target <= T x)` per figure (and any detail lines, indented).
Each runs in its own fresh process, one after the other. The exit status is 1
when a figure misses its target or a benchmark fails.

    python tests/bench/run.py [NAME ...]     e.g. run.py save startup
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIGURE = re.compile(r"^(?P<name>[\w.-]+): (?P<ratio>[\d.]+) x \(target <= (?P<target>[\d.]+) x\)")


def main(argv: list[str]) -> int:
    benches = sorted(HERE.glob("bench_*.py"))
    if argv:
        benches = [b for b in benches if b.stem.removeprefix("bench_") in argv]
    figures: list[tuple[str, float, float]] = []
    failed: list[str] = []
    for bench in benches:
        print(f"== {bench.stem}", flush=True)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", f"import runpy; runpy.run_path({str(bench)!r}, run_name='bench').get('main')()"],
            capture_output=True, text=True, cwd=HERE.parents[1],
        )
        for line in done.stdout.splitlines():
            print(line, flush=True)
            match = FIGURE.match(line)
            if match:
                figures.append((match["name"], float(match["ratio"]), float(match["target"])))
        if done.returncode:
            failed.append(bench.stem)
            print(done.stderr.rstrip(), file=sys.stderr)
        print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)
    print("\n== summary")
    missed = 0
    for name, ratio, target in figures:
        verdict = "ok" if ratio <= target else "MISSED"
        missed += ratio > target
        print(f"{name:<20} {ratio:6.2f} x   target <= {target:g} x   {verdict}")
    for name in failed:
        print(f"{name:<20} FAILED (see the error above)")
    return 1 if missed or failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

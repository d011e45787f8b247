"""Benchmark: minutes of the reference full-day workshop to .docx, whole process (DESIGN §6).

    atelier export REFERENCE --workshop ID --docx OUT.docx --force     (a subprocess)
versus the floor measured in the same run:
    pandoc OUR_OWN_EXPORT.md -o OUT.docx

Prints one line: `export_docx: R.RR x (target <= 0.6 x)`, the ratio of the medians.
The reference project comes from `tests/bench/reference.py` when present; until
then a stand-in of similar size is built here (6 structures, 24 participants,
10 full-day workshops, ~300 contributions and ~1,000 ballots each).

Atelier's bytecode is compiled before the timing, as a user's installation has
it (pip compiles it when it installs): in an environment that forbids writing
bytecode (PYTHONDONTWRITEBYTECODE) every run would otherwise compile every
module again, about 0.35 s of CPU, and the figure would measure the compiler.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RUNS = 9
TARGET = 0.6


def ensure_pandoc() -> str:
    found = shutil.which("pandoc")
    if found:
        return found
    subprocess.run(["apt-get", "update"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", "pandoc"], check=True, stdout=subprocess.DEVNULL)
    found = shutil.which("pandoc")
    if not found:
        raise SystemExit("pandoc is not available")
    return found


def build_project(path: Path) -> None:
    try:
        from tests.bench.reference import build_reference
    except ImportError:
        build_stand_in(path)
    else:
        build_reference(path)


def build_stand_in(path: Path) -> None:
    """A deterministic project of the reference's size, from what the core offers today."""
    from workshop.model import Attendance, Role, StructureKind
    from workshop.project import Project

    rng = random.Random(20261012)
    words = (
        "confiance transparence solidarité proximité équité respect écoute partage territoire usagers "
        "mutualiser coordonner accompagner gouvernance financement convention bénévoles salariés parcours"
    ).split()

    def sentence(n: int) -> str:
        return " ".join(rng.choice(words) for _ in range(n)).capitalize()

    with Project.create(path, "Coopération de référence") as project, project.batch():
        structures = [project.add_structure(f"Structure {i + 1} — {sentence(2)}", StructureKind.ASSOCIATION, i < 5).id for i in range(6)]
        project.set_promoter(structures[0])
        roles = list(Role)
        people = [project.add_participant(f"Personne {i + 1} {sentence(1)}", structures[i % 6], roles[i % len(roles)]) for i in range(24)]
        noise = project.store.table("ballots")
        for number in range(10):
            workshop = project.add_workshop(f"Atelier {number + 1} — {sentence(3)}", f"2026-{1 + number:02d}-15", "Salle du conseil", "Camille Petit")
            project.update_workshop(workshop.id, start_time="09:00", next_steps="\n".join(f"- {sentence(6)}" for _ in range(8)))
            for person in people[:3]:
                project.set_attendance(workshop.id, person.id, Attendance.EXCUSED)
            started = 1_780_000_000.0 + number * 2_600_000
            for index, minutes in enumerate((30, 60, 75, 15, 60, 60, 60, 45, 30)):
                item = project.add_agenda_item(workshop.id, "free", f"Séquence {index + 1} — {sentence(3)}", minutes)
                # ~35 contributions per item and a vote table: what the rounds add to the minutes.
                contributions = "\n".join(f"- **{rng.choice(people).name}** : {sentence(rng.randint(5, 14))}" for _ in range(35))
                votes = "\n".join(f"| {sentence(3)} | {rng.randint(0, 40)} | {rng.randint(0, 24)} |" for _ in range(12))
                notes = (
                    f"## Contributions\n\n{contributions}\n\n## Résultats du vote\n\n| Option | Points | Votants |\n|---|---|---|\n{votes}\n\n"
                    f"Le groupe retient *{sentence(3)}* et **{sentence(2)}**."
                )
                project.update_agenda_item(item.id, notes=notes, actual_start=started, actual_seconds=minutes * 60 + 90.0)
                started += minutes * 60 + 90
            noise.insert_multiple({"workshop_id": workshop.id, "option": rng.randint(0, 11), "points": rng.randint(1, 3)} for _ in range(1000))


def latest_workshop(path: Path) -> int:
    from workshop.minutes.command import latest_held
    from workshop.minutes.snapshot import open_snapshot

    project = open_snapshot(path)
    return latest_held(project, project.workshops()).id


def atelier_command() -> list[str]:
    script = Path(sys.executable).with_name("atelier")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from workshop.cli import main; sys.exit(main())"]


def compile_bytecode() -> None:
    """What `pip install` does: the packages' .pyc written once, ahead of the runs."""
    folders = [str(ROOT / name) for name in ("workshop", "exercises", "screens") if (ROOT / name).is_dir()]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], check=True, stdout=subprocess.DEVNULL)


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def main() -> None:
    pandoc = ensure_pandoc()
    compile_bytecode()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        project = root / "reference.atelier"
        build_project(project)
        workshop = str(latest_workshop(project))
        markdown = root / "minutes.md"
        atelier = atelier_command()
        subprocess.run([*atelier, "export", str(project), "--workshop", workshop, "--md", str(markdown)], check=True, stdout=subprocess.DEVNULL)
        ours_command = [*atelier, "export", str(project), "--workshop", workshop, "--docx", str(root / "ours.docx"), "--force"]
        pandoc_command = [pandoc, str(markdown), "-f", "markdown", "-o", str(root / "pandoc.docx")]
        timed(ours_command), timed(pandoc_command)  # warm the file cache
        ours, theirs = [], []
        for _ in range(RUNS):
            ours.append(timed(ours_command))
            theirs.append(timed(pandoc_command))
        ratio = statistics.median(ours) / statistics.median(theirs)
        if os.environ.get("BENCH_VERBOSE"):
            print(f"atelier {statistics.median(ours) * 1000:.0f} ms, pandoc {statistics.median(theirs) * 1000:.0f} ms, md {markdown.stat().st_size} bytes", file=sys.stderr)
    print(f"export_docx: {ratio:.2f} x (target <= {TARGET} x)")


if __name__ == "__main__":
    main()

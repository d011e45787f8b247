"""The benchmark's reference project (DESIGN §6), built deterministically.

    python tests/bench/reference.py OUT_PATH [--workshops N]

6 structures, 24 participants, 10 full-day workshops (`--workshops 36`: a
cooperation followed monthly for three years), each with every
exercise (the diagnosis first); every exercise fills its own rounds,
contributions and ballots through its module in `exercises.fills` (`exercises.fills.reference_fill`) with a
seeded `random.Random`; the draft convention's clauses and checklist are
filled too. An exercise
kind not registered yet becomes a free item carrying a placeholder load of the
same size (60 contributions and 200 ballots), so the benchmarks measure a
realistically sized file before every exercise exists.
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import datetime
import itertools
import random
import sys
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import AbstractContextManager
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from exercises.fills import reference_fill  # noqa: E402
from workshop.model import Attendance, Role, StructureKind  # noqa: E402
from workshop.project import Project  # noqa: E402
from workshop.registry import exercise_kinds  # noqa: E402
from workshop.rounds import RoundMode, RoundSpec  # noqa: E402

WORKSHOPS = 10
SEED = 20261123
CREATED = 1_790_000_000.0  # a fixed creation time: the file is the same on every run

STRUCTURES = [
    ("Association Les Ponts", StructureKind.ASSOCIATION, True),
    ("Foyer d'accueil Les Glycines", StructureKind.ESTABLISHMENT, True),
    ("Maison des habitants du Clos", StructureKind.ASSOCIATION, True),
    ("Service d'aide à domicile Vivre Chez Soi", StructureKind.ESTABLISHMENT, True),
    ("Commune de Saint-Aubin", StructureKind.AUTHORITY, True),
    ("Fondation Horizon Solidaire", StructureKind.FUNDER, False),
]
FIRST_NAMES = [
    "Adèle", "Bastien", "Chloé", "Djamel", "Élodie", "Fabrice", "Gaëlle", "Hugo",
    "Inès", "Jérôme", "Katia", "Louis", "Maëlys", "Nicolas", "Océane", "Pierre",
    "Rania", "Simon", "Tiphaine", "Ulysse", "Valérie", "William", "Yasmina", "Zacharie",
]
LAST_NAMES = ["Arnaud", "Bertin", "Chevalier", "Da Silva", "Ertugrul", "Fournier", "Guérin", "Hoarau"]
ROLES = [Role.DIRECTION, Role.STAFF, Role.MANAGER, Role.USER]

# A full day: (kind, title, planned minutes). The shared purpose (supra) before
# the detailed objectives the APT yields, as the method asks (seed 002, n°2).
DAY = [
    ("free", "Accueil et café", 20),
    ("swot", "Où en sommes-nous ? Forces, faiblesses, opportunités, menaces", 60),
    ("values", "Les valeurs que nous partageons", 60),
    ("supra", "Le but qui nous dépasse", 60),
    ("free", "Pause du matin", 15),
    ("apt", "Ce qui nous attire, nous inquiète, nous tente", 75),
    ("free", "Déjeuner", 60),
    ("matrix", "Qui apporte quoi", 75),
    ("stakeholders", "Qui mobiliser autour de nous", 30),
    ("governance", "Nos instances et leurs règles", 45),
    ("securing", "Ce qu'il faut sécuriser", 30),
    ("free", "Pause de l'après-midi", 15),
    ("commitments", "Nos propositions et nos engagements", 60),
    ("roadmap", "Notre feuille de route", 60),
    ("fairness", "L'équilibre entre ce que l'on apporte et ce que l'on retire", 30),
    ("free", "Tour de clôture", 20),
]
EXERCISE_KINDS = ("swot", "values", "apt", "supra", "matrix", "stakeholders", "governance", "securing", "commitments", "roadmap", "fairness")
PLACEHOLDER_TABLE = "reference_placeholder"
PLACEHOLDER_CONTRIBUTIONS = 60
PLACEHOLDER_BALLOTS = 200

# Wraps the timed filling of one workshop: (project, workshop number) -> context manager.
FillTimer = Callable[[Project, int], AbstractContextManager[object]]


def build_reference(
    path: str | Path,
    workshops: int = WORKSHOPS,
    timed: Collection[int] = (),
    timer: FillTimer | None = None,
) -> Path:
    """Write the reference project at `path` (replaced if it exists); return the path.

    Workshops are filled in one batch each, except the ones numbered in `timed`:
    their first exercise is filled change by change (each change saved durably,
    as during a live workshop) inside `timer(project, number)`. The
    save-growth benchmark uses this to compare the 1st and the 36th workshop.
    """
    path = Path(path)
    for suffix in ("", ".journal", ".bak", ".bak.journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    with _fixed_clock(), Project.create(path, "Coopération de référence") as project:
        with project.batch():
            project._set_meta(created=CREATED)
            structure_ids = [project.add_structure(name, kind, member).id for name, kind, member in STRUCTURES]
            project.set_promoter(structure_ids[0])
            people = []
            for index, first in enumerate(FIRST_NAMES):
                name = f"{first} {LAST_NAMES[index % len(LAST_NAMES)]}"
                structure_id = structure_ids[index // 4]
                people.append(project.add_participant(name, structure_id, ROLES[index % len(ROLES)]).id)
        for number in range(1, workshops + 1):
            with project.batch():
                workshop_id = _plan_workshop(project, number, people)
            _fill_workshop(project, number, workshop_id, timer if number in timed else None)
        from workshop.convention.fill import fill_reference as fill_convention

        fill_convention(project, random.Random(f"{SEED}-convention"))
    return path


@contextlib.contextmanager
def _fixed_clock() -> Iterator[None]:
    """Records stamped with `time.time()` get the same stamps on every run."""
    real = time.time
    ticks = itertools.count()
    time.time = lambda: CREATED + next(ticks)  # one second per reading
    try:
        yield
    finally:
        time.time = real


def _plan_workshop(project: Project, number: int, people: list[int]) -> int:
    rng = random.Random(f"{SEED}-plan-{number}")
    date = datetime.date(2027, 1, 12) + datetime.timedelta(weeks=4 * (number - 1))
    workshop = project.add_workshop(
        f"Atelier {number} — journée de co-construction", date.isoformat(), "Salle du conseil, Saint-Aubin", "Camille Perrin"
    )
    project.update_workshop(workshop.id, start_time="09:00")
    for participant_id in rng.sample(people, 3):
        project.set_attendance(workshop.id, participant_id, rng.choice([Attendance.ABSENT, Attendance.EXCUSED]))
    known = exercise_kinds()
    started = calendar.timegm((date.year, date.month, date.day, 9, 5, 0, 0, 0, 0))
    for kind, title, minutes in DAY:
        item = project.add_agenda_item(workshop.id, kind if kind in known else "free", title, minutes)
        spent = minutes * 60 + rng.randint(-5, 12) * 60
        project.update_agenda_item(
            item.id,
            notes=f"Notes de l'animatrice pour « {title} ».",
            actual_start=float(started),
            actual_seconds=float(spent),
            timer={"planned_seconds": minutes * 60, "elapsed_before": float(spent), "bell_rung": spent >= minutes * 60},
        )
        started += spent
    _follow_up(project, workshop.id, number, date, people)
    return workshop.id


def _follow_up(project: Project, workshop_id: int, number: int, date: datetime.date, people: list[int]) -> None:
    """The header block, the next steps (with owners and due dates) and the next meeting, as a
    facilitator enters them; the previous workshop's steps are done by this one's date."""
    from workshop.next_steps import StepStatus, add_next_step, next_steps, set_status

    rng = random.Random(f"{SEED}-follow-{number}")
    structures = [s.id for s in project.structures() if s.member]
    project.update_workshop(
        workshop_id,
        purpose=f"Atelier {number} : valeurs, attraits et craintes, objectif commun, répartition des rôles et engagements",
        minutes_author="Camille Perrin",
        next_meeting_date=(date + datetime.timedelta(weeks=4)).isoformat(),
        next_meeting_time="09:00",
        next_meeting_place="Salle du conseil, Saint-Aubin",
        next_meeting_purpose=f"atelier {number + 1}",
    )
    for earlier in project.workshops():
        if earlier.id != workshop_id and earlier.date and earlier.date < date.isoformat():
            for step in next_steps(project, earlier.id):
                if step.status == StepStatus.TO_DO:
                    set_status(project, step.id, StepStatus.DONE, on=date.isoformat())
    add_next_step(project, workshop_id, f"Envoyer le compte rendu de l'atelier {number} aux structures", structure_id=structures[0], due=(date + datetime.timedelta(days=7)).isoformat())
    add_next_step(project, workshop_id, f"Préparer l'ordre du jour de l'atelier {number + 1}", participant_id=rng.choice(people), due=(date + datetime.timedelta(days=21)).isoformat())
    add_next_step(project, workshop_id, "Relancer les référents des actions en retard", structure_id=rng.choice(structures), due=(date + datetime.timedelta(days=14)).isoformat())


FIRST_EXERCISE = next(position for position, (kind, _, _) in enumerate(DAY) if kind in EXERCISE_KINDS)


def _fill_workshop(project: Project, number: int, workshop_id: int, timer: FillTimer | None) -> None:
    for position, item in enumerate(project.agenda(workshop_id)):
        if timer is not None and position == FIRST_EXERCISE:
            with timer(project, number):
                _fill_item(project, number, workshop_id, position, item.id)
        else:
            with project.batch():
                _fill_item(project, number, workshop_id, position, item.id)
    closing = project.agenda(workshop_id)[-1]
    with project.batch():
        _top_up_rounds(project, workshop_id, closing.id, random.Random(f"{SEED}-free-rounds-{number}"))


def _fill_item(project: Project, number: int, workshop_id: int, position: int, item_id: int) -> None:
    kind = DAY[position][0]
    if kind in exercise_kinds():
        fill = reference_fill(kind)
    elif kind in EXERCISE_KINDS:
        fill = _fill_placeholder
    else:
        return
    rng = random.Random(f"{SEED}-fill-{number}-{position}")
    fill(project, project.workshop(workshop_id), project.agenda_item(item_id), rng)


def add_workshop_and_fill_its_first_exercise(project: Project, timer: FillTimer) -> None:
    """One more workshop planned (in one batch), then its first exercise filled inside
    `timer(project, number)`, as `build_reference` fills a timed workshop's."""
    number = len(project.workshops()) + 1
    people = [participant.id for participant in project.participants()]
    with project.batch():
        workshop_id = _plan_workshop(project, number, people)
    item = project.agenda(workshop_id)[FIRST_EXERCISE]
    with timer(project, number):
        _fill_item(project, number, workshop_id, FIRST_EXERCISE, item.id)


# DESIGN §6: about 300 contributions and 1,000 ballots per workshop. The
# exercises make part of that; the rest comes from free rounds run on the
# closing item (open questions, then quick votes), as a facilitator would.
TARGET_CONTRIBUTIONS = 300
TARGET_BALLOTS = 1000
FREE_VOTES = (
    ("Quelle date pour le prochain atelier ?", RoundMode.SINGLE, ["Début mars", "Mi-mars", "Fin mars"]),
    ("Cette journée vous a-t-elle été utile ? (1 à 5)", RoundMode.SCALE, []),
    ("Adoptons-nous le relevé de décisions de la journée ?", RoundMode.CONSENT, []),
    ("Quels chantiers ouvrir en premier ?", RoundMode.DOT, ["Transport", "Repas", "Formation", "Locaux", "Communication", "Bénévolat"]),
)


def _top_up_rounds(project: Project, workshop_id: int, item_id: int, rng: random.Random) -> None:
    from exercises.fills.rounds import contribute_all, spread, vote_all
    from workshop.rounds import cast, reveal, rounds_of, start_round

    def totals() -> tuple[int, int]:
        held = rounds_of(project, workshop_id)
        return sum(r.contribution_count for r in held), sum(r.ballot_count for r in held)

    contributions, ballots = totals()
    asked = 0
    while contributions < TARGET_CONTRIBUTIONS:
        asked += 1
        spec = RoundSpec(f"Une idée pour la suite (tour {asked}) ?", RoundMode.CONTRIBUTION, hidden=True, owner="")
        started = start_round(project, workshop_id, item_id, spec)
        contribute_all(
            project,
            started.id,
            lambda voter: [" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14))).capitalize() for _ in range(rng.randint(1, 3))],
        )
        contributions, ballots = totals()
    voted = 0
    while ballots < TARGET_BALLOTS:
        question, mode, options = FREE_VOTES[voted % len(FREE_VOTES)]
        voted += 1
        spec = RoundSpec(f"{question} ({voted})", mode, options=list(options), secret=voted % 2 == 0)
        started = start_round(project, workshop_id, item_id, spec)
        if mode is RoundMode.DOT:
            vote_all(project, started.id, lambda voter, n, budget, cap: spread(rng.sample(range(n), n), n, budget, cap))
        else:
            choices = {
                RoundMode.SINGLE: partial(rng.randrange, len(options)),
                RoundMode.SCALE: lambda: rng.randint(1, 5),
                RoundMode.CONSENT: lambda: rng.choice(["agree", "agree", "agree", "reservation", "abstain"]),
            }[mode]
            for voter in started.voters:
                cast(project, started.id, voter, choices())
            reveal(project, started.id)
        contributions, ballots = totals()


def _fill_placeholder(project: Project, workshop, item, rng: random.Random) -> None:
    """The load of an exercise not registered yet: one round document grown change by change."""
    table = project.store.table(PLACEHOLDER_TABLE)
    present = [p.id for p in project.present(workshop.id)]
    round_id = table.insert({"workshop_id": workshop.id, "item_id": item.id, "contributions": [], "ballots": []})
    contributions: list[dict] = []
    ballots: list[dict] = []
    for index in range(PLACEHOLDER_CONTRIBUTIONS):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14)))
        contributions.append({"id": index + 1, "voter": present[index % len(present)], "text": words.capitalize()})
        table.update({"contributions": list(contributions)}, doc_ids=[round_id])
    for index in range(PLACEHOLDER_BALLOTS):
        ballots.append({"voter": present[index % len(present)], "choice": rng.randint(1, PLACEHOLDER_CONTRIBUTIONS), "at": index})
        table.update({"ballots": list(ballots)}, doc_ids=[round_id])


WORDS = (
    "accueillir ensemble confiance projet partager habitants territoire soutien écoute "
    "coopérer bénévoles salariés mutualiser locaux transport repas formation parole "
    "respect solidarité autonomie familles aidants quartier convention moyens temps"
).split()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--workshops", type=int, default=WORKSHOPS)
    args = parser.parse_args(argv)
    path = build_reference(args.out, workshops=args.workshops)
    print(f"{path} ({path.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

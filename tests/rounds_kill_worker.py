"""Helper of test_rounds_secrecy.py: a process that forks app sessions to be killed.

Started with a project path, a round id and a JSON file of ballots (voter id ->
choice), it imports the engine once and then, for each line `session` on stdin,
forks a session. The session opens the project and prints `ready LOST` (the
voters the engine says must vote again, as JSON), then obeys one command per
line: `vote` casts the ballot of the voter whose turn it is and prints
`ack VOTER` once `cast` has returned; `finish` votes for everyone left, reveals
the results, prints `results JSON`, closes the project and ends. The test kills
a session with SIGKILL whenever it likes; this process then prints `reaped`.
"""

from __future__ import annotations

import json
import os
import sys

from workshop.project import Project
from workshop.rounds import cast, get_round, lost_turns, results, reveal


def read_line() -> str:
    """One line from stdin, unbuffered: the parent must not read ahead of its children."""
    data = b""
    while not data.endswith(b"\n"):
        chunk = os.read(0, 1)
        if not chunk:
            raise EOFError
        data += chunk
    return data.decode().strip()


def say(text: str) -> None:
    os.write(1, (text + "\n").encode())


def session(path: str, round_id: int, plan: dict[int, object]) -> None:
    project = Project.open(path)
    say("ready " + json.dumps(lost_turns(project, round_id)))
    while True:
        command = read_line()
        if command == "vote":
            voter = get_round(project, round_id).current
            cast(project, round_id, voter, plan[voter])
            say(f"ack {voter}")
        elif command == "finish":
            while (voter := get_round(project, round_id).current) is not None:
                cast(project, round_id, voter, plan[voter])
            reveal(project, round_id)
            outcome = results(project, round_id)
            summary = {
                "options": {o.label: o.count for o in outcome.options},
                "ballots": outcome.ballots,
                "per_structure": {s.name: [o.count for o in s.options] for s in outcome.per_structure},
            }
            project.close()
            say("results " + json.dumps(summary, sort_keys=True))
            return


def main() -> None:
    path, round_id, plan_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(plan_path, encoding="utf-8") as handle:
        plan = {int(voter): choice for voter, choice in json.load(handle).items()}
    while True:
        try:
            command = read_line()
        except EOFError:
            return
        assert command == "session", command
        pid = os.fork()
        if pid == 0:
            try:
                session(path, round_id, plan)
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        say("reaped")


if __name__ == "__main__":
    main()

"""The last step of a compaction, putting the new journal in place of the old one,
can fail on its own (the folder filled up between the two renames, a USB key
hiccup). The new file is then the project, and says it absorbed the old journal:
the old journal must never be appended to again (its header binds it to the old
file), and the next change writes the project whole. Likewise a journal removed
from under the project: the last compaction still leaves it as one whole file.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import workshop.projectfile as projectfile
import workshop.storage as storage_module
from tests.disk import abandon
from workshop.journal import journal_path
from workshop.project import Project
from workshop.storage import read_project_file


def names(path: Path) -> list[str]:
    return [doc["name"] for doc in read_project_file(path).get("structures", {}).values()]


def test_a_new_journal_that_could_not_be_put_in_place_is_never_written_to(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project.path
    project.add_structure("Un")
    old_journal = journal_path(path).read_bytes()
    real_replace = os.replace
    refused: list[str] = []

    def journal_refused_once(src: object, dst: object) -> None:
        if Path(str(dst)) == journal_path(path) and not refused:
            refused.append(str(src))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(src, dst)

    with monkeypatch.context() as full:
        full.setattr(storage_module, "JOURNAL_BOUND", 1)
        full.setattr(storage_module, "JOURNAL_RATIO", 0.0)
        full.setattr(projectfile.os, "replace", journal_refused_once)
        project.add_structure("Deux")  # saved in the journal; the compaction past the bound stops at its last step
    assert refused, "the compaction never tried to put its new journal in place"
    assert not Path(refused[0]).exists()  # the new journal that could not be placed is removed
    folded = journal_path(path).read_bytes()
    assert folded.startswith(old_journal)  # the old journal, "Deux" appended, absorbed by the new file
    assert names(path) == ["Un", "Deux"]
    project.add_structure("Trois")
    assert journal_path(path).read_bytes() != folded or not journal_path(path).exists()
    # A crash now: the file and whatever journal lies beside it read as the whole project.
    abandon(project)
    assert names(path) == ["Un", "Deux", "Trois"]
    with Project.open(path) as again:
        assert sorted(s.name for s in again.structures()) == ["Deux", "Trois", "Un"]


def test_a_project_written_whole_without_a_journal_where_none_lies_any_more(tmp_path: Path) -> None:
    """The journal was removed from under the project (a cleaning tool, a person tidying the
    folder): the last compaction, which ends with no journal, still puts the file in place."""
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
    payload = path.read_bytes().replace(b'"Un"', b'"Deux"')
    assert not journal_path(path).exists()
    assert projectfile.replace_project_file(path, payload, None, journal_extends=False) is True
    assert path.read_bytes() == payload
    assert not journal_path(path).exists()


class Crash(BaseException):
    """The process dies here: nothing after it reaches the disk."""


def test_a_crash_in_the_compaction_after_a_refused_swap_still_reads_back(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a refused swap, the next change writes the project whole; if the app dies
    just before that compaction's journal is in place, the journal found beside the new
    file is one it names as absorbed: the project reads back, with that change."""
    path = project.path
    project.add_structure("Un")
    real_replace = os.replace
    swaps: list[str] = []  # the journal swaps that end a compaction (the file replaced just before)
    last: list[Path] = [Path()]

    def journal_swaps_fail(src: object, dst: object) -> None:
        target, previous = Path(str(dst)), last[0]
        last[0] = target
        if target == journal_path(path) and previous == path:
            swaps.append(str(src))
            if len(swaps) == 1:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            raise Crash()
        real_replace(src, dst)

    monkeypatch.setattr(storage_module, "JOURNAL_BOUND", 1)
    monkeypatch.setattr(storage_module, "JOURNAL_RATIO", 0.0)
    monkeypatch.setattr(projectfile.os, "replace", journal_swaps_fail)
    project.add_structure("Deux")  # its compaction's swap is refused
    with pytest.raises(Crash):
        project.add_structure("Trois")  # written whole; the app dies before the new journal is in place
    monkeypatch.undo()
    abandon(project)
    assert sorted(names(path)) == ["Deux", "Trois", "Un"]

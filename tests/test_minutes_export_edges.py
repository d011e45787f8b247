"""The export's refusals and its rare paths, at the core (workshop/minutes/export.py).

What the command line and the export dialog show comes from these errors' keys
and parameters; the files written come from `minutes_outputs`. Each case here
was a change to the code that no test noticed (mutation testing, issue #20).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from workshop.errors import ExportError
from workshop.i18n import set_language
from workshop.minutes.blocks import Heading, Paragraph, Run
from workshop.minutes.export import (
    ExportTargets,
    Output,
    check_paths,
    minutes_outputs,
    place_files,
)


def hidden(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith("."))


def test_the_same_file_asked_twice_is_refused_under_the_name_first_given(tmp_path: Path) -> None:
    first = tmp_path / "cr.md"
    same = tmp_path / "sub" / ".." / "cr.md"
    (tmp_path / "sub").mkdir()
    with pytest.raises(ExportError) as refused:
        check_paths([first, same], force=False)
    assert refused.value.key == "minutes.error.same_file"
    assert refused.value.params == {"path": str(first)}
    assert str(first) in refused.value.message()


def test_a_folder_given_as_the_file_is_refused_by_its_name(tmp_path: Path) -> None:
    folder = tmp_path / "minutes.md"
    folder.mkdir()
    with pytest.raises(ExportError) as refused:
        check_paths([folder], force=True)
    assert refused.value.key == "protect.is_folder"
    assert refused.value.params == {"path": str(folder)}


def write(outputs: list[Output]) -> None:
    place_files(outputs, force=False)


def test_the_markdown_carries_no_invented_title_and_the_language_of_the_interface(tmp_path: Path) -> None:
    blocks = [Heading(1, "Synthèse"), Paragraph((Run("Question : oui"),))]
    write(minutes_outputs(blocks, ExportTargets(markdown=tmp_path / "fr.md")))
    french = (tmp_path / "fr.md").read_text(encoding="utf-8")
    assert "title" not in french.split("---")[1]  # no title given: none written
    assert 'lang: "fr' in french
    # French typography: a no-break space before the colon, not a plain one.
    assert "Question\u202f: oui" in french or "Question\u00a0: oui" in french
    assert "Question : oui" not in french
    set_language("en")
    try:
        write(minutes_outputs(blocks, ExportTargets(markdown=tmp_path / "en.md"), title="Minutes"))
    finally:
        set_language("fr")
    english = (tmp_path / "en.md").read_text(encoding="utf-8")
    assert 'lang: "en' in english
    assert 'title: "Minutes"' in english
    assert "Question : oui" in english  # English typography leaves the space as typed


def test_replacing_files_with_force_leaves_no_hidden_file(tmp_path: Path) -> None:
    target = tmp_path / "cr.md"
    target.write_bytes(b"old")
    place_files([Output(target, lambda handle: handle.write(b"new"))], force=True)
    assert target.read_bytes() == b"new"
    assert hidden(tmp_path) == []


def test_a_failed_write_whose_temporary_file_cannot_be_removed_still_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(handle) -> None:
        raise OSError("the key was pulled out")  # no errno: the words are the reason

    def unlink(name, *args, **kwargs) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "unlink", unlink)
    with pytest.raises(ExportError) as refused:
        place_files([Output(tmp_path / "cr.md", full)])
    assert refused.value.params == {"path": str(tmp_path / "cr.md"), "reason": "the key was pulled out"}


def test_a_temporary_file_refused_without_a_system_message_still_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def refuse(name, *args, **kwargs):
        if str(name).endswith(".tmp"):
            raise OSError("the folder is on a disconnected share")
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(ExportError) as refused:
        place_files([Output(tmp_path / "cr.md", lambda handle: handle.write(b"x"))])
    assert refused.value.params == {"path": str(tmp_path / "cr.md"), "reason": "the folder is on a disconnected share"}


def test_a_temporary_name_already_taken_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Two exports of the same file in the same nanosecond: the next attempt's name is used.
    monkeypatch.setattr(time, "monotonic_ns", lambda: 42)
    target = tmp_path / "cr.md"
    taken = tmp_path / f".cr.md.{os.getpid()}.42.0.tmp"
    taken.write_bytes(b"another export's")
    place_files([Output(target, lambda handle: handle.write(b"mine"))])
    assert target.read_bytes() == b"mine"
    assert taken.read_bytes() == b"another export's"


def test_when_every_temporary_name_is_taken_the_error_names_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(time, "monotonic_ns", lambda: 42)
    target = tmp_path / "cr.md"
    for attempt in range(100):
        (tmp_path / f".cr.md.{os.getpid()}.42.{attempt}.tmp").write_bytes(b"")
    with pytest.raises(ExportError) as refused:
        place_files([Output(target, lambda handle: handle.write(b"mine"))])
    assert refused.value.params["path"] == str(target)
    assert str(target) in refused.value.params["reason"]
    assert not target.exists()


def test_an_old_copy_that_cannot_be_removed_does_not_undo_a_finished_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The new minutes are in place; the old ones' hidden copy stays behind (a
    # locked file on a network share): the export has still succeeded.
    target = tmp_path / "cr.md"
    target.write_bytes(b"old")
    real_unlink = os.unlink

    def unlink(name, *args, **kwargs) -> None:
        if str(name).endswith(".previous"):
            raise PermissionError(13, "Permission denied")
        real_unlink(name, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    place_files([Output(target, lambda handle: handle.write(b"new"))], force=True)
    assert target.read_bytes() == b"new"

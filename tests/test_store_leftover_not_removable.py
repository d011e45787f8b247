"""A leftover beside the project that cannot be removed (a folder that happens to
carry a temporary file's name, a file another account owns) does not stop the
project from opening: the leftovers that can go are removed, the rest stays."""

from __future__ import annotations

from pathlib import Path

from workshop.project import Project


def test_a_leftover_that_cannot_be_removed_does_not_stop_the_opening(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
    stuck = tmp_path / f".{path.name}.abc123.tmp"
    stuck.mkdir()  # unlink() refuses a folder
    (stuck / "dedans").write_bytes(b"")
    crumb = tmp_path / f".{path.name}.journal.x1y2.tmp"
    crumb.write_bytes(b'{"half": ')
    with Project.open(path) as again:
        assert [s.name for s in again.structures()] == ["Un"]
    assert stuck.is_dir() and not crumb.exists()

"""Every file this version writes says the format it is written in (2: a journal
may follow it, so an older Atelier refuses it rather than miss the journal), also
when what it writes comes from a file of the older format: a restored backup, or
a project opened without its journal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from workshop.storage import backup_path
from workshop.store import restore_backup

DATA = Path(__file__).with_name("data")


def test_a_backup_of_the_older_format_is_restored_in_this_format(tmp_path: Path) -> None:
    path = tmp_path / "ancien.atelier"
    shutil.copy2(DATA / "before-journal.atelier", backup_path(path))
    old = json.loads(backup_path(path).read_bytes())
    assert next(iter(old["meta"].values()))["format"] == 1
    path.write_bytes(b'{"meta": {"1": {"name": "cass')  # the project itself damaged
    restore_backup(path)
    restored = json.loads(path.read_bytes())
    meta = next(iter(restored["meta"].values()))
    assert meta["format"] == 2
    assert meta["journal"] == {"generation": meta["journal"]["generation"], "follows": False, "folds": None}
    assert {table: docs for table, docs in restored.items() if table != "meta"} == {
        table: docs for table, docs in old.items() if table != "meta"
    }

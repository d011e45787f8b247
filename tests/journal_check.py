"""What the project on disk (file and journal, read back) holds that memory does not, or the reverse."""

from __future__ import annotations

import json
from typing import Any

from workshop.projectfile import load_project
from workshop.text import visible_in

STAMPED = ("journal", "tables")  # meta fields written with each file, never kept in memory


def differences(storage: Any) -> list[str]:
    """Documents that differ between memory and disk, as "table/id" (empty when they agree)."""
    on_disk = _normal(load_project(storage.path).data)
    in_memory = _normal(json.loads(json.dumps(storage.read())))
    found = []
    for table in sorted(set(on_disk) | set(in_memory)):
        disk_docs, memory_docs = on_disk.get(table, {}), in_memory.get(table, {})
        for doc_id in sorted(set(disk_docs) | set(memory_docs)):
            if disk_docs.get(doc_id) != memory_docs.get(doc_id):
                found.append(f"{table}/{doc_id}")
    return found


def _normal(data: dict[str, Any]) -> dict[str, Any]:
    visible_in(data)
    for record in data.get("meta", {}).values():
        for name in STAMPED:
            record.pop(name, None)
    return {table: docs for table, docs in data.items() if docs}

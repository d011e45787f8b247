"""An exercise's state, one document per agenda item, in the exercise's own table.

The document id is the agenda item's id, so reading the state of an item is a
direct lookup. Every write replaces the whole document: the state is small, and a
partial write can never leave it half-changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tinydb.table import Document

if TYPE_CHECKING:
    from workshop.model import AgendaItem
    from workshop.project import Project


def load(project: Project, table: str, item_id: int) -> dict[str, Any] | None:
    doc = project.store.table(table).get(doc_id=item_id)
    # A deep copy: documents read from TinyDB are shared with its memory.
    return _copy(dict(doc)) if doc is not None else None


def save(project: Project, table: str, item_id: int, data: dict[str, Any], fresh: bool = False) -> None:
    """Store `data` as the item's state; `fresh` says the caller built it anew and keeps no reference."""
    store = project.store.table(table)
    data = data if fresh else _copy(data)
    if store.contains(doc_id=item_id):
        store.update(data, doc_ids=[item_id])
    else:
        store.insert(Document(data, doc_id=item_id))


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def items_before(project: Project, item_id: int, kind: str) -> list[AgendaItem]:
    """The agenda items of `kind` that came before this one, nearest first: earlier
    in the same workshop, then in earlier workshops (by date). An exercise that is
    followed workshop after workshop starts from the nearest one."""
    item = project.agenda_item(item_id)
    found: list[AgendaItem] = []
    for workshop in project.workshops():
        agenda = project.agenda(workshop.id)
        if workshop.id == item.workshop_id:
            found += [i for i in agenda if i.kind == kind and i.position < item.position]
            break
        found += [i for i in agenda if i.kind == kind]
    return list(reversed(found))


def items_up_to(project: Project, workshop_id: int, kind: str) -> list[AgendaItem]:
    """The agenda items of `kind` in this workshop and the ones before it, in time order."""
    found: list[AgendaItem] = []
    for workshop in project.workshops():
        found += [i for i in project.agenda(workshop.id) if i.kind == kind]
        if workshop.id == workshop_id:
            break
    return found

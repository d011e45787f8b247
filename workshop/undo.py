"""Undoing the last removal or decision made since the project was opened.

A removal (a structure, a participant, a workshop, an agenda item, a proposal, a
shared value, a row or a column of the matrix…) or a decision (on a proposal, in
a cell of the matrix) runs inside `UndoLog.step`. The step records every
document it changed, as it was before and as it was after; the log keeps the
last steps in memory, for as long as the project is open. `undo()` takes the
last step back: each document returns to what it was before.

What changed since the step is kept: the step's own changes are taken back field
by field (and, in a list of records with ids, record by record), so a timer that
ticked or a title edited since survives the undo. Only when the very field the
step changed was changed again afterwards is the undo refused (`UndoConflict`),
rather than overwrite later work.

The recording sits under TinyDB (`ProjectTable._update_table` hands each write's
documents through `RecordingDocs`): whatever the core function does, and
however its semantics evolve, the undo takes back exactly what it wrote.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, KeysView, MutableMapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workshop.errors import ValidationError

if TYPE_CHECKING:
    from workshop.store import ProjectStore

MAX_STEPS = 50  # steps kept; older ones can no longer be undone
MISSING: Any = object()  # a document (or a field) that did not exist

Key = tuple[str, int]  # (table, document id)


class NothingToUndo(ValidationError):
    key = "undo.nothing"


class UndoConflict(ValidationError):
    key = "undo.conflict"


@dataclass
class UndoStep:
    """One removal or decision: what it changed, before and after."""

    kind: str  # catalog suffix: "undo.key.<kind>" (the key bar), "undo.done.<kind>" (when undone)
    params: dict[str, Any]
    before: dict[Key, Any] = field(default_factory=dict)
    after: dict[Key, Any] = field(default_factory=dict)

    def done_message(self) -> str:
        from workshop.i18n import t

        return t(f"undo.done.{self.kind}", **self.params)

    def key_label(self) -> str:
        from workshop.i18n import t

        return t(f"undo.key.{self.kind}", **self.params)


class UndoLog:
    """The undo steps of an open project, most recent last."""

    def __init__(self, store: ProjectStore) -> None:
        self.store = store
        self.steps: list[UndoStep] = []
        self._recording: dict[Key, Any] | None = None
        self._listeners: list[Callable[[], None]] = []

    # Recording ---------------------------------------------------------------------
    @contextlib.contextmanager
    def step(self, kind: str, **params: Any) -> Iterator[None]:
        """Record the block as one undoable step (a nested step joins the outer one).

        The block's changes are saved together (one batch); when it raises, it
        leaves nothing behind, in the project nor in the log.
        """
        if self._recording is not None:
            yield
            return
        recording: dict[Key, Any] = {}
        self._recording = recording
        try:
            with self.store.batch():
                yield
        finally:
            self._recording = None
        self._keep(UndoStep(kind, params), recording)

    def remember(self, table: str, doc_id: int, doc: Any) -> None:
        """Called for each document a write touches: its first state in the step."""
        if self._recording is not None:
            self._recording.setdefault((table, doc_id), _copy(doc))

    @property
    def recording(self) -> bool:
        return self._recording is not None

    def _keep(self, step: UndoStep, recording: dict[Key, Any]) -> None:
        tables = self.store.storage.read() or {}
        for key, before in recording.items():
            after = _copy(tables.get(key[0], {}).get(str(key[1]), MISSING))
            if after != before:
                step.before[key] = before
                step.after[key] = after
        if not step.before:
            return  # the block changed nothing: nothing to undo
        self.steps.append(step)
        del self.steps[:-MAX_STEPS]
        self._changed()

    # Undoing -------------------------------------------------------------------------
    @property
    def last(self) -> UndoStep | None:
        return self.steps[-1] if self.steps else None

    def undo(self) -> UndoStep:
        """Take the last step back; the step undone (NothingToUndo, UndoConflict)."""
        if not self.steps:
            raise NothingToUndo()
        step = self.steps[-1]
        tables = self.store.storage.read() or {}
        restored: dict[Key, Any] = {}
        for key, before in step.before.items():
            current = tables.get(key[0], {}).get(str(key[1]), MISSING)
            merged = merge_back(before, step.after[key], _copy(current))
            if merged is CONFLICT:
                raise UndoConflict(what=step.key_label())
            restored[key] = merged
        with self.store.batch():
            for (table, doc_id), doc in restored.items():
                docs = tables.setdefault(table, {})
                if doc is MISSING:
                    docs.pop(str(doc_id), None)
                else:
                    docs[str(doc_id)] = doc
            self.store.storage.write(tables)
        self.steps.pop()
        self._changed()
        return step

    # Listeners (the interface redraws its key bar) ---------------------------------------
    def subscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()


class RecordingDocs(MutableMapping[int, Any]):
    """A table's documents as TinyDB's updaters see them, telling the undo log
    about each document before it is read for a change, replaced or removed."""

    __slots__ = ("docs", "log", "table")

    def __init__(self, docs: MutableMapping[int, Any], log: UndoLog, table: str) -> None:
        self.docs = docs
        self.log = log
        self.table = table

    def __getitem__(self, doc_id: int) -> Any:
        doc = self.docs[doc_id]
        # TinyDB's update changes the document it reads, in place.
        self.log.remember(self.table, doc_id, doc)
        return doc

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        self.log.remember(self.table, doc_id, self.docs[doc_id] if doc_id in self.docs else MISSING)
        self.docs[doc_id] = doc

    def __delitem__(self, doc_id: int) -> None:
        self.log.remember(self.table, doc_id, self.docs[doc_id])
        del self.docs[doc_id]

    def will_change(self, doc_id: int) -> Any:
        """The document about to be changed in place (`ProjectTable.update`): remembered first."""
        doc = self.docs.will_change(doc_id)  # type: ignore[attr-defined]  # the store's _DocsById
        self.log.remember(self.table, doc_id, doc)
        return doc

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self.docs

    def __iter__(self) -> Iterator[int]:
        return iter(self.docs)

    def __len__(self) -> int:
        return len(self.docs)

    def keys(self) -> KeysView[int]:  # TinyDB lists the keys before changing the table
        return self.docs.keys()


# Merging a step back into what changed since ----------------------------------------------
CONFLICT: Any = object()


def merge_back(before: Any, after: Any, current: Any) -> Any:
    """`current` with the change before → after taken back; CONFLICT when the same
    place was changed again since."""
    if current == after:
        return _copy(before)
    if before == after or current == before:
        return current
    if isinstance(before, dict) and isinstance(after, dict) and isinstance(current, dict):
        merged = dict(current)
        for key in set(before) | set(after):
            value = merge_back(before.get(key, MISSING), after.get(key, MISSING), current.get(key, MISSING))
            if value is CONFLICT:
                return CONFLICT
            if value is MISSING:
                merged.pop(key, None)
            else:
                merged[key] = value
        return merged
    if _records(before) and _records(after) and _records(current):
        return _merge_records(before, after, current)
    return CONFLICT


def _records(value: Any) -> bool:
    """A list of records with unique ids (values of an exercise, actions of the matrix)."""
    if not isinstance(value, list) or not all(isinstance(v, dict) and "id" in v for v in value):
        return False
    return len({v["id"] for v in value}) == len(value)


def _merge_records(before: list[dict], after: list[dict], current: list[dict]) -> Any:
    old = {v["id"]: v for v in before}
    new = {v["id"]: v for v in after}
    now = {v["id"]: v for v in current}
    merged: dict[Any, Any] = {}
    for record_id in list(now) + [i for i in old if i not in now]:
        value = merge_back(old.get(record_id, MISSING), new.get(record_id, MISSING), now.get(record_id, MISSING))
        if value is CONFLICT:
            return CONFLICT
        if value is not MISSING:
            merged[record_id] = value
    # The order: as it is now, a record taken back returns where it was before.
    order = [v["id"] for v in current if v["id"] in merged]
    for index, record in enumerate(before):
        record_id = record["id"]
        if record_id in merged and record_id not in order:
            previous = [v["id"] for v in before[:index] if v["id"] in order]
            order.insert(order.index(previous[-1]) + 1 if previous else 0, record_id)
    return [merged[i] for i in order]


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value

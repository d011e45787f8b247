"""Errors the core raises, each carrying a message key from the catalog.

The user interface turns them into a clear sentence with `t(error.key, **error.params)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workshop.schema import Finding


class AtelierError(Exception):
    """Base of every error the core reports to a person."""

    key = "error.generic"

    def __init__(self, key: str | None = None, **params: object) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(self.key, params)

    def message(self) -> str:
        from workshop.i18n import t

        return t(self.key, **self.params)


class ValidationError(AtelierError):
    """Input a person typed that cannot be accepted as it is."""

    key = "error.invalid"


class ProjectDamaged(AtelierError):
    """The project file cannot be read; it is left untouched."""

    key = "error.project_damaged"
    findings: Sequence[Finding] = ()  # what the checks found wrong, when they found it (validation.damaged)


class JournalProblem(ProjectDamaged):
    """The project's journal is missing, belongs to another version of the file, or is damaged.

    `kind` is "missing", "foreign", "damaged" or "unreadable"; `usable` holds
    the journal's records that can still be applied (damaged: those before the
    damage). Nothing was changed; `workshop.store.open_without_journal` opens
    the project as its file holds it (plus the usable records), the journal kept aside.
    """

    key = "error.journal_damaged"
    kind = "damaged"
    usable: list[bytes] = []


class ProjectLocked(AtelierError):
    """Another Atelier already has this project open."""

    key = "error.project_locked"


class ProjectUnlockable(ProjectLocked):
    """No lock could be taken anywhere: the project is not opened (two writers could not be told apart)."""

    key = "error.project_unlockable"


class StorageError(AtelierError):
    """A save failed (full disk, read-only folder); the data is kept in memory."""

    key = "error.storage"


class ExportError(AtelierError):
    """A document (the minutes, the draft convention) could not be written where asked; nothing was half-written."""

    key = "minutes.error.write"


class NotFound(AtelierError):
    """A record asked for by its number is not (or no longer) in the project."""

    key = "error.not_found"

    def message(self) -> str:
        from workshop.i18n import t

        # `what` is the table it was looked for in ("rounds"): said in words ("tour de table").
        what = self.params.get("what")
        if not isinstance(what, str):
            return super().message()
        named = t(f"record.{what}")
        return t(self.key, **{**self.params, "what": what if named == f"record.{what}" else named})

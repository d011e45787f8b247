"""Exporting the minutes to files: safe names, atomic writes, never a silent overwrite.

Used by the app's export dialog and by `atelier export`. Each file is written to
a temporary file in the target folder, flushed to disk and moved into place, so
a crash never leaves a half-written document under the final name. Without
`force`, the move refuses an existing file even if it appeared meanwhile.
Like project files, the minutes name people: they are readable by their owner only.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Callable

from workshop.errors import AtelierError
from workshop.filenames import safe_stem
from workshop.i18n import language

if TYPE_CHECKING:
    from workshop.clock import Clock
    from workshop.minutes.blocks import Block
    from workshop.model import Workshop
    from workshop.project import Project

DOCX, MARKDOWN = ".docx", ".md"


class ExportError(AtelierError):
    """The minutes could not be written where asked; nothing was half-written."""

    key = "minutes.error.write"


class OutputExists(ExportError):
    key = "minutes.error.file_exists"


@dataclass(frozen=True)
class ExportTargets:
    docx: Path | None = None
    markdown: Path | None = None

    @property
    def paths(self) -> list[Path]:
        return [p for p in (self.docx, self.markdown) if p is not None]


def default_stem(project: Project, workshop: Workshop) -> str:
    """A file name stem from the project and the workshop, safe on every system."""
    parts = [project.name, workshop.date, workshop.title]
    return safe_stem(" ".join(p for p in parts if p), fallback="compte-rendu")


def targets_in(folder: Path, stem: str, docx: bool = True, markdown: bool = True) -> ExportTargets:
    """Both files in `folder`, the stem made safe (a typed `../x` stays in `folder`)."""
    name = safe_stem(stem, fallback="compte-rendu")
    return ExportTargets(folder / f"{name}{DOCX}" if docx else None, folder / f"{name}{MARKDOWN}" if markdown else None)


def existing(targets: ExportTargets) -> list[Path]:
    return [p for p in targets.paths if p.exists()]


def export_minutes(
    project: Project, workshop: Workshop, targets: ExportTargets, force: bool = False, clock: Clock | None = None
) -> list[Path]:
    """Write the workshop's minutes to `targets`; returns the files written.

    Raises OutputExists (before writing anything) when a target exists and
    `force` is not set, ExportError when a folder is missing or unwritable.
    """
    check_targets(targets, force)
    from workshop.minutes.builder import build_minutes

    return write_blocks(build_minutes(project, workshop, clock), targets, title=workshop.title, force=force)


def check_targets(targets: ExportTargets, force: bool) -> None:
    paths = targets.paths
    if len({p.resolve() for p in paths}) < len(paths):
        raise ExportError("minutes.error.same_file", path=str(paths[0]))
    for path in paths:
        if not path.parent.is_dir():
            raise ExportError("minutes.error.folder_missing", path=str(path.parent))
        if not force and path.exists():
            raise OutputExists(path=str(path))


def write_blocks(blocks: list[Block], targets: ExportTargets, title: str = "", force: bool = False) -> list[Path]:
    written: list[Path] = []
    lang = language()
    if targets.markdown is not None:
        from workshop.minutes.markdown_writer import render_markdown

        payload = render_markdown(blocks).encode("utf-8")
        place_file(targets.markdown, lambda handle: handle.write(payload), force)
        written.append(targets.markdown)
    if targets.docx is not None:
        from workshop.minutes.docx_writer import write_docx

        place_file(targets.docx, lambda handle: write_docx(blocks, handle, title=title, lang=lang), force)
        written.append(targets.docx)
    return written


def place_file(path: Path, write: Callable[[IO[bytes]], object], force: bool = False) -> None:
    """Write a file through a temporary file in its folder, then move it into place."""
    folder = path.parent
    try:
        fd, tmp_name = _temporary_file(path)
    except OSError as error:
        raise ExportError(path=str(path), reason=error.strerror or str(error)) from error
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(tmp_name, path)
        else:
            _move_no_clobber(tmp_name, path)
    except OSError as error:
        raise ExportError(path=str(path), reason=error.strerror or str(error)) from error
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
    _fsync_folder(folder)


def _temporary_file(path: Path) -> tuple[int, str]:
    """A new hidden file beside `path`, owner-only (like tempfile.mkstemp, without its imports)."""
    for attempt in range(100):
        name = str(path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.{attempt}.tmp"))
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(path)


def _move_no_clobber(tmp_name: str, path: Path) -> None:
    # A hard link refuses an existing name atomically; file systems without
    # hard links (FAT USB keys) fall back to a check then a replace.
    try:
        os.link(tmp_name, path)
    except FileExistsError:
        raise OutputExists(path=str(path)) from None
    except OSError:
        if path.exists():
            raise OutputExists(path=str(path)) from None
        os.replace(tmp_name, path)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

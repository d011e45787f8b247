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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from workshop.errors import ExportError
from workshop.filenames import safe_stem
from workshop.i18n import language
from workshop.minutes.protected import refuse_project_files

if TYPE_CHECKING:
    from workshop.clock import Clock
    from workshop.minutes.blocks import Block, DocumentInfo
    from workshop.model import Workshop
    from workshop.project import Project

DOCX, MARKDOWN = ".docx", ".md"


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
    project: Project,
    workshop: Workshop,
    targets: ExportTargets,
    force: bool = False,
    clock: Clock | None = None,
    protect: Path | None = None,
) -> list[Path]:
    """Write the workshop's minutes to `targets`; returns the files written.

    Raises ProtectedTarget when a target is a project file (`protect` names the
    project exported, whose backup and locks are refused too), OutputExists when
    a target exists and `force` is not set, ExportError when a folder is missing
    or unwritable; each before writing anything.
    """
    check_targets(targets, force, protect)
    from workshop.minutes.builder import build_minutes, document_info

    blocks = build_minutes(project, workshop, clock)
    return place_files(minutes_outputs(blocks, targets, info=document_info(project, workshop)), force)


def check_targets(targets: ExportTargets, force: bool, protect: Path | None = None) -> None:
    """Refuse, before anything is written, every target the export could not write whole."""
    check_paths(targets.paths, force, protect)


def check_paths(paths: list[Path], force: bool, protect: Path | None = None) -> None:
    refuse_project_files(paths, protect)
    if len({p.resolve() for p in paths}) < len(paths):
        raise ExportError("minutes.error.same_file", path=str(paths[0]))
    for path in paths:
        if path.is_dir():
            raise ExportError("protect.is_folder", path=str(path))
        if not path.parent.is_dir():
            raise ExportError("minutes.error.folder_missing", path=str(path.parent))
        if not force and path.exists():
            raise OutputExists(path=str(path))


@dataclass(frozen=True)
class Output:
    """One file to write: where, and how to write its bytes."""

    path: Path
    write: Callable[[IO[bytes]], object]


def minutes_outputs(blocks: list[Block], targets: ExportTargets, title: str = "", info: DocumentInfo | None = None) -> list[Output]:
    """One description in both formats, with the typography of the language."""
    from workshop.minutes.blocks import DocumentInfo
    from workshop.minutes.typography import typeset

    lang = language()
    info = info or DocumentInfo(title=title, lang=lang)
    blocks = typeset(blocks, lang)
    outputs: list[Output] = []
    if targets.markdown is not None:
        from workshop.minutes.markdown_writer import render_markdown

        payload = render_markdown(blocks, info).encode("utf-8")
        outputs.append(Output(targets.markdown, lambda handle: handle.write(payload)))
    if targets.docx is not None:
        from workshop.minutes.docx_writer import write_docx

        outputs.append(Output(targets.docx, lambda handle: write_docx(blocks, handle, info)))
    return outputs


def write_blocks(
    blocks: list[Block], targets: ExportTargets, title: str = "", force: bool = False, info: DocumentInfo | None = None
) -> list[Path]:
    return place_files(minutes_outputs(blocks, targets, title, info), force)


def place_file(path: Path, write: Callable[[IO[bytes]], object], force: bool = False) -> None:
    """Write a file through a temporary file in its folder, then move it into place."""
    place_files([Output(path, write)], force)


def place_files(outputs: list[Output], force: bool = False) -> list[Path]:
    """Write every file, or none: an export is never left half-written.

    Each file is first written whole to a temporary file in its folder and
    flushed to disk; only then are they moved into place, one after the other.
    If a move fails, the files already moved are taken back (a file they
    replaced is put back), so the folder is as it was before.
    """
    prepared: list[tuple[Output, str]] = []
    try:
        for output in outputs:
            prepared.append((output, _prepare(output)))
        placed: list[tuple[Path, str | None]] = []
        try:
            for output, tmp_name in prepared:
                placed.append((output.path, _place(tmp_name, output.path, force)))
        except BaseException:
            _take_back(placed)
            raise
    finally:
        for _output, tmp_name in prepared:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    for _path, previous in placed:
        if previous is not None:
            with contextlib.suppress(OSError):
                os.unlink(previous)
    for folder in dict.fromkeys(output.path.parent for output in outputs):
        _fsync_folder(folder)
    return [output.path for output in outputs]


def _prepare(output: Output) -> str:
    """The output written whole to a new temporary file beside its target; its name."""
    try:
        fd, tmp_name = _temporary_file(output.path)
    except OSError as error:
        raise ExportError(path=str(output.path), reason=error.strerror or str(error)) from error
    try:
        with os.fdopen(fd, "wb") as handle:
            output.write(handle)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(error, OSError):
            raise ExportError(path=str(output.path), reason=error.strerror or str(error)) from error
        raise
    return tmp_name


def _place(tmp_name: str, path: Path, force: bool) -> str | None:
    """Move a prepared file into place; the name the replaced file was kept under, if any."""
    try:
        if not force:
            _move_no_clobber(tmp_name, path)
            return None
        previous = _keep_previous(path)
        try:
            os.replace(tmp_name, path)
        except BaseException:
            if previous is not None:
                _put_back(previous, path)
            raise
        return previous
    except OSError as error:
        raise ExportError(path=str(path), reason=error.strerror or str(error)) from error


def _keep_previous(path: Path) -> str | None:
    """A second name for the file about to be replaced, so that it can be put back."""
    if not path.exists():
        return None
    for attempt in range(100):
        name = str(path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.{attempt}.previous"))
        try:
            os.link(path, name)
            return name
        except FileExistsError:
            continue
        except OSError:
            break  # no hard links here (FAT): move it aside instead
    name = str(path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.previous"))
    os.replace(path, name)
    return name


def _put_back(previous: str, path: Path) -> None:
    """The replaced file under its name again, and no second name left behind.

    When the replace failed, `previous` may still be a hard link to the file at
    `path`: renaming a link onto the same file does nothing (POSIX), so the
    hidden copy of the person's minutes would stay in the folder."""
    os.replace(previous, path)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(previous)


def _take_back(placed: list[tuple[Path, str | None]]) -> None:
    for path, previous in reversed(placed):
        with contextlib.suppress(OSError):
            if previous is not None:
                _put_back(previous, path)
            else:
                os.unlink(path)


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

"""Writing the draft convention: the minutes' safety rules (DESIGN §3.5).

The .docx goes through the minutes' writer (real Word styles, tables sized to
their content, text people typed made safe), is written to a temporary file
and moved into place (a crash never leaves half a document), never replaces an
existing file without `force`, and never lands on a project file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.filenames import safe_stem
from workshop.minutes.export import DOCX, ExportError, ExportTargets, OutputExists, write_blocks

if TYPE_CHECKING:
    from workshop.project import Project

PROJECT_SUFFIX = ".atelier"


class ProjectFileTarget(ExportError):
    """The target is a project file (or what keeps one safe); nothing was written."""

    key = "convention.error.project_file"


def default_name(project: Project) -> str:
    from workshop.i18n import t

    return safe_stem(t("convention.file_stem", project=project.name), fallback="convention") + DOCX


def refuse_project_target(path: Path, project_path: Path | None = None) -> None:
    """Raise ProjectFileTarget when writing `path` could destroy a project.

    Refused, whatever `force` says: the project being exported, its backup and
    lock (also through a link), any file named like a project or its companions,
    and any file whose content is a project. The export guard of the safety
    work replaces this function when it lands.
    """
    real = Path(os.path.realpath(path))
    names = {path.name.lower(), real.name.lower()}
    for name in names:
        if name.endswith((PROJECT_SUFFIX, PROJECT_SUFFIX + ".bak", PROJECT_SUFFIX + ".lock")) or f"{PROJECT_SUFFIX}." in name:
            raise ProjectFileTarget(path=str(path))
    if project_path is not None:
        project_real = Path(os.path.realpath(project_path))
        companions = {project_real, project_real.with_name(project_real.name + ".bak"), project_real.with_name(project_real.name + ".lock")}
        if real in companions:
            raise ProjectFileTarget(path=str(path))
        for companion in companions:
            try:
                if real.exists() and companion.exists() and os.path.samefile(real, companion):
                    raise ProjectFileTarget(path=str(path))
            except OSError:
                continue
    if real.is_file() and _holds_a_project(real):
        raise ProjectFileTarget(path=str(path))


def _holds_a_project(path: Path) -> bool:
    from workshop.errors import ProjectDamaged
    from workshop.projectfile import read_project_file

    try:
        with open(path, "rb") as handle:
            start = handle.read(1).lstrip()
        if start not in (b"{", b"\xef"):  # JSON, possibly after a byte-order mark
            return False
        data = read_project_file(path)
    except (OSError, ProjectDamaged):
        return False
    return "meta" in data or "structures" in data


def check_target(target: Path, force: bool = False, project_path: Path | None = None) -> None:
    """Refuse, before anything is written, a target the export could not write whole."""
    refuse_project_target(target, project_path)
    if target.is_dir():
        raise ExportError("convention.error.is_folder", path=str(target))
    if not target.parent.is_dir():
        raise ExportError("minutes.error.folder_missing", path=str(target.parent))
    if not force and target.exists():
        raise OutputExists(path=str(target))


def export_convention(
    project: Project, target: Path, force: bool = False, project_path: Path | None = None, day: str = ""
) -> Path:
    """Write the project's draft convention to `target` (.docx); returns the path written.

    Raises ProjectFileTarget, OutputExists or ExportError before writing anything.
    """
    from workshop.convention.builder import build_convention
    from workshop.i18n import t

    check_target(target, force, project_path)
    blocks = build_convention(project, day)
    write_blocks(blocks, ExportTargets(docx=target), title=t("convention.document_title", project=project.name), force=force)
    return target

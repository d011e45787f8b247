"""Writing the draft convention: the minutes' safety rules (DESIGN §3.5).

The .docx goes through the minutes' writer (real Word styles, tables sized to
their content, text people typed made safe), is written to a temporary file
and moved into place (a crash never leaves half a document), never replaces an
existing file without `force`, and never lands on a project file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from workshop.filenames import safe_stem
from workshop.minutes.export import DOCX, ExportTargets, Output, check_paths, minutes_outputs, place_files
from workshop.minutes.protected import ProtectedTarget, refuse_project_files

if TYPE_CHECKING:
    from workshop.project import Project


# The export guard of the minutes (workshop/minutes/protected.py): one rule for every document.
ProjectFileTarget = ProtectedTarget


def default_name(project: Project) -> str:
    from workshop.i18n import t

    return safe_stem(t("convention.file_stem", project=project.name), fallback="convention") + DOCX


def refuse_project_target(path: Path, project_path: Path | None = None) -> None:
    """Raise ProjectFileTarget when writing `path` could destroy a project (see workshop.minutes.protected)."""
    refuse_project_files([path], project_path)


def check_target(target: Path, force: bool = False, project_path: Path | None = None) -> None:
    """Refuse, before anything is written, a target the export could not write whole."""
    check_paths([target], force, project_path)


def export_convention(
    project: Project, target: Path, force: bool = False, project_path: Path | None = None, day: str = ""
) -> Path:
    """Write the project's draft convention to `target` (.docx); returns the path written.

    Raises ProjectFileTarget, OutputExists or ExportError before writing anything.
    """
    check_target(target, force, project_path)
    place_files(convention_outputs(project, target, day), force)
    return target


def convention_outputs(project: Project, target: Path, day: str = "") -> list[Output]:
    """The draft convention as a .docx to place (with the other outputs of one export, all or none)."""
    from workshop.convention.builder import build_convention
    from workshop.i18n import language, t
    from workshop.minutes.blocks import DocumentInfo

    info = DocumentInfo(title=t("convention.document_title", project=project.name), lang=language(), written=project.clock.now())
    return minutes_outputs(build_convention(project, day), ExportTargets(docx=target), info=info)

"""`atelier export`: a workshop's minutes without opening the interface.

    atelier export PROJECT [--workshop ID_OR_TITLE] [--docx OUT.docx] [--md OUT.md]
                           [--lang fr|en] [--force] [--register OUT.docx]
                           [--convention OUT.docx]

With neither --docx nor --md, both files are written beside the project under a
safe name derived from the project and the workshop; `--register` or
`--convention` alone writes only the project's action-proposal register or its
draft convention. Every output is checked before any is written, and either all
are written or none. Exit status: 0 done, 1 an output file exists (use --force)
or cannot be written, 2 the project is missing or damaged, the workshop unknown,
or an output is a project file (its own, its backup or lock, any project:
refused even with --force). This path imports no Textual code,
and python-docx only when a .docx is asked for.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.errors import AtelierError, ProjectDamaged
from workshop.i18n import LANGUAGES, set_language, t

if TYPE_CHECKING:
    from workshop.minutes.blocks import Block, DocumentInfo
    from workshop.model import Workshop
    from workshop.project import Project

EXIT_OUTPUT, EXIT_INPUT = 1, 2


class UnknownWorkshop(AtelierError):
    key = "minutes.error.unknown_workshop"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = t("minutes.help.command")
    parser.add_argument("project", type=Path, metavar=t("cli.metavar.project"), help=t("minutes.help.project"))
    parser.add_argument("--workshop", metavar=t("cli.metavar.workshop"), help=t("minutes.help.workshop"))
    parser.add_argument("--docx", type=Path, metavar=t("cli.metavar.docx"), help=t("minutes.help.docx"))
    parser.add_argument("--md", type=Path, metavar=t("cli.metavar.md"), help=t("minutes.help.md"))
    # Its own dest: a sub-command default would overwrite `atelier --lang en export …`.
    parser.add_argument("--lang", dest="minutes_lang", choices=LANGUAGES, default=None, help=t("minutes.help.lang"))
    parser.add_argument("--force", action="store_true", help=t("minutes.help.force"))
    parser.add_argument("--register", type=Path, metavar=t("cli.metavar.docx"), help=t("minutes.help.register"))
    parser.add_argument("--convention", type=Path, metavar=t("cli.metavar.docx"), help=t("convention.help.cli"))


def run(args: argparse.Namespace) -> int:
    # An export builds a few hundred thousand small objects, writes and is done: the cyclic
    # garbage collector would only walk them again and again (about a tenth of its time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _export(args)
    finally:
        if enabled:
            gc.enable()


def _export(args: argparse.Namespace) -> int:
    if getattr(args, "minutes_lang", None):
        set_language(args.minutes_lang)
    from workshop.minutes.export import (
        ExportTargets,
        check_paths,
        default_stem,
        minutes_outputs,
        place_files,
        targets_in,
    )
    from workshop.minutes.protected import ProtectedTarget
    from workshop.minutes.snapshot import open_snapshot

    path = args.project.expanduser()
    try:
        project = open_snapshot(path)
    except FileNotFoundError:
        return _fail(t("minutes.error.project_missing", path=str(path)), EXIT_INPUT)
    except IsADirectoryError:
        return _fail(t("error.project_bad_shape", path=str(path)), EXIT_INPUT)
    except ProjectDamaged as error:
        return _fail(error.message(), EXIT_INPUT)

    register = _absolute(args.register)
    convention = _absolute(getattr(args, "convention", None))
    only_documents = (register is not None or convention is not None) and args.docx is None and args.md is None
    try:
        targets = ExportTargets()
        if not only_documents:
            workshop = find_workshop(project, args.workshop)
            if args.docx is None and args.md is None:
                targets = targets_in(project.path.parent, default_stem(project, workshop))
            else:
                targets = ExportTargets(_absolute(args.docx), _absolute(args.md))
        # Every target is checked before anything is written: a project file is
        # never a target, --force or not, and a refused target writes nothing at all.
        documents = [p for p in (register, convention) if p is not None]
        check_paths(targets.paths + documents, args.force, project.path)
    except ProtectedTarget as error:
        return _fail(error.message(), EXIT_INPUT)
    except AtelierError as error:
        return _fail(error.message(), EXIT_INPUT if isinstance(error, UnknownWorkshop) else EXIT_OUTPUT)
    try:
        outputs = []
        if targets.paths:
            from workshop.minutes.builder import build_minutes, document_info

            outputs += minutes_outputs(build_minutes(project, workshop), targets, info=document_info(project, workshop))
        if register is not None:
            outputs += minutes_outputs(
                register_source()(project), ExportTargets(docx=register), title=project.name, info=register_layout()(project)
            )
        if convention is not None:
            from workshop.convention.export import convention_outputs

            outputs += convention_outputs(project, convention)
        written = place_files(outputs, force=args.force)
    except AtelierError as error:
        return _fail(error.message(), EXIT_OUTPUT)
    for written_path in written:
        print(t("minutes.written", path=str(written_path)))
    return 0


class RegisterUnavailable(AtelierError):
    key = "minutes.error.register_missing"


def register_source() -> Callable[[Project], list[Block]]:
    """`register_blocks` of `workshop.proposals.register`, the project's action-proposal register."""
    import importlib

    try:
        module = importlib.import_module("workshop.proposals.register")
    except ModuleNotFoundError as error:
        if error.name and "workshop.proposals.register".startswith(error.name):
            raise RegisterUnavailable() from None
        raise
    blocks_of = getattr(module, "register_blocks", None)
    if not callable(blocks_of):
        raise RegisterUnavailable()
    return blocks_of


def register_layout() -> Callable[[Project], DocumentInfo | None]:
    """`register_info` of the register module (landscape pages, running header), when it has one."""
    import importlib

    info_of = getattr(importlib.import_module("workshop.proposals.register"), "register_info", None)
    return info_of if callable(info_of) else (lambda project: None)


def find_workshop(project: Project, wanted: str | None) -> Workshop:
    """By id, then by title (exact, then a unique partial match); by default the latest held."""
    from workshop.names import name_key

    workshops = project.workshops()
    if not workshops:
        raise UnknownWorkshop("minutes.error.no_workshop")
    if wanted is None:
        return latest_held(project, workshops)
    text = wanted.strip()
    if text.isdigit():
        for workshop in workshops:
            if workshop.id == int(text):
                return workshop
    key = name_key(text)
    exact = [w for w in workshops if name_key(w.title) == key]
    partial = exact or [w for w in workshops if key and key in name_key(w.title)]
    if len(partial) == 1:
        return partial[0]
    choices = ", ".join(f"{w.id} « {w.title} »" if _french() else f"{w.id} “{w.title}”" for w in (partial or workshops))
    if partial:
        raise UnknownWorkshop("minutes.error.ambiguous_workshop", wanted=text, choices=choices)
    raise UnknownWorkshop(wanted=text, choices=choices)


def latest_held(project: Project, workshops: list[Workshop]) -> Workshop:
    """The latest workshop that has run (an item was started), else the latest planned one."""
    held = [w for w in workshops if any(i.actual_start is not None for i in project.agenda(w.id))]
    return (held or workshops)[-1]


def _french() -> bool:
    from workshop.i18n import language

    return language() == "fr"


def _absolute(path: Path | None) -> Path | None:
    return path.expanduser().absolute() if path is not None else None


def _fail(message: str, status: int) -> int:
    print(message, file=sys.stderr)
    return status


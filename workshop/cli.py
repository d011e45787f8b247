"""The `atelier` command line: arguments, language, headless commands.

The console script is `screens.launch:main`, which passes the Textual app in as
`launch`: the core never imports the interface, and `python -m workshop.cli
export …` runs with no interface at all.

    atelier [--data-dir DIR] [--lang fr|en]            home screen
    atelier open PATH                                  open one project file
    atelier demo [--fresh]                             open the bundled demo project

Commands that need no interface (such as `export`) import no Textual code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workshop.library import ProjectLibrary

from workshop import __version__
from workshop.i18n import DEFAULT_LANGUAGE, LANGUAGES, set_language, t

# Sub-commands that need no interface: name -> the module holding their
# `configure(parser)` and `run(args) -> exit status`. Listed, not registered on
# import, so that `python -m workshop.cli export …` (where this module is
# `__main__`, not `workshop.cli`) finds them too.
HEADLESS_COMMANDS: dict[str, str] = {"export": "workshop.minutes.command"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="atelier",
        description="Atelier — run live co-construction workshops between organisations.",
    )
    parser.add_argument("--version", action="version", version=f"atelier {__version__}")
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help="interface and minutes language (default: fr)")
    parser.add_argument("--data-dir", type=Path, default=None, help="folder of the projects (default: the platform's data folder)")
    sub = parser.add_subparsers(dest="command")
    open_parser = sub.add_parser("open", help="open a project file")
    open_parser.add_argument("path", type=Path)
    demo_parser = sub.add_parser("demo", help="open the bundled demo project")
    demo_parser.add_argument("--fresh", action="store_true", help="rebuild the demo project from scratch")
    for name in HEADLESS_COMMANDS:
        _command(name).configure(sub.add_parser(name))
    return parser


def _command(name: str) -> Any:
    import importlib

    return importlib.import_module(HEADLESS_COMMANDS[name])


# Opens the interface: (library, project path or None) -> exit status.
Launcher = Callable[["ProjectLibrary", "Path | None"], int]


def main(argv: list[str] | None = None, launch: Launcher | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    set_language(args.lang)
    if args.command in HEADLESS_COMMANDS:
        status: int = _command(args.command).run(args)
        return status

    from workshop.library import ProjectLibrary

    library = ProjectLibrary(args.data_dir)
    project_path: Path | None = None
    if args.command == "open":
        project_path = args.path.expanduser().resolve()
        if not project_path.exists():
            print(t("error.project_missing", path=str(project_path)), file=sys.stderr)
            return 2
    elif args.command == "demo":
        from workshop.demo import ensure_demo

        project_path = ensure_demo(library.folder, fresh=args.fresh)

    if launch is None:
        print(t("error.no_interface"), file=sys.stderr)
        return 2
    return launch(library, project_path)


if __name__ == "__main__":
    sys.exit(main())

"""The `atelier` command line: arguments, language, headless commands.

The console script is `screens.launch:main`, which passes the Textual app in as
`launch`: the core never imports the interface, and `python -m workshop.cli
export …` runs with no interface at all.

    atelier [--data-dir DIR] [--lang fr|en]            home screen
    atelier open PATH                                  open one project file
    atelier demo [--fresh]                             open the bundled demo project

Commands that need no interface (such as `export`) import no Textual code.
The help, argparse's own words included, is in the language `--lang` asks for
(French by default); every command is listed with its line (`cli.command.<name>`).
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
from workshop.cli_language import language_in, speak
from workshop.i18n import DEFAULT_LANGUAGE, LANGUAGES, set_language, t

# Sub-commands that need no interface: name -> the module holding their
# `configure(parser)` and `run(args) -> exit status`. Listed, not registered on
# import, so that `python -m workshop.cli export …` (where this module is
# `__main__`, not `workshop.cli`) finds them too.
HEADLESS_COMMANDS: dict[str, str] = {"export": "workshop.minutes.command"}


def build_parser() -> argparse.ArgumentParser:
    speak()
    parser = argparse.ArgumentParser(prog="atelier", description=t("cli.description"))
    parser.add_argument("--version", action="version", version=f"atelier {__version__}", help=t("cli.help.version"))
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help=t("cli.help.lang"))
    parser.add_argument("--data-dir", type=Path, default=None, metavar=t("cli.metavar.folder"), help=t("cli.help.data_dir"))
    sub = parser.add_subparsers(dest="command", title=t("cli.commands"), metavar=t("cli.metavar.command"))
    open_parser = sub.add_parser("open", help=t("cli.command.open"), description=t("cli.command.open"))
    open_parser.add_argument("path", type=Path, metavar=t("cli.metavar.project"), help=t("cli.help.project_path"))
    demo_parser = sub.add_parser("demo", help=t("cli.command.demo"), description=t("cli.command.demo"))
    demo_parser.add_argument("--fresh", action="store_true", help=t("cli.help.fresh"))
    for name in HEADLESS_COMMANDS:
        _command(name).configure(sub.add_parser(name, help=t(f"cli.command.{name}")))
    return parser


def _command(name: str) -> Any:
    import importlib

    return importlib.import_module(HEADLESS_COMMANDS[name])


# Opens the interface: (library, project path or None) -> exit status.
Launcher = Callable[["ProjectLibrary", "Path | None"], int]


def main(argv: list[str] | None = None, launch: Launcher | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    # The help and argparse's messages need the language before the parser exists.
    set_language(language_in(arguments) or DEFAULT_LANGUAGE)
    parser = build_parser()
    args = parser.parse_args(arguments)
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

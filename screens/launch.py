"""The `atelier` console script: the core's command line, with the Textual app
as its interface. This is the one place that wires the two (DESIGN §4)."""

from __future__ import annotations

import sys
from pathlib import Path

from workshop import cli
from workshop.library import ProjectLibrary


def open_app(library: ProjectLibrary, project_path: Path | None) -> int:
    from screens.app import AtelierApp

    app = AtelierApp(library=library, project_path=project_path)
    app.run()
    # Non-zero when the last save failed (1) or the project asked for was refused (2).
    return app.return_code or 0


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, launch=open_app)


if __name__ == "__main__":
    sys.exit(main())

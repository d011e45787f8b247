"""An error that is not the project's own is a defect of Atelier: said, logged, never disguised.

The core reports what a person can act on with `AtelierError` (bad input, a
damaged or locked project, a failed save); screens turn those into messages.
Anything else is a bug. The app says so plainly, writes the traceback to the
log file the message names, and carries on with the project as last saved
(every change is on disk before the screen shows it). Under the test suite
(`ATELIER_STRICT_ERRORS=1`) the error is raised again, so that a bug fails the
test that met it instead of becoming a toast.
"""

from __future__ import annotations

import os
import time
import traceback
from pathlib import Path

from workshop.i18n import t

STRICT_VARIABLE = "ATELIER_STRICT_ERRORS"


def strict() -> bool:
    """True when unexpected errors must propagate (set by the test suite)."""
    return os.environ.get(STRICT_VARIABLE) == "1"


def log_path() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("atelier", appauthor=False)) / "atelier.log"


def record(error: BaseException) -> Path | None:
    """Append the error's traceback to the log; the log's path, or None when it cannot be written."""
    path = log_path()
    lines = traceback.format_exception(error)
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"--- {stamp}\n{''.join(lines)}\n")
    except OSError:
        return None
    return path


def describe(error: BaseException) -> str:
    """The sentence a person reads: a defect, where its details are, and that the work is safe."""
    path = record(error)
    if path is None:
        return t("error.unexpected_unlogged", kind=type(error).__name__)
    return t("error.unexpected", kind=type(error).__name__, log=str(path))

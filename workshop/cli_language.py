"""The command line in one language: ours and argparse's own words.

`atelier --help` was English while `atelier export --help` was French: the
parser was built before `--lang` was read, and argparse writes its own words
("usage:", "options", "error: …") in English whatever the rest says. Here the
language is read from the arguments first (the last `--lang` given, the
sub-command's included), and argparse's words are looked up in the catalog
(`workshop/locale/cli.toml`). argparse asks for them through its module's `_`
and `ngettext` functions (gettext's), which `speak` replaces.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from workshop.i18n import LANGUAGES, catalog, language

# argparse's messages (Python 3.11 to 3.13) -> catalog keys.
ARGPARSE = {
    "usage: ": "cli.argparse.usage",
    "positional arguments": "cli.argparse.positionals",
    "options": "cli.argparse.options",
    "show this help message and exit": "cli.argparse.help",
    "%(prog)s: error: %(message)s\n": "cli.argparse.error",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
    "the following arguments are required: %s": "cli.argparse.required",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "expected one argument": "cli.argparse.expected_one",
    "expected at most one argument": "cli.argparse.expected_at_most_one",
    "expected at least one argument": "cli.argparse.expected_at_least_one",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "not allowed with argument %s": "cli.argparse.not_allowed",
    "one of the arguments %s is required": "cli.argparse.one_required",
    "ignored explicit argument %r": "cli.argparse.ignored",
    "unexpected option string: %s": "cli.argparse.unexpected",
}
ARGPARSE_PLURAL = {
    "expected %s argument": "cli.argparse.expected_n",
}


def language_in(argv: Sequence[str]) -> str | None:
    """The language asked with `--lang` (the last one), before any parsing."""
    found = None
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return found if found in LANGUAGES else None


def _text(key: str, default: str) -> str:
    # Raw catalog text: argparse fills its own %-placeholders.
    return catalog(language()).get(key) or default


def gettext(message: str) -> str:
    key = ARGPARSE.get(message)
    return _text(key, message) if key else message


def ngettext(singular: str, plural: str, count: int) -> str:
    key = ARGPARSE_PLURAL.get(singular)
    if key is None:
        return singular if count == 1 else plural
    return _text(key + (".one" if count == 1 else ".many"), singular if count == 1 else plural)


def speak() -> None:
    """argparse says its own words in the current language from now on."""
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]

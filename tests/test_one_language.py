"""One language at a time: the command line's help and argparse's own words follow
--lang; English has English typography; French uses its inclusive forms."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from screens import launch
from workshop.i18n import LOCALE_FOLDER

# Words argparse writes in English when left alone.
ARGPARSE_ENGLISH = ("usage:", "show this help", "options:", "positional arguments", "error:", "invalid choice", "choose from")


def help_of(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as done:
        launch.main(argv)
    captured = capsys.readouterr()
    return int(done.value.code or 0), captured.out + captured.err


def test_the_help_is_french_by_default_and_lists_every_command_with_its_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = help_of(["--help"], capsys)
    assert code == 0
    for english in ARGPARSE_ENGLISH + ("open a project", "language of"):
        assert english not in text, english
    assert "utilisation\u00a0: atelier" in text and "options :" in text and "affiche cette aide" in text
    for command, line in (("open", "ouvre un fichier de projet"), ("demo", "ouvre le projet de démonstration"), ("export", "écrit le compte rendu")):
        assert re.search(rf"^\s+{command}\s+{line}", text, re.M), command


@pytest.mark.parametrize(
    "argv",
    [["--lang", "en", "--help"], ["--lang", "en", "export", "--help"], ["export", "--lang", "en", "--help"], ["--lang=en", "demo", "--help"]],
    ids=["main", "export-after", "export-own-lang", "demo"],
)
def test_english_asked_anywhere_gives_english_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, text = help_of(argv, capsys)
    assert code == 0
    assert "usage: atelier" in text and "show this help and exit" in text
    for french in ("utilisation", "affiche", "fichier", "compte rendu", "écrire", "par défaut", "PROJET", "SORTIE"):
        assert french not in text, french


def test_argparse_errors_follow_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = help_of(["--lang", "fr", "ouvrir"], capsys)
    assert code == 2
    assert "erreur" in text and "choix invalide" in text and "invalid choice" not in text
    code, text = help_of(["--lang", "en", "export"], capsys)
    assert code == 2
    assert "error: the following arguments are required: PROJECT" in text


def _catalog(language: str) -> dict[str, str]:
    texts: dict[str, str] = {}

    def walk(table: dict, prefix: str = "") -> None:
        for key, value in table.items():
            if isinstance(value, dict):
                walk(value, f"{prefix}{key}.")
            else:
                texts[f"{prefix}{key}"] = str(value)

    for path in sorted(LOCALE_FOLDER.glob("*.toml")):
        walk(tomllib.loads(path.read_text(encoding="utf-8")).get(language, {}))
    return texts


def test_english_has_english_typography() -> None:
    wrong = {
        key: text
        for key, text in _catalog("en").items()
        # A space before : ; ! ? or %, French quotes, French inclusive endings.
        if re.search(r"\S [:;!?](\s|$)|(\d|\}|\$\w+) %(?![(a-z])|[«»\u202f]|\u00a0[:;!?%]|\w·\w", text)
    }
    assert not wrong
    guides = Path(__file__).parents[1] / "exercises" / "guides"
    for guide in guides.glob("*.en.md"):
        assert not re.search(r"\w [:;!?](\s|$)|\d %|[«»]", guide.read_text(encoding="utf-8")), guide.name


# "participant" without its inclusive ending, unless it is the verb ("en y participant").
PARTICIPANT = r"(?<!\ben )(?<!\ben y )\bparticipants?\b(?!·)"


def test_french_says_animateur·rice_and_participant·e_throughout() -> None:
    texts = _catalog("fr")
    for key, text in texts.items():
        assert not re.search(r"\banimateur(?!·rice)\b|\banimateurs\b", text), key
        assert not re.search(PARTICIPANT, text), key
    guides = Path(__file__).parents[1] / "exercises" / "guides"
    for guide in guides.glob("*.fr.md"):
        body = guide.read_text(encoding="utf-8")
        assert not re.search(r"\banimateur(?!·rice)\b", body) and not re.search(PARTICIPANT, body), guide.name


def test_code_joins_no_french_spacing_into_the_interface() -> None:
    """" : " in the code would bring French spacing into English: labels go through
    the catalog's "common.label"."""
    root = Path(__file__).parents[1]
    for path in list((root / "screens").rglob("*.py")) + list((root / "exercises").rglob("*.py")) + list((root / "workshop").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"""\+\s*["'] :|["'] : ["']\s*\+|assemble\([^)]*["'] : ["']""", source), path

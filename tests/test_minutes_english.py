"""English minutes are English: no French that the app itself wrote, only what people typed.

The French the app writes is its French catalog: every fragment of a French
string (the parts between its placeholders) that differs from English. People's
words are every text stored in the project file, except what the app worded
itself (a round's question and options kept as phrases, a default group name, a
default item title). An English export must hold no French fragment that is not
in people's words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.minutes_structure import norm
from workshop.i18n import catalog, set_language
from workshop.minutes.builder import build_minutes, document_info
from workshop.minutes.command import latest_held
from workshop.minutes.markdown_writer import render_markdown
from workshop.minutes.snapshot import open_snapshot
from workshop.minutes.typography import typeset

_FIELD = re.compile(r"\{[^}]*\}|\$\w+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# What the app worded, stored beside the phrase it comes from: not people's words.
_WORDED = {"question_phrase": "question", "option_phrases": "options", "label_key": "label", "title_key": "title"}


def french_fragments() -> set[str]:
    french, english = catalog("fr"), catalog("en")
    found = set()
    for key, text in french.items():
        if english.get(key) == text:
            continue
        for part in _FIELD.split(text):
            part = " ".join(part.split()).strip(" .,:;—-()«»\"'·")
            words = _WORD.findall(part)
            if len(words) >= 2 and any(len(w) >= 4 for w in words):
                found.add(norm(part))
    # A fragment English says as well ("action(s", "structure(s") is no French.
    said_in_english = norm("\n".join(english.values()))
    return {fragment for fragment in found if fragment not in said_in_english}


def people_words(data: object) -> str:
    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("key"), str) and set(value) <= {"key", "params"}:  # a phrase: its parameters only
                for part in (value.get("params") or {}).values():
                    walk(part)
                return
            skip = {field for marker, field in _WORDED.items() if value.get(marker)}
            for name, part in value.items():
                if name not in skip:
                    walk(part)
        elif isinstance(value, list):
            for part in value:
                walk(part)
        elif isinstance(value, str):
            texts.append(value)

    walk(data)
    return norm("\n".join(texts))


def app_french_in(document: str, project_file: Path) -> list[str]:
    typed = people_words(json.loads(project_file.read_text(encoding="utf-8")))
    text = norm(document)
    return sorted(f for f in french_fragments() if f in text and f not in typed)


def english_minutes(path: Path) -> str:
    set_language("en")
    project = open_snapshot(path)
    workshop = latest_held(project, project.workshops())
    blocks = typeset(build_minutes(project, workshop), "en")
    return render_markdown(blocks, document_info(project, workshop))


def test_english_minutes_of_the_reference_hold_no_french_of_the_app(reference_path: Path) -> None:
    document = english_minutes(reference_path)
    assert app_french_in(document, reference_path) == []
    # What people typed stays as typed: the reference's workshop is run in French.
    assert "Les valeurs que nous partageons" in document
    # The app's own words are said in English: its questions, the default groups, the options of a weighing.
    assert "Which values matter to you in this cooperation?" in document
    assert "Directors: which attractions, fears and temptations weigh most?" in document
    assert "Directors · Temptation · " in document


def test_a_project_saved_before_phrases_is_said_in_english_too(demo_path: Path) -> None:
    """Older files kept only the French wording: the app's templates are recognised in it."""
    data = json.loads(demo_path.read_text(encoding="utf-8"))
    for doc in data.get("rounds", {}).values():
        doc["spec"].pop("question_phrase", None)
        doc["spec"].pop("option_phrases", None)
    for doc in data.get("apt", {}).values():
        for group in doc.get("groups", []):
            group.pop("label_key", None)
    for doc in data.get("agenda", {}).values():
        doc.pop("title_key", None)
    demo_path.write_text(json.dumps(data), encoding="utf-8")
    document = english_minutes(demo_path)
    assert app_french_in(document, demo_path) == []
    assert "Directors: what do they fear from this cooperation?" in document
    assert "Which fears weigh most?" in document

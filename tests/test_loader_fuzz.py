"""Loader fuzz: damaged project files never crash Atelier and are never written.

Random mutations of a valid project (the filled demo: every exercise, rounds,
proposals): drop a table, drop a field, change a type, break a reference,
duplicate an id. Each mutated file is fed to `atelier export` and to
`Project.open`; the answer is always a valid load (then every workshop's minutes
build) or the clear error, never a traceback, and the file is never written.

ATELIER_FUZZ_EXAMPLES raises the number of mutated files (300 by default).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.cli import main
from workshop.demo import build_demo
from workshop.errors import AtelierError, ProjectDamaged
from workshop.library import summarise
from workshop.project import Project
from workshop.projectfile import backup_path

EXAMPLES = int(os.environ.get("ATELIER_FUZZ_EXAMPLES", "300"))
Path_ = tuple[Any, ...]


def _demo() -> tuple[bytes, dict[str, Any]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.atelier"
        build_demo(path)
        raw = path.read_bytes()
    return raw, json.loads(raw)


RAW, DATA = _demo()


def _walk(value: Any, path: Path_ = ()) -> list[tuple[Path_, Any]]:
    found = [(path, value)]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _walk(item, (*path, index))
    return found


NODES = _walk(DATA)
TABLES = sorted(DATA)
FIELDS = [path for path, _ in NODES if len(path) >= 3 and isinstance(path[-1], str)]  # keys inside records
LEAVES = [path for path, value in NODES if len(path) >= 3]
REFERENCES = [
    path
    for path, value in NODES
    if len(path) >= 3
    and type(value) is int
    and (str(path[-1]).endswith("_id") or str(path[-1]) in ("voters", "turn_ids") or isinstance(path[-1], int))
]
RECORDS = [(table, doc_id) for table in TABLES for doc_id in DATA[table]]
LISTED_IDS = [path for path, value in NODES if isinstance(value, list) and value and all(isinstance(v, dict) and "id" in v for v in value)]
OTHER_KINDS = [None, True, 0, -1, 2.5, "", "abc", [], {}, [1, "x"], {"1": {}}]


def _parent(data: Any, path: Path_) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


def _mutate(data: dict[str, Any], draw: Any) -> tuple[str, str]:
    """Apply one mutation; returns (kind, where) for the failure report. May return ("text", raw JSON)."""
    kind = draw(st.sampled_from(["drop_table", "drop_field", "change_type", "break_reference", "duplicate_id"]))
    if kind == "drop_table":
        table = draw(st.sampled_from(TABLES))
        data.pop(table, None)
        return kind, table
    if kind == "drop_field":
        path = draw(st.sampled_from(FIELDS))
        with contextlib.suppress(KeyError, IndexError, TypeError):
            del _parent(data, path)[path[-1]]
        return kind, repr(path)
    if kind == "change_type":
        path = draw(st.sampled_from(LEAVES))
        with contextlib.suppress(KeyError, IndexError, TypeError):
            parent = _parent(data, path)
            current = parent[path[-1]]
            others = [v for v in OTHER_KINDS if type(v) is not type(current)]
            parent[path[-1]] = draw(st.sampled_from(others))
        return kind, repr(path)
    if kind == "break_reference":
        path = draw(st.sampled_from(REFERENCES))
        with contextlib.suppress(KeyError, IndexError, TypeError):
            _parent(data, path)[path[-1]] = draw(st.sampled_from([999_999, 0, -3]))
        return kind, repr(path)
    # duplicate_id: a record copied under a new id, a list entry's id given twice, or one key twice in the text
    how = draw(st.sampled_from(["record", "list", "json_key"]))
    if how == "record" or (how == "list" and not LISTED_IDS):
        table, doc_id = draw(st.sampled_from(RECORDS))
        if table in data and doc_id in data[table]:
            data[table][str(int(doc_id) + 500)] = json.loads(json.dumps(data[table][doc_id]))
        return kind, f"record {table}/{doc_id}"
    if how == "list":
        path = draw(st.sampled_from(LISTED_IDS))
        with contextlib.suppress(KeyError, IndexError, TypeError):
            items = _parent(data, (*path, 0))
            if len(items) >= 2:
                items[1]["id"] = items[0]["id"]
        return kind, f"list {path!r}"
    table, doc_id = draw(st.sampled_from(RECORDS))
    return "json_key", f"{table}/{doc_id}"


def _serialise(data: dict[str, Any], duplicate: tuple[str, str] | None) -> bytes:
    if duplicate is None:
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
    table, doc_id = duplicate
    # The same record id twice in one table: what a JSON reader would silently merge.
    text = json.dumps(data, ensure_ascii=False)
    if table in data and doc_id in data[table]:
        record = json.dumps(data[table][doc_id], ensure_ascii=False)
        needle = f'"{doc_id}": {record}'
        text = text.replace(needle, f'{needle}, "{doc_id}": {record}', 1)
    return text.encode("utf-8")


def _export(path: Path, out: Path) -> tuple[int, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["export", str(path), "--md", str(out / "cr.md"), "--docx", str(out / "cr.docx")])
    return code, stderr.getvalue()


def _use(project: Project) -> None:
    """What the app and the minutes read of a project: must work on anything that opened."""
    from workshop.minutes.builder import build_minutes

    project.structures()
    project.participants()
    for workshop in project.workshops():
        project.agenda(workshop.id)
        project.present(workshop.id)
        build_minutes(project, workshop)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=os.environ.get("ATELIER_FUZZ_RANDOM") is None,
)
@given(st.data())
def test_a_mutated_project_loads_or_is_refused_clearly_and_is_never_written(data: st.DataObject) -> None:
    mutated = json.loads(RAW)
    applied = []
    duplicate = None
    for _ in range(data.draw(st.integers(1, 3))):
        kind, where = _mutate(mutated, data.draw)
        applied.append(f"{kind} {where}")
        if kind == "json_key":
            duplicate = tuple(where.split("/"))
    payload = _serialise(mutated, duplicate)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "projet.atelier"
        path.write_bytes(payload)
        out = Path(folder) / "out"
        out.mkdir()
        stamp = path.stat().st_mtime_ns

        code, err = _export(path, out)
        assert code in (0, 1, 2), applied
        if code:
            assert err.strip() and "Traceback" not in err, (applied, err)
        summarise(path)  # the home screen's listing: never raises

        try:
            project = Project.open(path)
        except ProjectDamaged as error:
            assert error.message().startswith("Le fichier du projet") or error.message().startswith("Ce fichier"), applied
            assert code == 2, (applied, "export accepted what opening refused", err)
        else:
            try:
                _use(project)
            except AtelierError:
                pass  # a clear refusal of one action (an unknown workshop…), not a crash
            finally:
                project.close()
        assert path.read_bytes() == payload, applied  # never written
        assert path.stat().st_mtime_ns == stamp
        assert not backup_path(path).exists()


# The findings of #13, one by one ----------------------------------------------------------
def _damaged_copy(tmp_path: Path, change: Any) -> Path:
    data = json.loads(RAW)
    change(data)
    path = tmp_path / "projet.atelier"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _refused(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = path.read_bytes()
    code = main(["export", str(path), "--md", str(path.parent / "cr.md")])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    with pytest.raises(ProjectDamaged) as refused:
        Project.open(path)
    assert refused.value.message() == err.strip()
    assert path.read_bytes() == before
    assert not (path.parent / "cr.md").exists()
    return err.strip()


def test_a_workshop_without_title_is_named_where_it_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "projet.atelier"
    path.write_text('{"meta": {"1": {"name": "P"}}, "workshops": {"1": {}}}', encoding="utf-8")
    assert _refused(path, capsys) == (
        f"Le fichier du projet {path} est endommagé : table « workshops », fiche 1, champ « title » : manquant. "
        "Il n'a pas été ouvert et reste tel quel."
    )


def test_a_title_that_is_a_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _damaged_copy(tmp_path, lambda data: data["workshops"]["1"].update(title=42))
    message = _refused(path, capsys)
    assert "table « workshops », fiche 1, champ « title » : il faudrait un texte, le fichier a un nombre entier." in message


def test_planned_minutes_that_are_not_a_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _damaged_copy(tmp_path, lambda data: data["agenda"]["2"].update(planned_minutes="abc"))
    message = _refused(path, capsys)
    assert "table « agenda », fiche 2, champ « planned_minutes » : il faudrait un nombre entier, le fichier a un texte." in message


def test_a_participant_without_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _damaged_copy(tmp_path, lambda data: data["participants"]["3"].pop("name"))
    assert "table « participants », fiche 3, champ « name » : manquant." in _refused(path, capsys)


def test_a_missing_participants_table_is_noticed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _damaged_copy(tmp_path, lambda data: data.pop("participants"))
    message = _refused(path, capsys)
    assert "table « participants » manque, alors que le dernier enregistrement y comptait 11 fiche(s)." in message


def test_a_missing_table_in_a_file_written_before_the_inventory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def older_and_without_participants(data: dict[str, Any]) -> None:
        for record in data["meta"].values():
            record.pop("tables")
        data.pop("participants")

    path = _damaged_copy(tmp_path, older_and_without_participants)
    message = _refused(path, capsys)
    assert "table « participants » manque, alors que le projet y a déjà enregistré des fiches." in message


def test_a_record_lost_from_a_table_is_noticed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _damaged_copy(tmp_path, lambda data: data["structures"].pop("2"))
    message = _refused(path, capsys)
    # The inventory notices first; the participants of the lost structure would dangle too.
    assert "table « structures » compte 4 fiche(s) au lieu des 5 du dernier enregistrement." in message


def test_a_participant_whose_structure_is_gone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _damaged_copy(tmp_path, lambda data: data["participants"]["1"].update(structure_id=77))
    message = _refused(path, capsys)
    assert "table « participants », fiche 1, champ « structure_id » : renvoie à la fiche 77 de la table « structures », qui n'existe pas." in message


def test_the_same_record_id_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "projet.atelier"
    path.write_bytes(_serialise(json.loads(RAW), ("structures", "1")))
    assert "la clé « 1 » apparaît deux fois au même endroit du fichier." in _refused(path, capsys)


def test_a_file_of_an_older_version_without_the_newer_tables_opens(tmp_path: Path) -> None:
    def older(data: dict[str, Any]) -> None:
        for record in data["meta"].values():
            record.pop("tables")
        for table in ("proposals", "rounds", "values", "apt", "supra", "matrix", "_issued_ids"):
            data.pop(table)
        for item in data["agenda"].values():  # fields added later
            item.pop("timer", None)
            item.pop("actual_seconds", None)
        for workshop in data["workshops"].values():
            workshop.pop("start_time", None)
            workshop.pop("next_steps", None)

    path = _damaged_copy(tmp_path, older)
    with Project.open(path) as project:
        assert len(project.participants()) == 11
        _use(project)


def test_control_characters_in_a_file_never_reach_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def hostile(data: dict[str, Any]) -> None:
        data["workshops"]["1"]["title"] = "\x1b[31mRouge\x1b[0m"
        data["workshops"]["1"]["place"] = "Salle\x00des\u202efêtes\ufffe"

    path = _damaged_copy(tmp_path, hostile)
    code = main(["export", str(path), "--workshop", "rien de tel", "--md", str(tmp_path / "x.md")])
    _out, err = capsys.readouterr()
    assert code == 2
    assert "«\u00a0␛[31mRouge␛[0m\u00a0»" in err or "« ␛[31mRouge␛[0m »" in err  # the workshops listed, visibly
    assert "\x1b" not in err
    with Project.open(path) as project:
        workshop = project.workshop(1)
        assert workshop.title == "␛[31mRouge␛[0m"
        assert workshop.place == "Salle␀des\ufffdfêtes\ufffd"


def test_the_home_listing_marks_a_file_that_lost_a_table_as_damaged(tmp_path: Path) -> None:
    from workshop.library import ProjectLibrary

    library = ProjectLibrary(tmp_path)
    _damaged_copy(tmp_path, lambda data: data.pop("participants"))
    (listed,) = library.summaries()
    assert listed.problem.startswith("Le fichier du projet")
    assert "table « participants » manque" in listed.problem


def test_an_adopted_objective_whose_versions_are_gone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Found by the fuzz: the minutes read the adopted version by its index.
    supra_id = next(key for key, doc in DATA["supra"].items() if doc.get("adopted_version") is not None)
    path = _damaged_copy(tmp_path, lambda data: data["supra"][supra_id].update(versions=[]))
    message = _refused(path, capsys)
    assert f"table « supra », fiche {supra_id}, champ « adopted_version » : renvoie à un élément qui n'existe pas." in message


def test_a_person_id_that_is_not_a_number_in_an_attendance(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Found by mypy (#20.4): the message's own {key} placeholder once clashed with Context.add's argument (a traceback)."""

    def renumber(data: dict[str, Any]) -> None:
        attendance = data["workshops"]["1"]["attendance"]
        attendance["x"] = attendance.pop(next(iter(attendance)))

    path = _damaged_copy(tmp_path, renumber)
    assert "table « workshops », fiche 1, champ « attendance » : « x » n'est pas un numéro." in _refused(path, capsys)

"""The meta record is the one with the lowest id as a number, not as text: of
records 9 and 10 (a file edited by hand, a second record appended), record 9,
although "10" sorts first as text."""

from __future__ import annotations

from workshop.projectfile import meta_record


def test_the_lowest_id_is_compared_as_a_number() -> None:
    ninth, tenth = {"name": "neuvième"}, {"name": "dixième"}
    assert meta_record({"meta": {"10": tenth, "9": ninth}}) is ninth
    assert meta_record({"meta": {"9": ninth, "10": tenth}}) is ninth

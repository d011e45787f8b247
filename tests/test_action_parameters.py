"""The numbers a key's binding gives its action (`move(-1)`, `rate('motivation', 1)`)."""

from __future__ import annotations

import pytest

from screens.parameters import int_parameter


def test_the_whole_number_the_binding_gives_is_read_where_it_stands() -> None:
    assert int_parameter((-1,)) == -1
    assert int_parameter(("motivation", 1), 1) == 1


def test_a_binding_that_gives_no_whole_number_is_a_defect() -> None:
    # The bindings are Atelier's own: text where a number is expected is a bug, said as one.
    with pytest.raises(TypeError, match="'1'"):
        int_parameter(("1",))
    with pytest.raises(TypeError):
        int_parameter((1.5,))

"""The parameters of a key's action, typed.

Textual hands `check_action` the parameters of a binding (`move(-1)`, `rate('motivation', 1)`)
as plain objects: the binding strings are ours, so a parameter that is not the whole
number the action expects is a defect, said as one.
"""

from __future__ import annotations


def int_parameter(parameters: tuple[object, ...], index: int = 0) -> int:
    """The whole number the binding gives its action at `index`."""
    value = parameters[index]
    if not isinstance(value, int):
        raise TypeError(f"the binding gives {value!r} where the action expects a whole number")
    return value

"""What the shared values exercise gives the synthesis: the values retained as the common foundation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises import item_state
from workshop.i18n import t
from workshop.minutes.outcomes import Adopted, Decided, Outcomes

if TYPE_CHECKING:
    from workshop.project import Project


def outcomes(project: Project, item_id: int) -> Outcomes:
    from exercises.values import TABLE, ValuesState

    found = Outcomes()
    data = item_state.load(project, TABLE, item_id)
    if data is None:
        return found
    current = ValuesState.from_dict(data)
    retained = current.retained()
    if not retained:
        return found
    labels = [v.label for v in retained]
    found.adopted.append(Adopted(t("values.minutes.adopted"), (", ".join(labels),)))
    key = "values.minutes.decided_voted" if current.voted else "values.minutes.decided"
    decision = t(key, values=", ".join(labels), count=len(retained), proposed=len(current.values))
    found.decisions.append(Decided(t("values.minutes.adopted"), decision))
    return found

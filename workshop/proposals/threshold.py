"""The commitment threshold in force on a given day, and since when.

The project logs every change of its threshold (`Project.set_threshold`); the
figures of a past day are measured against the threshold of that day, and the
minutes say which threshold that was and when it was last changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workshop.i18n import t
from workshop.model import DEFAULT_THRESHOLD

if TYPE_CHECKING:
    from workshop.project import Project


@dataclass(frozen=True)
class ThresholdInForce:
    value: int  # percent
    since: str = ""  # ISO date of the change that set it; "" when it was never changed
    previous: int | None = None  # the value before that change

    @property
    def below_source(self) -> bool:
        """Lower than the 60 % the source asks the promoter to commit to."""
        return self.value < DEFAULT_THRESHOLD

    def text(self, format_date: Callable[[str], str] = str) -> str:
        # format_date: a date formatter of the caller's language (the ISO date as is by default)
        """One sentence for the screen and the minutes: the value, and when and how it changed."""
        percent = t("proposals.percent", value=self.value)
        if not self.since or self.previous is None:
            key = "proposals.threshold.default" if self.value == DEFAULT_THRESHOLD else "proposals.threshold.set"
            text = t(key, threshold=percent)
        else:
            key = "proposals.threshold.lowered" if self.value < self.previous else "proposals.threshold.raised"
            text = t(key, threshold=percent, date=format_date(self.since), previous=t("proposals.percent", value=self.previous))
        if self.below_source:
            text += t("proposals.threshold.below_source", source=t("proposals.percent", value=DEFAULT_THRESHOLD))
        return text


def threshold_as_of(project: Project, day: str | None = None) -> ThresholdInForce:
    """The threshold at the end of `day` (ISO date); now when `day` is None."""
    changes = sorted(
        (entry for entry in project.threshold_changes if entry.get("on")),
        key=lambda entry: (entry["on"], entry.get("at", 0.0)),
    )
    if not changes:
        return ThresholdInForce(project.threshold)
    current: ThresholdInForce | None = None
    for entry in changes:
        if day is not None and entry["on"] > day:
            break
        current = ThresholdInForce(int(entry["value"]), entry["on"], int(entry["previous"]))
    if current is None:
        # Before the first recorded change: the value it replaced.
        return ThresholdInForce(int(changes[0]["previous"]))
    return current

"""APT step 5: the balance of attractions, fears and temptations per group, and its reading."""

from __future__ import annotations

from dataclasses import dataclass

from exercises.apt import CATEGORIES, AptState, Category, Dynamic, Group


@dataclass(frozen=True)
class Balance:
    group: Group
    counts: dict[str, int]
    scores: dict[str, float]  # weights when the whole group was weighed, else counts
    weighed: bool
    dynamic: Dynamic

    def share(self, category: str) -> float:
        total = sum(self.scores.values())
        return self.scores[category] / total if total else 0.0


def balance(current: AptState) -> list[Balance]:
    readings = []
    for group in current.groups:
        items = current.items_of(group.id)
        counts = {c.value: sum(1 for i in items if i.category == c) for c in CATEGORIES}
        weighed = bool(items) and all(i.weight is not None for i in items) and sum(i.weight or 0 for i in items) > 0
        if weighed:
            scores = {c.value: sum(i.weight or 0 for i in items if i.category == c) for c in CATEGORIES}
        else:
            scores = {c: float(n) for c, n in counts.items()}
        readings.append(Balance(group, counts, scores, weighed, reading(scores)))
    return readings


def reading(scores: dict[str, float]) -> Dynamic:
    """Which feeling leads: attractions → cooperative, temptations → opportunist, fears → individualist."""
    if not any(scores.values()):
        return Dynamic.EMPTY
    top = max(scores.values())
    leaders = [c for c, s in scores.items() if s == top]
    if len(leaders) > 1:
        return Dynamic.MIXED
    return {
        Category.ATTRACTION: Dynamic.COOPERATIVE,
        Category.TEMPTATION: Dynamic.OPPORTUNIST,
        Category.FEAR: Dynamic.INDIVIDUALIST,
    }[Category(leaders[0])]

"""FFOM step 5: when each structure did its own analysis, what they share and where they differ.

The analyses compared are those of single structures: the item's own (each
structure in turn) and those of the other FFOM items of the same workshop (one
structure each). Two entries are the same when they read the same (case and
accents aside); beyond identical entries, the meaningful words that recur in
several structures' entries of a quadrant show themes they share in other words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from exercises import item_state
from exercises.swot import QUADRANTS, TABLE, Entry, SwotState, state
from exercises.wording import recurring_words, word_spans
from workshop.names import name_key

if TYPE_CHECKING:
    from workshop.project import Project


@dataclass(frozen=True)
class ComparedEntry:
    quadrant: str
    text: str  # as the first structure (in the project's order) wrote it
    structures: tuple[int, ...]  # the structures whose analysis has it, in the project's order

    @property
    def shared(self) -> bool:
        return len(self.structures) > 1


@dataclass(frozen=True)
class SharedWord:
    quadrant: str
    word: str
    structures: tuple[int, ...]


@dataclass(frozen=True)
class Comparison:
    structures: tuple[int, ...]  # every structure compared, in the project's order
    entries: tuple[ComparedEntry, ...]  # quadrant by quadrant: shared first (most structures first), then specific ones
    words: tuple[SharedWord, ...]

    @property
    def possible(self) -> bool:
        return len(self.structures) > 1


def structure_entries(project: Project, item_id: int) -> dict[int, list[Entry]]:
    """Each analysed structure's visible, sorted entries, from this item and the workshop's other FFOM items."""
    current = state(project, item_id)
    gathered: dict[int, list[Entry]] = {}

    def add(of: SwotState) -> None:
        for analysis in of.analyses:
            if not analysis.structure_id:
                continue
            shown = [e for e in of.entries if e.analysis_id == analysis.id and e.quadrant and not e.hidden]
            if shown:
                gathered.setdefault(analysis.structure_id, []).extend(shown)

    add(current)
    for item in project.agenda(current.workshop_id):
        if item.kind == "swot" and item.id != item_id:
            data = item_state.load(project, TABLE, item.id)
            if data is not None:
                add(SwotState.from_dict(data))
    order = {s.id: n for n, s in enumerate(project.structures())}
    return dict(sorted(gathered.items(), key=lambda kv: order.get(kv[0], len(order))))


def comparison(project: Project, item_id: int) -> Comparison:
    by_structure = structure_entries(project, item_id)
    structures = tuple(by_structure)
    entries: list[ComparedEntry] = []
    words: list[SharedWord] = []
    for quadrant in QUADRANTS:
        groups: dict[str, tuple[str, list[int]]] = {}
        for sid, found in by_structure.items():
            for entry in (e for e in found if e.quadrant == quadrant):
                text, owners = groups.setdefault(name_key(entry.text), (entry.text, []))
                if sid not in owners:
                    owners.append(sid)
        rows = [ComparedEntry(quadrant.value, text, tuple(owners)) for text, owners in groups.values()]
        entries += sorted(rows, key=lambda r: -len(r.structures))  # stable: specific ones keep their order
        if len(structures) > 1:
            # Themes shared in other words: the words that recur between entries no two structures wrote alike.
            own = {key for key, (_, owners) in groups.items() if len(owners) == 1}
            texts = {
                sid: " · ".join(e.text for e in found if e.quadrant == quadrant and name_key(e.text) in own)
                for sid, found in by_structure.items()
            }
            for word in recurring_words([texts[sid] for sid in structures], min_drafts=2):
                sharing = tuple(sid for sid in structures if word_spans(texts[sid], {word.key}))
                words.append(SharedWord(quadrant.value, word.shown, sharing))
    return Comparison(structures, tuple(entries), tuple(words))

"""Crossing drafts: the meaningful words that recur from one draft to another.

Used by the supra objective's crossing step: each draft is cut into words,
French and English stop words are left out, simple plurals are merged with
their singular ("structures" and "structure" count as one word), and a word
counts once per draft it appears in. The screen highlights the recurring words
with the character spans given by `word_spans`, so the room sees where the
drafts converge.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

__all__ = ["RecurringWord", "recurring_words", "word_key", "word_spans", "STOP_WORDS"]

MIN_LENGTH = 3  # shorter words carry little meaning in a draft

# Letters, possibly joined by inner hyphens ("médico-social"); apostrophes split
# ("l'accès" gives "l" and "accès").
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)

_FRENCH = """
a à afin ai aie aient aies ait alors as au aucun aucune aupres auprès aura aurai auraient aurais aurait
auras aurez auriez aurions aurons auront aussi autre autres aux avaient avais avait avant avec avez aviez
avions avoir avons ayant ayez ayons bien c ça car ce ceci cela celle celles celui cependant certain
certaine certaines certains ces cet cette ceux chacun chacune chaque chez ci comme comment contre d dans
de des deux devra devrait doit doivent donc dont du elle elles en encore entre es est et etaient étaient
etais étais etait était etant étant ete été etes êtes etiez étiez etions étions etre être eu eue eues
eurent eus eusse eut eux faire fait faut fois font fut grace grâce ici il ils j je jusqu jusque l la
laquelle le lequel les lesquelles lesquels leur leurs lors lorsque lui m ma mais me meme même memes
mêmes mes moi moins mon n ne ni nos notre nous on ont ou où par parce pas peu peut peuvent plus plusieurs
pour pourquoi pourra pourrait puis qu quand que quel quelle quelles quels qui quoi s sa sans se selon
sera serai seraient serais serait seras serez seriez serions serons seront ses si sien sienne soi soient
sois soit sommes son sont sous soyez soyons suis sur t ta te tel telle telles tels tes toi ton tous tout
toute toutes tres très tu un une unes uns vers via vos votre vous y afin ainsi déjà deja aujourd hui
cela celle-ci celui-ci ceux-ci mieux tant toujours également egalement
"""

_ENGLISH = """
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours ourselves out over own same she should so
some such than that the their theirs them themselves then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your yours
yourself yourselves shall must may might let us make made get within without across among each every
"""


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


STOP_WORDS: frozenset[str] = frozenset(_strip_accents(w) for w in (_FRENCH + _ENGLISH).split())


def word_key(word: str) -> str:
    """The comparison key of a word: no case, no accents, a simple plural merged.

    Only the plural of words of four letters or more is merged ("ans" stays),
    and never a double "ss" ("access" stays whole).
    """
    key = _strip_accents(word.casefold())
    if len(key) > MIN_LENGTH and key[-1] in "sx" and not key.endswith("ss"):
        key = key[:-1]
    return key


def _meaningful(word: str) -> str | None:
    """The key of a meaningful word, or None for a stop word or a too-short one."""
    plain = _strip_accents(word.casefold())
    if len(plain) < MIN_LENGTH or plain in STOP_WORDS:
        return None
    key = word_key(word)
    return None if key in STOP_WORDS else key


@dataclass(frozen=True)
class RecurringWord:
    key: str
    shown: str  # the most frequent form as people wrote it, lower-cased
    drafts: int  # how many drafts contain it
    occurrences: int  # how many times it appears in all


def recurring_words(texts: list[str], min_drafts: int = 2) -> list[RecurringWord]:
    """Words found in at least `min_drafts` of the texts, most shared first."""
    in_drafts: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for text in texts:
        seen: set[str] = set()
        for match in _WORD.finditer(text or ""):
            key = _meaningful(match.group())
            if key is None:
                continue
            occurrences[key] += 1
            forms.setdefault(key, Counter())[match.group().casefold()] += 1
            seen.add(key)
        in_drafts.update(seen)
    found = [
        RecurringWord(key, _preferred_form(forms[key]), count, occurrences[key])
        for key, count in in_drafts.items()
        if count >= min_drafts
    ]
    return sorted(found, key=lambda w: (-w.drafts, -w.occurrences, w.key))


def _preferred_form(forms: Counter[str]) -> str:
    # The most used form; on a tie the shorter (the singular), then alphabetical.
    return min(forms, key=lambda form: (-forms[form], len(form), form))


def word_spans(text: str, keys: set[str] | frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, key) of every word of `text` whose key is in `keys`."""
    spans: list[tuple[int, int, str]] = []
    for match in _WORD.finditer(text or ""):
        key = _meaningful(match.group())
        if key is not None and key in keys:
            spans.append((match.start(), match.end(), key))
    return spans

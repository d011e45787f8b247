"""French typography and dates for the documents Atelier writes.

French puts a no-break space before `: ; ! ? % »` and after `«`, so that a
colon or a closing guillemet never starts a line on its own. `typeset` applies
that to every text of a document (what people typed included: only the kind of
space changes, never a character they wrote). Dates have one format per
language: "21 septembre 2027", "21 September 2027".
"""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

from workshop.i18n import language, t
from workshop.minutes.blocks import Block, BulletList, Contents, Facts, Heading, Notes, Paragraph, Table

NBSP = "\u00a0"
_BEFORE = re.compile(r"[ \t\u202f]+(?=[:;!?%»])")
_AFTER = re.compile(r"«[ \t\u202f]+")
# Facilitator notes: code (spans, fences, indented blocks) is left as written.
_CODE = re.compile(r"(`+)[\s\S]*?\1|^(?: {4}|\t|```|~~~).*$", re.M)


def french_spaces(text: str) -> str:
    if " " not in text and "\t" not in text and "\u202f" not in text:
        return text
    return _AFTER.sub("«" + NBSP, _BEFORE.sub(NBSP, text))


def _notes(markdown: str) -> str:
    if "`" not in markdown and "    " not in markdown and "~~~" not in markdown and "\t" not in markdown:
        return french_spaces(markdown)
    out, last = [], 0
    for match in _CODE.finditer(markdown):
        out.append(french_spaces(markdown[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(french_spaces(markdown[last:]))
    return "".join(out)


def typeset(blocks: list[Block], lang: str) -> list[Block]:
    """The blocks with the typography of `lang` (French: no-break spaces)."""
    if lang != "fr":
        return blocks
    fix = french_spaces
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading):
            block = replace(block, text=fix(block.text))
        elif isinstance(block, Paragraph):
            block = replace(block, runs=tuple(replace(r, text=fix(r.text)) if not r.code else r for r in block.runs))
        elif isinstance(block, BulletList):
            block = replace(block, items=tuple(fix(i) for i in block.items))
        elif isinstance(block, Table):
            block = replace(
                block,
                header=tuple(fix(c) for c in block.header),
                rows=tuple(tuple(fix(c) for c in row) for row in block.rows),
                total=tuple(fix(c) for c in block.total),
                caption=fix(block.caption),
            )
        elif isinstance(block, Facts):
            block = replace(block, items=tuple((fix(label), fix(value)) for label, value in block.items))
        elif isinstance(block, Contents):
            block = replace(block, title=fix(block.title))
        elif isinstance(block, Notes):
            block = replace(block, markdown=_notes(block.markdown))
        out.append(block)
    return out


def short_date(iso: str) -> str:
    """'21/09/2027' in French, '2027-09-21' in English: the screens' narrow columns and what a
    person types back into a field. Documents say `long_date`."""
    try:
        day = datetime.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or ""
    return day.strftime("%d/%m/%Y") if language() == "fr" else day.isoformat()


def long_date(iso: str) -> str:
    """'21 septembre 2027' / '21 September 2027'; text that is not a date stays as it is."""
    try:
        day = datetime.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or ""
    months = t("minutes.months").split(",")
    month = months[day.month - 1].strip() if len(months) == 12 else str(day.month)
    number = t("minutes.first_of_month") if day.day == 1 else str(day.day)
    return t("minutes.date_format", day=number, month=month, year=day.year)

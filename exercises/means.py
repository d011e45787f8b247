"""What a structure puts into the cooperation: the kinds of means, and how much.

Shared by the roadmap (the resources and means an action needs, and who
provides them) and the fairness balance (what each structure brings). The first
four kinds are the who-does-what matrix's means of participation, with the same
values (`exercises.matrix.Means`), so a cell's means read as kinds here. Money and
staff time are quantified (euros, days of work) so that they add up; the other
kinds are described in words, with a number when the room has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from exercises.typed_text import one_line
from workshop.errors import ValidationError
from workshop.i18n import language, t

MAX_TEXT = 300
MAX_AMOUNT = 1_000_000_000


class MeansKind(StrEnum):
    MONEY = "money"  # euros
    STAFF_TIME = "staff_time"  # days of work
    PREMISES = "premises"
    SKILLS = "skills"
    CONTACTS = "contacts"
    OTHER = "other"


KINDS = tuple(MeansKind)
# Kinds whose amounts add up across structures and actions, with their unit.
QUANTIFIED = {MeansKind.MONEY: "money", MeansKind.STAFF_TIME: "days"}


@dataclass
class Means:
    """One contribution of means: its kind, who provides it, how much, in words."""

    kind: str
    structure_id: int = 0  # who provides it (0: not said yet)
    amount: float | None = None  # euros or days for the quantified kinds; a count for the others
    text: str = ""


def kind_label(kind: str) -> str:
    return t(f"means.kind.{kind}")


def clean_text(text: str) -> str:
    """What is typed about a means, one safe line (the exercises' shared policy); may be empty."""
    return one_line(text, MAX_TEXT, None, "means.error.text_too_long")


_NUMBER = re.compile(r"^[+]?(\d[\d\s\u00a0\u202f.,']*)\s*(k|K)?\s*(€|eur|euros?|j|jours?|days?|d|h|heures?|hours?)?$")


def parse_amount(text: str) -> float | None:
    """A typed amount: "12 000", "12 000 €", "1,5 j", "3.5", "20k"; empty gives None.

    A comma is a decimal comma when it is followed by one or two digits only
    ("1,5"), else a thousands separator ("12,000").
    """
    typed = (text or "").strip()
    if not typed:
        return None
    match = _NUMBER.match(typed.lower())
    if match is None:
        raise ValidationError("means.error.amount", text=typed)
    digits = re.sub(r"[\s\u00a0\u202f']", "", match.group(1))
    if re.fullmatch(r"\d+,\d{1,2}", digits):
        digits = digits.replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", digits) and language() == "fr":
        digits = digits.replace(".", "")  # 12.000 written the French way
    else:
        digits = digits.replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        raise ValidationError("means.error.amount", text=typed) from None
    if match.group(2):
        value *= 1000
    if not 0 <= value <= MAX_AMOUNT:
        raise ValidationError("means.error.amount", text=typed)
    return value


def format_number(value: float) -> str:
    """12000 → "12 000" in French, "12,000" in English; decimals only when there are some."""
    whole = abs(value - round(value)) < 1e-9
    text = f"{value:,.0f}" if whole else f"{value:,.2f}".rstrip("0").rstrip(".")
    if language() == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def format_amount(kind: str, amount: float | None) -> str:
    """The amount with its unit ("12 000 €", "20 j"), or "" when there is none."""
    if amount is None:
        return ""
    unit = QUANTIFIED.get(MeansKind(kind)) if kind in MeansKind._value2member_map_ else None
    if unit is None:
        return format_number(amount)
    return t(f"means.unit.{unit}", amount=format_number(amount))


def describe(means: Means) -> str:
    """"Argent : 12 000 € (subvention de fonctionnement)" — kind, amount, words."""
    parts = [p for p in (format_amount(means.kind, means.amount), means.text) if p]
    if not parts:
        return kind_label(means.kind)
    if len(parts) == 2:
        return t("means.described_both", kind=kind_label(means.kind), amount=parts[0], text=parts[1])
    return t("means.described", kind=kind_label(means.kind), what=parts[0])


def totals(items: list[Means]) -> dict[str, float]:
    """The sums of the quantified kinds (money, staff time) that have amounts."""
    sums: dict[str, float] = {}
    for item in items:
        if item.amount is not None and item.kind in (k.value for k in QUANTIFIED):
            sums[item.kind] = sums.get(item.kind, 0.0) + item.amount
    return sums


def summary(items: list[Means]) -> str:
    """One line for many means: the totals first, then how many of each other kind."""
    if not items:
        return ""
    sums = totals(items)
    parts = [format_amount(kind, sums[kind]) for kind in (k.value for k in QUANTIFIED) if kind in sums]
    counted: dict[str, int] = {}
    for item in items:
        if item.kind in sums and item.amount is not None:
            continue
        counted[item.kind] = counted.get(item.kind, 0) + 1
    for kind in KINDS:
        if kind.value in counted:
            parts.append(t("means.counted", kind=kind_label(kind.value), count=counted[kind.value]))
    return " · ".join(parts)


def check_kind(kind: str) -> str:
    try:
        return MeansKind(kind).value
    except ValueError:
        raise ValidationError("means.error.kind", kind=str(kind)) from None

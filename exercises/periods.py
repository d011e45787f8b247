"""Dates of a plan as people give them: a day, a month or a year.

A roadmap is planned by month more often than by day ("from March to June
2027"), so a start or an end can be a date (2027-03-15), a month (2027-03) or a
year (2027). Comparing them takes the first day of a start and the last day of
an end. Typed forms accepted: 15/03/2027, 2027-03-15, 03/2027, 2027-03, 2027.
"""

from __future__ import annotations

import calendar
import datetime
import re

from workshop.errors import ValidationError
from workshop.i18n import language, t


def parse(text: str, error_key: str = "periods.error.date") -> str:
    """The stored form (YYYY-MM-DD, YYYY-MM or YYYY) of a typed date; "" for an empty one."""
    typed = (text or "").strip()
    if not typed:
        return ""
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y"):
        try:
            return datetime.datetime.strptime(typed, fmt).date().isoformat()
        except ValueError:
            continue
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{4})|(\d{4})-(\d{1,2})", typed)
    if match:
        month, year = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        if 1 <= int(month) <= 12 and 1900 <= int(year) <= 2200:
            return f"{int(year):04d}-{int(month):02d}"
    if re.fullmatch(r"\d{4}", typed) and 1900 <= int(typed) <= 2200:
        return typed
    raise ValidationError(error_key, text=typed)


def first_day(stored: str) -> str:
    """The first day a stored date covers, as an ISO date ("" stays "")."""
    if len(stored) == 4:
        return f"{stored}-01-01"
    if len(stored) == 7:
        return f"{stored}-01"
    return stored


def last_day(stored: str) -> str:
    """The last day a stored date covers, as an ISO date ("" stays "")."""
    if len(stored) == 4:
        return f"{stored}-12-31"
    if len(stored) == 7:
        year, month = int(stored[:4]), int(stored[5:7])
        return f"{stored}-{calendar.monthrange(year, month)[1]:02d}"
    return stored


def month_of(stored: str, last: bool = False) -> tuple[int, int] | None:
    """(year, month) of a stored date; a year alone gives January, or December with `last`."""
    if not stored:
        return None
    day = last_day(stored) if last else first_day(stored)
    return int(day[:4]), int(day[5:7])


def format_date(stored: str) -> str:
    """As people read it: 15/03/2027, 03/2027 or 2027 in French; ISO forms in English."""
    if not stored or language() != "fr":
        return stored
    return "/".join(reversed(stored.split("-")))


def month_name(year: int, month: int, short: bool = True) -> str:
    return t(f"periods.month{'_short' if short else ''}.{month}", year=year)


def months_between(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    """Every (year, month) from `first` to `last`, both included."""
    found: list[tuple[int, int]] = []
    year, month = first
    while (year, month) <= last:
        found.append((year, month))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return found


def in_order(start: str, end: str) -> bool:
    """A start that does not come after its end (either may be missing)."""
    return not start or not end or first_day(start) <= last_day(end)

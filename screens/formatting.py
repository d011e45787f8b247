"""Dates, times and durations as the planning screens show them, in the interface language."""

from __future__ import annotations

import datetime

from workshop.i18n import t


def format_date(iso: str) -> str:
    """'12/10/2026' in French, '2026-10-12' in English; empty stays empty."""
    if not iso:
        return ""
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return t("format.date", d=day.day, m=day.month, y=day.year)


def format_minutes(minutes: int) -> str:
    """'45 min', '1 h 05'."""
    hours, rest = divmod(max(0, int(minutes)), 60)
    if not hours:
        return t("format.minutes", m=rest)
    return t("format.hours", h=hours, m=rest)


def clock_after(start_time: str, minutes: int) -> str:
    """'14:00' + 95 minutes -> '15:35'; an offset '+1:35' when there is no start time."""
    if not start_time:
        hours, rest = divmod(minutes, 60)
        return f"+{hours}:{rest:02d}"
    try:
        hours, mins = (int(part) for part in start_time.split(":"))
    except ValueError:
        return ""
    total = hours * 60 + mins + minutes
    day, total = divmod(total, 24 * 60)
    text = f"{total // 60:02d}:{total % 60:02d}"
    return text + ("+1" * min(day, 1))

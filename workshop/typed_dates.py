"""Dates and times as a person types them, read into what is stored (ISO dates, "HH:MM")."""

from __future__ import annotations

import datetime

from workshop.errors import ValidationError


def check_date(text: str) -> str:
    """A date as stored, ISO (2026-11-30), from 2026-11-30, 30/11/2026, 30/11/26, 30-11-2026 or
    30.11.2026; "" when nothing was typed. ValidationError for anything else."""
    text = (text or "").strip()
    if not text:
        return ""
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    for fmt in ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValidationError("error.date_invalid", text=text)


def check_time(text: str) -> str:
    """A start time as stored, 'HH:MM'; accepts 9:30, 09h30, 9h, 0930."""
    typed = (text or "").strip()
    text = typed.lower().replace("h", ":").replace(".", ":")
    if not text:
        return ""
    if text.endswith(":"):
        text += "00"
    if ":" not in text and text.isdigit() and len(text) in (3, 4):
        text = f"{text[:-2]}:{text[-2:]}"
    elif ":" not in text and text.isdigit() and len(text) <= 2:
        text = f"{text}:00"
    hours, _, minutes = text.partition(":")
    if hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and 0 <= int(hours) <= 23 and 0 <= int(minutes) <= 59:
        return f"{int(hours):02d}:{minutes}"
    raise ValidationError("error.time_invalid", text=typed)

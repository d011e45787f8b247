"""File names derived from titles people typed, safe on every system.

A title such as `../../x`, `CON` or `a/b:c*?` can never place a file outside the
chosen folder nor produce a name Windows or LibreOffice refuse.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_STEM = 80


def safe_stem(title: str, fallback: str = "atelier") -> str:
    """A file name stem from a title: letters, digits, '-' and '_' only."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^A-Za-z0-9._-]+", "-", text)
    text = re.sub(r"-{2,}", "-", text).strip("-._")
    text = text[:MAX_STEM].rstrip("-._")
    if not text:
        text = fallback
    if text.split(".")[0].upper() in _RESERVED:
        text = f"{text}_"
    return text


def unused_path(folder: Path, stem: str, suffix: str) -> Path:
    """`folder/stem.suffix`, or `stem-2.suffix`, … when that name is taken."""
    candidate = folder / f"{stem}{suffix}"
    counter = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{counter}{suffix}"
        counter += 1
    return candidate

"""One policy for every piece of text a person types, and every text read back from a file.

Characters that would act on the terminal or the file rather than be read are
never kept raw; each is replaced by a visible stand-in, the same way in every
field, so that what was typed is still seen (and can be corrected):

- C0 control characters (ESC, NUL, BEL…) and DEL become their Unicode control
  pictures: `\\x1b[31m` is kept as `␛[31m`, which shows what was pasted;
- C1 control characters, bidirectional embeddings, overrides and isolates
  (which reorder what follows them), noncharacters (U+FFFE…), lone surrogates
  and interlinear annotation marks become U+FFFD (�).

Line breaks (CR, LF, CR LF, VT, FF, NEL, U+2028, U+2029) are kept only in
multi-line fields (notes, next steps), as LF. A single-line field joins its
lines with a space (a pasted `ligne1\\r\\nligne2` keeps both lines), and turns
tabs and runs of spaces into one space. Zero-width joiners and variation
selectors are kept (they make one emoji of several), but a text whose every
character is invisible (spaces, zero-width characters, fillers) counts as
empty. Whatever reads text from a file (older versions, imported files) shows
it through `visible()`.
"""

from __future__ import annotations

import re
import unicodedata

from workshop.errors import ValidationError

MAX_LINE = 20_000  # a single-line field with no tighter limit of its own
MAX_BLOCK = 100_000  # notes, next steps

_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Everything that must never reach the terminal or the file raw. Line breaks and
# tab are absent: each field decides what they become.
_FORBIDDEN_BMP = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f" + _BIDI_CONTROLS + "\ufdd0-\ufdef\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]"
)
# The noncharacters of the other planes (U+1FFFE…). Searched only in texts with
# characters beyond the first plane: a class of them is slow on every character.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_FORBIDDEN_ASTRAL = re.compile("|".join(f"[{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}]" for plane in range(1, 17)))
_LINE_BREAK = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5\u180e")
REPLACEMENT = "\ufffd"


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return REPLACEMENT


def visible(text: str) -> str:
    """The text with every forbidden character replaced by its visible stand-in; nothing else changes."""
    if text.isprintable():
        return text  # every forbidden character is a control, format, surrogate or unassigned one
    if _FORBIDDEN_BMP.search(text):
        text = _FORBIDDEN_BMP.sub(_stand_in, text)
    if _ASTRAL.search(text) and _FORBIDDEN_ASTRAL.search(text):
        text = _FORBIDDEN_ASTRAL.sub(REPLACEMENT, text)
    return text


def has_forbidden(text: str) -> bool:
    # A text Python calls printable holds no character of the categories the forbidden ones
    # are in (Cc, Cf, Cs, Cn): a test in C over the whole text, before the searches.
    if text.isprintable():
        return False
    return _FORBIDDEN_BMP.search(text) is not None or (
        _ASTRAL.search(text) is not None and _FORBIDDEN_ASTRAL.search(text) is not None
    )


def is_invisible(char: str) -> bool:
    """True for a character that shows nothing on its own: spaces, format characters, marks, fillers."""
    if char.isspace() or char in _INVISIBLE_LETTERS:
        return True
    category = unicodedata.category(char)
    return category in ("Cf", "Mn", "Me", "Zs", "Zl", "Zp", "Cc")


def has_visible(text: str) -> bool:
    return any(not is_invisible(char) for char in text)


# Invisible characters that belong to nothing at the end of a text. Marks, variation
# selectors and tags are not among them: they complete the character before them
# (the red of ❤️, the Scottish flag's tags).
_TRAILING_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e") | _INVISIBLE_LETTERS


def _trim(text: str) -> str:
    """Spaces and invisible characters removed at both ends (a zero-width joiner joins nothing there)."""
    start, end = 0, len(text)
    while start < end and is_invisible(text[start]):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING_INVISIBLE):
        end -= 1
    return text[start:end]


def split_lines(text: str) -> list[str]:
    """The lines of a text, cut at the line breaks of the policy only (not at the
    file and group separators Python's `splitlines` also cuts at)."""
    return _LINE_BREAK.split(text)


def one_line(text: str) -> str:
    """A single line: forbidden characters made visible, lines joined with a space, spaces collapsed."""
    text = visible(text)
    return " ".join(_LINE_BREAK.sub(" ", text).split())


def lines(text: str) -> str:
    """Several lines: forbidden characters made visible, every line break as LF, trailing spaces dropped."""
    text = _LINE_BREAK.sub("\n", visible(text))
    return "\n".join(line.rstrip() for line in text.split("\n"))


def clean_line(
    text: object,
    *,
    empty: str | None = "error.text_empty",
    too_long: str = "error.text_too_long",
    limit: int = MAX_LINE,
    **params: object,
) -> str:
    """A single-line field as stored. ValidationError(`empty`) when nothing visible is left
    (`empty=None` accepts an empty field), ValidationError(`too_long`) past `limit` characters."""
    cleaned = _trim(one_line(_as_text(text)))
    return _checked(cleaned, empty, too_long, limit, params)


def clean_block(
    text: object,
    *,
    empty: str | None = None,
    too_long: str = "error.text_too_long",
    limit: int = MAX_BLOCK,
    **params: object,
) -> str:
    """A multi-line field (notes, next steps) as stored: its lines kept, blank ones at both ends dropped."""
    cleaned = lines(_as_text(text)).strip("\n")
    if not has_visible(cleaned):
        cleaned = ""
    return _checked(cleaned, empty, too_long, limit, params)


def _as_text(text: object) -> str:
    if text is None:
        return ""
    if not isinstance(text, str):
        raise ValidationError("error.text_not_text")
    return text


def _checked(cleaned: str, empty: str | None, too_long: str, limit: int, params: dict[str, object]) -> str:
    if not has_visible(cleaned):
        if empty is not None:
            raise ValidationError(empty, **params)
        return ""
    if len(cleaned) > limit:
        raise ValidationError(too_long, limit=limit, **params)
    return cleaned


def visible_in(data: object) -> object:
    """`data` (parsed JSON) with `visible()` applied to every string value, changed in place.

    For text read from a file (an older version's, an imported one): whatever it
    holds reaches neither the terminal nor the minutes raw. Returns `data`.
    """
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str):
                if has_forbidden(value):
                    data[key] = visible(value)
            elif isinstance(value, (dict, list)):
                visible_in(value)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, str):
                if has_forbidden(value):
                    data[index] = visible(value)
            elif isinstance(value, (dict, list)):
                visible_in(value)
    return data


def may_hold_forbidden(json_text: str) -> bool:
    """False when a JSON text certainly holds no forbidden character (then no walk is needed).

    Raw forbidden characters are searched as they are; escaped ones can only
    appear as `\\uXXXX` or `\\b` escapes, whose mere presence sends the data
    through `visible_in`.
    """
    return has_forbidden(json_text) or "\\u" in json_text or "\\b" in json_text

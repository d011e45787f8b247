"""The fast reader of locale files gives what `tomllib` gives, or lets `tomllib` read.

`workshop/catalog_file.py` reads the simple form the locale files keep to, so that
the first start on a new machine does not pay for a pure-Python TOML parse. It
must never give a different catalog: every file, and every odd input, is read
both ways here.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from workshop.catalog_file import NotSimple, _read_simple, read_locale

LOCALE = Path(__file__).resolve().parents[1] / "workshop" / "locale"


def both(text: str) -> tuple[object, object]:
    """What tomllib and the fast reader make of `text`: the tables or the error's type."""

    def outcome(read):
        try:
            return read(text)
        except tomllib.TOMLDecodeError as error:
            return type(error)

    return outcome(tomllib.loads), outcome(read_locale)


@pytest.mark.parametrize("path", sorted(LOCALE.glob("*.toml")), ids=lambda path: path.name)
def test_every_locale_file_reads_as_toml_and_takes_the_fast_path(path):
    text = path.read_text(encoding="utf-8")
    assert read_locale(text) == tomllib.loads(text)
    # A file that falls back to tomllib still reads right, but the first start
    # pays for it again: keep to the simple form (no escape but \" \\ \n \t \uXXXX
    # in one-line strings, none in multi-line ones).
    assert _read_simple(text) == tomllib.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        '[fr]\n"a.b" = "Oui"\n',
        '# comment\n\n[fr]\n"a" = "x" # trailing\n  "b"="y"\n[en]\n"a" = "x"\n',
        '[fr]\n"q" = "dit \\"non\\" \\\\ fin\\nligne\\ttab \\u00e9"\n',
        '[fr]\n"long" = """\nUne\nDeux « " » ""\n"""\n',
        '[fr]\n"long" = """Sans saut initial\nfin"""\n',
        '[fr]\n"empty" = ""\n"long_empty" = """"""\n',
        '[fr]\n"tab" = "a\tb"\n',
        '[fr]\n"emoji" = "👩🏽\u200d🚀"\n',
    ],
)
def test_the_simple_form_is_read_fast_and_right(text):
    assert _read_simple(text) == tomllib.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        '[fr]\na = "bare key"\n',
        '[fr]\n"a" = "\\U0001F600"\n',
        '[fr]\n"a" = "\\b\\f\\r"\n',
        '[fr]\n"a" = """line \\\n   joined"""\n',
        '[fr]\n"a" = """with \\"escape\\""""\n',
        '[fr]\n"a" = \'literal\'\n',
        '[fr] # comment on the table\n"a" = "x"\n',
        '[fr.sub]\n"a" = "x"\n',
        '[fr]\r\n"a" = "x"\r\n',
        '[fr]\n"a" = """four quotes""""\n',
        '[fr]\n"a" = 3\n',
    ],
)
def test_the_rest_of_toml_goes_to_tomllib(text):
    with pytest.raises(NotSimple):
        _read_simple(text)
    assert read_locale(text) == tomllib.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        '[fr]\n"a" = "x"\n"a" = "y"\n',  # a key given twice
        '[fr]\n"a" = "x"\n[fr]\n"b" = "y"\n',  # a table given twice
        '"a" = "x"\n',  # an entry outside a table is fine TOML, but not a locale file's form
        '[fr]\n"a" = "\\uD800"\n',  # a surrogate: JSON would take it
        '[fr]\n"a" = "\\x41"\n',
        '[fr]\n"a" = "x\x7f"\n',  # a raw control character
        '[fr]\n# bell \x07 in a comment\n"a" = "x"\n',
        '[fr]\n"a" = "unclosed\n',
        '[fr]\n"a" = "x" "y"\n',
    ],
)
def test_what_toml_refuses_is_refused(text):
    assert both(text)[0] == both(text)[1]


# Characters that matter to the grammar, so that random files reach its edges.
GRAMMAR = st.text(alphabet='"\\\n\t =[]#afru0DE\x7f\x01é👍', max_size=60)


@settings(max_examples=1500, deadline=None)
@given(GRAMMAR)
@example('[fr]\n"a" = "\\"\n')
@example('[fr]\n"a" = """a""""\n')
@example('[fr]\n"a" = "\\u0000"\n')
def test_any_text_is_read_as_tomllib_reads_it(text):
    expected, fast = both(text)
    assert fast == expected


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(alphabet=st.characters(blacklist_characters='"\\\n'), max_size=12), st.text(max_size=40), max_size=6))
def test_any_catalog_written_as_json_strings_reads_back(table):
    # JSON strings are TOML basic strings, but for raw DEL and other forms TOML refuses.
    text = "[fr]\n" + "".join(f'"{key}" = {json.dumps(value, ensure_ascii=False)}\n' for key, value in table.items())
    expected, fast = both(text)
    assert fast == expected


# Pieces of locale files, put together at random: tables, keys, quotes, escapes.
PIECES = ["[fr]\n", "[en]\n", '"a" = ', '"b"=', '"""', '"', "\\", "\\n", "\\u00e9", "\n", "# c", " ", "x", "\t", '\\"', '""']


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_any_assembly_of_pieces_is_read_as_tomllib_reads_it(text):
    expected, fast = both(text)
    assert fast == expected

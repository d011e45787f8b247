"""Rules a stored value must follow, and the findings when it does not.

A rule checks one JSON value (a field of a record, an item of a list…) and adds a
`Finding` for each problem, naming the table, the record and the field. Rules
are built from the records' own dataclasses (`rule_of(Structure)`), so a field
added to a record is checked without a second description to keep in step;
`Obj` overrides say what the annotations cannot (a timer's fields, the values a
`str` may take).

The checks take parsed data, never bytes: they hold however the project is
stored (a whole file today, a journal replayed tomorrow).

Each rule also has `valid(value) -> bool`, the same rule as a plain test (no
finding, no path built): a whole file is tested with it first, and only a
value that fails it is walked again by `check` to say what is wrong and where.
The two must agree; `tests/test_validation_fast_path.py` holds them together.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from workshop.i18n import t
from workshop.text import visible

MAX_SHOWN_NAME = 60  # a table or field name from the file, as shown in a message


@dataclass(frozen=True)
class Finding:
    """One problem in a project file: what is wrong, and where."""

    key: str  # catalog key, "schema.*"
    table: str = ""
    record: str = ""
    field: str = ""
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def message(self) -> str:
        # Names come from the file: shown visibly (no control character reaches the terminal), and short.
        def shown(name: str) -> str:
            text = visible(str(name))
            return text if len(text) <= MAX_SHOWN_NAME else text[: MAX_SHOWN_NAME - 1] + "…"

        where = ""
        if self.table:
            where = t("schema.where.table", table=shown(self.table))
            if self.record:
                where = t("schema.where.record", table=shown(self.table), record=shown(self.record))
            if self.field:
                where = t("schema.where.field", table=shown(self.table), record=shown(self.record), field=shown(self.field))
        params = {k: shown(v) if isinstance(v, str) else v for k, v in self.params.items()}
        return t(self.key, where=where, **params)


class Context:
    """Where the value being checked sits, and the findings gathered so far."""

    __slots__ = ("table", "record", "findings")

    def __init__(self, table: str, record: str = "") -> None:
        self.table = table
        self.record = record
        self.findings: list[Finding] = []

    def add(self, key: str, path: tuple[str | int, ...], /, **params: Any) -> None:
        # Positional-only: a message may itself have a {key} placeholder (schema.bad_key).
        self.findings.append(Finding(key, self.table, self.record, field_name(path), params))


def field_name(path: tuple[str | int, ...]) -> str:
    """("spec", "options", 2) -> "spec.options[2]"."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def kind_of(value: Any) -> str:
    """The JSON kind of a value, as a catalog key suffix."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return "other"


# Rules -----------------------------------------------------------------------------------
class Rule:
    expected = "other"  # catalog suffix: what the value should be
    _valid: Callable[[Any], bool] | None = None

    def check(self, value: Any, path: tuple[str | int, ...], ctx: Context) -> bool:
        """True when the value follows the rule; findings are added to `ctx` otherwise."""
        raise NotImplementedError

    @property
    def valid(self) -> Callable[[Any], bool]:
        """value -> True exactly when `check` would find nothing (built once per rule)."""
        if self._valid is None:
            self._valid = self.test()
        return self._valid

    def test(self) -> Callable[[Any], bool]:
        """The rule as a plain predicate, for `valid`."""
        raise NotImplementedError

    def types(self) -> tuple[type, ...] | None:
        """The types a value may have when the whole rule is its type (a text, an unbounded
        integer…); None when the rule asks more of it."""
        return None

    def wrong_kind(self, value: Any, path: tuple[str | int, ...], ctx: Context) -> bool:
        ctx.add("schema.type", path, expected=t(f"schema.kind.{self.expected}"), found=t(f"schema.kind.{kind_of(value)}"))
        return False


class Anything(Rule):
    def check(self, value: Any, path: tuple[str | int, ...], ctx: Context) -> bool:
        return True

    def test(self) -> Callable[[Any], bool]:
        return lambda value: True


class Text(Rule):
    expected = "str"

    def check(self, value: Any, path: tuple[str | int, ...], ctx: Context) -> bool:
        return True if type(value) is str else self.wrong_kind(value, path, ctx)

    def types(self) -> tuple[type, ...] | None:
        return (str,)

    def test(self) -> Callable[[Any], bool]:
        return lambda value: type(value) is str


class Integer(Rule):
    expected = "int"

    def __init__(self, low: int | None = None, high: int | None = None) -> None:
        self.low, self.high = low, high
        self.unbounded = low is None and high is None

    def check(self, value: Any, path: tuple[str | int, ...], ctx: Context) -> bool:
        if type(value) is not int:
            return self.wrong_kind(value, path, ctx)
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            ctx.add("schema.range", path, value=value, low=self.low if self.low is not None else "…",
                    high=self.high if self.high is not None else "…")
            return False
        return True

    def types(self) -> tuple[type, ...] | None:
        return (int,) if self.unbounded else None

    def test(self) -> Callable[[Any], bool]:
        low, high = self.low, self.high
        if self.unbounded:
            return lambda value: type(value) is int
        return lambda value: type(value) is int and (low is None or value >= low) and (high is None or value <= high)


class Number(Rule):
    expected = "float"

    def check(self, value: Any, path: tuple[str | int, ...], ctx: Context) -> bool:
        if type(value) not in (int, float) or value != value or value in (float("inf"), float("-inf")):
            return self.wrong_kind(value, path, ctx)
        return True

    def test(self) -> Callable[[Any], bool]:
        infinite = (float("inf"), float("-inf"))
        return lambda value: type(value) in (int, float) and value == value and value not in infinite


class Boolean(Rule):
    expected = "bool"

    def check(self, value: Any, path: tuple[str | int, ...], ctx: Context) -> bool:
        return True if type(value) is bool else self.wrong_kind(value, path, ctx)

    def types(self) -> tuple[type, ...] | None:
        return (bool,)

    def test(self) -> Callable[[Any], bool]:
        return lambda value: type(value) is bool


class Null(Rule):
    expected = "null"

    def check(self, value: Any, path: tuple[str | int, ...], ctx: Context) -> bool:
        return True if value is None else self.wrong_kind(value, path, ctx)

    def types(self) -> tuple[type, ...] | None:
        return (type(None),)

    def test(self) -> Callable[[Any], bool]:
        return lambda value: value is None


class Shaped(Rule):
    """A text of a given form (an ISO date, a time of day), or empty."""

    expected = "str"

    def __init__(self, form: str, accepts: Any) -> None:
        self.form = form  # catalog suffix naming the form, "schema.form.<form>"
        self.accepts = accepts  # str -> bool

    def check(self, value: Any, path: tuple[str | int, ...], ctx: Context) -> bool:
        if type(value) is not str:
            return self.wrong_kind(value, path, ctx)
        if value and not self.accepts(value):
            ctx.add("schema.form", path, form=t(f"schema.form.{self.form}"))
            return False
        return True

    def test(self) -> Callable[[Any], bool]:
        accepts = self.accepts
        return lambda value: type(value) is str and (not value or bool(accepts(value)))


def is_iso_date(text: str) -> bool:
    import datetime

    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def is_time_of_day(text: str) -> bool:
    hours, sep, minutes = text.partition(":")
    return bool(sep) and len(hours) == 2 and len(minutes) == 2 and hours.isdigit() and minutes.isdigit() \
        and int(hours) < 24 and int(minutes) < 60


ISO_DATE = Shaped("date", is_iso_date)
TIME_OF_DAY = Shaped("time", is_time_of_day)


class Choice(Rule):
    """A text among fixed values (an enumeration's)."""

    expected = "str"

    def __init__(self, values: Iterable[str]) -> None:
        self.values = frozenset(values)

    def check(self, value: Any, path: tuple[str | int, ...], ctx: Context) -> bool:
        if type(value) is not str:
            return self.wrong_kind(value, path, ctx)
        if value not in self.values:
            ctx.add("schema.choice", path, choices=", ".join(sorted(v or "«»" for v in self.values)))
            return False
        return True

    def test(self) -> Callable[[Any], bool]:
        values = self.values
        return lambda value: type(value) is str and value in values


class Either(Rule):
    """One of several rules (`int | None`); the first one's kind is what is expected."""

    def __init__(self, *rules: Rule) -> None:
        self.rules = rules
        self.expected = "|".join(r.expected for r in rules)

    def check(self, value: Any, path: tuple[str | int, ...], ctx: Context) -> bool:
        kind = type(value)
        for rule in self.rules:  # the common case, without gathering findings
            simple = _SIMPLE.get(type(rule))
            if simple is not None and kind in simple and (type(rule) is not Integer or rule.unbounded):
                return True
        trial = Context(ctx.table, ctx.record)
        for rule in self.rules:
            if isinstance(rule, Null):
                continue
            trial.findings.clear()
            if rule.check(value, path, trial):
                return True
            if _same_kind(rule, value):
                ctx.findings.extend(trial.findings)  # the right kind, a problem inside: say which
                return False
        kinds = " / ".join(t(f"schema.kind.{r.expected}") for r in self.rules)
        ctx.add("schema.type", path, expected=kinds, found=t(f"schema.kind.{kind_of(value)}"))
        return False

    def types(self) -> tuple[type, ...] | None:
        found: tuple[type, ...] = ()
        for rule in self.rules:
            types = rule.types()
            if types is None:
                return None
            found += types
        return found

    def test(self) -> Callable[[Any], bool]:
        types = self.types()
        if types is not None:
            return lambda value: type(value) in types
        tests = tuple(rule.valid for rule in self.rules)
        return lambda value: any(test(value) for test in tests)


# Rules whose whole check is the value's type: rule class -> the types it accepts.
_SIMPLE: dict[type, tuple[type, ...]] = {
    Null: (type(None),),
    Text: (str,),
    Integer: (int,),
    Boolean: (bool,),
    Anything: (type(None), bool, int, float, str, list, dict),
}


def _same_kind(rule: Rule, value: Any) -> bool:
    kind = kind_of(value)
    return rule.expected == kind or (rule.expected == "float" and kind == "int")


class ListOf(Rule):
    expected = "list"

    def __init__(self, item: Rule, unique: str | None = None) -> None:
        self.item = item
        self.unique = unique  # an item field whose values must differ ("id")

    def check(self, value: Any, path: tuple[str | int, ...], ctx: Context) -> bool:
        if type(value) is not list:
            return self.wrong_kind(value, path, ctx)
        ok = True
        item = self.item
        for index, element in enumerate(value):
            if not item.check(element, (*path, index), ctx):
                ok = False
        if ok and self.unique is not None:
            seen: set[Any] = set()
            for element in value:
                key = element.get(self.unique) if isinstance(element, dict) else element
                if key in seen:
                    ctx.add("schema.duplicate", path, id=str(key))
                    return False
                seen.add(key)
        return ok

    def test(self) -> Callable[[Any], bool]:
        item, unique, types = self.item.valid, self.unique, self.item.types()

        def valid(value: Any) -> bool:
            if type(value) is not list:
                return False
            if types is not None:
                for element in value:
                    if type(element) not in types:
                        return False
            else:
                for element in value:
                    if not item(element):
                        return False
            if unique is not None:
                keys = [element.get(unique) if isinstance(element, dict) else element for element in value]
                return len(set(keys)) == len(keys)
            return True

        return valid


class MapOf(Rule):
    """A JSON object used as a map: every key (digit strings when `ids`) to a value of one rule."""

    expected = "object"

    def __init__(self, value: Rule, ids: bool = False) -> None:
        self.value = value
        self.ids = ids

    def check(self, value: Any, path: tuple[str | int, ...], ctx: Context) -> bool:
        if type(value) is not dict:
            return self.wrong_kind(value, path, ctx)
        ok = True
        for key, element in value.items():
            if self.ids and not _is_id(key):
                ctx.add("schema.bad_key", path, key=key)
                ok = False
                continue
            if not self.value.check(element, (*path, key), ctx):
                ok = False
        return ok

    def test(self) -> Callable[[Any], bool]:
        item, ids, types = self.value.valid, self.ids, self.value.types()

        def valid(value: Any) -> bool:
            if type(value) is not dict:
                return False
            for key, element in value.items():
                if ids and not (key.isascii() and key.isdigit() and len(key) < 19):  # _is_id
                    return False
                if not (type(element) in types if types is not None else item(element)):
                    return False
            return True

        return valid


def _is_id(key: str) -> bool:
    return key.isascii() and key.isdigit() and len(key) < 19


class Obj(Rule):
    """A JSON object with named fields: required ones, optional ones, maybe others."""

    expected = "object"

    def __init__(self, fields: Mapping[str, Rule], required: Iterable[str] = (), extra: bool = True) -> None:
        self.fields = dict(fields)
        self.required = tuple(required)
        self.extra = extra

    def check(self, value: Any, path: tuple[str | int, ...], ctx: Context) -> bool:
        if type(value) is not dict:
            return self.wrong_kind(value, path, ctx)
        ok = True
        for name in self.required:
            if name not in value:
                ctx.add("schema.missing", (*path, name))
                ok = False
        fields = self.fields
        for name, element in value.items():
            rule = fields.get(name)
            if rule is None:
                if not self.extra:
                    ctx.add("schema.unexpected", (*path, name))
                    ok = False
                continue
            if not rule.check(element, (*path, name), ctx):
                ok = False
        return ok

    def test(self) -> Callable[[Any], bool]:
        # A field whose rule is its type is tested inline; the others through their own test.
        tests: dict[str, Any] = {name: rule.types() or rule.valid for name, rule in self.fields.items()}
        required, extra = self.required, self.extra

        def valid(value: Any) -> bool:
            if type(value) is not dict:
                return False
            for name in required:
                if name not in value:
                    return False
            for name, element in value.items():
                test = tests.get(name)
                if test is None:
                    if not extra:
                        return False
                elif type(test) is tuple:
                    if type(element) not in test:
                        return False
                elif not test(element):
                    return False
            return True

        return valid

    def with_fields(self, overrides: Mapping[str, Rule], required: Iterable[str] | None = None) -> Obj:
        return Obj({**self.fields, **overrides}, self.required if required is None else required, self.extra)


# Rules from dataclasses ------------------------------------------------------------------------
def rule_of(
    cls: type, overrides: Mapping[str, Rule] | None = None, extra: bool = True, skip: Iterable[str] = ("id",)
) -> Obj:
    """The rule of a stored dataclass: its fields' annotations; fields without default are required.

    `skip` lists fields that are not stored in the document (a record's id is its key).
    `extra=False` when the reader builds the dataclass from every stored key
    (`cls(**doc)`): an unknown field would make it fail.
    """
    hints = typing.get_type_hints(cls)
    overrides = dict(overrides or {})
    fields: dict[str, Rule] = {}
    required: list[str] = []
    for item in dataclasses.fields(cls):
        if item.name in skip:
            continue
        fields[item.name] = overrides.pop(item.name) if item.name in overrides else rule_from(hints[item.name], extra)
        if item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING:
            required.append(item.name)
    fields.update(overrides)  # rules for stored keys that are not fields
    return Obj(fields, required, extra)


def rule_from(annotation: Any, extra: bool = True) -> Rule:
    """The rule of a type annotation: str, int, float, bool, None, X | Y, list[X], dict[str, X], a dataclass, an enum."""
    if annotation is Any or annotation is object:
        return Anything()
    if annotation is type(None) or annotation is None:
        return Null()
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return Either(*(rule_from(arg, extra) for arg in typing.get_args(annotation)))
    if origin is list:
        (item,) = typing.get_args(annotation) or (Any,)
        return ListOf(rule_from(item, extra))
    if origin is dict:
        args = typing.get_args(annotation)
        return MapOf(rule_from(args[1], extra) if args else Anything())
    if annotation is list:
        return ListOf(Anything())
    if annotation is dict:
        return MapOf(Anything())
    if isinstance(annotation, type):
        if issubclass(annotation, Enum):
            return Choice(str(member.value) for member in annotation)
        if annotation is bool:
            return Boolean()
        if annotation is int:
            return Integer()
        if annotation is float:
            return Number()
        if annotation is str:
            return Text()
        if dataclasses.is_dataclass(annotation):
            return rule_of(annotation, extra=extra, skip=())
    raise TypeError(f"no stored-value rule for {annotation!r}")


@dataclass(frozen=True)
class Reference:
    """A field of a table that must name a record of another table (0 or None: none)."""

    field: str
    target: str


# (record id, document, context) -> None, adding findings to the context.
Consistency = Callable[[str, dict[str, Any], Context], None]


@dataclass(frozen=True)
class TableSchema:
    """What the records of one table must look like."""

    name: str
    record: Rule
    references: tuple[Reference, ...] = ()
    # Internal consistency a rule cannot say (a round's turns match its voters).
    consistency: Consistency | None = None

"""What a Proxmox answer must look like before anything reads it.

Each catalogued endpoint (`pve/api.py`) names the shape of its `data`; the worker checks the
answer against it before the answer leaves the worker thread, so a wrong shape ends as one
typed `errors.BadAnswer` for that request instead of a `KeyError` deep inside a model or a
dead worker. Shapes check only what the program reads: extra keys are always allowed
(newer PVE versions add fields), and numbers may come as JSON numbers or as numeric strings
(pveproxy sends some integers as strings, e.g. `/cluster/nextid`). Digits must be ASCII:
`int()` would accept "١٢٣", PVE never sends it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from .parse import upid as parse_upid

_INT = re.compile(r"^-?[0-9]+$")
_NUM = re.compile(r"^-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")


class Counted(list):
    """A list answer with the `total` PVE counted beside its `data` (`{"data": [...], "total": n}`):
    a paged answer (a task log's lines) says how many items there are in all."""

    def __init__(self, items=(), total: int | None = None):
        super().__init__(items)
        self.total = total


class ShapeMismatch(ValueError):
    """`where` is the spot in the answer (`data[3].vmid`), `expected` what belongs there."""

    def __init__(self, where: str, expected: str, got: Any):
        self.where, self.expected = where, expected
        self.got = _sample(got)
        super().__init__("{0}: expected {1}, got {2}".format(where, expected, self.got))


def _sample(value: Any) -> str:
    """A short, safe rendering of an unexpected value (for logs and the error text)."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class Shape:
    """`check` says where an answer is wrong; `ok` only whether it is right, without building the
    path of every value it passes (`data[3].vmid`): a list of 10,000 guests is checked on every
    poll, and formatting 200,000 paths that nobody reads took most of the ~60 ms the check cost.
    Containers ask `ok` first and walk with paths only to name the spot of a mismatch."""

    expected = "anything"

    def check(self, value: Any, where: str = "data") -> None:
        """Raise ShapeMismatch unless `value` has this shape."""

    def ok(self, value: Any) -> bool:
        return True

    def __or__(self, other: Shape) -> Shape:
        return OneOf(self, other)


class _Any(Shape):
    pass


class _Str(Shape):
    expected = "a string"

    def check(self, value, where="data"):
        if not isinstance(value, str):
            raise ShapeMismatch(where, self.expected, value)

    def ok(self, value):
        return isinstance(value, str)


class _Int(Shape):
    """A number `int()` takes: an integer, a finite float, or a string of ASCII digits."""

    expected = "an integer"

    def check(self, value, where="data"):
        if not self.ok(value):
            raise ShapeMismatch(where, self.expected, value)

    def ok(self, value):
        kind = type(value)
        if kind is int:
            return True
        if kind is bool:
            return False
        return (isinstance(value, int) or (isinstance(value, str) and _INT.match(value) is not None)
                or (isinstance(value, float) and math.isfinite(value)))


class _Num(Shape):
    """A finite number, or a string holding one (ASCII)."""

    expected = "a number"

    def check(self, value, where="data"):
        if not self.ok(value):
            raise ShapeMismatch(where, self.expected, value)

    def ok(self, value):
        if isinstance(value, bool):
            return False
        return (isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))
                or (isinstance(value, str) and _NUM.match(value) is not None))


class _Flag(Shape):
    """PVE's booleans: 0/1 (numbers or strings) or JSON true/false."""

    expected = "0 or 1"

    def check(self, value, where="data"):
        if not self.ok(value):
            raise ShapeMismatch(where, self.expected, value)

    def ok(self, value):
        return isinstance(value, bool) or value in (0, 1, "0", "1", "")


class _Scalar(Shape):
    """A config value: a string, number or flag (never a list or an object)."""

    expected = "a text or number"

    def check(self, value, where="data"):
        if not self.ok(value):
            raise ShapeMismatch(where, self.expected, value)

    def ok(self, value):
        return value is None or isinstance(value, (str, int, float, bool))


class _Null(Shape):
    expected = "nothing"

    def check(self, value, where="data"):
        if value is not None:
            raise ShapeMismatch(where, self.expected, value)

    def ok(self, value):
        return value is None


class _Upid(Shape):
    """A task id: `UPID:node:pid:pstart:starttime:type:id:user:`."""

    expected = "a task id (UPID)"

    def check(self, value, where="data"):
        if not self.ok(value):
            raise ShapeMismatch(where, self.expected, value)

    def ok(self, value):
        if not isinstance(value, str):
            return False
        try:
            parse_upid(value)
        except ValueError:
            return False
        return True


class Optional(Shape):
    """`inner`, or null."""

    def __init__(self, inner: Shape):
        self.inner = inner
        self.expected = inner.expected + " or nothing"

    def check(self, value, where="data"):
        if value is not None:
            self.inner.check(value, where)

    def ok(self, value):
        return value is None or self.inner.ok(value)


class OneOf(Shape):
    def __init__(self, *choices: Shape):
        self.choices = choices
        self.expected = " or ".join(c.expected for c in choices)

    def check(self, value, where="data"):
        if not self.ok(value):
            raise ShapeMismatch(where, self.expected, value)

    def ok(self, value):
        return any(choice.ok(value) for choice in self.choices)


class ListOf(Shape):
    def __init__(self, item: Shape):
        self.item = item
        self.expected = "a list"

    def check(self, value, where="data"):
        if self.ok(value):
            return
        if not isinstance(value, list):
            raise ShapeMismatch(where, self.expected, value)
        for index, item in enumerate(value):
            self.item.check(item, "{0}[{1}]".format(where, index))

    def ok(self, value):
        if not isinstance(value, list):
            return False
        item_ok = self.item.ok
        for item in value:
            if not item_ok(item):
                return False
        return True


class Obj(Shape):
    """An object with `required` keys and, when present and not null, `optional` ones of their shapes."""

    expected = "an object"

    def __init__(self, required: Mapping[str, Shape] | None = None, optional: Mapping[str, Shape] | None = None):
        self.required = dict(required or {})
        self.optional = dict(optional or {})
        self._required_ok = tuple((key, shape.ok) for key, shape in self.required.items())
        self._optional_ok = tuple((key, shape.ok) for key, shape in self.optional.items())

    def check(self, value, where="data"):
        if self.ok(value):
            return
        if not isinstance(value, dict):
            raise ShapeMismatch(where, self.expected, value)
        for key, shape in self.required.items():
            if key not in value:
                raise ShapeMismatch("{0}.{1}".format(where, key), shape.expected, "nothing")
            shape.check(value[key], "{0}.{1}".format(where, key))
        for key, shape in self.optional.items():
            if value.get(key) is not None:
                shape.check(value[key], "{0}.{1}".format(where, key))

    def ok(self, value):
        if not isinstance(value, dict):
            return False
        for key, shape in self._required_ok:
            if key not in value or not shape(value[key]):
                return False
        get = value.get
        for key, shape in self._optional_ok:
            item = get(key)
            if item is not None and not shape(item):
                return False
        return True


class DictOf(Shape):
    """An object with any keys, every value of one shape (a guest config, a permission map)."""

    expected = "an object"

    def __init__(self, values: Shape):
        self.values = values

    def check(self, value, where="data"):
        if self.ok(value):
            return
        if not isinstance(value, dict):
            raise ShapeMismatch(where, self.expected, value)
        for key, item in value.items():
            self.values.check(item, "{0}.{1}".format(where, key))

    def ok(self, value):
        if not isinstance(value, dict):
            return False
        values_ok = self.values.ok
        for item in value.values():
            if not values_ok(item):
                return False
        return True


ANY: Shape = _Any()
STR: Shape = _Str()
INT: Shape = _Int()
NUM: Shape = _Num()
FLAG: Shape = _Flag()
SCALAR: Shape = _Scalar()
NULL: Shape = _Null()
UPID: Shape = _Upid()
OBJECT: Shape = Obj()

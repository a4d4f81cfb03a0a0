"""The guest list's answer (/cluster/resources?type=vm) decoded straight into typed rows.

The poll lane reads this answer every 3 s; at 10,000 guests it is 3.5 MB. Decoded into dicts,
each changed row then had its shape checked (api.RESOURCE) and its Instance built key by key:
~7 + ~5 us a row, ~6,000 rows a live poll. Here msgspec checks the types while it decodes, in
C, into `Row`s that compare in C too (an unchanged guest costs nothing more), and
`instance()` builds the same Instance `Instance.from_api` builds from the same row.

The rows as real PVE sends them (numbers as numbers, names and tags as text) decode here;
anything else — a number as text, a name as a number, a flag as true/false, a float where an
integer belongs — does not, and `decode` says so with None: the caller then takes the general
path (dicts, `api.RESOURCE`'s shape check naming the wrong spot, `Instance.from_api`'s
conversions), so what an odd server sends is read exactly as before.

A poll lane decodes with a `RowsDecoder`: between two polls most rows come back byte for byte
the same (stopped guests, and every guest of a node whose pvestatd has not reported since), so
it splits the answer into its rows' raw JSON (in C, ~3 ms for 10,000), compares them with the
previous answer's (~0.6 ms) and decodes only those that differ, the others being the Row
decoded before (10,000 guests, a third changed: ~8 ms against ~12 ms for `decode`, and the
unchanged rows then compare as the same object).
"""

from __future__ import annotations

import sys
from itertools import compress, count
from operator import ne
from typing import Annotated, Literal

import msgspec

from . import parse
from .entities import QEMU, UNKNOWN, Instance, cached_tags

# A finite float: JSON numbers beyond it (1e400) decode as infinity otherwise (api.RESOURCE
# refuses them); checked by msgspec in C, as `Flag` is, not row by row in Python.
Finite = Annotated[float, msgspec.Meta(ge=-sys.float_info.max, le=sys.float_info.max)]
Flag = Literal[0, 1]


class Row(msgspec.Struct, frozen=True):
    """One guest row; keys the app does not read (id, memhost, ...) are left out."""

    vmid: int
    name: str | None = None
    type: str | None = None
    node: str | None = None
    status: str | None = None
    template: Flag | None = None
    maxcpu: Finite | None = None
    cpu: Finite | None = None
    maxmem: int | None = None
    mem: int | None = None
    maxdisk: int | None = None
    disk: int | None = None
    uptime: int | None = None
    tags: str | None = None
    lock: str | None = None
    hastate: str | None = None
    pool: str | None = None
    netin: int | None = None
    netout: int | None = None
    diskread: int | None = None
    diskwrite: int | None = None


class Rows(list):
    """The rows of an answer `decode` read (a list of `Row`)."""


class _Answer(msgspec.Struct):
    data: list[Row]


class _RawAnswer(msgspec.Struct):
    data: list[msgspec.Raw]


_DECODER = msgspec.json.Decoder(_Answer)
_RAW_DECODER = msgspec.json.Decoder(_RawAnswer)
_ROWS_DECODER = msgspec.json.Decoder(list[Row])
_INVALID = (msgspec.DecodeError, msgspec.ValidationError)


def decode(body: bytes) -> Rows | None:
    """The rows of the answer's body, or None when it is not shaped as PVE shapes it."""
    try:
        return Rows(_DECODER.decode(body).data)
    except _INVALID:
        return None


class RowsDecoder:
    """`decode`, answer after answer of one poll lane, decoding only the rows whose JSON differs
    from the previous answer's at the same place (see the module docstring). What it keeps is
    the previous answer (split into raw rows once the next one comes: the first poll, on the way
    to the window, is not made longer) and its Rows, each Row decoded from the raw row at its
    place: a poll that fails after its answer was decoded leaves nothing out of step."""

    def __init__(self):
        self._body: bytes | None = None
        self._raws: list[msgspec.Raw] | None = None
        self._rows: Rows | None = None

    def __call__(self, body: bytes) -> Rows | None:
        if self._rows is None:  # the first answer, or the one after an answer not shaped as PVE's
            raws, rows = None, decode(body)
        else:
            raws, rows = self._from_last(body)
        if rows is None:
            self._body = self._raws = self._rows = None
        else:  # the raw rows hold the answer's bytes: the answer is kept only until they exist
            self._body, self._raws, self._rows = (body if raws is None else None), raws, rows
        return rows

    def _from_last(self, body: bytes) -> tuple[list[msgspec.Raw] | None, Rows | None]:
        """(the answer's raw rows, its Rows) from the previous answer's; Rows None when the
        answer is not shaped as PVE shapes it."""
        try:
            raws = _RAW_DECODER.decode(body).data
            last_raws = self._raws if self._raws is not None else _RAW_DECODER.decode(self._body).data
        except _INVALID:
            return None, None
        if len(raws) != len(last_raws):  # guests came or went: all at once is faster
            return raws, decode(body)
        changed = list(compress(count(), map(ne, raws, last_raws)))
        # The changed rows in one decoder call, as one JSON array: row by row, a Python loop of
        # thousands of calls shared the GIL with the GUI thread turn by turn, and a keystroke
        # during a poll took twice as long.
        try:
            fresh = _ROWS_DECODER.decode(b"[" + b",".join([raws[i] for i in changed]) + b"]")
        except _INVALID:
            return raws, None
        rows = Rows(self._rows)
        for i, row in zip(changed, fresh, strict=True):
            rows[i] = row
        return raws, rows


def instance(cluster: str, r: Row) -> Instance:
    """What `Instance.from_api(cluster, row)` gives for the same row as a dict."""
    tags = r.tags
    return Instance(
        cluster, r.vmid, r.name or "", r.type or QEMU, r.node or "", r.status or UNKNOWN, bool(r.template),
        float(r.maxcpu or 0), float(r.cpu or 0.0), r.maxmem or 0, r.mem or 0, r.maxdisk or 0, r.disk or 0,
        r.uptime or 0, cached_tags(tags) if tags is not None else parse.tags(None), r.lock or "", r.hastate or "",
        r.pool or "", r.netin or 0, r.netout or 0, r.diskread or 0, r.diskwrite or 0)

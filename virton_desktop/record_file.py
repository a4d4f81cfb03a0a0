"""A JSON file of records (cluster profiles, pinned certificates) that never loses what it holds.

The file is `{"version": N, "<collection>": [...] or {...}, ...}`. `RecordFile` keeps the
document as it was read: unknown top-level keys, unknown fields of each record, and entries it
cannot read (kept in place, verbatim, not shown). What the program understands is `records`
(key -> the parsed record). A change is a *patch* of the fields changed (the whole entry when it
is not on disk any more), remembered as pending until written; a save takes the file's lock,
re-reads the file, applies the pending patches and deletions to what is on disk *now* (so
another instance's changes survive) and replaces the file atomically. A save that fails raises
`SaveFailed` and keeps the change pending: it stays in effect in this instance and goes to disk
with the next save that succeeds.

Damage at start: content that is not a JSON object of the right shape is moved aside (renamed,
never overwritten) and the program starts without it; a file that cannot be read at all, or a
damaged one that cannot be moved, is left as it is and never written over. A file from a newer
format version is read for what is understood and never rewritten (saves refused): its new
fields could change the meaning of the old ones, and an older program cannot know.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import file_lock
from .config_files import (
    KEPT_ASIDE,
    LEFT_DAMAGED,
    LOCKED,
    NEWER,
    SKIPPED,
    UNREADABLE,
    WRITE,
    Damaged,
    FileNotice,
    SaveFailed,
    decode_json,
    encode_json,
    keep_aside,
    os_reason,
    read_text,
    write_atomically,
)

LIST = "list"  # the collection is a list of objects, each with an "id"
MAPPING = "mapping"  # the collection is an object: key -> record
UNREADABLE_ERRORS = (TypeError, ValueError, KeyError, AttributeError)  # what a parse may raise


@dataclass(frozen=True)
class Change:
    """An entry as this instance has it, and the fields it changed (what overwrites another instance's)."""

    entry: dict
    patch: dict


@dataclass
class Document:
    """A file as read: the top-level object and the collection's entries in file order.
    An entry's key is None when it has none the program can use (it is then only carried along)."""

    top: dict = field(default_factory=dict)
    slots: list[list] = field(default_factory=list)  # [key | None, raw entry]


class RecordFile:
    """`parse(key, raw)` turns an entry into a record or raises one of `UNREADABLE_ERRORS`."""

    def __init__(self, path: Path, collection: str, shape: str, version: int, parse: Callable[[str, Any], Any]):
        self.path, self.collection, self.shape, self.version = path, collection, shape, version
        self._parse = parse
        self.notices: list[FileNotice] = []  # for the user, in order; `take_notices` hands them over once
        self.records: dict[str, Any] = {}
        self.unreadable_entries = 0  # carried along in the file, not shown
        self._raw: dict[str, dict] = {}  # the entry each record was read from (its unknown fields)
        self._doc = Document()
        self._pending: dict[str, Change | None] = {}  # key -> change, or None: deleted
        self.load()

    # ------------------------------------------------------------ reading

    def load(self) -> None:
        """Read the file again (changes not yet written stay pending, on top of it)."""
        try:
            with file_lock.exclusive(self.path):
                doc = self._read(may_keep_aside=True)
        except OSError:  # no lock here (a read-only folder): read anyway, but move nothing
            doc = self._read(may_keep_aside=False)
        self._adopt(doc if isinstance(doc, Document) else Document())
        if self.unreadable_entries:
            self._note(FileNotice(SKIPPED, self.path, count=self.unreadable_entries))

    def take_notices(self) -> list[FileNotice]:
        notices, self.notices = self.notices, []
        return notices

    def _note(self, notice: FileNotice) -> None:
        if notice not in self.notices:
            self.notices.append(notice)

    def _read(self, may_keep_aside: bool) -> Document | FileNotice:
        """The document on disk (empty when there is none), or the notice saying why the file must not
        be written over. Damage is moved aside when allowed; every problem is noted."""
        try:
            text = read_text(self.path)
            if text is None:
                return Document(top={"version": self.version})
            return self._document(decode_json(text))
        except Damaged as exc:
            if not may_keep_aside:
                return self._noted(FileNotice(LEFT_DAMAGED, self.path, str(exc)))
            try:
                kept = keep_aside(self.path)
            except OSError as moving:
                return self._noted(FileNotice(LEFT_DAMAGED, self.path, "{0}; {1}".format(exc, os_reason(moving)),
                                              errno=moving.errno or 0))
            self._note(FileNotice(KEPT_ASIDE, self.path, str(exc), kept_as=kept))
            return Document(top={"version": self.version})
        except OSError as exc:
            return self._noted(FileNotice(UNREADABLE, self.path, os_reason(exc), errno=exc.errno or 0))

    def _noted(self, notice: FileNotice) -> FileNotice:
        self._note(notice)
        return notice

    def _document(self, data: Any) -> Document:
        if not isinstance(data, dict):
            raise Damaged("not a JSON object")
        version = data.get("version", 1)
        if type(version) is not int or version < 1:
            raise Damaged("no format version")
        collection = data.get(self.collection)
        expected = list if self.shape == LIST else dict
        if collection is None:
            collection = expected()
        elif not isinstance(collection, expected):
            if version <= self.version:
                raise Damaged("{0!r} is not a {1}".format(self.collection, "list" if expected is list else "object"))
            collection = expected()  # a newer format may have changed it: nothing we understand
        if version > self.version:
            self._note(FileNotice(NEWER, self.path, version=version))
        if self.shape == MAPPING:
            slots = [[key, raw] for key, raw in collection.items()]
        else:
            seen: set[str] = set()
            slots = []
            for raw in collection:
                key = raw.get("id") if isinstance(raw, dict) else None
                if not isinstance(key, str) or not key or key in seen:
                    key = None  # carried along as it is, never matched by a change
                else:
                    seen.add(key)
                slots.append([key, raw])
        return Document(top=data, slots=slots)

    def _adopt(self, doc: Document) -> None:
        """Take `doc` as what is on disk; the records are it with the pending changes applied."""
        self._doc = doc
        self.records, self._raw = {}, {}
        self.unreadable_entries = 0
        for key, raw in _apply(doc, self._pending).slots:
            try:
                if key is None or key in self.records:
                    raise KeyError(key)
                self.records[key] = self._parse(key, raw)
            except UNREADABLE_ERRORS:
                self.unreadable_entries += 1
                continue
            self._raw[key] = raw

    @property
    def read_only(self) -> bool:
        """The file on disk is of a newer format version: never written by this one."""
        return _version(self._doc) > self.version

    # ------------------------------------------------------------ changing

    def put(self, key: str, known: dict, changed: set[str] | None = None) -> None:
        """Set the fields the program knows of entry `key` (its other fields kept); saved at once.
        `changed`: the fields the user changed (default: all of `known`). Only those overwrite what
        another instance saved in the same entry meanwhile."""
        self._change(key, known, changed)
        self._adopt(self._doc)
        self._save()

    def put_many(self, entries: dict[str, dict]) -> None:
        for key, known in entries.items():
            self._change(key, known, None)
        self._adopt(self._doc)
        self._save()

    def _change(self, key: str, known: dict, changed: set[str] | None) -> None:
        earlier = self._pending.get(key)
        fields = set(known) if changed is None else set(changed)
        if earlier is not None:  # an earlier change not yet written: both go
            fields |= set(earlier.patch)
        entry = {**self._raw.get(key, {}), **known}
        self._pending[key] = Change(entry, {name: entry[name] for name in fields if name in entry})

    def delete(self, key: str) -> None:
        self._pending[key] = None
        self._adopt(self._doc)
        self._save()

    def _save(self) -> None:
        """Write the pending changes onto the file as it is now. Raises SaveFailed (changes kept pending)."""
        try:
            with file_lock.exclusive(self.path):
                doc = self._read(may_keep_aside=True)
                if isinstance(doc, FileNotice):
                    raise SaveFailed(doc)
                self._adopt(doc)  # whatever happens next, show what the other instances saved
                version = _version(doc)
                if version > self.version:
                    raise SaveFailed(FileNotice(NEWER, self.path, version=version))
                merged = _apply(doc, self._pending)
                write_atomically(self.path, encode_json(self._render(merged)))
        except file_lock.LockTimeout as exc:
            raise SaveFailed(FileNotice(LOCKED, self.path, str(exc))) from None
        except OSError as exc:
            raise SaveFailed(FileNotice(WRITE, self.path, os_reason(exc), errno=exc.errno or 0)) from None
        self._pending = {}
        self._adopt(merged)

    def _render(self, doc: Document) -> dict:
        top = dict(doc.top)
        top["version"] = self.version
        if self.shape == MAPPING:
            top[self.collection] = {key: raw for key, raw in doc.slots}
        else:
            top[self.collection] = [raw for _key, raw in doc.slots]
        return top


def _version(doc: Document) -> int:
    version = doc.top.get("version", 1)
    return version if type(version) is int else 1


def _apply(doc: Document, pending: dict[str, Change | None]) -> Document:
    """`doc` with the changes: an entry on disk gets the changed fields (its other fields kept), a
    missing one is appended whole; a deletion removes the entry. `doc` itself is not changed (values
    inside entries are shared, never changed in place: a deep copy could not copy what is nested as
    deep as JSON allows)."""
    slots = [list(slot) for slot in doc.slots]
    for key, change in pending.items():
        if change is None:
            slots = [slot for slot in slots if slot[0] != key]
            continue
        for slot in slots:
            if slot[0] == key:
                old = slot[1]
                slot[1] = {**old, **change.patch} if isinstance(old, dict) else dict(change.entry)
                break
        else:
            slots.append([key, dict(change.entry)])
    return Document(top=doc.top, slots=slots)

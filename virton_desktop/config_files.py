"""Where the program keeps its files, how it reads whatever is in them, and how it writes them whole.

Config files (profiles, trusted certificates) live in the platform's config directory
(`QStandardPaths.AppConfigLocation`: `~/.config/VirtOn/VirtOn Desktop` on Linux,
`%APPDATA%` on Windows). Reading never fails: a file that is not text, not JSON, or not a
regular file is `Damaged`, and the caller moves it aside (`keep_aside`: renamed next to it with
a timestamp, never overwritten) and says so. Numbers JSON allows but Python cannot hold as they
were written (1e400, 5000 digits, NaN) are kept as `Verbatim` text and written back unchanged.
Every write goes to a temporary file in the same directory, is flushed to disk and renamed over
the old file, then the directory is flushed: a crash or a full disk leaves the old or the new
version, never a mix. The record stores on top of this are in `record_file.py`.
"""

from __future__ import annotations

import errno
import json
import math
import os
import stat
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QStandardPaths

MAX_BYTES = 8 * 1024 * 1024  # a profile file is a few KiB; anything this big is not ours

# What a FileNotice / SaveFailed is about.
KEPT_ASIDE = "kept-aside"  # damaged; renamed to `kept_as`, the program went on without it
LEFT_DAMAGED = "left-damaged"  # damaged, and it could not be moved aside: left as it is, nothing saved
UNREADABLE = "unreadable"  # the system refused to read it (permissions, I/O): left as it is, nothing saved
NEWER = "newer"  # written by a newer version: read, never rewritten
SKIPPED = "skipped"  # `count` entries could not be read: kept in the file as they are, not shown
WRITE = "write"  # the write failed (read-only folder, full disk, ...); the old file is intact
LOCKED = "locked"  # another program held the file's lock too long


def config_dir() -> Path:
    path = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # a read-only home: reading still works, saving says why it cannot
    return path


class Damaged(ValueError):
    """The content is not something the program can read; `reason` says what is wrong."""


@dataclass(frozen=True)
class FileNotice:
    """Something the user should know about a config file (shown once, translated by the UI)."""

    kind: str
    path: Path
    reason: str = ""
    kept_as: Path | None = None
    count: int = 0  # SKIPPED: how many entries
    version: int = 0  # NEWER: the file's format version
    errno: int = 0  # WRITE / UNREADABLE: the system's error number, for words the user understands


class SaveFailed(Exception):
    """A change could not be written; the file on disk is as it was. `notice` says why."""

    def __init__(self, notice: FileNotice):
        super().__init__("{0}: {1} {2}".format(notice.path, notice.kind, notice.reason))
        self.notice = notice


def os_reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


# ------------------------------------------------------------------ reading


class Verbatim:
    """A JSON number Python would change (overflowing, underflowing, NaN): its text, written back as is."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Verbatim) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return "Verbatim({0!r})".format(self.text)


def _int(text: str) -> int | Verbatim:
    try:
        return int(text)
    except ValueError:  # more digits than int() accepts (sys.get_int_max_str_digits)
        return Verbatim(text)


def _float(text: str) -> float | Verbatim:
    value = float(text)
    mantissa = text.lower().split("e")[0]
    if not math.isfinite(value) or (value == 0 and any(d in mantissa for d in "123456789")):
        return Verbatim(text)
    return value


def read_text(path: Path) -> str | None:
    """The file's text; None when there is none. Raises `Damaged`, or OSError when it cannot be read."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(mode):  # a directory, a pipe (which would block the read), a device
        raise Damaged("not a regular file")
    with open(path, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise Damaged("larger than {0} MiB".format(MAX_BYTES // (1024 * 1024)))
    try:
        return data.decode("utf-8-sig")  # a byte order mark from a Windows editor is harmless
    except UnicodeDecodeError as exc:
        raise Damaged("not UTF-8 text (byte {0})".format(exc.start)) from None


def decode_json(text: str) -> Any:
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=Verbatim)
    except RecursionError:
        raise Damaged("nested too deeply") from None
    except ValueError as exc:
        raise Damaged("not JSON ({0})".format(exc)) from None


# ------------------------------------------------------------------ writing


def encode_json(data: Any) -> str:
    """JSON text of `data`, `Verbatim` numbers written exactly as they were read."""
    nonce = uuid.uuid4().hex
    raws: list[str] = []

    def placeholder(index: int) -> str:
        return "\0{0}:{1}\0".format(nonce, index)

    def default(value: object) -> object:
        if isinstance(value, Verbatim):
            raws.append(value.text)
            return placeholder(len(raws) - 1)
        raise TypeError("{0} is not JSON".format(type(value).__name__))

    def dump(ensure_ascii: bool) -> str:
        raws.clear()
        try:
            return json.dumps(data, indent=2, ensure_ascii=ensure_ascii, allow_nan=False, default=default)
        except RecursionError:  # indented output is written by recursive Python; compact by C, as deep as read
            raws.clear()
            return json.dumps(data, ensure_ascii=ensure_ascii, allow_nan=False, default=default)

    text = dump(ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate read from a "\ud800" escape: escape everything
        text = dump(ensure_ascii=True)
    for index, raw in enumerate(raws):
        text = text.replace(json.dumps(placeholder(index), ensure_ascii=True), raw, 1)
    return text + "\n"


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX; Windows cannot open a directory and needs no such step)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` by `text`: all of it or, when anything fails (OSError raised), the old file untouched."""
    data = text.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)  # host names and user names are nobody else's business
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(path.parent)


def write_json_atomically(path: Path, data: Any) -> None:
    write_atomically(path, encode_json(data))


def keep_aside(path: Path) -> Path:
    """Rename `path` (whatever it is: a file, a directory) to a new name beside it; the new path.
    Never overwrites: call it holding the file's lock, so no other instance picks the same name."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for attempt in range(1000):
        kept = path.with_name("{0}.damaged-{1}{2}".format(path.name, stamp, "-{0}".format(attempt) if attempt else ""))
        if not os.path.lexists(kept):
            os.rename(path, kept)
            _fsync_dir(path.parent)
            return kept
    raise OSError(errno.EEXIST, "no free name to keep the damaged file under")


def keep_damaged_settings_aside(settings: QSettings) -> FileNotice | None:
    """QSettings' INI file (window state, columns, language) when Qt could not parse it: Qt would
    rewrite it at the next sync without the lines it could not read, so it is moved aside first.
    Call before anything writes settings. None when the file is fine (or is not a file: the registry)."""
    path = Path(settings.fileName())
    if not os.path.lexists(path):
        return None
    if path.is_file():
        if settings.status() != QSettings.Status.FormatError:
            return None  # fine, or the system refuses to read it: then it is not ours to move
        reason = "not a settings file"
    else:
        reason = "not a regular file"
    try:
        kept = keep_aside(path)
    except OSError as exc:
        return FileNotice(LEFT_DAMAGED, path, "{0}; {1}".format(reason, os_reason(exc)), errno=exc.errno or 0)
    settings.sync()  # forget what was read from it
    return FileNotice(KEPT_ASIDE, path, reason, kept_as=kept)

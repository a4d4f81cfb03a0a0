"""Where the program keeps its files, and how it writes them without ever leaving half a file.

Config files (profiles, trusted certificates) live in the platform's config directory
(`QStandardPaths.AppConfigLocation`: `~/.config/VirtOn/VirtOn Desktop` on Linux,
`%APPDATA%` on Windows). Every write goes to a temporary file in the same directory, is
flushed to disk and renamed over the old file, so a crash leaves the old or the new
version, never a mix. A file that cannot be read is moved aside (kept, not deleted) and
reported, so a user never silently loses their clusters.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths


def config_dir() -> Path:
    path = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation))
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_json_atomically(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, sort_keys=True, ensure_ascii=False)
            handle.write("\n")
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


class CorruptFile(Exception):
    """The file could not be read; it was moved to `kept_as`."""

    def __init__(self, path: Path, kept_as: Path, reason: str):
        super().__init__(reason)
        self.path = path
        self.kept_as = kept_as
        self.reason = reason


def read_json(path: Path, default: Any) -> Any:
    """The file's JSON, `default` when it does not exist. Unreadable: moved aside, `CorruptFile` raised."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return default
    try:
        return json.loads(text)
    except ValueError as exc:
        kept = path.with_name("{0}.corrupt-{1}".format(path.name, time.strftime("%Y%m%d-%H%M%S")))
        os.replace(path, kept)
        raise CorruptFile(path, kept, str(exc)) from None

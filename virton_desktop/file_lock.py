"""An exclusive lock between processes on a data file, held while it is read, merged and replaced.

The lock is taken on a lock file beside the data file (`profiles.json.lock`), never on the data
file itself: the data file is replaced by a rename on every save, and a lock on a file that has
been renamed away protects nothing. POSIX uses `flock` (per open file, so two store objects of
one process exclude each other too), Windows `msvcrt.locking` on the lock file's first byte.
The lock is released when the file is closed, also when a process dies holding it.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt

WAIT_SECONDS = 2.0  # another instance holds it for one read-merge-write: milliseconds
_RETRY_SECONDS = 0.02


class LockTimeout(OSError):
    """Another program kept the lock longer than `WAIT_SECONDS`."""


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


@contextlib.contextmanager
def exclusive(path: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the lock of `path` for the block. Raises OSError when the lock file cannot be created
    (a read-only directory) and `LockTimeout` when another program does not let go in time.

    It polls rather than blocks, so a lock held by a hung process (a stalled network file
    system) costs the caller at most `wait` seconds, never the program."""
    fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + (WAIT_SECONDS if wait is None else wait)
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise LockTimeout("{0} is locked by another program".format(lock_path(path)))
            time.sleep(_RETRY_SECONDS)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)

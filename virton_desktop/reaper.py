"""Every started worker thread (both lanes of every session) is kept until it has really ended;
`wait_for_workers` at exit."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QThread


class Reaper(QObject):
    """Keeps every started worker alive until its thread has really ended.

    A session dropped while its worker still runs (a dialog letting go of a failed login)
    would destroy a running QThread, which aborts the process. The reaper lives in the GUI
    thread; `finished` reaches it queued, after which waiting for the thread is instant.
    """

    def __init__(self):
        super().__init__()
        self.running: set[QThread] = set()

    def adopt(self, worker: QThread) -> None:
        self.running.add(worker)
        worker.finished.connect(self.reap)

    def reap(self) -> None:
        for worker in [w for w in self.running if w.isFinished()]:
            worker.wait()
            self.running.discard(worker)


_reaper: Reaper | None = None


def wait_for_workers(wait_ms: int) -> bool:
    """At exit: wait at most `wait_ms` for every started worker to end. False: some still run
    (destroying it would abort the process; the caller must not let that happen)."""
    if _reaper is None:
        return True
    deadline = time.monotonic() + wait_ms / 1000
    for worker in list(_reaper.running):
        worker.stop()
        if not worker.wait(max(0, int((deadline - time.monotonic()) * 1000))):
            return False
    _reaper.reap()
    return True


def adopt(worker: QThread) -> None:
    global _reaper
    if _reaper is None:
        _reaper = Reaper()
    _reaper.adopt(worker)

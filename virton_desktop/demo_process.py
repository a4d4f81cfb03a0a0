"""Run the demo cluster as a child process for `virton-desktop --demo`.

A separate process (not a thread) so the demo's own event loop and CPU never compete
with the GUI thread, and so the app connects to it exactly as to a real cluster: over
HTTPS, pinning the fingerprint the child prints. The child exits when our end of its
stdin closes, so it cannot outlive the app even if the app is killed.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QObject, QProcess, Signal


class DemoProcess(QObject):
    # {"url", "user", "password", "token_id", "token_secret", "fingerprint", ...}; with clusters > 1
    # also "name" and "clusters": one such dict per cluster, each with its "name" (`clusters_of`).
    ready = Signal(dict)
    failed = Signal(str)  # untranslated detail (stderr tail); the caller words the message

    def __init__(self, guests: int | None = None, latency: float = 0.0, time_scale: float = 1.0,
                 user: str = "root", clusters: int = 1, activity: bool = False, parent=None):
        super().__init__(parent)
        self.info: dict | None = None
        self._buffer = b""
        self._proc = QProcess(self)
        self._proc.setProgram(sys.executable)
        args = ["-m", "virton_desktop.demo", "--port", "0", "--exit-on-stdin-eof",
                "--time-scale", str(time_scale)]
        if guests:
            args += ["--guests", str(guests)]
        if latency:
            args += ["--latency", str(latency)]
        if user != "root":
            args += ["--user", user]
        if clusters > 1:
            args += ["--clusters", str(clusters)]
        if activity:
            args += ["--activity"]
        self._proc.setArguments(args)
        self._proc.readyReadStandardOutput.connect(self._read)
        self._proc.finished.connect(self._finished)
        self._proc.errorOccurred.connect(self._error)

    def start(self) -> None:
        self._proc.start()

    def stop(self, wait_ms: int = 3000) -> None:
        if self._proc.state() == QProcess.ProcessState.NotRunning:
            return
        self._proc.closeWriteChannel()
        self._proc.terminate()
        if not self._proc.waitForFinished(wait_ms):
            self._proc.kill()
            self._proc.waitForFinished(1000)

    def _read(self) -> None:
        self._buffer += bytes(self._proc.readAllStandardOutput().data())
        if self.info is None and b"\n" in self._buffer:
            line, _, self._buffer = self._buffer.partition(b"\n")
            try:
                self.info = json.loads(line.decode("utf-8"))
            except ValueError:
                self.failed.emit("unexpected output from the demo cluster: {0!r}".format(line[:200]))
                return
            self.ready.emit(self.info)

    def _finished(self, code, _status) -> None:
        if self.info is None:
            err = bytes(self._proc.readAllStandardError().data()).decode("utf-8", "replace")
            self.failed.emit("exit code {0}: {1}".format(code, err.strip()[-1000:]))

    def _error(self, error) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self.failed.emit(self._proc.errorString())


def clusters_of(info: dict) -> list[dict]:
    """Each served cluster's description with its "name" (one process may serve several)."""
    return list(info.get("clusters") or [dict(info, name=info.get("name", "demo"))])

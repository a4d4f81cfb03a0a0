"""Run the demo cluster as a child process for `virton-desktop --demo`.

A separate process (not a thread) so the demo's own event loop and CPU never compete
with the GUI thread, and so the app connects to it exactly as to a real cluster: over
HTTPS, pinning the fingerprint the child prints. The child exits when our end of its
stdin closes, so it cannot outlive the app even if the app is killed.

The child is started before anything of Qt exists (`spawn`, the first step of `app.start`):
building a demo cluster of 10,000 guests takes the child ~0.5 s, the window takes the app
~0.5 s, and the two now run side by side from the first moment (the child used to start once
the QApplication existed, ~0.1-0.2 s in, and the app waited for it). `DemoProcess` takes the
running child over once Qt is there and reports it through signals.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal

STDERR_KEPT = 4096  # bytes of the child's stderr kept for the message when it fails


class DemoChild:
    """The demo cluster's process and what it has said, without Qt: its first line of output
    (the cluster's description), its end, its last words on stderr. Readers run on threads of
    their own; `listen` hands every event to a callback, those that came before it first."""

    def __init__(self, argv: list[str]):
        self._lock = threading.Lock()
        self._events: list[tuple] = []
        self._listener: Callable[[tuple], None] | None = None
        self._stderr = b""
        try:
            self.proc: subprocess.Popen | None = subprocess.Popen(
                argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_demo_environment(),
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        except OSError as exc:
            self.proc = None
            self._event(("failed", str(exc)))
            return
        threading.Thread(target=self._read_stderr, name="demo-stderr", daemon=True).start()
        threading.Thread(target=self._read_stdout, name="demo-stdout", daemon=True).start()

    def listen(self, listener: Callable[[tuple], None]) -> None:
        with self._lock:
            self._listener = listener
            earlier, self._events = self._events, []
        for event in earlier:
            listener(event)

    def stop(self, wait_s: float = 3.0) -> None:
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        try:
            proc.stdin.close()  # the child's way out: it exits when its stdin ends
        except OSError:
            pass
        proc.terminate()
        try:
            proc.wait(wait_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(1.0)

    def _event(self, event: tuple) -> None:
        with self._lock:
            listener = self._listener
            if listener is None:
                self._events.append(event)
                return
        listener(event)

    def _read_stdout(self) -> None:
        out = self.proc.stdout
        line = out.readline()
        if line.endswith(b"\n"):
            self._event(("line", line))
        while out.read(65536):  # whatever else it prints, so the pipe never fills
            pass
        code = self.proc.wait()
        with self._lock:
            detail = self._stderr
        self._event(("ended", code, detail.decode("utf-8", "replace")))

    def _read_stderr(self) -> None:
        err = self.proc.stderr
        while chunk := err.read1(65536):
            with self._lock:
                self._stderr = (self._stderr + chunk)[-STDERR_KEPT:]


def _demo_environment() -> dict[str, str]:
    """The child's environment: ours, without the system's CA bundle. The demo only serves TLS
    (it verifies no server: its one client, demo/bulk_action.py, calls its own server), yet
    importing aiohttp builds two default client contexts that read the whole bundle (~150
    certificates, 60-90 ms of every demo start, before it can listen). OpenSSL finds no
    certificate in an empty file and goes on; the app's own connections are untouched."""
    if os.name != "posix":
        return dict(os.environ)  # Windows and its certificate stores: left as they are
    return dict(os.environ, SSL_CERT_FILE=os.devnull)


def spawn(guests: int | None = None, latency: float = 0.0, time_scale: float = 1.0, user: str = "root",
          clusters: int = 1, activity: bool = False) -> DemoChild:
    """Start the demo cluster's process (no Qt needed)."""
    args = [sys.executable, "-m", "virton_desktop.demo", "--port", "0", "--exit-on-stdin-eof",
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
    return DemoChild(args)


class DemoProcess(QObject):
    # {"url", "user", "password", "token_id", "token_secret", "fingerprint", ...}; with clusters > 1
    # also "name" and "clusters": one such dict per cluster, each with its "name" (`clusters_of`).
    ready = Signal(dict)
    failed = Signal(str)  # untranslated detail (stderr tail); the caller words the message
    _heard = Signal(object)  # a DemoChild event, from its reader threads to this object's thread

    def __init__(self, guests: int | None = None, latency: float = 0.0, time_scale: float = 1.0,
                 user: str = "root", clusters: int = 1, activity: bool = False, parent=None,
                 child: DemoChild | None = None):
        """`child`: one `spawn` started already (the options are its own then)."""
        super().__init__(parent)
        self.info: dict | None = None
        self._failed = False
        self._options = dict(guests=guests, latency=latency, time_scale=time_scale, user=user, clusters=clusters,
                             activity=activity)
        self._child = child
        # Queued even from this thread: every event reaches the event loop after whoever
        # started the child has connected to the signals.
        self._heard.connect(self._handle, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        if self._child is None:
            self._child = spawn(**self._options)
        self._child.listen(self._heard.emit)

    def stop(self, wait_ms: int = 3000) -> None:
        if self._child is not None:
            self._child.stop(wait_ms / 1000.0)

    def _handle(self, event: tuple) -> None:
        if self.info is not None or self._failed:
            return  # told already: ready, or why not
        kind = event[0]
        if kind == "line":
            try:
                self.info = json.loads(event[1].decode("utf-8"))
            except ValueError:
                self._fail("unexpected output from the demo cluster: {0!r}".format(event[1][:200]))
                return
            self.ready.emit(self.info)
        elif kind == "ended":
            self._fail("exit code {0}: {1}".format(event[1], event[2].strip()[-1000:]))
        else:
            self._fail(event[1])

    def _fail(self, detail: str) -> None:
        self._failed = True
        self.failed.emit(detail)


def clusters_of(info: dict) -> list[dict]:
    """Each served cluster's description with its "name" (one process may serve several)."""
    return list(info.get("clusters") or [dict(info, name=info.get("name", "demo"))])

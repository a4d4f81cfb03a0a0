"""The demo cluster's process, without Qt: started first thing in `app.start`.

Its own module so that starting it imports nothing but the standard library: `demo_process`
(its Qt side, `DemoProcess`) imports PySide6, ~0.1 s, and the child, CPU-bound from its launch
until every demo cluster has answered, used to be launched only after that (measured with ten
clusters of 2,000 guests: the child started 0.20-0.34 s after the app; with this module first).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable

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

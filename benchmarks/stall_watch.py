"""Who stalls the window: the GUI thread's stack whenever its heartbeat is late (issue 21).

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python benchmarks/stall_watch.py [--guests 2000] [--clusters 10]
        [--polls 5] [--idle-seconds 5] [--late-ms 35] [--json]

Runs one `app_scale.py` child in this process (the app as `--demo --guests N --clusters C` builds
it, the demo a child process: start, P polls of every cluster, ten typed characters, the idle
window) with a 10 ms heartbeat timer on the GUI thread and a watchdog thread that looks every
4 ms: while the last beat is more than `--late-ms` old, it samples the GUI thread's Python stack
and the other threads' (those not waiting), so each stall is named by what ran in it. A GUI stack
with no frame below the event loop means Qt's own C++ work, or the GUI thread waiting for the GIL
(the other threads' stacks then say who held it). The heartbeat alone (app_scale.py) says how
long the window stood still, not why: this found the change feed's minute check and the
last-known rows made on the GUI thread (ninth pass), periodic work a short poll phase never saw.

Prints each stall after the start (the first list applied) of at least `--late-ms`, with its
time since launch, how late the beat was, and the stacks seen most often in it; `--json` prints
them as one JSON object instead. The watchdog's own sampling takes the GIL: figures are a little
worse than app_scale.py's.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import threading
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

LOOK_EVERY_S = 0.004
BEAT_MS = 10
WAITING = {"wait", "select", "poll", "_wait_for_tstate_lock", "get", "readline", "read1", "readinto", "sleep",
           "recv_into", "accept", "_read_stdout", "_read_stderr"}


class Watch:
    def __init__(self, late_ms: float):
        self.late_s = late_ms / 1000
        self.gui: int | None = None
        self.last: float | None = None
        self.stalls: list[dict] = []  # {"at", "late_ms", "stacks": Counter}

    def install(self) -> None:
        """On the GUI thread, once the QApplication exists."""
        from PySide6.QtCore import QTimer

        self.gui = threading.get_ident()
        self._beat = QTimer()
        self._beat.setInterval(BEAT_MS)
        self._beat.timeout.connect(self._tick)
        self._beat.start()
        threading.Thread(target=self._look, name="stall-watch", daemon=True).start()

    def _tick(self) -> None:
        self.last = time.perf_counter()

    def _look(self) -> None:
        current_beat, current = None, None
        while True:
            time.sleep(LOOK_EVERY_S)
            last = self.last
            if last is None:
                continue
            late = time.perf_counter() - last
            if late < self.late_s:
                continue
            if current_beat != last:
                current_beat = last
                current = {"at": last, "late_ms": 0.0, "stacks": collections.Counter()}
                self.stalls.append(current)
            current["late_ms"] = max(current["late_ms"], late * 1000)
            current["stacks"][self._stacks()] += 1

    def _stacks(self) -> tuple[str, ...]:
        frames = sys._current_frames()
        names = {t.ident: t.name for t in threading.enumerate()}
        gui = frames.get(self.gui)
        lines = ["GUI: " + (" < ".join(_where(f) for f in reversed(traceback.extract_stack(gui)[-8:]))
                            if gui is not None else "?")]
        for ident, frame in frames.items():
            if ident in (self.gui, threading.get_ident()):
                continue
            stack = traceback.extract_stack(frame)
            if stack and stack[-1].name not in WAITING:
                lines.append("{0}: {1}".format(names.get(ident, ident),
                                               " < ".join(_where(f) for f in reversed(stack[-4:]))))
        return tuple(lines)

    def report(self, t0: float, started: float) -> list[dict]:
        """The stalls from `started` on (perf_counter), timed from `t0`; the start's gaps
        (imports, first lists) are app_scale.py's start_stall_ms, the end's its close."""
        out = []
        for stall in self.stalls:
            if stall["at"] < started or any(" finish" in line for stack in stall["stacks"] for line in stack):
                continue
            out.append({"at_s": round(stall["at"] - t0, 2),
                        "late_ms": round(stall["late_ms"], 1),
                        "stacks": [{"seen": n, "threads": list(stack)} for stack, n in stall["stacks"].most_common(3)]})
        return out


def _where(frame: traceback.FrameSummary) -> str:
    return "{0}:{1} {2}".format(Path(frame.filename).name, frame.lineno, frame.name)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--guests", type=int, default=2000)
    ap.add_argument("--clusters", type=int, default=10)
    ap.add_argument("--polls", type=int, default=5)
    ap.add_argument("--idle-seconds", type=float, default=5.0)
    ap.add_argument("--late-ms", type=float, default=35.0, help="a beat this late is a stall (default 35)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    import app_scale

    from virton_desktop import app as app_module

    watch = Watch(args.late_ms)
    real_start = app_module.start

    def start(parsed):
        started = real_start(parsed)
        watch.install()
        return started

    app_module.start = start
    t0, launched = time.perf_counter(), time.time()
    figures = app_scale.child(args.guests or None, args.clusters, args.idle_seconds, launched, args.polls)
    stalls = watch.report(t0, t0 + figures.get("start_s", 0.0))
    summary = {k: round(figures[k], 2) for k in ("start_s", "poll_ms", "typing_ms", "idle_cpu") if k in figures}
    if args.json:
        print(json.dumps({"figures": summary, "stalls": stalls}))
        return 0
    print("app_scale figures: {0}".format(summary))
    print("stalls after start of {0:g} ms or more: {1}".format(args.late_ms, len(stalls)))
    for stall in stalls:
        print("\n{0:7.2f} s  {1:.0f} ms late".format(stall["at_s"], stall["late_ms"]))
        for seen in stall["stacks"]:
            print("  seen {0}x".format(seen["seen"]))
            for line in seen["threads"]:
                print("    " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

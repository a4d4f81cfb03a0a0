#!/usr/bin/env python3
"""Console wall benchmark: what a wall of 4 and of 16 live tiles costs, against 16 separate consoles.

    PYTHONPATH=. python benchmarks/console_wall.py [--json] [--seconds S]

Serves the demo cluster in-process with its built-in screens (no QEMU: the guests' side is
not what is measured), logs in through a real `ClusterSession`, and on an offscreen
QApplication measures, for each layout, once every tile is live and has drawn:

  <layout>_mb       memory (PSS) of this process and all its descendants (the
                    QtWebEngineProcess helpers) minus the same before anything was opened
  <layout>_cpu_pct  CPU time of the Chromium helpers (this process's descendants: the
                    in-process demo server shares this process, so it is left out) over S
                    seconds of watching (100 = one core), while every guest's screen changes
                    all the time (a counter on its last line: the demo's built-in screen is
                    patched to answer every frame request with a new picture, like a busy
                    boot screen)
  <layout>_open_ms  from opening until every tile is live with a drawn frame

Layouts: `wall4` and `wall16` (ConsoleWall: one page, view-only, throttled tiles) and
`views16` (16 ConsoleViews: one QWebEngineView and page each, unthrottled: what the wall
would cost built from the normal console widget).

Output: a table (default) or, with --json, exactly one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app_scale import stat_cpu  # noqa: E402
from console import _tree, memory_mb, spin_until  # noqa: E402  (sets up Qt and the scheme)
from PySide6.QtCore import QCoreApplication, QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from virton_desktop.demo import console as demo_console  # noqa: E402
from virton_desktop.demo.served import ServedDemo  # noqa: E402
from virton_desktop.pve.client import Credentials, PveClient  # noqa: E402
from virton_desktop.session import ClusterSession  # noqa: E402
from virton_desktop.ui.console.console_view import ConsoleView  # noqa: E402
from virton_desktop.ui.console.console_wall import ConsoleWall, TileState  # noqa: E402


class _Clusters:
    """The registry's two calls the wall makes, for one session."""

    def __init__(self, session):
        self.session = session

    def get(self, _cluster):
        return self.session

    def privileges(self, _cluster):
        from virton_desktop.pve.permissions import Privileges
        return Privileges.ALL


def _cpu_seconds() -> float:
    """The CPU time so far (user + system) of this process's descendants: QtWebEngine's processes."""
    total = 0.0
    for pid in set(_tree(os.getpid())) - {os.getpid()}:
        try:
            total += stat_cpu("/proc/{0}/stat".format(pid))[1]
        except (OSError, IndexError, ValueError):
            continue  # ended meanwhile
    return total


def _settle(seconds: float) -> None:
    until = time.monotonic() + seconds
    spin_until(lambda: time.monotonic() > until, seconds + 5)


class _BusyScreen(demo_console.TextScreen):
    """The demo's text screen with a counter that changes on every frame request."""

    @property
    def version(self):
        return time.monotonic()

    @version.setter
    def version(self, _value):
        pass

    def render(self, fmt):
        self.lines[-1] = "{0}{1:.2f}".format(self._prompt(), time.monotonic())
        return super().render(fmt)


def _watch(seconds: float) -> float:
    """CPU % of the Chromium helpers over `seconds`."""
    before, started = _cpu_seconds(), time.monotonic()
    _settle(seconds)
    return round(100.0 * (_cpu_seconds() - before) / (time.monotonic() - started), 1)


def measure(seconds: float) -> dict:
    app = QApplication.instance() or QApplication([])
    app.setOrganizationName("VirtOn")
    app.setApplicationName("VirtOn Desktop Benchmark")
    demo = ServedDemo(time_scale=0)
    demo.pve.vt_console_qemu = False
    demo_console.TextScreen = _BusyScreen
    session = ClusterSession("demo", PveClient(demo.host, demo.port, fingerprint=demo.fingerprint),
                             Credentials(demo.user, password=demo.password))
    polls = []
    session.instances_polled.connect(polls.append)
    session.start()
    spin_until(lambda: polls)
    running = sorted((i for i in polls[0].changed if i.alive and not i.template), key=lambda i: i.vmid)[:16]
    clusters = _Clusters(session)
    result = {"tiles_available": len(running), "seconds": seconds}
    try:
        base, _ = memory_mb()
        result["base_mb"] = round(base, 1)
        for name, count in (("wall4", 4), ("wall16", 16)):
            started = time.perf_counter()
            wall = ConsoleWall(clusters, running[:count])
            wall.resize(1280, 800)
            wall.show()
            spin_until(lambda w=wall: all(t.state == TileState.LIVE for t in w.tiles), 60)
            result[name + "_open_ms"] = round((time.perf_counter() - started) * 1000.0, 1)
            _settle(2.0)
            result[name + "_mb"] = round(memory_mb()[0] - base, 1)
            result[name + "_cpu_pct"] = _watch(seconds)
            wall.close()
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            _settle(2.0)
        started = time.perf_counter()
        views = []
        for inst in running[:16]:
            view = ConsoleView(session, inst)
            view.resize(320, 200)
            view.show()
            view.connect_console()
            views.append(view)
        spin_until(lambda: all(v.state == "connected" for v in views), 90)
        result["views16_open_ms"] = round((time.perf_counter() - started) * 1000.0, 1)
        _settle(2.0)
        result["views16_mb"] = round(memory_mb()[0] - base, 1)
        result["views16_cpu_pct"] = _watch(seconds)
        for view in views:
            view.close_console()
            view.deleteLater()
        _settle(2.0)
    finally:
        session.close()
        try:
            demo.close()
        except TimeoutError:  # a busy screen still rendering: the figures are taken already
            pass
    result["cpus"] = os.cpu_count()
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--seconds", type=float, default=10.0, help="seconds of watching per layout for CPU")
    args = ap.parse_args(argv)
    result = measure(max(1.0, args.seconds))
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print("{0:<18} {1}".format(key, value))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Console benchmark: how fast a console shows the guest, and what one open console costs.

    PYTHONPATH=. python benchmarks/console.py [--json] [--repeat K] [--vmid 100]

It serves the demo cluster in-process (VM 100 backed by a real QEMU when
qemu-system-x86_64 is installed, else the demo's built-in screen), logs in through a real
`ClusterSession`, and on an offscreen QApplication measures with `time.perf_counter()`:

  cold_open_ms          the first `ConsoleManager.open()` of the process until the page
                        reports its first drawn framebuffer update (starts Chromium's
                        processes, loads the page, vncproxy, websocket, RFB handshake)
  open_ms               median over K further opens (window closed in between): a new window
                        and page each time, Chromium already running
  reconnect_ms          median over K disconnect + connect on an open console (page kept):
                        new vncproxy ticket, new websocket, first frame
  extra_rss_mb          memory (PSS) of this process and all its descendants (the
                        QtWebEngineProcess helpers; QEMU excluded) with one console open
                        and connected, minus the same before the first console: mostly
                        Chromium's own processes, paid once
  second_console_mb     the same for a second console open at once (another guest)
  qemu_rss_mb           the demo's QEMU process for that guest (0 without QEMU)

Output: a table (default) or, with --json, exactly one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
if os.geteuid() == 0:  # Chromium refuses to run as root with its sandbox
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

import PySide6.QtWebEngineWidgets  # noqa: E402,F401  (before the QApplication, as Qt requires)
from PySide6 import __version__ as PYSIDE_VERSION  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEventLoop, Qt  # noqa: E402

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

from PySide6.QtWidgets import QApplication  # noqa: E402

from virton_desktop.ui.console.scheme import register_scheme  # noqa: E402

register_scheme()  # the console page's URL scheme, before the QApplication (as app.py does)

from virton_desktop.demo.console import qemu_binary  # noqa: E402
from virton_desktop.demo.served import ServedDemo  # noqa: E402
from virton_desktop.pve.client import Credentials, PveClient  # noqa: E402
from virton_desktop.session import ClusterSession  # noqa: E402
from virton_desktop.ui.console.console_manager import ConsoleManager  # noqa: E402


def spin_until(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit("benchmark: timed out")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def _rss_kib(pid: int) -> int:
    """Proportional set size (shared pages split between the processes sharing them, so the
    forked Chromium helpers are not counted several times); VmRSS where PSS is unavailable."""
    for path, field in (("/proc/{0}/smaps_rollup", "Pss:"), ("/proc/{0}/status", "VmRSS:")):
        try:
            with open(path.format(pid)) as f:
                for line in f:
                    if line.startswith(field):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


def _tree(root: int) -> dict[int, str]:
    """pid -> command name of root and all its descendants (Linux /proc)."""
    parents, names = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/{0}/stat".format(entry)) as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        parents[int(entry)], names[int(entry)] = ppid, name
    found, frontier = {root: names.get(root, "")}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in found:
                found[pid] = names[pid]
                frontier.append(pid)
    return found


def memory_mb() -> tuple[float, float]:
    """(this process + descendants without QEMU, QEMU processes) resident MiB."""
    app_kib = qemu_kib = 0
    for pid, name in _tree(os.getpid()).items():
        if name.startswith("qemu-system"):
            qemu_kib += _rss_kib(pid)
        else:
            app_kib += _rss_kib(pid)
    return app_kib / 1024.0, qemu_kib / 1024.0


def measure(repeat: int, vmid: int, second_vmid: int = 200) -> dict:
    app = QApplication.instance() or QApplication([])
    app.setOrganizationName("VirtOn")
    app.setApplicationName("VirtOn Desktop Benchmark")
    demo = ServedDemo(time_scale=0)
    session = ClusterSession("demo", PveClient(demo.host, demo.port, fingerprint=demo.fingerprint),
                             Credentials(demo.user, password=demo.password))
    polls = []
    session.instances_polled.connect(polls.append)
    session.start()
    spin_until(lambda: polls)
    instance = next(i for i in polls[0].changed if i.vmid == vmid)
    manager = ConsoleManager()
    try:
        base_app, _ = memory_mb()

        def open_once():
            frames = []
            started = time.perf_counter()
            pane = manager.open(session, instance)
            pane.view.first_frame.connect(lambda: frames.append(time.perf_counter()))
            spin_until(lambda: frames)
            return pane, (frames[0] - started) * 1000.0

        pane, cold = open_once()
        settle = time.monotonic()
        spin_until(lambda: time.monotonic() - settle > 2.0)  # helpers finish starting
        app_mb, qemu_mb = memory_mb()

        second = manager.open(session, next(i for i in polls[0].changed if i.vmid == second_vmid))
        spin_until(lambda: second.view.state == "connected" and second.view.resolution[0] > 0)
        settle = time.monotonic()
        spin_until(lambda: time.monotonic() - settle > 2.0)
        two_app, _ = memory_mb()
        manager.close(second.key)

        reconnects = []
        for _ in range(repeat):
            frames = []
            pane.view.first_frame.connect(lambda frames=frames: frames.append(time.perf_counter()))
            pane.view.disconnect_console()
            started = time.perf_counter()
            pane.view.connect_console()
            spin_until(lambda frames=frames: frames)
            reconnects.append((frames[0] - started) * 1000.0)

        opens = []
        for _ in range(repeat):
            manager.close(pane.key)
            spin_until(lambda key=pane.key: key not in manager.panes)
            pane, took = open_once()
            opens.append(took)
    finally:
        manager.close_all()
        session.close()
        demo.close()
    return {
        "vmid": vmid, "screen": "qemu" if qemu_binary() else "built-in", "repeat": repeat,
        "cold_open_ms": round(cold, 1),
        "open_ms": round(statistics.median(opens), 1),
        "reconnect_ms": round(statistics.median(reconnects), 1),
        "extra_rss_mb": round(app_mb - base_app, 1),
        "second_console_mb": round(two_app - app_mb, 1),
        "qemu_rss_mb": round(qemu_mb, 1),
        "python": platform.python_version(), "pyside6": PYSIDE_VERSION, "cpus": os.cpu_count(),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--repeat", type=int, default=5, help="opens and reconnects to take the median of")
    ap.add_argument("--vmid", type=int, default=100, help="guest of the demo cluster (default 100, web1)")
    args = ap.parse_args(argv)
    result = measure(max(1, args.repeat), args.vmid)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print("{0:<18} {1}".format(key, value))
    return 0


if __name__ == "__main__":
    sys.exit(main())

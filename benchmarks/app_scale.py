"""The whole app at scale: start-up, event-loop stalls, idle CPU and memory (issue 21).

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python benchmarks/app_scale.py            # all three runs
    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python benchmarks/app_scale.py --json     # one JSON object
        [--runs 10000x1,26x1,2000x10]   guests x clusters of each run (26: the default demo)
        [--idle-seconds S]              idle window (default 60; shorter for a quick look)
        [--polls P]                     polls of every cluster the stall is watched over (default 5)
        [--starts K]                    launches whose start is taken, the median shown (default 3)
    A run ending in "r" (e.g. 2000x10r) is a returning user's: one launch first leaves its state in
    a home the run's launches share (the last-known lists, the change feed, the window's place),
    as every start after the first has it; the others start from an empty home.

The app's modules are byte-compiled first, as an installed app's are (pip, the .deb and the RPM
compile them; `--source-only` leaves that out, and each start then compiles ~300 modules, ~0.2 s).
Each run is a fresh process (so start-up includes the interpreter and every import) that
builds the app exactly as `virton-desktop --demo --guests N --clusters C` does (`app.start`:
the demo cluster as a child process, connected over HTTPS), with a 10 ms heartbeat timer on
the GUI thread, and reports:

  start_s     launching the process -> every cluster's first list applied and the guest list
              painted with it (the turn after its next paint; 0.5 s later if it paints
              nothing: watch_paints): the median of K launches (--starts; the first is the run
              that goes on to the polls, typing and idle window; the others end there, each
              after a bare window of its own), their range beside it; the table adds when the
              demo child was ready (its first line read: every cluster listens, and they are
              built one after another from then on, demo/served.py): what follows it is the
              builds, the logins, the first lists and their apply
  busy        how busy the machine's cores were over the start: the CPU the app (all its
              threads) and the demo child (its processes) had used by then, over the start's
              wall time times the cores (median of the K launches; `--json` adds each
              launch's start_cpu_s and start_demo_cpu_s). Near 100 %: the start is bound by
              the CPU both processes need; well below: by waits
  poll_ms     the largest gap between heartbeats over 5 polls of every cluster
  typing_ms   the largest gap while 10 characters are typed into the search box, one every
              150 ms (QTest.keyClick; the page filters 120 ms after the last one)
  stall_ms    the larger of the two (the issue's "largest event-loop stall")
  idle_cpu    the app process's CPU time (all its threads; the demo child is another process
              and is left out) over the idle window / wall time, in % of one core, with the
              window open, no page open, polls running, the heartbeat stopped (idle_gui_cpu:
              the GUI thread's part)
  rss_mb      the app process's resident memory at the end (VmRSS; no console opened)
  bare_s      the same-run reference for start_s, measured just before each launch: launching a
              process that imports PySide6, shows an empty window with a table and returns
              after its first paint (what any PySide6 program pays to put a window up on
              this machine at that moment); the median over the K launches, and the table
              shows start_s / bare_s beside it

Gaps are heartbeat to heartbeat, so an idle loop shows ~10 ms. The figures move ±20 % between
runs on a shared 2-core machine, and its speed moves ~1.5x between phases within minutes. The
bare window is one process: the start is two (the app and the demo) keeping both cores busy, and
on this machine the two cores slow each other (two busy processes get ~1.5 cores of work), by
how much changing with the phase too: seen here, the start 3.2-4.6x the bare window.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

HEARTBEAT_MS = 10
POLLS = 5
TYPED = "web-000123"  # 10 characters: narrows as a user's search does
TYPE_EVERY_MS = 150
SETTLE_MS = 2000  # after typing, before the idle window (the last filter, a paint)
PAINT_WAIT_MS = 500  # the populated window: its paint after the last first list, or this long
RUN_TIMEOUT_S = 600
STARTS = 3  # launches per run whose start is taken (the median): one start moves +-20 % here
DEFAULT_RUNS = "10000x1,26x1,2000x10"
GOALS = {"start_s": 1.0, "stall_ms": 33.0, "rss_mb": 200.0}
IDLE_GOAL = {"10000x1": 3.0, "26x1": 0.5, "2000x10": 3.0}


# ----------------------------------------------------------------------------- the child: one run


def child(guests: int | None, clusters: int, idle_seconds: float, launched: float, polls: int = POLLS,
          start_only: bool = False) -> dict:
    from virton_desktop import app as app_module

    argv = ["--demo", "--clusters", str(clusters)] + (["--guests", str(guests)] if guests else [])
    started = app_module.start(app_module.parse_args(argv))
    shown_s = time.time() - launched
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    window, qt_app = started.window, started.app
    from virton_desktop import last_known

    # A returning run's: the clusters' lists an earlier launch left (shown until the live ones come).
    kept = last_known.directory()
    figures: dict = {"guests": 0, "clusters": clusters, "window_s": shown_s,
                     "last_known_lists": len(list(kept.glob("*.json"))) if kept.is_dir() else 0}
    started.demo.ready.connect(lambda _info: figures.update(demo_ready_s=time.time() - launched))
    gaps: dict[str, list[float]] = {"start": [], "painting": [], "poll": [], "typing": [], "ended": []}
    state = {"phase": "start", "beat_phase": "start", "last": time.perf_counter(), "polls": {}, "polled_once": set()}
    heartbeat = QTimer()
    heartbeat.setInterval(HEARTBEAT_MS)

    def beat() -> None:
        # A gap belongs to the phase it began in: the first list's apply (start) ends by
        # switching to the poll phase before the next beat, and is no poll's stall.
        now = time.perf_counter()
        gaps[state["beat_phase"]].append(now - state["last"])
        state["last"] = now
        state["beat_phase"] = state["phase"]

    heartbeat.timeout.connect(beat)
    heartbeat.start()

    def polled(cluster_id: str) -> None:
        state["polls"][cluster_id] = state["polls"].get(cluster_id, 0) + 1
        if state["phase"] == "start":
            figures.setdefault("first_poll_s", time.time() - launched)
            state["polled_once"].add(cluster_id)
            if len(state["polled_once"]) == clusters:
                state["phase"] = "painting"
                painted.after_next_paint(populated)
        elif state["phase"] == "poll" and min(state["polls"].values()) >= polls + 1:
            typing()

    def populated() -> None:
        figures["start_s"] = time.time() - launched
        figures["start_cpu_s"] = time.process_time()  # the app's CPU until now, all its threads
        figures["start_demo_cpu_s"] = demo_cpu_s(started.demo._child.proc.pid)
        figures["guests"] = sum(1 for _ in window.model.all_instances())
        figures["rss_start_mb"] = rss_mb()
        if start_only:  # two beats more, so the gap that held the populated paint is counted
            state["phase"] = "ended"
            QTimer.singleShot(2 * HEARTBEAT_MS, end_of_start)
            return
        state["phase"] = "poll"
        state["polls"] = {c: 1 for c in state["polls"]}

    def end_of_start() -> None:
        figures["start_stall_ms"] = 1000 * max(gaps["start"] + gaps["painting"], default=0)
        window.close()
        qt_app.quit()

    def typing() -> None:
        state["phase"] = "typing"
        search = window.page.search
        search.setFocus()
        for i, ch in enumerate(TYPED):
            QTimer.singleShot(TYPE_EVERY_MS * (i + 1), lambda ch=ch: QTest.keyClick(search, ch))
        QTimer.singleShot(TYPE_EVERY_MS * (len(TYPED) + 1) + 500, idle)

    def idle() -> None:
        heartbeat.stop()
        window.page.search.clear()
        state["phase"] = "idle"
        QTimer.singleShot(SETTLE_MS, measure_idle)

    def measure_idle() -> None:
        state["idle"] = (time.process_time(), time.perf_counter(), dict(state["polls"]), time.thread_time())
        QTimer.singleShot(int(idle_seconds * 1000), finish)

    def finish() -> None:
        cpu0, wall0, polls0, gui0 = state["idle"]
        wall = time.perf_counter() - wall0
        figures["idle_cpu"] = 100.0 * (time.process_time() - cpu0) / wall
        figures["idle_gui_cpu"] = 100.0 * (time.thread_time() - gui0) / wall  # the GUI thread's part
        figures["idle_seconds"] = idle_seconds
        figures["idle_polls"] = sum(state["polls"].values()) - sum(polls0.values())
        figures["rss_mb"] = rss_mb()
        figures["poll_ms"] = 1000 * max(gaps["poll"], default=0)
        figures["typing_ms"] = 1000 * max(gaps["typing"], default=0)
        figures["stall_ms"] = max(figures["poll_ms"], figures["typing_ms"])
        figures["start_stall_ms"] = 1000 * max(gaps["start"] + gaps["painting"], default=0)
        import gc

        figures["gc_objects"] = len(gc.get_objects())
        began = time.perf_counter()
        gc.collect(2)  # what the GUI-thread collector's rationed full collection costs now
        figures["full_gc_ms"] = 1000 * (time.perf_counter() - began)
        window.close()
        qt_app.quit()

    def give_up() -> None:
        figures["error"] = "timed out in phase " + state["phase"]
        window.close()
        qt_app.quit()

    window.clusters.polled.connect(polled)
    painted = watch_paints(window.page.table.viewport(), window)
    QTimer.singleShot(RUN_TIMEOUT_S * 1000, give_up)
    started.demo.failed.connect(lambda detail: (figures.update(error=detail), qt_app.quit()))
    app_module.run(started)
    return figures


def watch_paints(viewport, parent):
    """A PaintWatch of the guest list's viewport (made here: Qt is imported by the child only)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class PaintWatch(QObject):
        """`after_next_paint(then)`: then() once the guest list has painted (the turn after its
        next paint), or after PAINT_WAIT_MS if it paints nothing (nothing changed on screen)."""

        def __init__(self, viewport, parent):
            super().__init__(parent)
            self._then = None
            viewport.installEventFilter(self)
            self._fallback = QTimer(self)
            self._fallback.setSingleShot(True)
            self._fallback.setInterval(PAINT_WAIT_MS)
            self._fallback.timeout.connect(self._go)

        def after_next_paint(self, then) -> None:
            self._then = then
            self._fallback.start()

        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
            if self._then is not None and event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, self._go)  # once this paint is done
            return False

        def _go(self) -> None:
            self._fallback.stop()
            then, self._then = self._then, None
            if then is not None:
                then()

    return PaintWatch(viewport, parent)


def bare_window(launched: float) -> dict:
    """The same-run reference (bare_s): PySide6 imported, an empty window with a table shown,
    launch -> the turn after its first paint."""
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    table = QTableView(window)
    window.setCentralWidget(table)
    window.resize(1400, 860)
    watch_paints(table.viewport(), window).after_next_paint(app.quit)  # as the app's populated window
    window.show()
    app.exec()
    return {"bare_s": time.time() - launched}


def stat_cpu(path: str) -> tuple[str, float]:
    """(command name, CPU seconds so far: user + system) of a /proc stat file (a process's, all
    its threads; or one thread's, /proc/PID/task/TID/stat). OSError when it is gone."""
    with open(path) as stat:
        text = stat.read()
    fields = text.rsplit(")", 1)[1].split()
    return text[text.index("(") + 1:text.rindex(")")], (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def process_cpu_s(pid: int) -> float:
    """A process's CPU time so far (user + system, all its threads), from /proc."""
    try:
        return stat_cpu("/proc/{0}/stat".format(pid))[1]
    except OSError:
        return float("nan")


def children_of(pid: int) -> list[int]:
    """The processes whose parent is `pid` (the demo's siblings: it serves its clusters from one
    process per core, demo/processes.py), from /proc."""
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/{0}/stat".format(entry)) as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return out


def demo_cpu_s(pid: int) -> float:
    """The demo's CPU time so far: its first process and its siblings."""
    return process_cpu_s(pid) + sum(process_cpu_s(child) for child in children_of(pid))


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


# ----------------------------------------------------------------------------- the parent


def run_one(spec: str, idle_seconds: float, polls: int = POLLS, starts: int = STARTS) -> dict:
    """One run: a bare window, the whole run (start, polls, typing, idle window), then starts - 1
    more launches that end once populated, each after a bare window of its own (the machine's
    pace moves within minutes: each start has its reference from just before it). A returning
    run ("...r") first launches once, unmeasured, in the home its launches then share."""
    import tempfile

    returning = spec.endswith("r")
    guests, clusters = (int(part) for part in spec.rstrip("r").split("x"))
    child_args = ["--child", "--guests", str(guests if guests != 26 else 0), "--clusters", str(clusters)]
    with tempfile.TemporaryDirectory(prefix="app-scale-") as home:
        shared = home if returning else None
        if returning:
            first = _launch(child_args + ["--start-only"], RUN_TIMEOUT_S + 60, home=shared)
            if "error" in first:
                return dict(first, run=spec)
        bare = _launch(["--bare"], 60)  # the machine's pace now, just before the run
        figures = _launch(child_args + ["--idle-seconds", str(idle_seconds), "--polls", str(polls)],
                          RUN_TIMEOUT_S + 60, home=shared)
        if "error" in figures:
            return dict(figures, run=spec)
        launches = [dict(_start_of(figures), bare_s=bare.get("bare_s", float("nan")))]
        for _ in range(starts - 1):
            bare = _launch(["--bare"], 60)
            more = _launch(child_args + ["--start-only"], RUN_TIMEOUT_S + 60, home=shared)
            if "error" in more:
                return dict(more, run=spec)
            launches.append(dict(_start_of(more), bare_s=bare.get("bare_s", float("nan"))))
    return dict(figures, launches=launches, run=spec, returning=returning, **start_medians(launches))


START_KEYS = ("start_s", "demo_ready_s", "start_cpu_s", "start_demo_cpu_s", "start_stall_ms")


def _start_of(figures: dict) -> dict:
    """What one launch's start measured, and how busy the cores were over it."""
    start = {key: figures[key] for key in START_KEYS if key in figures}
    start["busy"] = 100.0 * (start["start_cpu_s"] + start["start_demo_cpu_s"]) / (start["start_s"] * _cores())
    return start


def start_medians(launches: list[dict]) -> dict:
    """The launches' medians (start_s, demo_ready_s, busy, bare_s, ...) and the starts' range."""
    import statistics

    keys = [key for key in (*START_KEYS, "busy", "bare_s") if all(key in one for one in launches)]
    medians = {key: statistics.median(one[key] for one in launches) for key in keys}
    starts = [one["start_s"] for one in launches]
    return dict(medians, start_min_s=min(starts), start_max_s=max(starts))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _launch(args: list[str], timeout: float, home: str | None = None) -> dict:
    """This script as a fresh process (`--child` or `--bare`), timed from its launch; its figures.
    `home`: the app's home (what an earlier launch left there); None: an empty one of its own."""
    # A throw-away home: no saved clusters, window geometry or settings of the person running it.
    import tempfile

    with tempfile.TemporaryDirectory(prefix="app-scale-") as fresh:
        env = home_environment(home or fresh)
        launched = time.time()
        cmd = [sys.executable, os.path.abspath(__file__), *args, "--launched", repr(launched)]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": "exit {0}: {1}".format(done.returncode, done.stderr.strip()[-1500:])}
    return json.loads(lines[-1])


def home_environment(home: str) -> dict:
    """This environment with `home` as the launched app's home (its config, state, data, cache)."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.update(HOME=home, XDG_CONFIG_HOME=home + "/config", XDG_STATE_HOME=home + "/state",
               XDG_DATA_HOME=home + "/data", XDG_CACHE_HOME=home + "/cache")
    return env


def table(results: list[dict], idle_seconds: float) -> str:
    import platform

    from PySide6 import __version__ as pyside

    rows = [("run (guests x clusters)", "start s: median (range; demo ready) [x bare window] busy",
             "stall ms (poll / typing)", "idle CPU %", "RSS MB")]
    for r in results:
        if "error" in r:
            rows.append((r["run"], "error: " + r["error"][:300], "", "", ""))
            continue
        spec = "{0} x {1}{2}".format(r["guests"], r["clusters"], ", returning" if r.get("returning") else "")
        idle_goal = IDLE_GOAL.get(r["run"].rstrip("r"))
        rows.append((
            spec,
            "{0:.2f} ({1:.2f}-{2:.2f}; {3:.2f}) [x{4:.1f}] {5:.0f} %{6}".format(
                r["start_s"], r.get("start_min_s", r["start_s"]), r.get("start_max_s", r["start_s"]),
                r.get("demo_ready_s", float("nan")), r["start_s"] / r.get("bare_s", float("nan")),
                r.get("busy", float("nan")), mark(r["start_s"], GOALS["start_s"])),
            "{0:.0f} ({1:.0f} / {2:.0f}){3}".format(r["stall_ms"], r["poll_ms"], r["typing_ms"],
                                                    mark(r["stall_ms"], GOALS["stall_ms"])),
            "{0:.2f}{1}".format(r["idle_cpu"], mark(r["idle_cpu"], idle_goal) if idle_goal else ""),
            "{0:.0f}{1}".format(r["rss_mb"], mark(r["rss_mb"], GOALS["rss_mb"])),
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    text = ["VirtOn Desktop, whole app (`--demo --guests N --clusters C`), demo as a child process",
            "Python {0}, PySide6 {1}, {2}, {3} cores; idle over {4:g} s; goals: start <= 1.0 s, stall <= 33 ms, "
            "idle <= 3 % (10k guests) / 0.5 % (26), RSS <= 200 MB".format(
                platform.python_version(), pyside, platform.machine(), os.cpu_count(), idle_seconds), ""]
    text += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    bare = [r["bare_s"] for r in results if "bare_s" in r]
    if bare:
        text += ["", "bare window (PySide6 imported, an empty window with a table painted; just before each "
                 "launch), medians: " + " / ".join("{0:.2f} s".format(b) for b in bare),
                 "busy: the app's and the demo's CPU over the start, in % of {0} cores' time".format(_cores())]
    return "\n".join(text)


def _rounded(value):
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def mark(value: float, goal: float) -> str:
    return "  ok" if value <= goal else "  MISSED"


def byte_compile_the_app() -> None:
    """The app's modules compiled to bytecode beside their sources, as an installed app's are
    (pip, the .deb and the RPM compile them when they install): a checkout imported with
    PYTHONDONTWRITEBYTECODE (or never imported) compiles its ~300 modules on every start, ~0.2 s
    in the app and ~0.1 s in the demo child that no user pays. The same for the signature
    modules shiboken unpacks beside itself on its first import (files.dir): a user's first start
    writes their bytecode, while a run with PYTHONDONTWRITEBYTECODE compiled them at every import
    of PySide6 (~35-40 ms, the bare window's too)."""
    import compileall
    import importlib.util

    package = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "virton_desktop")
    compileall.compile_dir(package, quiet=1)
    shiboken = importlib.util.find_spec("shiboken6")
    if shiboken is None or not shiboken.submodule_search_locations:
        return
    unpacked = os.path.join(list(shiboken.submodule_search_locations)[0], "files.dir")
    if not os.path.isdir(unpacked):
        subprocess.run([sys.executable, "-c", "import shiboken6"], check=False)
    if os.path.isdir(unpacked):
        compileall.compile_dir(unpacked, quiet=1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", default=DEFAULT_RUNS, help="guests x clusters of each run (default %(default)s)")
    ap.add_argument("--idle-seconds", type=float, default=60.0, help="idle window (default 60 s)")
    ap.add_argument("--polls", type=int, default=POLLS, help="polls of every cluster watched (default %(default)s)")
    ap.add_argument("--starts", type=int, default=STARTS,
                    help="launches per run whose start is taken, the median shown (default %(default)s)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--source-only", action="store_true",
                    help="do not byte-compile the app's modules first (each start compiles them)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--bare", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--start-only", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--guests", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--clusters", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--launched", type=float, default=0.0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.bare:
        print(json.dumps(bare_window(args.launched or time.time())), flush=True)
        return 0
    if args.child:
        figures = child(args.guests or None, args.clusters, args.idle_seconds, args.launched or time.time(),
                        args.polls, start_only=args.start_only)
        print(json.dumps(figures), flush=True)
        return 0
    if not args.source_only:
        byte_compile_the_app()
    results = [run_one(spec, args.idle_seconds, args.polls, max(1, args.starts)) for spec in args.runs.split(",")]
    if args.json:
        print(json.dumps({r["run"]: _rounded(r) for r in results}))
    else:
        print(table(results, args.idle_seconds))
    return 0 if all("error" not in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Guest agent polling at thousands of guests: requests per minute and GUI-thread cost.

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python benchmarks/agent_polling.py [--json] [--guests N] [--seconds S]

It starts the demo cluster in-process (N generated guests on 50 nodes; every running VM has an
answering agent, containers answer their interfaces), connects the app's own registry
(`core.clusters.Clusters`, a real `ClusterSession`: login, the 3 s list poll) with the
`core.agent_feed.AgentFeed` the window uses, its "visible" guests the first 40 rows, and runs
the event loop for S seconds. Measured (see benchmarks/README.md):

  requests_per_minute   agent, container-interface and status requests the demo logged, a minute
  pump_ms               GUI-thread time of one scheduling tick (median)
  update_ms             GUI-thread time of one answer reaching the model (`set_agent`, median)
  gui_ms_per_minute     GUI-thread time of the feed in all, a minute (ticks + answers)
  visible_s             seconds until the 40 visible guests showed their state

and the naive baseline in the same run: one request per running guest per poll, and every
answer applied to the model on each poll (measured: `set_agent` for every running guest once):

  naive_requests_per_minute, naive_gui_ms_per_minute
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from virton_desktop.core.agent_feed import AgentFeed  # noqa: E402
from virton_desktop.core.clusters import Clusters  # noqa: E402
from virton_desktop.demo.served import ServedDemo  # noqa: E402
from virton_desktop.models.instances import InstanceModel  # noqa: E402
from virton_desktop.pve import agent as A  # noqa: E402
from virton_desktop.pve.client import Credentials, PveClient  # noqa: E402
from virton_desktop.pve.entities import RUNNING  # noqa: E402
from virton_desktop.session_worker import POLL_INTERVAL  # noqa: E402

VISIBLE = 40
_AGENT_PATHS = ("/agent/", "/interfaces", "/status/current")


def _run_for(app, seconds: float, until=None) -> float:
    """Process events for `seconds` (or until `until()`); the seconds it took."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if until is not None and until():
            break
        time.sleep(0.005)  # a benchmark's idle wait, not a test
    return time.monotonic() - start


def measure(guests: int, seconds: float) -> dict:
    app = QApplication.instance() or QApplication([])
    with ServedDemo(guests=guests, time_scale=0) as demo:
        demo.pve.max_requests = 10 ** 7
        model = InstanceModel()
        clusters = Clusters(model)
        update_ms: list[float] = []
        pump_ms: list[float] = []
        set_agent = model.set_agent

        def timed_set_agent(key, info):
            t = time.perf_counter()
            set_agent(key, info)
            update_ms.append((time.perf_counter() - t) * 1000)

        model.set_agent = timed_set_agent

        def visible():
            return [model.instance(r).key for r in range(min(VISIBLE, model.rowCount()))]

        feed = AgentFeed(clusters, model, visible=visible)
        pump = feed.pump

        def timed_pump():
            t = time.perf_counter()
            pump()
            pump_ms.append((time.perf_counter() - t) * 1000)

        feed._timer.timeout.disconnect()
        feed._timer.timeout.connect(timed_pump)
        session = Clusters.create("bench", PveClient(demo.host, demo.port, fingerprint=demo.fingerprint),
                                  Credentials(demo.user, password=demo.password))
        clusters.add(session)
        _run_for(app, 120, until=lambda: model.rowCount() >= guests)
        before = sum(1 for _m, p, _b in list(demo.pve.requests) if any(s in p for s in _AGENT_PATHS))
        started = time.monotonic()
        visible_keys = visible()
        seen_visible = float("nan")
        while time.monotonic() - started < seconds:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if seen_visible != seen_visible and all(  # NaN: not yet
                    model.agent(k) is not None or model.get(k).status != RUNNING for k in visible_keys):
                seen_visible = time.monotonic() - started
            time.sleep(0.005)  # a benchmark's idle wait, not a test
        elapsed = time.monotonic() - started
        after = sum(1 for _m, p, _b in list(demo.pve.requests) if any(s in p for s in _AGENT_PATHS))
        running = [i for i in model.all_instances() if i.status == RUNNING and not i.template]
        # The naive way: every running guest asked on every poll, each answer set on the model.
        fake = A.AgentInfo(A.AgentState.OK, (A.Interface("eth0", "bc:24:11:00:00:01", ("10.0.0.1/24",)),), "x")
        t = time.perf_counter()
        for inst in running:
            set_agent(inst.key, fake)
        app.processEvents()
        naive_poll_ms = (time.perf_counter() - t) * 1000
        polls_per_minute = 60 / POLL_INTERVAL
        session.close()
        app.processEvents()
    minutes = elapsed / 60
    return {
        "guests": guests,
        "running": len(running),
        "seconds": round(elapsed, 1),
        "requests_per_minute": round((after - before) / minutes, 1),
        "naive_requests_per_minute": round(len(running) * polls_per_minute, 1),
        "pump_ms": round(statistics.median(pump_ms), 3) if pump_ms else 0.0,
        "update_ms": round(statistics.median(update_ms), 3) if update_ms else 0.0,
        "gui_ms_per_minute": round((sum(pump_ms) + sum(update_ms)) / minutes, 1),
        "naive_gui_ms_per_minute": round(naive_poll_ms * polls_per_minute, 1),
        "visible_s": round(seen_visible, 2),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--guests", type=int, default=10000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    QCoreApplication.setApplicationName("VirtOn Desktop benchmark")
    result = measure(args.guests, args.seconds)
    if args.json:
        print(json.dumps(result))
        return 0
    print("guests {guests}, running {running}, measured {seconds} s".format(**result))
    print("requests a minute     {0:>10}   naive {1:>10}   ratio {2:.3f}".format(
        result["requests_per_minute"], result["naive_requests_per_minute"],
        result["requests_per_minute"] / max(result["naive_requests_per_minute"], 1e-9)))
    print("GUI ms a minute       {0:>10}   naive {1:>10}   ratio {2:.3f}".format(
        result["gui_ms_per_minute"], result["naive_gui_ms_per_minute"],
        result["gui_ms_per_minute"] / max(result["naive_gui_ms_per_minute"], 1e-9)))
    print("one tick {pump_ms} ms, one answer {update_ms} ms, visible guests shown after {visible_s} s".format(
        **result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

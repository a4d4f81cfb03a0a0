#!/usr/bin/env python3
"""Detail page benchmark: the year trend chart with all series, and one live status refresh.

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python benchmarks/charts.py [--json] [--repeat K]

It starts the demo cluster in-process, logs in with the real `PveClient` and fetches, for
db-primary (102), `rrddata?timeframe=year` with cf AVERAGE and MAX and one `status/current`;
the demo is closed before anything is measured. Then, offscreen, with the widgets shown
(charts 1240x460, gauges 600x180), it times (median of K runs; `time.perf_counter()` around
the operation *and* the event processing it causes until the loop is idle, so layout and
the repaint are included):

  chart_redraw_ms    `TrendCharts.set_points(year points)` as at each 30 s refresh: all seven
                     series replaced by slightly different values, axes refitted, repainted
  chart_switch_ms    the same when the user switches average <-> maximum: the Y axes get new
                     ranges, so their labels are drawn again
  chart_repaint_ms   a forced repaint of the chart with unchanged data (what a hover costs at most)
  status_refresh_ms  `GaugePanel.apply(status/current)` with a changed CPU/memory figure and its
                     repaint: the GUI-thread time per 1.5 s status refresh of an open page

Both the redraw and the status refresh must stay under 16 ms (one frame at 60 Hz).
Output: a table (default) or, with --json, exactly one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
from functools import partial
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractEventDispatcher, QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from virton_desktop.demo.served import ServedDemo  # noqa: E402
from virton_desktop.pve.client import Credentials, PveClient  # noqa: E402

FRAME_MS = 16.0
MAX_ROUNDS = 50


def settle(app: QApplication) -> None:
    """Process events until a round finds nothing to do (layouts and repaints included)."""
    app.processEvents()
    dispatcher = QAbstractEventDispatcher.instance()
    for _ in range(MAX_ROUNDS):
        if dispatcher is None or not dispatcher.processEvents(QEventLoop.ProcessEventsFlag.AllEvents):
            return


def timed(app: QApplication, operation) -> tuple[float, float]:
    """(wall-clock ms, GUI-thread CPU ms) of operation() plus the event processing it causes.

    The CPU time of this thread is what the page costs; the wall clock also holds the time
    the thread waited for a core (on a busy machine that is most of the difference).
    """
    gc.collect()
    start, cpu = time.perf_counter(), time.thread_time()
    operation()
    settle(app)
    return (time.perf_counter() - start) * 1000.0, (time.thread_time() - cpu) * 1000.0


def median(samples, which: int) -> float:
    return round(statistics.median(s[which] for s in samples), 2)


def fetch(vmid: int = 102, node: str = "pve1"):
    with ServedDemo(time_scale=0) as demo:
        client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
        client.authenticate(Credentials(demo.user, password=demo.password))
        base = "/nodes/{0}/qemu/{1}".format(node, vmid)
        avg = client.request("GET", base + "/rrddata", {"timeframe": "year", "cf": "AVERAGE"})
        top = client.request("GET", base + "/rrddata", {"timeframe": "year", "cf": "MAX"})
        status = client.request("GET", base + "/status/current")
        client.close()
    return avg, top, status


def run(repeat: int) -> dict:
    avg, top, status = fetch()
    app = QApplication.instance() or QApplication([])
    from virton_desktop.ui.guests.charts import TrendCharts
    from virton_desktop.ui.guests.gauges import GaugePanel

    charts = TrendCharts(None)  # no session: nothing polls, the data is handed in
    charts.resize(1240, 460)
    charts.show()
    gauges = GaugePanel(None)
    gauges.resize(600, 180)
    gauges.show()
    settle(app)
    charts.set_points(top)
    settle(app)

    # A 30 s refresh of the year chart: the same archive a moment later, every value a little
    # different (the newest week still filling), so all seven curves get new data.
    refreshes = [[dict(p, **{k: v * (1 + 0.002 * ((i + j) % 7)) for k, v in p.items()
                             if k not in ("time", "maxcpu", "maxmem", "maxdisk")})
                  for j, p in enumerate(avg)] for i in range(8)]
    charts.set_points(avg)
    settle(app)
    redraw, switch, repaint, refresh = [], [], [], []
    for i in range(repeat):
        redraw.append(timed(app, partial(charts.set_points, refreshes[i % len(refreshes)])))
    for i in range(repeat):
        data = top if i % 2 == 0 else avg  # average <-> maximum: every Y axis gets a new range
        switch.append(timed(app, lambda d=data: charts.set_points(d)))  # its repaint runs in settle()
        repaint.append(timed(app, lambda: charts.view.viewport().repaint()))
        moved = dict(status, cpu=0.05 + (i % 17) / 20.0, mem=int(status.get("maxmem", 1) * (0.3 + (i % 11) / 20.0)))
        refresh.append(timed(app, lambda s=moved: (gauges.apply(s), gauges.repaint())))
    charts.close()
    gauges.close()
    return {
        "year_points": len(avg),
        "series": len(charts.curves),
        "chart_redraw_ms": median(redraw, 0),
        "chart_switch_ms": median(switch, 0),
        "chart_repaint_ms": median(repaint, 0),
        "status_refresh_ms": median(refresh, 0),
        "chart_redraw_cpu_ms": median(redraw, 1),
        "chart_switch_cpu_ms": median(switch, 1),
        "chart_repaint_cpu_ms": median(repaint, 1),
        "status_refresh_cpu_ms": median(refresh, 1),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--repeat", type=int, default=31, help="runs per figure (median reported)")
    args = parser.parse_args(argv)
    result = run(max(1, args.repeat))
    if args.json:
        print(json.dumps(result))
        return 0
    print("Detail page, year chart with {0} series x {1} points (median of {2} runs)".format(
        result["series"], result["year_points"], args.repeat))
    for key, text in (("chart_redraw_ms", "year chart redraw, all series"),
                      ("chart_switch_ms", "year chart, average <-> maximum"),
                      ("chart_repaint_ms", "chart repaint, same data"),
                      ("status_refresh_ms", "GUI time per status refresh")):
        value, cpu = result[key], result[key.replace("_ms", "_cpu_ms")]
        if key in ("chart_repaint_ms", "chart_switch_ms"):
            flag = ""
        else:
            flag = "  ok (< 16 ms)" if value < FRAME_MS else "  OVER 16 ms"
        print("  {0:<34} {1:8.2f} ms wall {2:8.2f} ms GUI-thread CPU{3}".format(text, value, cpu, flag))
    return 0


if __name__ == "__main__":
    sys.exit(main())

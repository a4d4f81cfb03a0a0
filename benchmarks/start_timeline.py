"""Where a start goes: each cluster's registration, login, first poll and apply, on a timeline.

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python benchmarks/start_timeline.py [--guests 2000] [--clusters 10]

Runs one `app_scale.py` child in this process (the app as `--demo --guests N --clusters C`
builds it, the demo a child process) with its start only (one poll, one idle second), and
prints, in seconds since launch, when each step ended on which thread and how long it took:

  add      Clusters.add on the GUI thread (a session made and started)
  login    a worker's login (certificate fetch and check, then the ticket), wall time
  poll     a worker's poll (guest list, nodes, decode, diff), wall time
  apply    Clusters._apply on the GUI thread (the model, the feeds, the signals)

then the demo child's readiness and the populated window (app_scale's figures). Wall times of
worker steps include waiting for the demo (one process answers every cluster) and for the GIL.
The steps are wrapped here, in this process only: the app is unchanged.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

STEPS = 60  # lines of the timeline printed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--guests", type=int, default=2000)
    ap.add_argument("--clusters", type=int, default=10)
    args = ap.parse_args()
    launched = time.time()
    events: list[tuple[float, str, str, float]] = []

    def wrap(owner, name: str, label: str) -> None:
        original = getattr(owner, name)

        def timed(*a, **kw):
            began = time.time()
            try:
                return original(*a, **kw)
            finally:
                ended = time.time()
                # A worker by its cluster's name (its QThread shows as "Dummy-N" to Python).
                who = "worker " + a[0]._name if isinstance(a[0], session_worker.Worker) else \
                    threading.current_thread().name
                events.append((ended - launched, who, label, 1000 * (ended - began)))

        setattr(owner, name, timed)

    from virton_desktop import session_worker
    from virton_desktop.core import clusters

    wrap(clusters.Clusters, "add", "add")
    wrap(clusters.Clusters, "_apply", "apply")
    wrap(session_worker.Worker, "_login", "login")
    wrap(session_worker.Worker, "_poll", "poll")
    import app_scale

    figures = app_scale.child(args.guests, args.clusters, 1.0, launched, polls=1)
    first_polls = sorted(events)[:STEPS]
    for at, thread, label, took in first_polls:
        print("{0:6.3f} s  {1:<18} {2:<6} {3:7.1f} ms".format(at, thread[:18], label, took))
    print("demo ready {0:.2f} s, window {1:.2f} s, populated {2:.2f} s".format(
        figures.get("demo_ready_s", float("nan")), figures.get("window_s", float("nan")), figures["start_s"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

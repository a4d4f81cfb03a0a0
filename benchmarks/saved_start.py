"""Start with saved clusters, their servers already up: the start an administrator has (issue 21).

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python benchmarks/saved_start.py            # table, ~1 min
    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python benchmarks/saved_start.py --json     # one JSON object
        [--clusters 10] [--guests 2000]   the clusters served (default ten of 2,000 guests)
        [--runs 5]                        launches of each kind, alternated (medians reported)
        [--latency S]                     seconds the servers add to every answer (default 0)

app_scale.py measures `--demo`: there the demo is a child process that builds its clusters while
the app starts, on the same two cores. An administrator's start is another: the clusters have
been up for long, and the app connects the saved ones marked "connect at start". Here the demo
(`python -m virton_desktop.demo`) serves C clusters of N guests, each built and its guest list
asked for once before anything is timed, and C profiles marked "connect at start" are saved in
a throw-away home, their certificates pinned and their passwords in an in-memory keyring
(memory_keyring.py, configured as a user configures theirs: the app imports and chooses it
itself; the OS keyring's own reads, D-Bus calls on a Linux desktop, are not timed here). Then
R launches of each kind, alternated so that both meet the same phases of the machine (its
speed moves ~1.5x within minutes):

  saved   `virton-desktop` with no arguments: the saved clusters connect at start
  demo    `virton-desktop --demo --clusters C --guests N`: app_scale.py's start

Each launch is a fresh process with the app byte-compiled (as app_scale.py) and reports, as
app_scale.py does:

  start_s       launch -> every cluster's first list applied and the guest list painted with it
  window_s      launch -> the window built (app.start returned; imports, Qt, the window)
  start_cpu_s   the app's CPU by start_s, all its threads (with start_s: how serial the start is)
  gui_cpu_s     the GUI thread's part of it
  lanes_cpu_s   the clusters' request lanes' part (their threads: worker-*, actions-*)

The demo process serving the saved clusters is idle but for answering them: what separates the
two kinds is the demo's building (and its imports) beside the app's start.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from app_scale import byte_compile_the_app, home_environment, stat_cpu, watch_paints  # noqa: E402 - beside this script

RUN_TIMEOUT_S = 120
KINDS = ("saved", "demo")
FIGURES = ("start_s", "window_s", "start_cpu_s", "gui_cpu_s", "lanes_cpu_s")
LANE_THREADS = ("worker-", "actions-")  # a session's QThreads (session.py names them so)


# ----------------------------------------------------------------------------- the launched app


def launched_app(kind: str, clusters: int, guests: int, latency: float, launched: float) -> dict:
    """In the launched process: the app as `virton-desktop` (saved) or `virton-desktop --demo`
    (demo) builds it, until every cluster's first list is painted; its figures. The saved
    clusters' keyring is memory_keyring.py, named by the environment (see `launch`)."""
    argv = []
    if kind == "demo":
        argv = ["--demo", "--clusters", str(clusters), "--guests", str(guests)] + \
            (["--latency", str(latency)] if latency else [])
    from virton_desktop import app as app_module

    started = app_module.start(app_module.parse_args(argv))
    figures = {"kind": kind, "window_s": time.time() - launched}
    window, polled_once = started.window, set()

    def populated() -> None:
        figures["start_s"] = time.time() - launched
        figures["start_cpu_s"] = time.process_time()
        figures.update(_thread_cpu())
        listed = list(window.model.all_instances())
        figures["guests"], figures["clusters_listed"] = len(listed), len({inst.cluster for inst in listed})
        _done(started, figures)

    def polled(cluster_id: str) -> None:
        polled_once.add(cluster_id)
        if len(polled_once) == clusters:
            painted.after_next_paint(populated)

    from PySide6.QtCore import QTimer

    window.clusters.polled.connect(polled)
    painted = watch_paints(window.page.table.viewport(), window)
    QTimer.singleShot(RUN_TIMEOUT_S * 1000, lambda: _done(started, dict(figures, error="timed out")))
    app_module.run(started)
    return dict(figures, error="the app ended first")


def _thread_cpu() -> dict:
    """CPU seconds of the GUI thread (the process's first) and of the request lanes, from /proc."""
    gui = lanes = 0.0
    for tid in os.listdir("/proc/self/task"):
        try:
            name, cpu = stat_cpu("/proc/self/task/{0}/stat".format(tid))
        except OSError:
            continue
        if int(tid) == os.getpid():
            gui = cpu
        elif name.startswith(LANE_THREADS):
            lanes += cpu
    return {"gui_cpu_s": gui, "lanes_cpu_s": lanes}


def _done(started, figures: dict) -> None:
    print(json.dumps(figures), flush=True)
    if started.demo is not None:
        started.demo.stop()
    os._exit(0)  # the figures are out; the workers' and the demo's ends are not measured


# ----------------------------------------------------------------------------- the parent


def serve(clusters: int, guests: int, latency: float):
    """The demo serving the clusters, each built and listed once; (its DemoChild, their descriptions)."""
    from virton_desktop.demo_child import spawn
    from virton_desktop.pve.address import split_address
    from virton_desktop.pve.client import Credentials, PveClient

    child = spawn(guests=guests, latency=latency, clusters=clusters)
    said: list[tuple] = []
    came = threading.Event()
    child.listen(lambda event: (said.append(event), came.set()))
    if not came.wait(RUN_TIMEOUT_S) or said[0][0] != "line":
        child.stop()
        raise SystemExit("the demo did not start: {0}".format(said[:1]))
    info = json.loads(said[0][1])
    described = info.get("clusters") or [dict(info, name=info.get("name", "demo"))]
    for cluster in described:  # built and listed once, as clusters up for long
        host, port = split_address(cluster["url"])
        client = PveClient(host, port, fingerprint=cluster["fingerprint"])
        client.authenticate(Credentials(cluster["user"], password=cluster["password"]))
        client.request("GET", "/cluster/resources", {"type": "vm"})
    return child, described


def save_profiles(described: list[dict], home: str) -> str:
    """The clusters saved as profiles marked "connect at start" in `home` (profiles and pinned
    certificates, as the app writes them; run in a process of its own so that Qt's paths are
    `home`'s); the passwords in a file only the launched process reads (the path)."""
    secrets = os.path.join(home, "secrets.json")
    with open(os.open(secrets, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as f:
        json.dump(described, f)  # read back and replaced below
    done = subprocess.run([sys.executable, os.path.abspath(__file__), "--save-profiles", secrets],
                          env=home_environment(home), capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    if done.returncode != 0:
        raise SystemExit("saving the profiles failed: " + done.stderr[-1500:])
    return secrets


def write_profiles(secrets: str) -> None:
    """In a process whose home is the throw-away one: profiles and pins from the descriptions in
    `secrets`, which then holds {profile id: password} only."""
    from PySide6.QtCore import QCoreApplication

    from virton_desktop.pve.address import split_address

    QCoreApplication.setOrganizationName("VirtOn")  # as app.start names them: the same config dir
    QCoreApplication.setApplicationName("VirtOn Desktop")
    QCoreApplication.setOrganizationDomain("virton.example")
    from virton_desktop.profiles import Profile, ProfileStore
    from virton_desktop.trust import TrustStore

    with open(secrets, encoding="utf-8") as f:
        described = json.load(f)
    profiles, trust, passwords = ProfileStore(), TrustStore(), {}
    for cluster in described:
        address = cluster["url"].split("://", 1)[1]
        user, realm = cluster["user"].split("@", 1)
        profile = Profile(cluster["name"], (address,), user=user, realm=realm, autoconnect=True)
        profiles.save(profile)
        trust.trust(*split_address(address), cluster["fingerprint"])
        passwords[profile.id] = cluster["password"]
    with open(secrets, "w", encoding="utf-8") as f:
        json.dump(passwords, f)


def launch(kind: str, args, home: str, secrets: str) -> dict:
    """One launch of the app (a fresh process), timed from its launch; its figures."""
    env = home_environment(home)
    if kind == "saved":  # the app loads and chooses its keyring itself, as a configured one
        env.update(PYTHON_KEYRING_BACKEND="memory_keyring.MemoryKeyring", SAVED_START_SECRETS=secrets)
    launched = time.time()
    cmd = [sys.executable, os.path.abspath(__file__), "--launch", kind, "--clusters", str(args.clusters),
           "--guests", str(args.guests), "--latency", str(args.latency), "--launched", repr(launched)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S + 30)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        return {"kind": kind, "error": "exit {0}: {1}".format(done.returncode, done.stderr.strip()[-1500:])}
    return json.loads(lines[-1])


def _forget_state(home: str) -> None:
    """What a launch left that the next one would read (the last-known lists, the window's
    geometry, the session to restore): every launch starts as the first after saving the profiles."""
    import shutil

    for part in ("state", "data", "cache"):
        shutil.rmtree(os.path.join(home, part), ignore_errors=True)


def medians(results: list[dict]) -> dict:
    out = {}
    for kind in KINDS:
        runs = [r for r in results if r["kind"] == kind and "error" not in r]
        out[kind] = {name: round(statistics.median(r[name] for r in runs), 3) for name in FIGURES} if runs else {}
        out[kind]["runs"] = len(runs)
    return out


def table(args, summary: dict, results: list[dict]) -> str:
    text = ["VirtOn Desktop: start with {0} saved clusters of {1} guests (servers up) against `--demo`, "
            "{2} launches each, alternated; latency {3:g} s; medians".format(
                args.clusters, args.guests, args.runs, args.latency), ""]
    text.append("{0:<6} {1:>8} {2:>9} {3:>12} {4:>10} {5:>12}".format(
        "kind", "start s", "window s", "app CPU s", "GUI CPU s", "lanes CPU s"))
    for kind in KINDS:
        m = summary[kind]
        if not m.get("runs"):
            text.append("{0:<6} no run finished".format(kind))
            continue
        text.append("{0:<6} {1:>8.2f} {2:>9.2f} {3:>12.2f} {4:>10.2f} {5:>12.2f}".format(
            kind, m["start_s"], m["window_s"], m["start_cpu_s"], m["gui_cpu_s"], m["lanes_cpu_s"]))
    text.append("")
    for kind in KINDS:
        text.append("{0} starts: {1}".format(kind, " / ".join(
            "{0:.2f}".format(r["start_s"]) if "error" not in r else "error" for r in results if r["kind"] == kind)))
    errors = [r["error"] for r in results if "error" in r]
    if errors:
        text += ["", "first error: " + errors[0][:600]]
    return "\n".join(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clusters", type=int, default=10)
    ap.add_argument("--guests", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--latency", type=float, default=0.0)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--source-only", action="store_true", help="do not byte-compile the app's modules first")
    ap.add_argument("--launch", choices=KINDS, help=argparse.SUPPRESS)
    ap.add_argument("--save-profiles", default="", help=argparse.SUPPRESS)
    ap.add_argument("--launched", type=float, default=0.0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.save_profiles:
        write_profiles(args.save_profiles)
        return 0
    if args.launch:
        print(json.dumps(launched_app(args.launch, args.clusters, args.guests, args.latency,
                                      args.launched or time.time())), flush=True)
        return 1
    if not args.source_only:
        byte_compile_the_app()
    child, described = serve(args.clusters, args.guests, args.latency)
    results: list[dict] = []
    try:
        with tempfile.TemporaryDirectory(prefix="saved-start-") as home:
            secrets = save_profiles(described, home)
            for _ in range(args.runs):
                for kind in KINDS:
                    results.append(launch(kind, args, home, secrets))
                    _forget_state(home)
    finally:
        child.stop()
    summary = medians(results)
    if args.json:
        print(json.dumps(dict(summary, launches=results)))
    else:
        print(table(args, summary, results))
    return 0 if all("error" not in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

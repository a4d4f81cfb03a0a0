"""The demo child's start: its CPU until every cluster has answered its first lists.

    PYTHONPATH=. python benchmarks/demo_start.py                         # 5 runs of this tree
    PYTHONPATH=. python benchmarks/demo_start.py --json                  # one JSON object
        [--guests 2000] [--clusters 10] [--runs 5]
        [--tree DIR ...]    alternate runs of these source trees (e.g. an older `git archive` in /tmp),
                            each started with PYTHONPATH=DIR: the machine drifts, so codes are
                            compared run by run, never one batch after another

Each run launches `python -m virton_desktop.demo --port 0 --exit-on-stdin-eof --guests G --clusters C`
as the app does (SSL_CERT_FILE=/dev/null: demo_child._demo_environment), reads its JSON line, then
for each cluster in order logs in (`PveClient`, certificate pinned) and GETs
`/cluster/resources?type=vm` and `/nodes`, what the app's first poll waits for. It reports:

  ready_s / ready_cpu_s   launch -> the JSON line read: wall time, and the child's CPU (utime +
                          stime of /proc/PID/stat, with its forked siblings': demo/processes.py) by
                          then: interpreter, imports, every cluster listening
  served_s / served_cpu_s launch -> the last cluster's first answers: wall, and the child's CPU

Each tree's package is byte-compiled first, as an installed app's is (app_scale.py does the same).
The medians over the runs are printed per tree. Linux only (/proc).
"""

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import time
from urllib.parse import urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from app_scale import demo_cpu_s  # noqa: E402 - the child's CPU with its forked siblings'

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def one_run(tree, guests, clusters):
    from virton_desktop.pve.client import Credentials, PveClient

    env = dict(os.environ, SSL_CERT_FILE=os.devnull, PYTHONPATH=tree)
    argv = [sys.executable, "-m", "virton_desktop.demo", "--port", "0", "--exit-on-stdin-eof",
            "--guests", str(guests), "--clusters", str(clusters)]
    launched = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, cwd="/")
    try:
        line = json.loads(proc.stdout.readline())
        ready_s, ready_cpu = time.perf_counter() - launched, demo_cpu_s(proc.pid)
        for cluster in line.get("clusters") or [line]:
            url = urlsplit(cluster["url"])
            client = PveClient(url.hostname, url.port, fingerprint=cluster["fingerprint"])
            client.authenticate(Credentials(cluster["user"], password=cluster["password"]))
            vms = client.request("GET", "/cluster/resources", {"type": "vm"})
            nodes = client.request("GET", "/nodes")
            assert vms and nodes, cluster["name"]
        served_s, served_cpu = time.perf_counter() - launched, demo_cpu_s(proc.pid)
    finally:
        proc.stdin.close()
        proc.wait(10)
    return {"ready_s": ready_s, "ready_cpu_s": ready_cpu, "served_s": served_s, "served_cpu_s": served_cpu}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--guests", type=int, default=2000)
    ap.add_argument("--clusters", type=int, default=10)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--tree", action="append", default=None, help="a source tree (default: this one)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    trees = [os.path.abspath(t) for t in (args.tree or [ROOT])]
    for tree in trees:
        compileall.compile_dir(os.path.join(tree, "virton_desktop"), quiet=1)
    runs = {tree: [] for tree in trees}
    for i in range(args.runs):
        for tree in trees:
            figures = one_run(tree, args.guests, args.clusters)
            runs[tree].append(figures)
            if not args.json:
                print("run {0} {1}: ".format(i + 1, tree) + "  ".join(
                    "{0} {1:.3f}".format(k, v) for k, v in figures.items()), flush=True)
    medians = {tree: {k: round(statistics.median(r[k] for r in rs), 3) for k in rs[0]} for tree, rs in runs.items()}
    if args.json:
        print(json.dumps(medians if len(trees) > 1 else medians[trees[0]]))
        return 0
    for tree, figures in medians.items():
        print("median {0}: ".format(tree) + "  ".join("{0} {1:.3f}".format(k, v) for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What one request costs the client's thread: `PveClient.request` against a bare urllib3
exchange with the same connection settings (the floor), in one run against the demo.

Every poll of every cluster pays this on a lane thread holding the GIL (the GUI thread waits
that long for it), and the idle window pays it per poll. Printed as CPU milliseconds per
request (the thread's CPU, `time.thread_time`), medians over rounds, and as the ratio to the
floor measured in the same run.

    PYTHONPATH=. python benchmarks/request_cost.py [--requests 300] [--rounds 5] [--guests 10000] [--json]
"""

from __future__ import annotations

import argparse
import json
import ssl
import statistics
import time

import msgspec
import urllib3

from virton_desktop.demo.served import ServedDemo
from virton_desktop.pve.client import Credentials, PveClient


def per_request_ms(send, count: int) -> float:
    started = time.thread_time()
    for _ in range(count):
        send()
    return (time.thread_time() - started) / count * 1000


def measure(requests: int, rounds: int, guests: int) -> dict:
    with ServedDemo(guests=guests, time_scale=0) as demo:
        demo.pve.max_requests = 10 ** 7
        client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
        client.authenticate(Credentials(demo.user, password=demo.password))
        der = client.pinned_certificate
        context = ssl.create_default_context(cadata=der)
        context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
        pool = urllib3.HTTPSConnectionPool(demo.host, demo.port, ssl_context=context, cert_reqs="CERT_REQUIRED",
                                           assert_fingerprint=client.expected_fingerprint.replace(":", ""))
        headers = {"Cookie": "PVEAuthCookie=" + client.ticket, "Accept": "application/json"}

        def floor(path: str, query: str = ""):
            return lambda: msgspec.json.decode(pool.request("GET", "/api2/json" + path + query, headers=headers).data)

        cases = {
            "version": (lambda: client.request("GET", "/version"), floor("/version")),
            "guest_list": (lambda: client.request("GET", "/cluster/resources", {"type": "vm"}),
                           floor("/cluster/resources", "?type=vm")),
        }
        figures: dict = {"guests": guests}
        for name, (ours, bare) in cases.items():
            count = requests if name == "version" else max(3, requests // 30)
            ours(), bare()  # connections made, caches warm
            mine, base = [], []
            for _ in range(rounds):  # alternated, so both meet the same moments of the machine
                mine.append(per_request_ms(ours, count))
                base.append(per_request_ms(bare, count))
            figures[name + "_ms"] = round(statistics.median(mine), 3)
            figures[name + "_floor_ms"] = round(statistics.median(base), 3)
        client.close()
        return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=300, help="small requests per round (guest lists: 1/30)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--guests", type=int, default=10000)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    f = measure(args.requests, args.rounds, args.guests)
    if args.json:
        print(json.dumps(f))
        return 0
    print("CPU of the client's thread per request (medians of {0} rounds; the floor: bare urllib3, same run)".format(
        args.rounds))
    for name, label in (("version", "GET /version"),
                        ("guest_list", "GET /cluster/resources ({0} guests)".format(f["guests"]))):
        ours, floor = f[name + "_ms"], f[name + "_floor_ms"]
        print("  {0:<44} {1:8.3f} ms   floor {2:8.3f} ms   x{3:.2f}".format(label, ours, floor, ours / floor))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

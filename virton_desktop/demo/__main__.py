"""python -m virton_desktop.demo: serve the demo cluster until told to stop.

Prints exactly one JSON line to stdout once listening:
    {"url": ..., "user": ..., "password": ..., "token_id": ..., "token_secret": ...,
     "fingerprint": ..., "cafile": ...}
with the credentials of the login chosen with --user (root by default; see access.py); a login
with a second factor (--user tfa) adds "second_factor": {"user", "totp_secret", "totp_now",
"recovery_keys"} (auth.second_factor), which the launcher prints to stderr for the person trying it.
With --clusters N (N > 1) it serves N clusters (demo, demo-2, …: members.py), each on its own
port with its own certificate, peers for remote migration; the line then describes the first
one as above and adds "name" and "clusters": a list of such objects, one per cluster, each
with its "name". On Linux with several cores they are served by one process per core (this one
and forked siblings: processes.py), as ten real clusters answer from ten machines.
With --rotate-node renew|intercept it also serves node pve2 at 127.0.0.2 with a certificate of
its own (the line adds "node_address": {"url", "fingerprint"}) and changes that certificate after
--rotate-after seconds: renewed as PVE would (the cluster's certificates/info confirms it) or
intercepted (the cluster still reports the old one); rotation.py.
Then it serves until SIGTERM/SIGINT (exit 0), or, with --exit-on-stdin-eof, until stdin closes
(so a parent that dies does not leave the server behind). Logs go to stderr only.
"""

# ruff: noqa: E402 - the modules are imported once the collector is off (below)
import gc

if __name__ == '__main__':
    # Off before the demo's modules load (aiohttp, fakepve, the demo's own: ~90 collections of
    # objects that live as long as the process, ~16 ms of every start): main() keeps it off while
    # the clusters are built, then sets everything aside (gc.freeze) and turns it on again.
    gc.disable()

import argparse
import json
import logging
import os
import signal
import sys
import threading

from .access import LOGIN_NAMES, TFA_LOGINS, demo_credentials
from .auth import second_factor
from .cluster import route_template
from .peers import PeerServer
from .processes import Siblings, join_remote, process_count, read_line
from .rotation import NodeAddress
from .served import build_in_order, serve_clusters

DEMO_NICENESS = 10


def _parser():
    ap = argparse.ArgumentParser(prog='python -m virton_desktop.demo', description=__doc__.splitlines()[0])
    ap.add_argument('--port', type=int, default=0, help='port on 127.0.0.1 (0: any free one; default)')
    ap.add_argument('--guests', type=int, default=None,
                    help='generate this many guests over 50 nodes instead of the fixed 3-node demo')
    ap.add_argument('--latency', type=float, default=0.0, help='real seconds added to every answer')
    ap.add_argument('--time-scale', type=float, default=1.0,
                    help='real seconds per PVE second for tasks (0: tasks end at once)')
    ap.add_argument('--seed', type=int, default=0, help='seed of the figures and generated guests')
    ap.add_argument('--clusters', type=int, default=1,
                    help='serve this many demo clusters, peers for remote migration (default: 1)')
    ap.add_argument('--user', choices=LOGIN_NAMES, default='root',
                    help='whose credentials to print: root, or a limited user or token (default: root)')
    ap.add_argument('--rotate-node', choices=('renew', 'intercept'), default=None,
                    help="serve node pve2 at 127.0.0.2 too and change its certificate after --rotate-after seconds")
    ap.add_argument('--rotate-after', type=float, default=60.0, help='seconds until the change (default: 60)')
    ap.add_argument('--activity', action='store_true',
                    help='before serving, alice@pve creates, destroys, migrates, starts and stops guests '
                         'and a backup fails (what the change feed finds)')
    ap.add_argument('--exit-on-stdin-eof', action='store_true', help='stop when stdin reaches end of file')
    return ap


def main(argv=None):
    args = _parser().parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format='%(name)s: %(message)s')
    done = threading.Event()
    # Handlers first, so a signal arriving while the cluster builds still ends cleanly.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    if args.clusters < 1:
        print('virton_desktop.demo: --clusters must be at least 1', file=sys.stderr)
        return 2
    # The clusters' guests are built once and live as long as the process: the collector would
    # walk them again and again while they are made (~0.07 s of ten clusters of 2,000 guests)
    # and at every full collection after. Off while building, then they are set aside for good.
    gc.disable()
    if hasattr(os, 'nice'):
        # A stand-in for servers elsewhere: on the app's own cores it yields to the app's GUI.
        # Ten clusters of 2,000, the app's longest stall during its start (its first paint among
        # them), medians of six alternated runs: 140 ms served from two processes at the same
        # priority, 110 ms with this (93 ms from one process, whose start took 0.2 s longer).
        os.nice(DEMO_NICENESS)
    siblings = Siblings()
    processes = process_count(args.clusters)
    mine = list(range(args.clusters))
    template = None
    if processes > 1:  # before any thread exists (processes.py)
        template = _before_fork()
        mine = siblings.fork(args.clusters, processes, lambda *pipes: _sibling(args, template, *pipes))
    try:
        # Listening first, the clusters built one after another once the line is out (served.py):
        # the line goes out before the guests exist, and whoever logs in meanwhile waits for its
        # cluster.
        served = _serve(args, mine, args.port, template)
    except OSError as e:                  # e.g. the port is taken: a message, not a traceback
        print('virton_desktop.demo: cannot serve on port {0}: {1}'.format(args.port, e), file=sys.stderr)
        siblings.stop()
        return 1
    peer_server = None
    try:
        described = _describe(args, served, done)
        if processes > 1:
            peer_server = PeerServer(served)
            reports = siblings.reports()
            peers = [_peer(d, peer_server.address) for d in described]
            for report in reports:
                described += report['clusters']
                peers += [_peer(d, report['peers']) for d in report['clusters']]
            described.sort(key=lambda d: d['index'])
            siblings.tell_peers(peers)
            join_remote(served, peers)
        described = [{k: v for k, v in d.items() if k != 'index'} for d in described]
        line = {k: v for k, v in described[0].items() if k != 'name'}
        if len(described) > 1:
            line = dict(line, name=described[0]['name'], clusters=described)
        if args.rotate_node:
            node = NodeAddress(served[0])
            line = dict(line, node_address={'url': 'https://' + node.address, 'fingerprint': node.fingerprint})
            change = threading.Timer(args.rotate_after, node.rotate if args.rotate_node == 'renew' else node.intercept)
            change.daemon = True
            change.start()
        if args.user in TFA_LOGINS:
            line = dict(line, second_factor=second_factor(served[0].pve, TFA_LOGINS[args.user]))
        print(json.dumps(line), flush=True)
        # Built from now on, not while the line was made: the building threads held the GIL from
        # this one at each of its waits (the siblings' reports, the peer server on the first
        # cluster's loop, which waited for its build): ten clusters of 2,000 guests, the line
        # 27-56 ms later.
        build_in_order(served)
        _built(served, done)
        gc.freeze()
        gc.enable()
        if args.exit_on_stdin_eof:
            def watch():
                # The file descriptor, not sys.stdin: a thread blocked in a buffered reader holds its
                # lock, and ending the process while it does (a sibling died) aborts the interpreter.
                try:
                    while sys.stdin is not None and os.read(sys.stdin.fileno(), 65536):
                        pass
                except (OSError, ValueError):
                    pass
                done.set()
            threading.Thread(target=watch, name='stdin-eof', daemon=True).start()
        # wait() with a timeout in a loop: the main thread must wake for Python signal handlers.
        while not done.wait(0.5) and not siblings.failed.is_set():
            pass
    except RuntimeError as e:  # a sibling ended before serving (its stderr says why)
        print('virton_desktop.demo: {0}'.format(e), file=sys.stderr)
        return 1
    finally:
        if peer_server is not None:
            peer_server.close()
        for demo in served:
            demo.close()
        siblings.stop()
    return 1 if siblings.failed.is_set() else 0


def _before_fork():
    """What every process needs before its first cluster listens, done once for all of them and
    inherited by the forked siblings: the certificate's modules (fakepve's make_cert imports them
    on its first call, ~35 ms), the API schema fakepve routes by (~11 ms), and the routes every
    cluster copies (the route template it returns: ~36 ms a process)."""
    from cryptography import x509  # noqa: F401
    from cryptography.hazmat.primitives import hashes, serialization  # noqa: F401
    from cryptography.hazmat.primitives.asymmetric import ec  # noqa: F401
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID  # noqa: F401
    from fakepve import schema

    schema.load()
    return route_template()


def _serve(args, indices, port, template=None):
    return serve_clusters(args.clusters, guests=args.guests, seed=args.seed, time_scale=args.time_scale,
                          latency=args.latency, port=port, build_later=True, indices=indices, hold_builds=True,
                          routes_like=template)


def _describe(args, served, done):
    """Each served cluster as the line describes it (and its index), once what must act on the
    built clusters before anyone logs in has acted (they are built first then)."""
    if args.activity or args.rotate_node or args.user in TFA_LOGINS:
        build_in_order(served, after_lists=False)  # nobody knows where they listen yet
        _built(served, done)
    if args.activity:
        for demo in served:
            demo.call(demo.pve.vt_other_user_activity())
    return [dict(demo_credentials(args.user, demo.password), url=demo.url, fingerprint=demo.fingerprint,
                 cafile=demo.cafile, name=demo.name, index=demo.index) for demo in served]


def _peer(described, address):
    return {'port': int(described['url'].rsplit(':', 1)[1]), 'fingerprint': described['fingerprint'],
            'address': address}


def _sibling(args, template, indices, report, peers, life):
    """A sibling process (processes.py): serve `indices` (their routes copied from `template`),
    report them, learn the peers, serve until the first process ends (`life` reaches its end) or
    a signal comes."""
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    served = _serve(args, indices, 0, template)
    peer_server = None
    try:
        peer_server = PeerServer(served)
        described = _describe(args, served, done)
        os.write(report, json.dumps({'clusters': described, 'peers': peer_server.address}).encode() + b'\n')
        os.close(report)
        build_in_order(served)  # once reported, as the first process once its line is out (main)
        join_remote(served, json.loads(read_line(peers) or b'[]'))
        threading.Thread(target=lambda: (os.read(life, 1), done.set()), name='first-process', daemon=True).start()
        _built(served, done)
        gc.freeze()
        gc.enable()
        while not done.wait(0.5):
            pass
    finally:
        if peer_server is not None:
            peer_server.close()
        for demo in served:
            demo.close()
    return 0


def _built(served, done):
    """Wait until every cluster is built (they are built in order: the last one is last), waking
    for signal handlers."""
    while not served[-1].built.wait(0.5) and not done.is_set():
        pass


if __name__ == '__main__':
    sys.exit(main())

"""Serve a demo cluster in-process: its own asyncio loop in a daemon thread, over TLS.

    with ServedDemo(time_scale=0) as demo:
        px = ProxmoxAPI(demo.host, port=demo.port, user=demo.user, password=demo.password,
                        verify_ssl=demo.cafile)

The certificate is made fresh at every start (fakepve's expire after 30 days) in a private
temp dir that close() removes. Clients either trust ``cafile`` (the self-signed certificate
is its own CA) or pin ``fingerprint``, the SHA-256 of the certificate as PVE shows it.

``serve_clusters(n, ...)`` serves n demo clusters (``demo``, ``demo-2``, …; see members.py),
each on its own port with its own certificate, and makes them peers: a remote migration from
one reaches the others (remote.py). With ``build_later=True`` they listen before their guests
exist, and each is built on its own loop, one after another (``built``): what connects
meanwhile waits, as at a daemon that is starting. The CLI does so (``python -m
virton_desktop.demo``): its clients log in to the first cluster while the others are built,
instead of waiting for all of them (ten clusters of 2,000 guests: ~0.2 s). It holds the
builds (``hold_builds``) until its line is out (``build_in_order``): the building threads held
the GIL from the thread making the line, and a loop that waited to build could answer nothing,
not even the peer server listening on it (ten clusters of 2,000 guests: the line 27-56 ms later).
Each is built once the one before has answered its guest list (FIRST_LIST_WAIT_S after its build
if nobody asks), as clusters on machines of their own would answer: built back to back, every
first list shared the process with the next builds and they came late and together (ten
clusters of 2,000 guests: the first at ~0.9 s, then all within ~0.3 s while the app's window had
them all to take in); now one every ~40-50 ms, each taken in as it comes (eight alternated
start-only pairs of app_scale: medians 1.34 -> 1.21 s).
"""

import asyncio
import hashlib
import logging
import os
import shutil
import tempfile
import threading

from fakepve.certs import make_cert

from .cluster import build_demo_cluster, fill_demo_cluster, new_demo_pve
from .peers import LocalPeer

__all__ = ['ServedDemo', 'build_in_order', 'fingerprint_of', 'serve_clusters']

# The next cluster is built once this one has answered its guest list, or this long after its
# build if nobody asked for it.
FIRST_LIST_WAIT_S = 0.1


def fingerprint_of(der):
    """SHA-256 of a DER certificate as PVE writes it: lowercase hex pairs joined by colons."""
    digest = hashlib.sha256(der).hexdigest()
    return ':'.join(digest[i:i + 2] for i in range(0, len(digest), 2))


class ServedDemo:
    """A started DemoPve on 127.0.0.1; see the module docstring."""

    host = '127.0.0.1'

    def __init__(self, guests=None, seed=0, time_scale=1.0, latency=0.0, port=0, index=0, build_later=False,
                 routes_like=None):
        """`build_later`: False, the cluster is built, then served (`built` is set on return);
        True, it is served at once and built on its own loop when `build()` says (requests wait
        for it meanwhile, without holding the loop), and `built` is set then; its first guest
        list is then prepared on the loop, a step at a time, until asked for (`warmed`).
        `routes_like`: a DemoPve with its app built (a started ServedDemo's `pve`, a route_template)
        whose routes this one's copy (DemoPve._vt_app_like)."""
        self.built = threading.Event()
        # Set once a cluster built on its loop (`build_later`) has prepared its first guest list
        # (DemoPve.vt_warm_list), or stopped doing so because a list was answered first.
        self.warmed = threading.Event()
        self._build_asked = False
        self._fill = dict(guests=guests, seed=seed, index=index)
        if not build_later:
            self.pve = build_demo_cluster(guests=guests, seed=seed, time_scale=time_scale, latency=latency,
                                          index=index)
        else:
            self.pve = new_demo_pve(seed=seed, time_scale=time_scale, latency=latency, index=index)
            self.pve.vt_filled = asyncio.Event()  # its answers wait for it (a fixed --port may be known)
            self.pve.vt_listed = asyncio.Event()  # its guest list answered (build: `then` after it)
        self.name = self.pve.cluster_name
        self.index = index
        self.pve.host, self.pve.port = self.host, port
        self.user, self.password = self.pve.user, self.pve.password
        self._tmpdir = tempfile.mkdtemp(prefix='virton-demo-')
        self.cafile, keyfile, der = make_cert(self._tmpdir, name='virton-' + self.name, hosts=(self.host,))
        self.fingerprint = fingerprint_of(der)
        self.fingerprint_hex = self.fingerprint.replace(':', '')
        self.pve.vt_fingerprint = self.fingerprint
        self.pve.vt_certfile = self.cafile  # what certificates/info reports (rotation.py)
        if routes_like is not None:
            self.pve.vt_routes_like = routes_like
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name='virton-demo', daemon=True)
        self._thread.start()
        try:
            self.call(self.pve.start(self.cafile, keyfile))
        except BaseException:
            self._stop_loop()
            raise
        if not build_later:
            self._build_asked = True
            self.built.set()

    def build(self, then=None, after_list=True):
        """Build a cluster served with `build_later` on its own loop, then call `then()` there
        (`after_list`: once it has also answered its guest list, or FIRST_LIST_WAIT_S after);
        once only (a second call does nothing, not even `then`)."""
        if self._build_asked:
            return
        self._build_asked = True
        self.loop.call_soon_threadsafe(self._build, then, after_list)

    def _build(self, then, after_list=True):
        """On the demo's loop: fill the cluster. A cluster that cannot be built is not served
        half-made: the process ends, its reason on stderr."""
        try:
            fill_demo_cluster(self.pve, **self._fill)
        except BaseException:  # noqa: BLE001 - a bug in the demo: say it, and stop serving
            logging.getLogger(__name__).exception('building the demo cluster %s failed', self.name)
            os._exit(1)
        self.pve.vt_filled.set()
        self.built.set()
        self._warm(self.pve.vt_warm_list())
        if then is not None and after_list:
            self.loop.create_task(self._after_first_list(then))
        elif then is not None:
            then()

    def _warm(self, steps):
        """One step of the first list's preparation (vt_warm_list), the next one after whatever
        the loop has to answer meanwhile: a request waits for a step at most (~2 ms), never for
        the whole (10,000 guests: ~90 ms)."""
        for _ in steps:  # one step: the next one is called soon, unless this was the last
            self.loop.call_soon(self._warm, steps)
            return
        self.warmed.set()

    async def _after_first_list(self, then):
        """then() once this cluster has answered its guest list, or after FIRST_LIST_WAIT_S if
        nobody asks: what logs in while the clusters are built gets each one's list before the
        next one is built (see the module docstring)."""
        try:
            await asyncio.wait_for(self.pve.vt_listed.wait(), FIRST_LIST_WAIT_S)
        except TimeoutError:
            pass
        then()

    @property
    def port(self):
        """The listening port (the real one when started with port 0)."""
        return self.pve.port

    @property
    def url(self):
        """https://127.0.0.1:<port>"""
        return self.pve.url

    def call(self, coro, timeout=30):
        """Run a coroutine on the demo's loop (e.g. pve.backup(105)) and return its result."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self):
        """Stop serving, end the loop thread and delete the certificate; safe to call twice."""
        if self.loop.is_closed():
            return
        try:
            self.call(self.pve.stop())
        finally:
            self._stop_loop()

    def _stop_loop(self):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        if not self._thread.is_alive():
            self.loop.close()
        shutil.rmtree(self._tmpdir, ignore_errors=True)

    def join(self, peers):
        """Make the clusters of `peers` (ServedDemo, this one included) reachable for remote migration."""
        table = self.pve.vt_peers
        for served in peers:
            table[(served.host, served.port)] = LocalPeer(served)
            served.pve.__dict__['_vt_peer_map'] = table

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def serve_clusters(count, guests=None, seed=0, time_scale=1.0, latency=0.0, port=0, build_later=False,
                   indices=None, hold_builds=False, routes_like=None):
    """`count` started ServedDemo clusters that know each other; `port` is the first one's (0: any).
    `build_later`: serving already, built one after another in order once all listen (none slows
    the others' start; see the module docstring), or, with `hold_builds`, once the caller calls
    `build_in_order`.
    `indices`: only these of the `count` clusters (the others are served by sibling processes:
    processes.py).
    `routes_like`: a DemoPve whose routes they all copy (cluster.route_template); None: the
    first one's, which the others copy."""
    served = []
    try:
        for index in (range(count) if indices is None else indices):
            like = routes_like if routes_like is not None or not served else served[0].pve
            served.append(ServedDemo(guests=guests, seed=seed, time_scale=time_scale, latency=latency,
                                     port=port if index == 0 else 0, index=index, build_later=build_later,
                                     routes_like=like))
    except BaseException:
        for demo in served:
            demo.close()
        raise
    if build_later and not hold_builds:
        build_in_order(served)
    served[0].join(served)
    return served


def build_in_order(served, after_lists=True):
    """Build the clusters served with `build_later`, one after another in their order, each on
    its own loop (the next once the previous is built and, `after_lists`, has answered its guest
    list or FIRST_LIST_WAIT_S passed: False when nobody can ask yet); at most once."""
    if served:
        served[0].build(then=lambda: build_in_order(served[1:], after_lists), after_list=after_lists)

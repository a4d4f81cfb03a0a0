"""Serve a demo cluster in-process: its own asyncio loop in a daemon thread, over TLS.

    with ServedDemo(time_scale=0) as demo:
        px = ProxmoxAPI(demo.host, port=demo.port, user=demo.user, password=demo.password,
                        verify_ssl=demo.cafile)

The certificate is made fresh at every start (fakepve's expire after 30 days) in a private
temp dir that close() removes. Clients either trust ``cafile`` (the self-signed certificate
is its own CA) or pin ``fingerprint``, the SHA-256 of the certificate as PVE shows it.

``serve_clusters(n, ...)`` serves n demo clusters (``demo``, ``demo-2``, …; see members.py),
each on its own port with its own certificate, and makes them peers: a remote migration from
one reaches the others (remote.py).
"""

import asyncio
import hashlib
import shutil
import tempfile
import threading

from fakepve.certs import make_cert

from .cluster import build_demo_cluster

__all__ = ['ServedDemo', 'fingerprint_of', 'serve_clusters']


def fingerprint_of(der):
    """SHA-256 of a DER certificate as PVE writes it: lowercase hex pairs joined by colons."""
    digest = hashlib.sha256(der).hexdigest()
    return ':'.join(digest[i:i + 2] for i in range(0, len(digest), 2))


class ServedDemo:
    """A started DemoPve on 127.0.0.1; see the module docstring."""

    host = '127.0.0.1'

    def __init__(self, guests=None, seed=0, time_scale=1.0, latency=0.0, port=0, index=0):
        self.pve = build_demo_cluster(guests=guests, seed=seed, time_scale=time_scale, latency=latency, index=index)
        self.name = self.pve.cluster_name
        self.pve.host, self.pve.port = self.host, port
        self.user, self.password = self.pve.user, self.pve.password
        self._tmpdir = tempfile.mkdtemp(prefix='virton-demo-')
        self.cafile, keyfile, der = make_cert(self._tmpdir, name='virton-' + self.name, hosts=(self.host,))
        self.fingerprint = fingerprint_of(der)
        self.fingerprint_hex = self.fingerprint.replace(':', '')
        self.pve.vt_fingerprint = self.fingerprint
        self.pve.vt_certfile = self.cafile  # what certificates/info reports (rotation.py)
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name='virton-demo', daemon=True)
        self._thread.start()
        try:
            self.call(self.pve.start(self.cafile, keyfile))
        except BaseException:
            self._stop_loop()
            raise

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
            table[(served.host, served.port)] = served
            served.pve.__dict__['_vt_peer_map'] = table

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def serve_clusters(count, guests=None, seed=0, time_scale=1.0, latency=0.0, port=0):
    """`count` started ServedDemo clusters that know each other; `port` is the first one's (0: any)."""
    served = []
    try:
        for index in range(count):
            served.append(ServedDemo(guests=guests, seed=seed, time_scale=time_scale, latency=latency,
                                     port=port if index == 0 else 0, index=index))
    except BaseException:
        for demo in served:
            demo.close()
        raise
    served[0].join(served)
    return served

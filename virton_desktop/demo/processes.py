"""Several demo clusters served by several processes, one per core (`python -m virton_desktop.demo
--clusters N` on Linux).

Why: ten real clusters answer from ten machines; ten demo clusters answered from one process,
which is bound to one core by its interpreter lock. Measured with ten clusters of 2,000 guests on
two cores: from its launch until every cluster had answered the app's first lists, the one demo
process ran at ~100 % of a core while the app used 30-50 % of the other; the app's start waited
for the demo. Served by two processes: the window populated in 1.37-1.65 s instead of 1.81-1.96 s.

How: before any thread exists the first process forks a sibling per further core (never more
than one per cluster); cluster i is served by process i % K, so the first one serves `demo`
(and `--port`). Each process serves its clusters as served.py does (listening at once, built
one after another). A sibling reports its clusters' descriptions and its PeerServer's address
on a pipe (one JSON line) and then learns every cluster's peer on another: remote migration
between clusters of different processes goes through peers.py. The first process prints the
one line the app reads, describing every cluster in order, as one process would.

A sibling ends when the first process ends, however that ends (a pipe's end of file); the first
process ends with exit code 1 when a sibling dies (its stderr says which), so the app reports it
rather than waiting for logins that cannot be answered. Only on Linux: fork without exec is
unsafe on macOS, and Windows has no fork; there, and with one core, one process serves all.
"""

import json
import logging
import os
import signal
import sys
import threading
import time

from .peers import RemotePeer

__all__ = ['Siblings', 'join_remote', 'process_count', 'read_line']

_log = logging.getLogger(__name__)
STOP_WAIT_S = 5.0  # how long the first process waits for its siblings to close their servers


def process_count(clusters):
    """How many processes serve `clusters` demo clusters here: one per core the process may run on,
    at most one per cluster; one where fork cannot be used safely."""
    if clusters < 2 or not sys.platform.startswith('linux') or threading.active_count() > 1:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(clusters, cores))


def join_remote(served, peers):
    """Add the clusters of `peers` ({'port', 'fingerprint', 'address'}) that `served` (this
    process's ServedDemo list, peers of each other) does not serve, as RemotePeers."""
    table = served[0].pve.vt_peers
    for peer in peers:
        key = (served[0].host, peer['port'])
        if key not in table:
            table[key] = RemotePeer(peer['port'], peer['fingerprint'], peer['address'])


class Siblings:
    """The first process's siblings: forked by `fork`, their reports read by `reports`."""

    def __init__(self):
        self._children = []  # (pid, report read fd, peers write fd)
        self._life_w = None
        self._stopping = False
        self.failed = threading.Event()

    def fork(self, count, processes, sibling_main):
        """Fork processes - 1 siblings; each runs sibling_main(indices, report, peers, life) and
        ends with its return code (never returning here). Returns the first process's indices."""
        sys.stdout.flush()
        sys.stderr.flush()
        life_r, self._life_w = os.pipe()
        for k in range(1, processes):
            report_r, report_w = os.pipe()
            peers_r, peers_w = os.pipe()
            pid = os.fork()
            if pid == 0:
                code = 1
                try:
                    # Only this sibling's ends stay open here: the first process's other pipes
                    # would keep its siblings from seeing it end.
                    for _pid, r, w in self._children:
                        os.close(r)
                        os.close(w)
                    for fd in (report_r, peers_w, self._life_w):
                        os.close(fd)
                    code = sibling_main(list(range(k, count, processes)), report_w, peers_r, life_r)
                except BaseException:  # noqa: BLE001 - say why, and end this process only
                    _log.exception('a demo process failed')
                finally:
                    sys.stdout.flush()  # nothing of the first process's buffers is written twice:
                    sys.stderr.flush()  # they were flushed before the fork
                    os._exit(code)
            os.close(report_w)
            os.close(peers_r)
            self._children.append((pid, report_r, peers_w))
        os.close(life_r)
        return list(range(0, count, processes))

    def reports(self):
        """Every sibling's report ({'clusters': [...], 'peers': address}), in order; RuntimeError
        when one ended without reporting."""
        out = []
        for pid, report_r, _w in self._children:
            line = read_line(report_r)
            if not line:
                raise RuntimeError('demo process {0} ended before serving its clusters'.format(pid))
            out.append(json.loads(line))
        return out

    def tell_peers(self, peers):
        """Send every cluster's peer to each sibling, then watch them: one that dies fails the run."""
        line = json.dumps(peers).encode() + b'\n'
        for pid, _r, peers_w in self._children:
            try:
                os.write(peers_w, line)
            except OSError:  # it died meanwhile: its watcher below says so
                pass
            os.close(peers_w)
            threading.Thread(target=self._watch, args=(pid,), name='demo-sibling', daemon=True).start()

    def _watch(self, pid):
        try:
            _pid, status = os.waitpid(pid, 0)
        except ChildProcessError:
            return
        if not self._stopping:
            print('virton_desktop.demo: demo process {0} ended (status {1}); stopping'.format(pid, status),
                  file=sys.stderr, flush=True)
            self.failed.set()

    def stop(self):
        """End the siblings (their pipe from this process closes) and wait for them a moment."""
        self._stopping = True
        if self._life_w is not None:
            os.close(self._life_w)
            self._life_w = None
        deadline = time.monotonic() + STOP_WAIT_S
        for pid, _r, _w in self._children:
            while time.monotonic() < deadline:
                try:
                    if os.waitpid(pid, os.WNOHANG)[0]:
                        break
                except ChildProcessError:  # reaped by its watcher
                    break
                time.sleep(0.02)
            else:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


def read_line(fd):
    """One line from a pipe (the fd is closed)."""
    with os.fdopen(fd, 'rb') as pipe:
        return pipe.readline()

"""The demo clusters as each other's remote-migration targets, served by this process or by a
sibling process (``python -m virton_desktop.demo --clusters N`` serves them from several
processes on a machine with several cores: processes.py).

What a migration's source asks of its target (remote.py) is one of a few calls, made the same
way whoever serves the target:

    'token'   (tokenid, secret)   -> whether the target knows this API token (its login)
    'node'    ()                  -> the endpoint's node (/cluster/status 'local': the first one)
    'open'    (authid, node, kind, vmid, storages, bridges, source_vmid)
                                  -> {'tunnel': id, 'upid': the tunnel task's UPID}
    'disk'    (tunnel, sid, volid, vmid) -> the volume allocated on the target
    'config'  (tunnel, config)
    'close'   (tunnel, status, start)

``LocalPeer`` runs them on the target cluster's own event loop in this process; ``RemotePeer``
sends them as one JSON line to the sibling process's ``PeerServer`` (a Unix socket in a private
directory), which runs them there. A PveError on the target comes back as a PveError.
"""

import asyncio
import itertools
import json
import logging
import os
import shutil
import tempfile

from fakepve import PveError

__all__ = ['LocalPeer', 'PeerServer', 'RemotePeer', 'peer_call']

_log = logging.getLogger(__name__)
_TUNNEL_IDS = itertools.count(1)
LINE_LIMIT = 16 * 1024 * 1024  # a guest's config in one line: far below this


async def peer_call(pve, op, args):
    """One call on the target cluster `pve` (on its own loop)."""
    tunnels = pve.__dict__.setdefault('_vt_tunnels', {})
    if op == 'token':
        tokenid, secret = args
        return pve.apitokens.get(tokenid) == secret
    if op == 'node':
        return sorted(pve.nodes)[0]
    if op == 'open':
        tunnel = await pve.vt_incoming_open(*args)
        tunnel_id = 't{0}'.format(next(_TUNNEL_IDS))
        tunnels[tunnel_id] = tunnel
        return {'tunnel': tunnel_id, 'upid': tunnel['record']['upid']}
    if op in ('disk', 'config', 'close'):
        tunnel_id, rest = args[0], args[1:]
        tunnel = tunnels.get(tunnel_id)
        if tunnel is None:
            raise PveError(500, 'no such migration tunnel')
        if op == 'close':
            del tunnels[tunnel_id]
        return await getattr(pve, 'vt_incoming_' + op)(tunnel, *rest)
    raise PveError(500, 'unknown peer call {0!r}'.format(op))


async def on_loop_of(served, coro):
    """Run `coro` on the served cluster's event loop (its state is only touched there)."""
    if served.loop is asyncio.get_running_loop():
        return await coro
    return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, served.loop))


class LocalPeer:
    """A cluster this process serves (a ServedDemo)."""

    def __init__(self, served):
        self.served = served
        self.fingerprint = served.fingerprint

    async def call(self, op, *args):
        return await on_loop_of(self.served, peer_call(self.served.pve, op, list(args)))


class RemotePeer:
    """A cluster a sibling process serves: its port, fingerprint and the sibling's PeerServer."""

    def __init__(self, port, fingerprint, address):
        self.port = port
        self.fingerprint = fingerprint
        self.address = address

    async def call(self, op, *args):
        try:
            reader, writer = await asyncio.open_unix_connection(self.address, limit=LINE_LIMIT)
        except OSError as e:
            raise PveError(500, "Can't connect to the remote cluster ({0})".format(e.strerror or e)) from None
        try:
            writer.write(json.dumps({'port': self.port, 'op': op, 'args': list(args)}).encode() + b'\n')
            await writer.drain()
            line = await reader.readline()
        finally:
            writer.close()
        if not line:
            raise PveError(500, 'the remote cluster closed the connection')
        answer = json.loads(line)
        if 'error' in answer:
            error = answer['error']
            raise PveError(error['status'], error['message'], error.get('errors'))
        return answer['result']


class PeerServer:
    """Answers the calls of sibling processes for the clusters this process serves, on a Unix
    socket in a private directory (only this user reaches it); `address` is the socket's path."""

    def __init__(self, served):
        self._by_port = {one.port: one for one in served}
        self._loop = served[0].loop
        self._dir = tempfile.mkdtemp(prefix='virton-demo-peers-')
        self.address = os.path.join(self._dir, 'peers.sock')
        self._server = asyncio.run_coroutine_threadsafe(
            asyncio.start_unix_server(self._answer, self.address, limit=LINE_LIMIT), self._loop).result(10)

    async def _answer(self, reader, writer):
        try:
            line = await reader.readline()
            if not line:
                return
            try:
                asked = json.loads(line)
                target = self._by_port.get(asked['port'])
                if target is None:
                    raise PveError(500, 'no such cluster here')
                answer = {'result': await on_loop_of(target, peer_call(target.pve, asked['op'], asked['args']))}
            except PveError as e:
                answer = {'error': {'status': e.status, 'message': e.message, 'errors': e.errors}}
            except Exception as e:  # noqa: BLE001 - the caller's migration fails with it, the server goes on
                _log.exception('a peer call failed')
                answer = {'error': {'status': 500, 'message': str(e) or type(e).__name__, 'errors': None}}
            writer.write(json.dumps(answer).encode() + b'\n')
            await writer.drain()
        finally:
            writer.close()

    def close(self):
        if self._loop.is_running():
            try:
                self._loop.call_soon_threadsafe(self._server.close)
            except RuntimeError:  # the loop closed meanwhile
                pass
        shutil.rmtree(self._dir, ignore_errors=True)

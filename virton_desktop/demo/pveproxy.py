"""How pveproxy ends the demo's connections, so clients meet the reconnections a real PVE makes.

pve-http-server (src/PVE/APIServer/AnyEvent.pm) answers an error status with ``Connection:
close`` (``response``: ``keep_alive = 0 if $code >= 400``), serves at most ``keep_alive``
requests on one connection (pve-manager PVE/Service/pveproxy.pm: 100) and drops a connection
that stays idle for its handle's ``timeout`` (5 s by default). aiohttp keeps a connection for an
hour after any answer. ``DemoConnectionsMixin`` gives DemoPve the first two as a middleware
(DemoPve._build_app puts it right inside its latency middleware: a test's ``vt_answer`` faults,
which stand for other servers, are answered before it) and the third in ``start``.
"""

import ssl

from aiohttp import web

__all__ = ['PVEPROXY_IDLE_S', 'PVEPROXY_KEEP_ALIVE', 'DemoConnectionsMixin']

# The requests one connection serves, and the seconds it waits idle for the next one.
PVEPROXY_KEEP_ALIVE = 100
PVEPROXY_IDLE_S = 5.0


class DemoConnectionsMixin:
    """pveproxy's connection policy (see the module docstring); `vt_connections` counts the
    connections that brought a request (tests count how often a client connected anew)."""

    vt_connections = 0

    @web.middleware
    async def _vt_connection_mw(self, request, handler):
        # aiohttp counts the requests of the connection, the one answered here included.
        served = getattr(request.protocol, '_request_count', 0)
        if served == 1:
            self.vt_connections += 1
        response = await handler(request)
        if (response.status >= 400 or served >= PVEPROXY_KEEP_ALIVE) and response.status != 101:
            response.force_close()
        return response

    async def start(self, certfile, keyfile):
        """fakepve's FakePve.start (fakepve 0.5.0), with pveproxy's idle timeout."""
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(certfile, keyfile)
        if self.network.get('seed') is not None:
            self._random.seed(self.network['seed'])
        self.runner = web.AppRunner(self._build_app(), keepalive_timeout=PVEPROXY_IDLE_S)
        await self.runner.setup()
        await web.TCPSite(self.runner, self.host, self.port, ssl_context=ctx).start()
        if not self.port:
            self.port = self.runner.addresses[0][1]

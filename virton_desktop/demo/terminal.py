"""Demo terminals: PVE's ``termproxy`` + ``vncwebsocket`` for containers, VMs with a serial
port and the nodes' shells, with a small shell behind them.

``DemoTerminalMixin`` sits in ``DemoPve``'s bases before ``VtConsoleMixin``. Towards the client
it speaks what PVE's termproxy speaks (the xterm.js protocol, pve-xtermjs ``src/main.js``): the
first message must be ``user:ticket\\n`` (else the socket closes), the answer is ``OK``, then
the client sends ``0:LEN:DATA`` (input, LEN in UTF-8 bytes), ``1:COLS:ROWS:`` (resize) and
``2`` (ping), and receives the terminal's raw output.

Behind it a shell-like responder (``DemoShell``): a banner, a prompt ``root@<host>:~# ``, echo
of typed characters, line editing with Backspace, and canned answers for ``ls``, ``hostname``,
``uname -a``, ``whoami``, ``echo``, ``stty size`` (from the last resize), ``clear`` and
``exit``; anything else is ``command not found``.

PVE's rules, as the demo keeps them: ``POST /nodes/{node}/termproxy`` and its websocket need
Sys.Console on ``/nodes/{node}`` (pve-manager PVE/API2/Nodes.pm); a guest's need VM.Console
(qemu-server, pve-container); a stopped container has no terminal (``CT 201 not running``);
a VM's terminal is its serial port (``serialN: socket``).

For tests: ``vt_term_sizes[key]`` the last (cols, rows) a client sent, ``vt_term_input[key]``
the text typed, ``vt_term_frames[key]`` every frame; ``key`` is the vmid, or the node's name;
``vt_term_tickets`` every container and node terminal ticket handed out.
``vt_close_terminals(key)`` closes the open terminals (call on the demo's loop thread).
"""

import asyncio
import hmac
import re
import secrets
import time

import aiohttp
from aiohttp import web
from fakepve import PveError

__all__ = ['DemoShell', 'DemoTerminalMixin']

_SERIAL = re.compile(r'^serial[0-3]$')
KERNEL = '6.8.12-4-pve'
UNAME = 'Linux {0} ' + KERNEL + ' #1 SMP PREEMPT_DYNAMIC PMX 6.8.12-4 (2024-11-06T15:04Z) x86_64 GNU/Linux'


class DemoShell:
    """A shell-like responder: feed it input, it answers what a terminal would show."""

    LS = 'bin  boot  dev  etc  home  lib  media  mnt  opt  proc  root  run  srv  sys  tmp  usr  var'

    def __init__(self, host, user='root', banner=''):
        self.host = host
        self.user = user
        self.banner = banner
        self.cols, self.rows = 80, 24
        self.line = ''
        self.closed = False

    def prompt(self):
        return '{0}@{1}:~{2} '.format(self.user, self.host, '#' if self.user == 'root' else '$')

    def greeting(self):
        return (self.banner + '\r\n' if self.banner else '') + self.prompt()

    def feed(self, text):
        """The output for typed text (one or more characters)."""
        out = []
        for ch in text:
            if ch in '\r\n':
                out.append('\r\n' + self._run(self.line.strip()))
                self.line = ''
            elif ch in '\x7f\b':
                if self.line:
                    self.line = self.line[:-1]
                    out.append('\b \b')
            elif ch == '\x03':
                self.line = ''
                out.append('^C\r\n' + self.prompt())
            elif ch == '\x04' and not self.line:
                out.append('logout\r\n')
                self.closed = True
            elif ch >= ' ':
                self.line += ch
                out.append(ch)
        return ''.join(out)

    def _run(self, command):
        words = command.split()
        if not words:
            return self.prompt()
        name = words[0]
        if name == 'exit' or name == 'logout':
            self.closed = True
            return 'logout\r\n'
        if name == 'clear':
            return '\x1b[H\x1b[2J' + self.prompt()
        answers = {
            'ls': self.LS,
            'hostname': self.host,
            'whoami': self.user,
            'pwd': '/root' if self.user == 'root' else '/home/' + self.user,
            'uname': UNAME.format(self.host) if words[1:] == ['-a'] else 'Linux',
            'echo': ' '.join(words[1:]),
            'stty': '{0} {1}'.format(self.rows, self.cols) if words[1:] == ['size'] else None,
        }
        answer = answers.get(name)
        if answer is None:
            answer = '-bash: {0}: command not found'.format(name)
        return answer + '\r\n' + self.prompt()


def _frames(data):
    """Split the client's bytes into (kind, fields) frames: ('0', text), ('1', cols, rows), ('2',)."""
    out = []
    while data:
        kind = data[:1]
        if kind == b'0':
            head, sep, rest = data[2:].partition(b':')
            if not sep or not head.isdigit():
                break
            size = int(head)
            out.append(('0', rest[:size].decode('utf-8', 'replace')))
            data = rest[size:]
        elif kind == b'1':
            parts = data[2:].split(b':', 2)
            if len(parts) < 3 or not parts[0].isdigit() or not parts[1].isdigit():
                break
            out.append(('1', int(parts[0]), int(parts[1])))
            data = parts[2]
        elif kind == b'2':
            out.append(('2',))
            data = data[1:]
        else:
            break
    return out


class DemoTerminalMixin:
    """Terminal endpoints of the demo cluster; see the module docstring."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.vt_term_sizes = {}     # key -> (cols, rows) the client last sent
        self.vt_term_input = {}     # key -> the text typed
        self.vt_term_frames = {}    # key -> every frame, as sent
        self.vt_term_sockets = {}   # key -> open terminal websockets
        self._vt_node_tickets = {}  # node -> (user, ticket, issued)
        self.vt_term_tickets = []   # every terminal ticket handed out (tests: none may reach a log)

    # ------------------------------------------------------------ routes

    def _lxc_routes(self, router, node):
        super()._lxc_routes(router, node)
        # Called once per API format with the '/nodes/{node}' prefix, before the catch-all.
        router.add_post(node + '/lxc/{vmid}/termproxy', self._vt_lxc_termproxy)
        router.add_post(node + '/termproxy', self._vt_node_termproxy)
        router.add_get(node + '/vncwebsocket', self._vt_node_vncwebsocket)

    async def _vt_lxc_termproxy(self, request):
        from fakepve.server import ok
        ct = self._vt_ct(request)
        if ct.status != 'running':
            raise PveError(500, 'CT {0} not running'.format(ct.vmid))
        ct.vt_vncticket = 'PVEVNC:{0}'.format(secrets.token_hex(8))
        ct.vt_vncuser = self._vt_user(request)
        ct.vt_vncissued = time.time()
        ct.vt_terminal = True
        self.vt_term_tickets.append(ct.vt_vncticket)
        return ok({'ticket': ct.vt_vncticket, 'port': '5900', 'user': ct.vt_vncuser,
                   'upid': 'UPID:{0}:termproxy:{1}:'.format(ct.node, ct.vmid)})

    async def _vt_lxc_vncproxy(self, request):
        ct = self._vt_ct(request)
        ct.vt_terminal = False
        return await super()._vt_lxc_vncproxy(request)

    async def _vt_console_ws(self, request, guest, secret, qemu):
        if getattr(guest, 'vt_terminal', False):
            return await self._vt_term_ws(request, guest.vmid, guest.vt_vncuser, secret, guest.name,
                                          'Debian GNU/Linux 12 {0} tty1'.format(guest.name))
        return await super()._vt_console_ws(request, guest, secret, qemu)

    async def _termproxy(self, request):
        vm = self._vm(request, 'VM.Console')
        if vm.status != 'running':
            raise PveError(500, 'VM {0} not running'.format(vm.vmid))
        if not any(_SERIAL.match(key) for key in vm.config):
            # qemu-server: `qm terminal` needs a configured serial port.
            raise PveError(500, 'unable to find a serial interface')
        return await super()._termproxy(request)

    async def _vncwebsocket(self, request):
        vm = self._vm(request, 'VM.Console')
        if getattr(vm, 'rfb', True):
            return await super()._vncwebsocket(request)
        user, ticket = self._take_vnc_ticket(request, vm)
        return await self._vt_term_ws(request, vm.vmid, user, ticket, vm.name,
                                      'starting serial terminal on interface serial0')

    async def _vt_node_termproxy(self, request):
        from fakepve.server import ok
        node = self._vt_node(request)
        user = self._vt_user(request)
        ticket = 'PVEVNC:{0}'.format(secrets.token_hex(8))
        self._vt_node_tickets[node] = (user, ticket, time.time())
        self.vt_term_tickets.append(ticket)
        return ok({'ticket': ticket, 'port': '5900', 'user': user, 'upid': 'UPID:{0}:vncshell::'.format(node)})

    async def _vt_node_vncwebsocket(self, request):
        node = self._vt_node(request)
        user, ticket, issued = self._vt_node_tickets.pop(node, (None, '', 0))
        given = request.query.get('vncticket') or ''
        if not (ticket and time.time() - issued < self.vnc_ticket_ttl and user == self._vt_user(request)
                and hmac.compare_digest(given.encode(), ticket.encode())):
            raise PveError(401, 'permission denied - invalid PVEVNC ticket')
        return await self._vt_term_ws(request, node, user, ticket, node,
                                      UNAME.format(node) + '\r\n\r\nThe programs included with the Debian '
                                      'GNU/Linux system are free software.')

    def _vt_node(self, request):
        node = request.match_info['node']
        if node not in self.nodes:
            raise PveError(500, "hostname lookup '{0}' failed - failed to get address info".format(node))
        self.require(self._vt_user(request), '/nodes/{0}'.format(node), 'Sys.Console')
        return node

    # ----------------------------------------------------------- serving

    async def _vt_term_ws(self, request, key, user, ticket, host, banner):
        ws = web.WebSocketResponse(protocols=('binary',))
        await ws.prepare(request)
        sockets = self.vt_term_sockets.setdefault(key, set())
        sockets.add(ws)
        try:
            hello = await ws.receive()
            text = hello.data if hello.type == aiohttp.WSMsgType.TEXT else \
                hello.data.decode('utf-8', 'replace') if hello.type == aiohttp.WSMsgType.BINARY else ''
            if text != '{0}:{1}\n'.format(user, ticket):
                return ws
            await ws.send_bytes(b'OK')
            shell = DemoShell(host, user.split('@')[0], banner)
            await ws.send_bytes(shell.greeting().encode())
            async for message in ws:
                if message.type == aiohttp.WSMsgType.TEXT:
                    data = message.data.encode()
                elif message.type == aiohttp.WSMsgType.BINARY:
                    data = message.data
                else:
                    break
                out = self._vt_term_frames(key, shell, data)
                if out:
                    await ws.send_bytes(out.encode())
                if shell.closed:
                    break
        except (ConnectionError, OSError):
            pass
        finally:
            sockets.discard(ws)
            if not ws.closed:
                await ws.close()
        return ws

    def _vt_term_frames(self, key, shell, data):
        out = []
        self.vt_term_frames.setdefault(key, []).append(data.decode('utf-8', 'replace'))
        for frame in _frames(data):
            if frame[0] == '0':
                self.vt_term_input[key] = self.vt_term_input.get(key, '') + frame[1]
                out.append(shell.feed(frame[1]))
            elif frame[0] == '1':
                shell.cols, shell.rows = frame[1], frame[2]
                self.vt_term_sizes[key] = (frame[1], frame[2])
        return ''.join(out)

    async def stop(self):
        # Open terminals would hold the server's shutdown until aiohttp's timeout (60 s).
        sockets = [ws for group in self.vt_term_sockets.values() for ws in group]
        for ws in sockets:
            try:
                await asyncio.wait_for(ws.close(), 2)
            except (TimeoutError, ConnectionError, OSError):
                pass
        await super().stop()

    def vt_close_terminals(self, key):
        """Close every open terminal of this guest (vmid) or node, as a restarting proxy would.
        Call on the demo's loop thread (``served.loop.call_soon_threadsafe``)."""
        for ws in list(self.vt_term_sockets.get(key, ())):
            asyncio.ensure_future(ws.close())

"""Demo consoles with a live screen: the ``vncproxy``/``vncwebsocket`` side of the demo cluster.

``VtConsoleMixin`` sits in ``DemoPve``'s bases, before ``FakePve``. For every console
websocket it first does what PVE's ``vncwebsocket`` + ``vncproxy`` pair does towards the
client: RFB 3.8 with VNC authentication (type 2) whose password is the console ticket, as
PVE's web UI expects. Behind that handshake the screen comes from one of two places:

- **QEMU** (when ``qemu-system-x86_64`` is on PATH, for running VMs): one real QEMU process
  per VM, started on the first console open (``-display none -vnc unix:<socket>``,
  ``-nodefaults -vga std``, no disk, 32 MiB, TCG), so the firmware screen is live and takes
  keys. The relay terminates the VNC authentication itself (it checked the ticket already),
  then speaks to QEMU's socket without authentication (security type None) and copies the
  bytes both ways. QEMU is stopped when the guest stops or reboots and when the demo stops
  (and, on Linux, dies with the demo's thread that started it: PR_SET_PDEATHSIG).
- **A small built-in screen** otherwise (containers, or no QEMU): an 80x25 text console
  (640x400, 8x16 font from ``console_font.py``) with the distribution's getty banner and a
  login prompt that echoes what is typed, sent raw whenever it changed and a
  FramebufferUpdateRequest is waiting. fakepve's own RFB server sends one frame and then
  closes, which a reconnecting client would take for a dropped connection.

When a guest stops or starts anew (reboot, reset), its open consoles are cut, as PVE's proxy
goes away with the guest's QEMU process; the client reconnects.

Both paths keep the key events the client sent in ``vt_console_keys[vmid]`` (a list of
``(keysym, down)``), so tests can see that Ctrl+Alt+Del arrived, and with the QEMU scancode in
``vt_console_scancodes[vmid]`` (``(keysym, scancode, down)``; 0 for a plain KeyEvent): the
built-in screen announces QEMU's extended key events as QEMU does. Clipboard texts a client
sends go to ``vt_console_cut_text[vmid]`` (demo/key_log.py). ``vt_drop_consoles(vmid)``
cuts the open websockets of a guest abruptly, as a network failure would.

Containers get the same ``vncproxy``/``vncwebsocket`` pair (fakepve answers them generically).
Real PVE refuses a console for a stopped guest (``VM 100 not running``); so does the demo.
"""

import asyncio
import hmac
import os
import secrets
import shutil
import struct
import sys
import tempfile
import time

import aiohttp
from aiohttp import web
from fakepve import PveError

from .key_log import KeyLog
from .text_screen import SCREEN_H, SCREEN_W, TextScreen

__all__ = ['VtConsoleMixin', 'qemu_binary']

QEMU = 'qemu-system-x86_64'
QEMU_EXT_KEY = -258                 # the pseudo-encoding announcing QEMU extended key events


def qemu_binary():
    """Path of qemu-system-x86_64, or None."""
    return shutil.which(QEMU)


def _die_with_parent():
    """In the QEMU child before exec (Linux): get SIGKILL when the demo's thread that started it
    ends, so a demo killed hard leaves no QEMU behind."""
    try:
        import ctypes
        import signal
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _vnc_response(secret, challenge):
    """The VNC authentication answer: DES of the challenge keyed by the password's first 8 bytes,
    each byte's bits reversed (the VNC quirk)."""
    from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
    from cryptography.hazmat.primitives.ciphers import Cipher, modes
    key = (secret.encode() + b'\0' * 8)[:8]
    key = bytes(int('{:08b}'.format(b)[::-1], 2) for b in key)
    enc = Cipher(TripleDES(key * 3), modes.ECB()).encryptor()
    return enc.update(challenge) + enc.finalize()


class _WsStream:
    """Read exact byte counts from a websocket of binary frames."""

    def __init__(self, ws):
        self.ws = ws
        self.buf = b''

    async def read(self, size):
        while len(self.buf) < size:
            chunk = await self.more()
            self.buf += chunk
        data, self.buf = self.buf[:size], self.buf[size:]
        return data

    async def more(self):
        frame = await self.ws.receive()
        if frame.type != aiohttp.WSMsgType.BINARY:
            raise ConnectionError('console client went away')
        return frame.data


class _KeyTap:
    """Follow the client-to-server RFB messages in a byte stream and record key events.

    Knows the lengths of the messages noVNC sends; on anything else it stops following
    (the bytes are still relayed, only the key log ends).
    """

    def __init__(self, log):
        self.log = log
        self.buf = b''
        self.init_done = False
        self.lost = False

    def feed(self, data):
        if self.lost:
            return
        self.buf += data
        while not self.lost:
            used = self._one()
            if not used:
                return
            self.buf = self.buf[used:]

    def _one(self):
        b = self.buf
        if not b:
            return 0
        if not self.init_done:          # ClientInit: the shared flag
            self.init_done = True
            return 1
        kind = b[0]
        fixed = {0: 20, 3: 10, 5: 6, 150: 10, 250: 4}
        if kind in fixed:
            return fixed[kind] if len(b) >= fixed[kind] else 0
        if kind == 2:                   # SetEncodings
            if len(b) < 4:
                return 0
            size = 4 + 4 * struct.unpack('>H', b[2:4])[0]
            return size if len(b) >= size else 0
        if kind == 4:                   # KeyEvent
            if len(b) < 8:
                return 0
            down, sym = struct.unpack('>BxxI', b[1:8])
            self.log.add(sym, 0, bool(down))
            return 8
        if kind == 6:                   # ClientCutText (negative length: extended)
            if len(b) < 8:
                return 0
            length = struct.unpack('>i', b[4:8])[0]
            size = 8 + abs(length)
            if len(b) >= size and length >= 0:   # not the extended (compressed) clipboard
                self.log.cut(b[8:size])
            return size if len(b) >= size else 0
        if kind == 248:                 # ClientFence
            if len(b) < 9:
                return 0
            size = 9 + b[8]
            return size if len(b) >= size else 0
        if kind == 251:                 # SetDesktopSize
            if len(b) < 8:
                return 0
            size = 8 + 16 * b[6]
            return size if len(b) >= size else 0
        if kind == 255 and len(b) >= 2 and b[1] == 0:   # QEMU extended key event
            if len(b) < 12:
                return 0
            down, sym, code = struct.unpack('>HII', b[2:12])
            self.log.add(sym, code, bool(down))
            return 12
        if kind == 255 and len(b) < 2:
            return 0
        self.lost = True
        return 0


class _Qemu:
    """One QEMU process showing its firmware screen on a VNC unix socket."""

    def __init__(self, vmid, name, started_at):
        self.vmid = vmid
        self.name = name
        self.started_at = started_at      # the guest's start this process belongs to
        self.dir = tempfile.mkdtemp(prefix='virton-qemu-{0}-'.format(vmid))
        self.socket = os.path.join(self.dir, 'vnc.sock')
        self.proc = None

    async def start(self):
        self.proc = await asyncio.create_subprocess_exec(
            qemu_binary(), '-nodefaults', '-no-user-config', '-vga', 'std', '-display', 'none',
            '-vnc', 'unix:' + self.socket, '-m', '32', '-machine', 'accel=tcg', '-name', self.name,
            '-boot', 'menu=on,splash-time=30000', '-monitor', 'none', '-serial', 'none',
            '-parallel', 'none', stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
            preexec_fn=_die_with_parent if sys.platform.startswith('linux') else None)
        for _ in range(500):                 # up to 10 s for the socket to appear
            if os.path.exists(self.socket) or self.proc.returncode is not None:
                break
            await asyncio.sleep(0.02)
        if not os.path.exists(self.socket):
            self.stop()
            raise ConnectionError('QEMU did not start')

    @property
    def alive(self):
        return self.proc is not None and self.proc.returncode is None

    def stop(self):
        if self.alive:
            try:
                self.proc.kill()
            except ProcessLookupError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)


class VtConsoleMixin:
    """Console endpoints of the demo cluster; see the module docstring."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # None: use QEMU when installed; False: always the built-in screen (tests may set it).
        self.vt_console_qemu = None
        self.vt_console_ext_key_delay = 0.0   # seconds the built-in screen waits to announce scancodes
        self.vt_console_keys = {}       # vmid -> [(keysym, down), ...] as clients sent them
        self.vt_console_scancodes = {}  # vmid -> [(keysym, QEMU scancode or 0, down), ...]
        self.vt_console_cut_text = {}   # vmid -> [text, ...] the clients' ClientCutText (clipboard)
        self.vt_console_sockets = {}    # vmid -> set of open console websockets
        self.vt_console_opened = {}     # vmid -> websockets that got past authentication
        self._vt_qemus = {}             # vmid -> _Qemu
        self._vt_qemu_watch = None
        self._vt_console_started = {}   # websocket -> the guest's started_at when it opened

    # ------------------------------------------------------------ routes

    def _lxc_routes(self, router, node):
        super()._lxc_routes(router, node)
        # Before the catch-all, so they win over fakepve's generic answers.
        router.add_post(node + '/lxc/{vmid}/vncproxy', self._vt_lxc_vncproxy)
        router.add_get(node + '/lxc/{vmid}/vncwebsocket', self._vt_lxc_vncwebsocket)

    async def _vncproxy(self, request):
        vm = self._vm(request, 'VM.Console')
        if vm.status != 'running':
            raise PveError(500, 'VM {0} not running'.format(vm.vmid))
        return await super()._vncproxy(request)

    async def _vncwebsocket(self, request):
        vm = self._vm(request, 'VM.Console')
        if not getattr(vm, 'rfb', False):       # a termproxy ticket: fakepve's terminal
            return await super()._vncwebsocket(request)
        user, ticket = self._take_vnc_ticket(request, vm)
        return await self._vt_console_ws(request, vm, vm.vncpassword or ticket, qemu=True)

    def _vt_ct(self, request):
        try:
            vmid = int(request.match_info['vmid'])
        except ValueError:
            raise PveError(400, 'Parameter verification failed.', {'vmid': 'type check failed'}) from None
        ct = self.ct(vmid)
        if ct is None or ct.node != request.match_info['node']:
            raise PveError(500, "Configuration file 'nodes/{0}/lxc/{1}.conf' does not exist".format(
                request.match_info['node'], vmid))
        self.require(self._vt_user(request), '/vms/{0}'.format(vmid), 'VM.Console')
        return ct

    @staticmethod
    def _vt_user(request):
        from fakepve.server import USER
        return request[USER]

    async def _vt_lxc_vncproxy(self, request):
        from fakepve.server import ok
        ct = self._vt_ct(request)
        if ct.status != 'running':
            raise PveError(500, 'CT {0} not running'.format(ct.vmid))
        ct.vt_vncticket = 'PVEVNC:{0}'.format(secrets.token_hex(8))
        ct.vt_vncuser = self._vt_user(request)
        ct.vt_vncissued = time.time()
        return ok({'ticket': ct.vt_vncticket, 'port': '5900', 'user': ct.vt_vncuser, 'cert': '',
                   'upid': 'UPID:{0}:vncproxy:{1}:'.format(ct.node, ct.vmid)})

    async def _vt_lxc_vncwebsocket(self, request):
        ct = self._vt_ct(request)
        ticket = getattr(ct, 'vt_vncticket', None)
        given = request.query.get('vncticket') or ''
        fresh = time.time() - getattr(ct, 'vt_vncissued', 0) < self.vnc_ticket_ttl
        if not (ticket and fresh and self._vt_user(request) == ct.vt_vncuser
                and hmac.compare_digest(given.encode(), ticket.encode())):
            raise PveError(401, 'permission denied - invalid PVEVNC ticket')
        ct.vt_vncticket = None                    # one connection per ticket, as PVE
        return await self._vt_console_ws(request, ct, ticket, qemu=False)

    # ----------------------------------------------------------- serving

    async def _vt_console_ws(self, request, guest, secret, qemu):
        ws = web.WebSocketResponse(protocols=('binary',))
        await ws.prepare(request)
        sockets = self.vt_console_sockets.setdefault(guest.vmid, set())
        sockets.add(ws)
        try:
            stream = _WsStream(ws)
            if await self._vt_authenticate(ws, stream, secret):
                self._vt_console_started[ws] = guest.started_at
                self._vt_start_watch()
                self.vt_console_opened[guest.vmid] = self.vt_console_opened.get(guest.vmid, 0) + 1
                keys = KeyLog(*(logs.setdefault(guest.vmid, []) for logs in (
                    self.vt_console_keys, self.vt_console_scancodes, self.vt_console_cut_text)))
                use_qemu = qemu and self.vt_console_qemu is not False and qemu_binary()
                if use_qemu:
                    await self._vt_relay(ws, stream, guest, keys)
                else:
                    await self._vt_builtin_screen(ws, stream, guest, keys)
        except (ConnectionError, asyncio.IncompleteReadError, OSError):
            pass
        finally:
            sockets.discard(ws)
            self._vt_console_started.pop(ws, None)
            if not ws.closed:
                await ws.close()
        return ws

    @staticmethod
    async def _vt_authenticate(ws, stream, secret):
        """The server half of RFB 3.8 up to SecurityResult, with VNC auth against the ticket."""
        await ws.send_bytes(b'RFB 003.008\n')
        if await stream.read(12) != b'RFB 003.008\n':
            return False
        await ws.send_bytes(b'\x01\x02')
        if await stream.read(1) != b'\x02':
            return False
        challenge = secrets.token_bytes(16)
        await ws.send_bytes(challenge)
        if not hmac.compare_digest(await stream.read(16), _vnc_response(secret, challenge)):
            reason = b'Authentication failed'
            await ws.send_bytes(struct.pack('>II', 1, len(reason)) + reason)
            return False
        await ws.send_bytes(struct.pack('>I', 0))
        return True

    def vt_drop_consoles(self, vmid):
        """Cut every open console websocket of this guest, as a network failure would.
        Call on the demo's loop thread (``served.loop.call_soon_threadsafe``)."""
        for ws in list(self.vt_console_sockets.get(vmid, ())):
            self._vt_abort(ws)

    @staticmethod
    def _vt_abort(ws):
        transport = ws._req.transport if ws._req is not None else None  # noqa: SLF001
        if transport is not None:
            transport.abort()

    # --- QEMU relay

    async def _vt_qemu_for(self, vm):
        qemu = self._vt_qemus.get(vm.vmid)
        if qemu is not None and (not qemu.alive or qemu.started_at != vm.started_at):
            qemu.stop()
            qemu = None
        if qemu is None:
            qemu = _Qemu(vm.vmid, vm.name, vm.started_at)
            self._vt_qemus[vm.vmid] = qemu
            await qemu.start()
        self._vt_start_watch()
        return qemu

    def _vt_start_watch(self):
        if self._vt_qemu_watch is None or self._vt_qemu_watch.done():
            self._vt_qemu_watch = asyncio.ensure_future(self._vt_watch())

    async def _vt_watch(self):
        """When a guest stops or starts anew (reboot, reset): cut its consoles, as PVE's proxy
        goes away with the QEMU process, and stop the demo's QEMU for it."""
        while self._vt_qemus or any(self.vt_console_sockets.values()):
            await asyncio.sleep(0.25)
            for vmid, qemu in list(self._vt_qemus.items()):
                vm = self.vm(vmid)
                if vm is None or vm.status != 'running' or vm.started_at != qemu.started_at or not qemu.alive:
                    qemu.stop()
                    del self._vt_qemus[vmid]
            for vmid, sockets in list(self.vt_console_sockets.items()):
                guest = self.vm(vmid) or self.ct(vmid)
                for ws in list(sockets):
                    if guest is None or guest.status != 'running' or \
                            self._vt_console_started.get(ws) != guest.started_at:
                        self._vt_abort(ws)

    def vt_stop_qemus(self):
        """Kill every demo QEMU (the demo is closing)."""
        for qemu in self._vt_qemus.values():
            qemu.stop()
        self._vt_qemus.clear()

    async def stop(self):
        procs = [q.proc for q in self._vt_qemus.values() if q.proc is not None]
        self.vt_stop_qemus()
        for proc in procs:              # reap them while the loop still runs
            try:
                await asyncio.wait_for(proc.wait(), 5)
            except TimeoutError:
                pass
        if self._vt_qemu_watch is not None:
            self._vt_qemu_watch.cancel()
        await super().stop()

    async def _vt_relay(self, ws, stream, vm, keys):
        qemu = await self._vt_qemu_for(vm)
        reader, writer = await asyncio.open_unix_connection(qemu.socket)
        try:
            # QEMU's side of the handshake, without authentication.
            if (await reader.readexactly(12))[:4] != b'RFB ':
                return
            writer.write(b'RFB 003.008\n')
            count = (await reader.readexactly(1))[0]
            types = await reader.readexactly(count)
            if 1 not in types:
                return
            writer.write(b'\x01')
            if struct.unpack('>I', await reader.readexactly(4))[0] != 0:
                return
            tap = _KeyTap(keys)

            async def client_to_qemu():
                if stream.buf:
                    tap.feed(stream.buf)
                    writer.write(stream.buf)
                    stream.buf = b''
                while True:
                    data = await stream.more()
                    tap.feed(data)
                    writer.write(data)
                    await writer.drain()

            async def qemu_to_client():
                while True:
                    data = await reader.read(65536)
                    if not data:
                        return
                    await ws.send_bytes(data)

            tasks = [asyncio.ensure_future(client_to_qemu()), asyncio.ensure_future(qemu_to_client())]
            done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            for task in pending:
                task.cancel()
            for task in done:
                if task.exception() is not None and not isinstance(task.exception(), (ConnectionError, OSError)):
                    raise task.exception()
        finally:
            writer.close()

    # --- built-in screen

    async def _vt_builtin_screen(self, ws, stream, guest, keys):
        await stream.read(1)                       # ClientInit
        name = (guest.name or str(guest.vmid)).encode()
        # 32 bpp, depth 24, little endian, true colour, red at bit 16 (the client may ask otherwise).
        await ws.send_bytes(struct.pack('>HHBBBBHHHBBBxxxI', SCREEN_W, SCREEN_H, 32, 24, 0, 1,
                                        255, 255, 255, 16, 8, 0, len(name)) + name)
        screen = TextScreen(guest, is_vm=self.vm(guest.vmid) is guest)
        fmt = (16, 8, 0, False)
        pending = None                              # the last FramebufferUpdateRequest: incremental?
        drawn = -1                                  # screen.version on the last frame sent
        while True:
            kind = (await stream.read(1))[0]
            if kind == 0:                           # SetPixelFormat
                data = await stream.read(19)
                fmt = (data[13], data[14], data[15], bool(data[5]))
            elif kind == 2:
                count = struct.unpack('>xH', await stream.read(3))[0]
                wanted = struct.unpack('>{0}i'.format(count), await stream.read(4 * count))
                if QEMU_EXT_KEY in wanted:
                    # As QEMU does: acknowledge extended key events (scancodes) with a
                    # FramebufferUpdate holding just that pseudo-rectangle.
                    ack = struct.pack('>BxHHHHHi', 0, 1, 0, 0, 0, 0, QEMU_EXT_KEY)
                    if self.vt_console_ext_key_delay:   # a busy host: announced after the first frame
                        asyncio.get_running_loop().call_later(
                            self.vt_console_ext_key_delay, lambda a=ack: asyncio.ensure_future(ws.send_bytes(a)))
                    else:
                        await ws.send_bytes(ack)
            elif kind == 3:
                incremental = (await stream.read(9))[0]
                pending = bool(incremental) if pending is None else (pending and bool(incremental))
            elif kind == 4:
                down, sym = struct.unpack('>BxxI', await stream.read(7))
                keys.add(sym, 0, bool(down))
                screen.key(sym, bool(down))
            elif kind == 5:
                await stream.read(5)
            elif kind == 6:
                length = struct.unpack('>xxxi', await stream.read(7))[0]
                data = await stream.read(abs(length))
                if length >= 0:                     # not the extended (compressed) clipboard
                    keys.cut(data)
            elif kind == 255:
                sub = (await stream.read(1))[0]
                if sub != 0:
                    return
                down, sym, code = struct.unpack('>HII', await stream.read(10))
                keys.add(sym, code, bool(down))
                screen.key(sym, bool(down))
            else:
                return                              # unknown message: the stream cannot be followed
            if pending is not None and (pending is False or screen.version != drawn):
                pixels = screen.render(fmt)
                await ws.send_bytes(struct.pack('>BxHHHHHi', 0, 1, 0, 0, SCREEN_W, SCREEN_H, 0) + pixels)
                drawn, pending = screen.version, None

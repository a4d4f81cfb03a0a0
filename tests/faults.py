"""Ways to make the demo cluster misbehave beyond `vt_answer`/`vt_trickle`/`vt_latency`:
hang (until healed), reset the connection, restart the server. Test tools only."""

from __future__ import annotations

import asyncio
import os
import socket
import struct

from aiohttp import web


class Hang:
    """`method path` gets no answer at all until `release()` (or the demo's `vt_heal()`).
    `arrived` counts the requests that are hanging or have hung."""

    def __init__(self, demo, method: str, path: str):
        self._pve = demo.pve
        self._key = (method, "/api2/json" + path)
        self.arrived = 0
        self._pve.vt_faults[self._key] = self._hang

    async def _hang(self, request):
        self.arrived += 1
        while self._pve.vt_faults.get(self._key) == self._hang:  # healed or released: answer for real
            await asyncio.sleep(0.05)
        return web.json_response({"data": None}, status=503, reason="released by the test")

    def release(self) -> None:
        self._pve.vt_faults.pop(self._key, None)


def reset_connections(demo, method: str, path: str) -> None:
    """`method path` is answered by a TCP reset (RST), until `vt_heal()`."""

    async def reset(request):
        sock = request.transport.get_extra_info("socket")
        if sock is not None:  # linger 0: close sends RST instead of FIN
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        request.transport.abort()
        raise asyncio.CancelledError  # the handler ends; aiohttp has nothing left to write

    demo.pve.vt_faults[(method, "/api2/json" + path)] = reset


def stop_serving(demo) -> None:
    """The server goes away (connections refused) with its state kept, as a restarting pveproxy."""
    demo.call(demo.pve.stop())


def serve_again(demo) -> None:
    """Listen again on the same port with the same certificate (the pinned fingerprint holds)."""
    key = os.path.join(os.path.dirname(demo.cafile), "virton-demo.key")
    demo.call(demo.pve.start(demo.cafile, key))


# What the headless test platform (offscreen, no GPU) says about itself, not about our code.
PLATFORM_NOISE = ("This plugin does not support", "QRhiGles2: Failed to create", "Failed to create RHI",
                  "GPUInfo not initialized")


class Escapes:
    """What escaped while it was active: exceptions in threads (`threading.excepthook`),
    exceptions nobody could raise (`sys.unraisablehook`: destructors, callbacks of deleted
    objects) and Qt's warnings and worse (`qInstallMessageHandler`), e.g. "QThread: Destroyed
    while thread is still running" or "Signal source has been deleted"."""

    def __init__(self, ignore: tuple[str, ...] = PLATFORM_NOISE):
        self.caught: list[str] = []
        self._ignore = ignore

    def _qt(self, mode, context, message):
        from PySide6.QtCore import QtMsgType

        if mode != QtMsgType.QtDebugMsg and mode != QtMsgType.QtInfoMsg and \
                not any(part in message for part in self._ignore):
            self.caught.append("Qt {0}: {1}".format(mode.name, message))

    def __enter__(self):
        import sys
        import threading

        from PySide6.QtCore import qInstallMessageHandler

        self._saved = (threading.excepthook, sys.unraisablehook)
        threading.excepthook = lambda args: self.caught.append(
            "thread {0}: {1!r}".format(args.thread.name if args.thread else "?", args.exc_value))
        sys.unraisablehook = lambda args: self.caught.append(
            "unraisable: {0!r} ({1})".format(args.exc_value, args.err_msg))
        self._saved_qt = qInstallMessageHandler(self._qt)
        return self

    def __exit__(self, *exc):
        import sys
        import threading

        from PySide6.QtCore import qInstallMessageHandler

        threading.excepthook, sys.unraisablehook = self._saved
        qInstallMessageHandler(self._saved_qt)

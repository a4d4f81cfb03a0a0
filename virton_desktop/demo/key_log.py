"""Where the demo's VNC server writes what a console client sent (demo/console.py), for tests."""

from __future__ import annotations


class KeyLog:
    """One guest's logs: ``keys`` gets ``(keysym, down)``, ``scancodes`` gets ``(keysym, QEMU
    scancode or 0 for a plain KeyEvent, down)``, ``cut_text`` the ClientCutText strings (the
    clipboard noVNC sends with ``clipboardPasteFrom``; Latin-1, as RFB defines them)."""

    def __init__(self, keys: list, scancodes: list, cut_text: list):
        self.keys, self.scancodes, self.cut_text = keys, scancodes, cut_text

    def add(self, sym: int, code: int, down: bool) -> None:
        self.keys.append((sym, down))
        self.scancodes.append((sym, code, down))

    def cut(self, data: bytes) -> None:
        self.cut_text.append(data.decode("latin-1"))

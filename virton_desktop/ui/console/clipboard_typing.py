"""Typing the clipboard into a VM's console on the guest's keyboard layout.

The guest turns the *scancodes* noVNC sends into characters with its own layout, so each
character becomes the physical key (and Shift/AltGr, or a dead key first) that types it on
that layout (`pve.keymaps.plan`). The layout is the VM's `keyboard` option until the user
picks another for this console. A text with characters the layout cannot type is not typed
at all (half a password is worse than none); the message names them.

A VM with `vga: ...,clipboard=vnc` (PVE >= 8.1) gets the text through noVNC's clipboard
instead (`ConsoleView.paste_clipboard`): the guest pastes it itself, with any characters.
Containers' consoles are terminals that read keysyms, not scancodes: they keep the plain
keysym typing.

The VM's config is read once per console; `config_loaded` tells the pane (SPICE, layout).
"""

from __future__ import annotations

import json

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from ...pve import api, errors, keymaps
from ...pve.entities import QEMU
from ...pve.spice import has_vnc_clipboard
from .. import kit


class ClipboardTyping(QObject):
    """Types text into one console (`view`: a ConsoleView) on the guest's layout."""

    message = Signal(str)
    config_loaded = Signal(dict)

    def __init__(self, view, parent=None):
        super().__init__(parent)
        self.view = view
        self.config: dict | None = None
        self.chosen: str | None = None     # the user's layout for this console; None: the VM's
        self._reply = None
        self._waiting: str | None = None   # text to type once the config is here

    # ---------------------------------------------------------------- API

    @property
    def is_vm(self) -> bool:
        return self.view.instance.type == QEMU

    @property
    def vm_layout(self) -> str:
        return keymaps.layout_for((self.config or {}).get("keyboard"))

    @property
    def layout(self) -> str:
        return self.chosen or self.vm_layout

    @property
    def uses_vnc_clipboard(self) -> bool:
        return self.config is not None and has_vnc_clipboard(self.config)

    def load_config(self) -> None:
        """Read the VM's config (once; again after a failure)."""
        if not self.is_vm or self.config is not None or self._reply is not None:
            return
        reply = self.view.session.run(api.guest_config(self.view.instance))
        self._reply = reply
        reply.then(self, self._on_config)

    def choose_layout(self, name: str | None) -> None:
        self.chosen = name if name in keymaps.LAYOUT_NAMES else None

    def type_text(self, text: str) -> None:
        if not self.is_vm:
            self.view.type_text(text)
            return
        if self.config is None:
            self._waiting = text
            self.load_config()
            return
        if self.uses_vnc_clipboard and self.chosen is None:
            self.view.paste_clipboard(text)
            self.message.emit(self.tr("The text is in the guest's clipboard (VNC clipboard): paste it there."))
            return
        plan = keymaps.plan(text, self.layout)
        if plan.refused:
            self.message.emit(kit.fmt(self.tr("Nothing was typed: the %1 layout has no keys for %2. "
                                              "Choose another layout under Keyboard, or type those by hand."),
                                      self.layout_title(self.layout), " ".join(plan.refused)))
            return
        self.view.bridge.typeStrokes.emit(json.dumps([[list(key) for key in stroke.keys] for stroke in plan.strokes]))

    def layout_title(self, name: str) -> str:
        titles = {"en-us": self.tr("English (US)"), "en-gb": self.tr("English (UK)"), "de": self.tr("German"),
                  "de-ch": self.tr("German (Switzerland)"), "fr": self.tr("French (AZERTY)"),
                  "es": self.tr("Spanish"), "it": self.tr("Italian"), "cz": self.tr("Czech (QWERTZ)")}
        return titles.get(name, name)

    def layout_menu(self, parent) -> QMenu:
        """The per-console layout choice: the VM's own, or one of the tables."""
        menu = QMenu(self.tr("Keyboard layout"), parent)
        menu.setObjectName("consoleLayoutMenu")
        group = QActionGroup(menu)
        own = QAction(self.tr("As the VM's keyboard option"), menu)
        own.setObjectName("consoleLayout_vm")
        own.setCheckable(True)
        own.setChecked(True)
        own.triggered.connect(lambda: self.choose_layout(None))
        group.addAction(own)
        menu.addAction(own)
        menu.addSeparator()
        for name in keymaps.LAYOUT_NAMES:
            act = QAction(self.layout_title(name), menu)
            act.setObjectName("consoleLayout_" + name)
            act.setCheckable(True)
            act.triggered.connect(lambda _=False, n=name: self.choose_layout(n))
            group.addAction(act)
            menu.addAction(act)
        return menu

    # ------------------------------------------------------------ helpers

    def _on_config(self, data, error) -> None:
        self._reply = None
        waiting, self._waiting = self._waiting, None
        if error is not None:
            if waiting is not None:
                self.message.emit(kit.fmt(self.tr("The VM's keyboard layout could not be read: %1"),
                                          errors.describe(error)))
            return
        self.config = dict(data)
        self.config_loaded.emit(self.config)
        if waiting is not None:
            self.type_text(waiting)

"""Glue for the main window: ask VM or container, open the wizard, select the new guest once listed.

    from .wizards.launch import start_create
    action.triggered.connect(lambda: start_create(self, self._session_for_create()))

Kept out of `main_window.py` so the window only wires an action to it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from .choose_kind import ask_guest_kind
from .create_ct import CreateCtWizard
from .create_vm import CreateVmWizard

# Polls to wait for a new guest to show up in the list before giving up selecting it.
SELECT_POLLS = 5


def open_wizard(kind: str, session, parent=None, privileges=None):
    """The (shown, non-modal) wizard for "qemu" or "lxc" on `session`; `privileges` (the login's,
    from the registry) guide the pool choice."""
    wizard = (CreateVmWizard if kind == "qemu" else CreateCtWizard)(session, parent, privileges=privileges)
    wizard.open()
    return wizard


def start_create(window, session, kind: str | None = None, privileges=None):
    """Ask VM or CT (unless `kind` is given), open its wizard on `session`, and select the guest in
    `window.page` when it appears. Returns the wizard, or None when the user cancelled."""
    kind = kind or ask_guest_kind(window)
    if kind is None or session is None:
        return None
    wizard = open_wizard(kind, session, window, privileges)
    wizard.created.connect(lambda cluster, vmid, _start: select_when_listed(window, session, (cluster, vmid)))
    return wizard


def select_when_listed(window, session, key) -> None:
    """Select `key` in the guest list now, or after one of the next polls brings it."""
    if window.page.select(key):
        return
    watcher = QObject(window)
    left = [SELECT_POLLS]

    def polled(_delta):
        left[0] -= 1
        if window.page.select(key) or left[0] <= 0:
            session.instances_polled.disconnect(polled)
            watcher.deleteLater()

    # Connected after the window's own handler, so the model already holds the new guest.
    session.instances_polled.connect(polled)

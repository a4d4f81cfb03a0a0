"""Which console kinds a guest offers and which one opens by default, as PVE's web UI decides.

pve-manager www/manager6/Utils.js `defaultViewer(consoles)`: the datacenter's `console` option,
else xterm.js; xterm.js only where allowed (containers always; VMs with a serial port), else
noVNC. SPICE is not among our kinds, so PVE's fall-back from it (xterm.js where allowed, else
noVNC) applies to it too.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from ...pve.entities import LXC, RUNNING, Instance
from ...pve.text import fmt

log = logging.getLogger(__name__)

# What a console can be opened on besides guests (the pseudo guest type of a node's shell, see
# `node_target`), and the wall's size: here, free of QtWebEngine, for the main window's menus
# (the consoles load it when the first one opens).
NODE = "node"
MAX_TILES = 16  # the console wall's tiles at most


def engine_missing(exc: ImportError) -> str:
    """What to tell the user when QtWebEngine, which shows every console, does not load (the
    consoles load it when the first one opens; the rest of the app works without it)."""
    log.warning("QtWebEngine does not load: %s", exc)
    return fmt(QCoreApplication.translate(
        "Consoles", "Consoles cannot open: QtWebEngine, which shows them, is not installed or does not load "
        "(%1). Install PySide6-Addons with pip, or your distribution's QtWebEngine for PySide6, and start "
        "VirtOn Desktop again."), str(exc))


def node_target(cluster: str, node: str) -> Instance:
    """The node as a console target: its shell is always "running" while the node answers."""
    return Instance(cluster=cluster, vmid=0, name=node, type=NODE, node=node, status=RUNNING)

NOVNC, XTERM = "novnc", "xtermjs"
# The datacenter.cfg `console` values (`applet` is the old Java viewer: noVNC now).
_DATACENTER = {"html5": NOVNC, "applet": NOVNC, "xtermjs": XTERM, "vv": "vv"}


def offered(inst: Instance) -> tuple[str, ...]:
    """The kinds the guest can have: a container both; a VM noVNC, and xterm.js on its serial
    port (the terminal view checks the port when it connects)."""
    return (XTERM, NOVNC) if inst.type == LXC else (NOVNC, XTERM)


def default_kind(inst: Instance, datacenter_console: str = "", has_serial: bool = False) -> str:
    """PVE's defaultViewer: the datacenter's choice (xterm.js when unset) where the guest allows it."""
    allows_xterm = inst.type == LXC or has_serial
    wanted = _DATACENTER.get(datacenter_console or "xtermjs", XTERM)
    if wanted in (XTERM, "vv"):
        return XTERM if allows_xterm else NOVNC
    return NOVNC

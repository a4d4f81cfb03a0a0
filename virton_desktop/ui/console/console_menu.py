"""The guest menu's console entries beside "Console": the other console kind and the node's shell.

"Console" itself opens the kind PVE would open (console_kinds.default_kind); this adds the
other kind the guest offers ("Terminal (xterm.js)" or "Graphical console (noVNC)") and "Shell
on node X", gated like PVE: VM.Console on the guest, Sys.Console on /nodes/X (pve-manager
PVE/API2/Nodes.pm termproxy).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu

from ...pve.entities import Instance
from ...pve.permissions import Need, Privileges, missing
from .. import kit
from ..permission_gate import gate
from .console_kinds import NOVNC, XTERM, default_kind, offered


def kind_name(kind: str) -> str:
    if kind == XTERM:
        return QCoreApplication.translate("ConsoleMenu", "Terminal (xterm.js)")
    return QCoreApplication.translate("ConsoleMenu", "Graphical console (noVNC)")


def node_shell_need(privileges: Privileges, node: str) -> Need | None:
    return missing("node_shell", privileges, node=node)


def add_console_entries(menu: QMenu, inst: Instance, privileges: Privileges, possible: bool,
                        console_need: Need | None, open_console: Callable[[Instance, str], object],
                        open_shell: Callable[[str, str], object]) -> None:
    """Append the other console kinds of `inst` and its node's shell to the guest menu."""
    default = default_kind(inst)
    for kind in offered(inst):
        if kind == default:
            continue
        entry = menu.addAction(kit.fmt(QCoreApplication.translate("ConsoleMenu", "Open as %1"), kind_name(kind)))
        entry.setObjectName("menu-console-" + ("xterm" if kind == XTERM else "novnc"))
        gate(entry, possible, console_need)
        entry.triggered.connect(lambda _=False, i=inst, k=kind: open_console(i, k))
    shell = menu.addAction(kit.fmt(QCoreApplication.translate("ConsoleMenu", "Shell on node %1"), inst.node))
    shell.setObjectName("menu-console-node-shell")
    need = node_shell_need(privileges, inst.node)
    if need is not None:
        menu.setToolTipsVisible(True)  # the missing privilege is said on hover
    gate(shell, inst.status != "unknown", need)
    shell.triggered.connect(lambda _=False, c=inst.cluster, n=inst.node: open_shell(c, n))


__all__ = ["NOVNC", "XTERM", "add_console_entries", "kind_name", "node_shell_need"]

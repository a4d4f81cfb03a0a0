"""The guest menu's "Migrate to another cluster…" and following the guest to its new cluster.

Offered for one selected guest while at least two clusters are online here; gated by
VM.Migrate on the guest (`pve.permissions` "remote_migrate"); disabled for a locked or
HA-managed guest, which PVE refuses (Qemu.pm remote_migrate_vm: check_lock, "configured for HA").
The source task shows in the task panel like any other; `Arrival` selects the guest in the list
once the target cluster's poll lists it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QMenu, QWidget

from ...core.clusters import Clusters
from ...pve import ha
from ...pve.entities import Instance, Task
from ...session import SessionState
from ..permission_gate import gate, guest_need

if TYPE_CHECKING:  # the dialog's module is imported when it first opens
    from .remote_migrate import RemoteMigrateDialog


class Arrival(QObject):
    """Selects (cluster, vmid) with `select` once a poll lists it; ends when the source task fails."""

    def __init__(self, clusters: Clusters, upid: str, key: tuple[str, int], select: Callable[[tuple], bool],
                 parent: QObject):
        super().__init__(parent)
        self.upid, self.key, self._select = upid, key, select
        self._clusters = clusters
        clusters.guest_changed.connect(self._changed)
        clusters.task_changed.connect(self._task)

    def _changed(self, key) -> None:
        if tuple(key) == self.key and self._select(self.key):
            self._end()

    def _task(self, task: Task) -> None:
        if task.upid == self.upid and task.failed:
            self._end()

    def _end(self) -> None:
        self._clusters.guest_changed.disconnect(self._changed)
        self._clusters.task_changed.disconnect(self._task)
        self.deleteLater()


class RemoteMigrateEntry:
    """A menu extender for the guest list (`InstanceListPage.menu_extenders`) of `window`."""

    def __init__(self, window: QWidget):
        self.window = window

    def __call__(self, menu: QMenu, selected: list[Instance]) -> None:
        clusters: Clusters = self.window.clusters
        online = [s for s in clusters.sessions() if s.state == SessionState.ONLINE]
        if len(selected) != 1 or len(online) < 2:
            return
        inst = selected[0]
        action = menu.addAction(QCoreApplication.translate("RemoteMigrateEntry", "Migrate to another cluster…"))
        action.setObjectName("menu-remote-migrate")
        need = guest_need(clusters.privileges(inst.cluster), "remote_migrate", inst)
        if need is not None:
            menu.setToolTipsVisible(True)
        possible = not inst.lock and not ha.managed(inst)
        tip = "" if possible else QCoreApplication.translate(
            "RemoteMigrateEntry", "Proxmox VE does not migrate a locked or HA-managed guest to another cluster.")
        gate(action, possible, need, tip)
        action.triggered.connect(lambda _=False, i=inst: self.open(i))

    def open(self, inst: Instance) -> RemoteMigrateDialog | None:
        from .remote_migrate import RemoteMigrateDialog  # imported when first opened

        window = self.window
        source = window.clusters.get(inst.cluster)
        if source is None:
            return None
        connections = window.connections
        dialog = RemoteMigrateDialog(window.clusters, source, inst, connections.profiles, connections.secrets, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.started.connect(lambda upid, target, vmid: Arrival(
            window.clusters, upid, (target, vmid), window.page.select, window))
        dialog.open()
        return dialog

"""Where migration is offered: "Migrate…" in the guest row menu and the Guest menu (one guest:
`MigrateDialog`; several of one cluster: `BulkMigrateDialog`), and "Migrate all guests of node"
with a submenu of the connected clusters' nodes, also the context menu of the guest list's node
filter (the node contexts the window has).

Gated like every action PVE checks: VM.Migrate on /vms/{vmid} (qemu-server Qemu.pm and
pve-container LXC.pm migrate_vm and its GET precondition); a node's guests are checked each
(pve-manager Nodes.pm migrateall: VM.Migrate on / or on every guest passed in `vms`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QMenu, QWidget

from ...core.clusters import Clusters
from ...pve.entities import Instance
from ...pve.permissions import Need
from .. import kit
from ..permission_gate import first_need, gate, guest_need


class MigrateActions(QObject):
    def __init__(self, window: QWidget, clusters: Clusters, selected: Callable[[], list[Instance]],
                 guests: Callable[[], Iterable[Instance]]):
        """`selected`: the list's selection; `guests`: every listed guest (the instance model's)."""
        super().__init__(window)
        self._window = window
        self.clusters = clusters
        self._selected = selected
        self._guests = guests
        self.dialog: QWidget | None = None  # the last one opened (tests find it here)
        self.action = QAction(self.tr("Migrate…"), window)
        self.action.setObjectName("action-migrate")
        self.action.triggered.connect(lambda _=False: self.open_for(self._selected()))
        self.node_menu = QMenu(self.tr("Migrate all guests of node"), window)
        self.node_menu.setObjectName("migrateNodeMenu")
        self.node_menu.aboutToShow.connect(lambda: self._fill_node_menu())
        self._node_filter: QComboBox | None = None

    def help_text(self) -> str:
        return self.tr("Move the guest to another node of its cluster")

    def add_to(self, menu: QMenu) -> None:
        """The Guest menu: Migrate… and the node submenu."""
        menu.addSeparator()
        menu.addAction(self.action)
        menu.addMenu(self.node_menu)
        menu.setToolTipsVisible(True)

    # ------------------------------------------------------------ gating

    def _need(self, instances: list[Instance]):
        return first_need(self.clusters.privileges, "migrate", instances)

    def _possible(self, instances: list[Instance]) -> bool:
        """One cluster, connected; a lone guest not locked by a job (PVE's check_lock refuses it;
        a hibernated VM's `suspended` lock moves with it). In a selection the list says who is locked."""
        if not instances or len({i.cluster for i in instances}) != 1:
            return False
        if len(instances) == 1 and instances[0].lock and not instances[0].hibernated:
            return False
        return self.clusters.get(instances[0].cluster) is not None

    def _tip(self, instances: list[Instance]) -> str:
        if len(instances) == 1 and instances[0].lock and not instances[0].hibernated:
            return kit.fmt(self.tr("Locked (%1) by a running or interrupted job: it cannot migrate now."),
                           instances[0].lock)
        return self.help_text()

    def selection_changed(self, instances: list[Instance]) -> None:
        allowed = [i for i in instances if guest_need(self.clusters.privileges(i.cluster), "migrate", i) is None]
        gate(self.action, self._possible(instances) and bool(allowed),
             self._need(instances) if instances and not allowed else None, self._tip(instances))

    def menu_entries(self, menu: QMenu, instances: list[Instance]) -> None:
        """The guest row menu (a `menu_extenders` entry of the guest list)."""
        entry = menu.addAction(self.tr("Migrate…"))
        entry.setObjectName("menu-migrate")
        allowed = [i for i in instances if guest_need(self.clusters.privileges(i.cluster), "migrate", i) is None]
        need = self._need(instances) if instances and not allowed else None
        if need is not None:
            menu.setToolTipsVisible(True)
        gate(entry, self._possible(instances) and bool(allowed), need, self._tip(instances))
        entry.triggered.connect(lambda _=False, chosen=list(instances): self.open_for(chosen))

    def attach_node_filter(self, combo: QComboBox) -> None:
        """The guest list's node filter gets a context menu: migrate all guests of the node shown."""
        self._node_filter = combo
        combo.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        combo.customContextMenuRequested.connect(
            lambda pos: self.node_filter_menu().popup(combo.mapToGlobal(pos)))

    def node_filter_menu(self) -> QMenu:
        """The node filter's context menu: the chosen node's entry ("All nodes": every node)."""
        menu = QMenu(self._window)
        menu.setObjectName("nodeFilterMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.setToolTipsVisible(True)
        chosen = self._node_filter.currentData() if self._node_filter is not None else None
        self._fill_node_menu(menu, chosen, self.tr("Migrate all guests of node %1…"))
        return menu

    def _fill_node_menu(self, menu: QMenu | None = None, only: str | None = None, label: str = "%1") -> None:
        menu = self.node_menu if menu is None else menu
        menu.clear()
        sessions = self.clusters.sessions()
        for session in sessions:
            guests = self.clusters_guests(session.name)
            for node in getattr(session, "nodes", ()) or ():
                if only and node.name != only:
                    continue
                text = node.name if len(sessions) == 1 else "{0} ({1})".format(node.name, session.name)
                entry = menu.addAction(kit.fmt(label, text))
                entry.setObjectName("migrate-node-" + node.name)
                here = [i for i in guests if i.node == node.name]
                allowed = [i for i in here if guest_need(self.clusters.privileges(i.cluster), "migrate", i) is None]
                gate(entry, node.online and bool(allowed), self._need(here) if here and not allowed else None)
                entry.triggered.connect(lambda _=False, c=session.name, n=node.name: self.open_node(c, n))
        if not menu.actions():
            menu.addAction(self.tr("No cluster connected")).setEnabled(False)

    def clusters_guests(self, cluster: str) -> list[Instance]:
        return [inst for inst in self._guests() if inst.cluster == cluster]

    # ------------------------------------------------------------ opening

    def open_for(self, instances: list[Instance]) -> QWidget | None:
        if not self._possible(instances):
            return None
        session = self.clusters.get(instances[0].cluster)
        if len(instances) == 1:
            inst = instances[0]
            privileges = self.clusters.privileges(inst.cluster)
            path = "/vms/{0}".format(inst.vmid)
            disk_need = None if privileges.holds("VM.Config.Disk", path, (inst.pool,) if inst.pool else ()) \
                else Need("VM.Config.Disk", path)
            from .migrate_dialog import MigrateDialog  # imported when first opened (~15 ms of every start)

            dialog = MigrateDialog(session, inst, guest_need(privileges, "migrate", inst), self._window,
                                   storage_need=disk_need)
        else:
            from .bulk_migrate import BulkMigrateDialog  # imported when first opened (~9 ms of every start)

            dialog = BulkMigrateDialog(session, instances, privileges_of=self.clusters.privileges,
                                       parent=self._window)
        return self._show(dialog)

    def open_node(self, cluster: str, node: str) -> QWidget | None:
        session = self.clusters.get(cluster)
        if session is None:
            return None
        guests = [i for i in self.clusters_guests(cluster) if i.node == node]
        from .bulk_migrate import BulkMigrateDialog  # imported when first opened

        return self._show(BulkMigrateDialog(session, guests, node=node, privileges_of=self.clusters.privileges,
                                            parent=self._window))

    def _show(self, dialog: QWidget) -> QWidget:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

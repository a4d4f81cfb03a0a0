"""The words for `pve.migration`'s notices and modes (after pve-manager's Migrate.js), and the
list that shows them with their severity. Shared by the migrate dialogs of this room and the
cross-cluster migration."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ...pve import parse
from ...pve.migration import Mode, Notice, Reason, Severity
from .. import kit, style


def _tr(text: str) -> str:
    return QCoreApplication.translate("MigrationTexts", text)


def _joined(values) -> str:
    return ", ".join(str(v) for v in values)


def mode_text(mode: Mode) -> str:
    return {Mode.ONLINE: _tr("Online (live, the VM keeps running)"),
            Mode.OFFLINE: _tr("Offline"),
            Mode.RESTART: _tr("Restart (shut down, move, start again)")}[mode]


def severity_text(severity: Severity) -> str:
    return {Severity.ERROR: _tr("Blocks"), Severity.WARNING: _tr("Warning"), Severity.INFO: _tr("Note")}[severity]


def notice_text(notice: Notice) -> str:
    """One notice in words. Guest and server text (volume ids, resource names) stays plain."""
    v = notice.values
    r = notice.reason
    if r is Reason.LOCAL_CDROM:
        return kit.fmt(_tr("Cannot migrate with a local CD/DVD image (%1): eject it or use an ISO on shared "
                           "storage."), v[0])
    if r is Reason.LOCAL_DISK:
        size = " ({0})".format(parse.human_bytes(v[1])) if v[1] else ""
        return kit.fmt(_tr("Migration with local disk might take long: %1%2"), v[0], size)
    if r is Reason.LOCAL_DISKS_OFF:
        return kit.fmt(_tr("Running VM with local disks (%1): allow copying local disks to migrate it."),
                       _joined(v[0]))
    if r is Reason.UNAVAILABLE_STORAGES:
        return kit.fmt(_tr("Storage(s) (%1) not available on the target node. Start the VM to use live storage "
                           "migration, or choose another target node."), _joined(v[0]))
    if r is Reason.UNAVAILABLE_RESOURCES:
        return kit.fmt(_tr("Mapped resources (%1) not available on the target node."), _joined(v[0]))
    if r is Reason.LOCAL_RESOURCES:
        return kit.fmt(_tr("Cannot migrate a VM with local resources: %1 (passthrough devices are tied to "
                           "this node)."), _joined(v[0]))
    if r is Reason.MAPPED_NOT_LIVE:
        return kit.fmt(_tr("Cannot migrate a running VM with mapped resources: %1"), _joined(v[0]))
    if r is Reason.MAPPED_LIVE:
        return kit.fmt(_tr("Live-migrating a running VM with mapped resources (experimental): %1"), _joined(v[0]))
    if r is Reason.HA_BLOCKING:
        if v[1] == "resource-affinity":
            text = _tr("HA resource %1 has a negative affinity to this guest on the target node.")
        elif v[1] == "node-affinity":
            text = _tr("HA resource %1 is not allowed on the target node.")
        else:
            text = _tr("HA resource %1 blocks the target node.")
        return kit.fmt(text, v[0])
    if r is Reason.HA_DEPENDENT:
        return kit.fmt(_tr("HA resource %1 has a positive affinity to this guest and is migrated to the target "
                           "node too."), v[0])
    if r is Reason.HA_MANAGED:
        return kit.fmt(_tr("%1 is managed by HA: the HA manager migrates it (a hamigrate task)."), v[0])
    if r is Reason.NODE_OFFLINE:
        return kit.fmt(_tr("Node %1 is offline."), v[0])
    if r is Reason.SAME_NODE:
        return kit.fmt(_tr("Already on %1."), v[0])
    return _tr("Choose a target node.")


def short_reason(notices: Iterable[Notice]) -> str:
    """The blocking notices of a node in one line (the target combo, the bulk result list)."""
    return "; ".join(notice_text(n) for n in notices if n.blocks)


class NoticeList(QListWidget):
    """The preflight's findings, errors first, coloured by severity; plain text."""

    def __init__(self, parent: QWidget | None = None, name: str = "migrationNotices"):
        super().__init__(parent)
        kit.named(self, name, _tr("What Proxmox VE says about this migration"))
        self.setWordWrap(True)
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def show_notices(self, notices: Iterable[Notice]) -> None:
        self.clear()
        tones = {Severity.ERROR: style.Tone.ERROR, Severity.WARNING: style.Tone.WARNING,
                 Severity.INFO: style.Tone.INFO}
        for notice in notices:
            item = QListWidgetItem("{0}: {1}".format(severity_text(notice.severity), notice_text(notice)))
            item.setData(Qt.ItemDataRole.UserRole, notice)
            item.setForeground(QBrush(style.color(tones[notice.severity], self.palette())))
            self.addItem(item)
        self.setVisible(self.count() > 0)

    def notices(self) -> list[Notice]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())]

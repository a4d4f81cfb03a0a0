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
from ...pve.text import QT_TRANSLATE_NOOP
from .. import kit, style


def _t(text: str) -> str:
    """The translation of a text marked below with QT_TRANSLATE_NOOP("MigrationTexts", ...)."""
    return QCoreApplication.translate("MigrationTexts", text)


MODES = {
    Mode.ONLINE: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Online (live, the VM keeps running)"),
    Mode.OFFLINE: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Offline"),
    Mode.RESTART: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Restart (shut down, move, start again)"),
}
MODES_SHORT = {
    Mode.ONLINE: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Online"),
    Mode.OFFLINE: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Offline"),
    Mode.RESTART: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Restart"),
}
SEVERITIES = {
    Severity.ERROR: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Blocks"),
    Severity.WARNING: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Warning"),
    Severity.INFO: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Note"),
}
# Reason -> its text; %1, %2 are the notice's values (lists joined with commas).
REASONS = {
    Reason.LOCAL_CDROM: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Cannot migrate with a local CD/DVD image (%1): eject it or use an "
                          "ISO on shared storage."),
    Reason.LOCAL_DISK: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Migration with local disk might take long: %1%2"),
    Reason.LOCAL_DISKS_OFF: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Running VM with local disks (%1): allow copying local disks to "
                          "migrate it."),
    Reason.UNAVAILABLE_STORAGES: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Storage(s) (%1) not available on the target node. Start the "
                          "VM to use live storage migration, or choose another target "
                          "node."),
    Reason.UNAVAILABLE_RESOURCES: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Mapped resources (%1) not available on the target node."),
    Reason.LOCAL_RESOURCES: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Cannot migrate a VM with local resources: %1 (passthrough "
                          "devices are tied to this node)."),
    Reason.MAPPED_NOT_LIVE: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Cannot migrate a running VM with mapped resources: %1"),
    Reason.MAPPED_LIVE: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Live-migrating a running VM with mapped resources (experimental): %1"),
    Reason.HA_DEPENDENT: QT_TRANSLATE_NOOP(
        "MigrationTexts", "HA resource %1 has a positive affinity to this guest and is "
                          "migrated to the target node too."),
    Reason.HA_MANAGED: QT_TRANSLATE_NOOP(
        "MigrationTexts", "%1 is managed by HA: the HA manager migrates it (a hamigrate task)."),
    Reason.NODE_OFFLINE: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Node %1 is offline."),
    Reason.SAME_NODE: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Already on %1."),
    Reason.NO_TARGET: QT_TRANSLATE_NOOP(
        "MigrationTexts", "Choose a target node."),
}
HA_CAUSES = {
    "resource-affinity": QT_TRANSLATE_NOOP(
        "MigrationTexts", "HA resource %1 has a negative affinity to this guest on the "
                          "target node."),
    "node-affinity": QT_TRANSLATE_NOOP(
        "MigrationTexts", "HA resource %1 is not allowed on the target node."),
    "": QT_TRANSLATE_NOOP(
        "MigrationTexts", "HA resource %1 blocks the target node."),
}


def mode_text(mode: Mode) -> str:
    return _t(MODES[mode])


def mode_short_text(mode: Mode) -> str:
    """The mode in a table cell."""
    return _t(MODES_SHORT[mode])


def severity_text(severity: Severity) -> str:
    return _t(SEVERITIES[severity])


def notice_text(notice: Notice) -> str:
    """One notice in words. Guest and server text (volume ids, resource names) stays plain."""
    values = [", ".join(str(x) for x in v) if isinstance(v, tuple) else v for v in notice.values]
    if notice.reason is Reason.HA_BLOCKING:
        return kit.fmt(_t(HA_CAUSES.get(values[1], HA_CAUSES[""])), values[0])
    if notice.reason is Reason.LOCAL_DISK:
        values[1] = " ({0})".format(parse.human_bytes(values[1])) if values[1] else ""
    return kit.fmt(_t(REASONS[notice.reason]), *values)


def short_reason(notices: Iterable[Notice]) -> str:
    """The blocking notices of a node in one line (the target combo, the bulk result list)."""
    return "; ".join(notice_text(n) for n in notices if n.blocks)


class NoticeList(QListWidget):
    """The preflight's findings, errors first, coloured by severity; plain text."""

    def __init__(self, parent: QWidget | None = None, name: str = "migrationNotices"):
        super().__init__(parent)
        kit.named(self, name, self.tr("What Proxmox VE says about this migration"))
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

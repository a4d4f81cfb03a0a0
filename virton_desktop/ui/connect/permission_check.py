"""The permission check of one connected cluster: what its login may do, and how to grant the rest.

A table of the app's features (pve/permissions.py `FEATURES`) with where each is allowed and
the privilege and path PVE checks, read from the cluster's `/access/permissions` answer
(`Clusters.privileges`); for an API token, what privilege separation means; and the `pveum`
commands that would give the login a least-privilege role for what it lacks, to copy.
"""

from __future__ import annotations

import os.path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
)

from ...pve.permissions import EVERYWHERE, FEATURES, NOWHERE, SOMEWHERE, Privileges, coverage, pveum_commands
from .. import kit, style

COL_FEATURE, COL_ALLOWED, COL_PRIVILEGE, COL_PATH = range(4)
_PLACEHOLDERS = {"{vmid}": "<vmid>", "{newid}": "<new vmid>", "{storage}": "<storage>", "{node}": "<node>",
                 "{pool}": "<pool>"}


def shown_path(path: str) -> str:
    for token, shown in _PLACEHOLDERS.items():
        path = path.replace(token, shown)
    return path


class PermissionRows(QAbstractTableModel):
    """One row per feature: name, where allowed, the privilege PVE checks, on which path."""

    def __init__(self, privileges: Privileges = Privileges.ALL, parent=None):
        super().__init__(parent)
        self._rows: list[tuple[str, str, object]] = []
        self.set_privileges(privileges)

    def feature_name(self, key: str) -> str:
        names = {
            "list": self.tr("See guests in the list"),
            "power": self.tr("Start, stop, shut down, reboot"),
            "console": self.tr("Open consoles"),
            "config": self.tr("Change guest settings"),
            "tags": self.tr("Edit guest tags"),
            "cloudinit": self.tr("Edit cloud-init"),
            "cloudinit_regenerate": self.tr("Regenerate cloud-init images"),
            "cloudinit_drive": self.tr("Add cloud-init drives"),
            "snapshots": self.tr("Take and delete snapshots"),
            "rollback": self.tr("Roll back to a snapshot"),
            "backups": self.tr("Back up guests"),
            "restore": self.tr("Restore backups"),
            "create": self.tr("Create guests"),
            "delete": self.tr("Delete guests"),
            "clone": self.tr("Clone guests"),
            "template": self.tr("Convert guests to templates"),
            "migrate": self.tr("Migrate guests to another node"),
            "storage": self.tr("See storage contents"),
            "tasks": self.tr("See other users' tasks"),
            "remote_migrate": self.tr("Migrate guests to another cluster"),
            "node_shell": self.tr("Open a node's shell"),
        }
        return names.get(key, key)

    def where_text(self, where: str) -> str:
        return {EVERYWHERE: self.tr("Allowed"), SOMEWHERE: self.tr("Allowed on some"),
                NOWHERE: self.tr("Missing")}[where]

    def privilege_text(self, privilege: str) -> str:
        """PVE's "A|B" as words; many alternatives of one family (VM.Config.*) as the family."""
        alternatives = privilege.split("|")
        family = os.path.commonprefix(alternatives)
        if len(alternatives) > 2 and family.endswith("."):
            return kit.fmt(self.tr("%1* (any one)"), family)
        return self.tr(" or ").join(alternatives)

    def set_privileges(self, privileges: Privileges) -> None:
        self.beginResetModel()
        self._rows = [(key,) + coverage(key, privileges) for key in FEATURES]
        self.endResetModel()

    def missing_keys(self) -> list[str]:
        """The features not allowed everywhere (what the pveum commands would grant)."""
        return [key for key, where, _need in self._rows if where != EVERYWHERE]

    def where(self, row: int) -> str:
        return self._rows[row][1]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return (self.tr("Feature"), self.tr("Allowed"), self.tr("Privilege"), self.tr("Path"))[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        key, where, need = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == COL_FEATURE:
                return self.feature_name(key)
            if col == COL_ALLOWED:
                return self.where_text(where)
            if col == COL_PRIVILEGE:
                return self.privilege_text(need.privilege)
            if col == COL_PATH:
                if FEATURES[key].pool_alternative and need.path.startswith("/vms/"):
                    return shown_path(need.path) + self.tr(" or ") + shown_path("/pool/{pool}")
                return shown_path(need.path)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_PRIVILEGE and "|" in need.privilege:
            return kit.fmt(self.tr("Any one of these privileges is enough: %1"), ", ".join(need.privilege.split("|")))
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_ALLOWED:
            return style.color({EVERYWHERE: style.Tone.OK, SOMEWHERE: style.Tone.WARNING,
                                NOWHERE: style.Tone.ERROR}[where])
        if role == Qt.ItemDataRole.UserRole:
            return key
        return None


class PermissionCheckDialog(QDialog):
    """Non-modal: the check of one cluster, updated when its privileges change."""

    def __init__(self, clusters, cluster_id: str, pools: list[str] = (), parent=None):
        super().__init__(parent)
        self.setObjectName("permissionCheck")
        self.setWindowTitle(kit.fmt(self.tr("Permissions on %1"), cluster_id))
        self.clusters, self.cluster_id = clusters, cluster_id
        session = clusters.get(cluster_id)
        self.authid = session.client.authid if session is not None else ""

        self.who = kit.message_label(self, "permissionWho", selectable=True)
        self.state = kit.message_label(self, "permissionState", tone=style.Tone.MUTED)
        self.rows = PermissionRows(parent=self)
        self.table = QTableView(self)
        self.table.setObjectName("permissionTable")
        self.table.setAccessibleName(self.tr("Features and privileges"))
        self.table.setModel(self.rows)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PATH, QHeaderView.ResizeMode.Stretch)
        self.privsep = kit.message_label(self, "permissionPrivsep", hidden=True)
        self.path = QComboBox(self)
        self.path.setObjectName("permissionGrantPath")
        self.path.setAccessibleName(self.tr("Grant on path"))
        self.path.setEditable(True)
        self.path.addItems(["/"] + ["/pool/" + p for p in pools if p])
        self.commands = QPlainTextEdit(self)
        self.commands.setObjectName("permissionCommands")
        self.commands.setAccessibleName(self.tr("pveum commands"))
        self.commands.setReadOnly(True)
        self.commands.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.commands.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.grant_note = kit.message_label(self, "permissionGrantNote", tone=style.Tone.MUTED)
        self.copy_button = kit.button(self.tr("Copy commands"), "permissionCopy", parent=self,
                                      slot=self.copy_commands, auto_default=False)
        self.recheck_button = kit.button(self.tr("Check again"), "permissionRecheck", parent=self,
                                         slot=lambda: clusters.permissions.refresh(cluster_id), auto_default=False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        kit.named(buttons.button(QDialogButtonBox.StandardButton.Close), "permissionClose", self.tr("Close"))
        buttons.addButton(self.recheck_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        grant = QFormLayout()
        grant.addRow(self.tr("Grant on"), self.path)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(self.state)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.privsep)
        layout.addSpacing(8)
        grant_title = kit.message_label(self, "permissionGrantTitle")
        grant_title.setText(self.tr("An administrator can give this login what it lacks with a role of exactly "
                                    "these privileges (run on any node, as root):"))
        layout.addWidget(grant_title)
        layout.addLayout(grant)
        layout.addWidget(self.commands)
        layout.addWidget(self.grant_note)
        layout.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(buttons)
        self.resize(820, 760)

        self.path.currentTextChanged.connect(self._update_commands)
        clusters.privileges_changed.connect(self._privileges_changed)
        self.refresh()

    def _privileges_changed(self, session) -> None:
        if session.name == self.cluster_id:
            self.refresh()

    def refresh(self) -> None:
        known = self.clusters.permissions.known(self.cluster_id)
        self.rows.set_privileges(self.clusters.privileges(self.cluster_id))
        user, _, token = self.authid.partition("!")
        if token:
            self.who.setText(kit.fmt(self.tr("Logged in with the API token %1 of the user %2."), token, user))
            self.privsep.setText(self.tr(
                "An API token with privilege separation (PVE's default) holds a privilege only where both the "
                "token's own permissions and its user's grant it: the intersection of the two. A token "
                "without privilege separation holds exactly its user's privileges. An empty list usually "
                "means the token has no permissions of its own yet."))
            self.privsep.show()
        else:
            self.who.setText(kit.fmt(self.tr("Logged in as %1."), self.authid))
            self.privsep.hide()
        if self.authid == "root@pam":
            self.state.setText(self.tr("root@pam holds every privilege everywhere."))
        elif not known:
            self.state.setText(self.tr("PVE has not answered the permission query yet: until it does, "
                                       "nothing is disabled."))
        else:
            self.state.setText(self.tr("\"Allowed on some\": only on some guests or storages, e.g. those of a pool."))
        self._update_commands()

    def _update_commands(self, *_args) -> None:
        missing = self.rows.missing_keys()
        path = self.path.currentText().strip() or "/"
        if not missing or not self.authid:
            self.commands.setPlainText("")
            self.grant_note.setText(self.tr("Nothing is missing."))
            self.copy_button.setEnabled(False)
            return
        self.commands.setPlainText("\n".join(pveum_commands(self.authid, missing, path)))
        names = ", ".join(self.rows.feature_name(key) for key in missing)
        self.grant_note.setText(kit.fmt(self.tr("These commands grant: %1."), names))
        self.copy_button.setEnabled(True)

    def copy_commands(self) -> None:
        QGuiApplication.clipboard().setText(self.commands.toPlainText())

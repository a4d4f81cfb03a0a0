"""Dialogs of the backup page: create a backup, restore one, edit a backup's notes.

They only collect choices; the page sends the requests. Choices the server must supply
(storages, the next free VMID, the restore target's storages) come from the `BackupFeed`
(its last listing, the guests and nodes it knows) or from catalogued requests through the
session (never blocking: the widgets fill in when the answer arrives).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
)

from ...models.backups import BackupRow
from ...models.plain_text import literal_tooltip
from ...pve import api, errors, parse
from ...pve import config as pveconfig
from ...pve.entities import LXC, QEMU
from ...pve.permissions import Privileges
from .. import kit
from ..pool_choice import PoolCombo, allocate_advice
from ..storage_hint import StorageHint
from ..style import Tone
from .text_dialog import TextDialog

MODES = ("snapshot", "suspend", "stop")
COMPRESSIONS = ("zstd", "lzo", "gzip", "0")
DEFAULT_NOTES = "{{guestname}}"


def storage_label(sid: str, info: dict) -> str:
    if info.get("avail"):
        return kit.fmt(QCoreApplication.translate("CreateBackupDialog", "%1 (%2 free)"), sid,
                       parse.human_bytes(info["avail"]))
    return sid


# ---------------------------------------------------------------------- create


class CreateBackupDialog(QDialog):
    """Storage, mode, compression, protection, notes; the targets (one fixed guest, or a list
    filtered by the instance type VM/CT). `requests()` gives one vzdump per node."""

    def __init__(self, feed, cluster: str, preset: list[int] | None = None, fixed: bool = False, parent=None,
                 privileges: Privileges | None = None):
        super().__init__(parent)
        self.setObjectName("createBackupDialog")
        self.setWindowTitle(self.tr("Create backup"))
        self.feed = feed
        self.cluster = cluster
        self.fixed = fixed
        self.privileges = privileges if privileges is not None else Privileges.ALL  # why a list may be empty
        preset = list(preset or [])

        self.type_filter = kit.combo([(self.tr("All instances"), ""), (self.tr("VM (QEMU)"), QEMU),
                                      (self.tr("Container (LXC)"), LXC)],
                                     parent=self, name="backupTargetType", accessible=self.tr("Instance type"))
        self.targets = kit.named(QListWidget(self), "backupTargets", self.tr("Guests to back up"))
        self.targets.setMinimumHeight(150)
        self.fixed_label = kit.named(QLabel(self), "backupFixedTarget", self.tr("Guest to back up"))
        self.fixed_label.setTextFormat(Qt.TextFormat.PlainText)  # guest and node names
        for g in feed.guests_of(cluster):
            if g.template:
                continue
            text = kit.fmt(self.tr("%1 · %2 · %3 (%4)"), g.vmid, g.name, self._type_text(g.type), g.node)
            item = QListWidgetItem(text, self.targets)
            item.setData(Qt.ItemDataRole.UserRole, g.vmid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if g.vmid in preset else Qt.CheckState.Unchecked)
        if fixed and preset:
            g = feed.guest(cluster, preset[0])
            self.fixed_label.setText(kit.fmt(self.tr("%1 %2 (%3) on %4"), self._type_text(g.type if g else None),
                                             preset[0], g.name if g else "", g.node if g else ""))

        self.storage = kit.combo(parent=self, name="backupStorage", accessible=self.tr("Backup storage"))
        self.storage_hint = kit.named(QLabel(self), "backupStorageHint", self.tr("Storage hint"))
        self.storage_hint.setWordWrap(True)
        self.storage_hint.setTextFormat(Qt.TextFormat.PlainText)  # names the nodes
        self.mode = kit.combo(zip((self.tr("Snapshot"), self.tr("Suspend"), self.tr("Stop")), MODES, strict=True),
                              parent=self, name="backupMode", accessible=self.tr("Backup mode"))
        self.mode_help = kit.named(QLabel(self), "backupModeHelp", self.tr("About the backup mode"))
        self.mode_help.setWordWrap(True)
        # A wrapped label is sized for its narrowest width (one word a line): give it a real one.
        self.mode_help.setMinimumWidth(380)
        self.mode_help.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.storage_hint.setMinimumWidth(380)
        self.compress = kit.combo(zip((self.tr("ZSTD (fast and good)"), self.tr("LZO (fastest)"),
                                       self.tr("GZIP (widely readable)"), self.tr("None")), COMPRESSIONS, strict=True),
                                  parent=self, name="backupCompression", accessible=self.tr("Compression"))
        self.protected = kit.named(QCheckBox(self.tr("Protect the backup from deletion"), self), "backupProtected",
                                   self.tr("Protected"))
        self.notes = kit.named(QLineEdit(self), "backupNotes", self.tr("Note"))
        self.notes.setText(DEFAULT_NOTES)
        self.notes.setToolTip(self.tr("Variables: {{guestname}}, {{vmid}}, {{node}}, {{cluster}}"))
        self.buttons, self.ok_button = kit.ok_cancel(self, self.tr("Back up"), "createBackupOk", "createBackupCancel",
                                                     cancel_text=self.tr("Cancel"))
        self.buttons.setObjectName("createBackupButtons")

        form = self._form = QFormLayout()
        if fixed:
            form.addRow(self.tr("Guest:"), self.fixed_label)
        else:
            form.addRow(self.tr("Instance type:"), self.type_filter)
            form.addRow(self.tr("Guests:"), self.targets)
        form.addRow(self.tr("Storage:"), self.storage)
        form.addRow("", self.storage_hint)
        form.addRow(self.tr("Mode:"), self.mode)
        form.addRow("", self.mode_help)
        form.addRow(self.tr("Compression:"), self.compress)
        form.addRow(self.tr("Note:"), self.notes)
        form.addRow("", self.protected)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        for w in (self.type_filter, self.targets, self.fixed_label):
            w.setVisible(not fixed if w is not self.fixed_label else fixed)

        self.type_filter.currentIndexChanged.connect(self._filter_targets)
        self.targets.itemChanged.connect(lambda _item: self._update())
        self.mode.currentIndexChanged.connect(self._explain_mode)
        self.storage.currentIndexChanged.connect(lambda _i: self._update_ok())
        self._fixed_vmids = preset if fixed else []
        self._explain_mode()
        self._update()
        self.resize(520, self.sizeHint().height())

    def _type_text(self, kind) -> str:
        return self.tr("CT") if kind == LXC else self.tr("VM")

    def _explain_mode(self) -> None:
        self.mode_help.setText({
            "snapshot": self.tr("Backs up live, without stopping the guest (lowest downtime). "
                                "A VM's file systems are frozen briefly through the guest agent."),
            "suspend": self.tr("Suspends the guest while its state is copied: more consistent than a "
                               "snapshot, with a short pause."),
            "stop": self.tr("Shuts the guest down cleanly, backs it up, and starts it again: the most "
                            "consistent backup, with downtime."),
        }[self.mode.currentData()])

    def _filter_targets(self) -> None:
        wanted = self.type_filter.currentData()
        for i in range(self.targets.count()):
            item = self.targets.item(i)
            guest = self.feed.guest(self.cluster, item.data(Qt.ItemDataRole.UserRole))
            kind = guest.type if guest is not None else None
            hidden = bool(wanted) and kind != wanted
            item.setHidden(hidden)
            if hidden:
                item.setCheckState(Qt.CheckState.Unchecked)
        self._update()

    def selected_vmids(self) -> list[int]:
        if self.fixed:
            return list(self._fixed_vmids)
        return [self.targets.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.targets.count())
                if self.targets.item(i).checkState() == Qt.CheckState.Checked and not self.targets.item(i).isHidden()]

    def set_selected(self, vmids) -> None:
        wanted = set(vmids)
        for i in range(self.targets.count()):
            item = self.targets.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)
        self._update()

    def _nodes(self) -> set[str]:
        guests = (self.feed.guest(self.cluster, v) for v in self.selected_vmids())
        return {g.node for g in guests if g is not None}

    def _update(self) -> None:
        """Storages usable on every node of the chosen guests; keep the user's choice when it still fits."""
        current = self.storage.currentData()
        self.storage.blockSignals(True)
        self.storage.clear()
        for sid, info in self.feed.backup_storages(self.cluster, self._nodes()):
            self.storage.addItem(storage_label(sid, info), sid)
        at = self.storage.findData(current) if current else -1
        if at < 0:
            at = next((i for i in range(self.storage.count()) if self.storage.itemData(i) != "local"), 0)
        self.storage.setCurrentIndex(at if self.storage.count() else -1)
        self.storage.blockSignals(False)
        if self.cluster not in self.feed.storages:  # listed once, even if empty: no longer loading
            self.storage_hint.setText(self.tr("The storage list is still loading…"))
        elif not self.storage.count():
            self.storage_hint.setText(StorageHint.empty_list(self.privileges, self._nodes()) or self.tr(
                "No storage with backup content is available on the node(s) of the chosen guests. Add backup "
                "content to a storage in PVE."))
        else:
            self.storage_hint.setText("")
        self._form.setRowVisible(self.storage_hint, bool(self.storage_hint.text()))
        self._update_ok()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.selected_vmids()) and self.storage.currentData() is not None)

    def requests(self) -> list[tuple[str, str, dict]]:
        """(cluster, node, vzdump parameters) per node: PVE backs up only the node's own guests."""
        by_node: dict[str, list[int]] = {}
        for vmid in self.selected_vmids():
            guest = self.feed.guest(self.cluster, vmid)
            node = guest.node if guest is not None else ""
            by_node.setdefault(node, []).append(vmid)
        out = []
        for node, vmids in sorted(by_node.items()):
            params = {"vmid": ",".join(str(v) for v in sorted(vmids)), "storage": self.storage.currentData(),
                      "mode": self.mode.currentData(), "compress": self.compress.currentData(), "remove": 0}
            if self.protected.isChecked():
                params["protected"] = 1
            if self.notes.text().strip():
                params["notes-template"] = self.notes.text().strip()
            out.append((self.cluster, node, params))
        return out


# ---------------------------------------------------------------------- restore


def _backed_up(disk: pveconfig.Disk) -> bool:
    """pve-container's mountpoint_backup_enabled: rootfs always, a volume mount point only with backup=1."""
    flag = dict(disk.options).get("backup", "0").strip().lower()
    return disk.key == "rootfs" or flag in ("1", "on", "yes", "true")


def erased_volumes(config) -> list[tuple[pveconfig.Disk, bool]]:
    """(volume, in the backup) for every volume an overwrite restore of a container erases: its
    rootfs, volume mount points and unused volumes (bind and device mount points are host paths,
    left alone). A volume not in the backup comes back empty (a mount point) or not at all."""
    out = []
    for disk in pveconfig.disks(config, container=True):
        if disk.storage:
            out.append((disk, disk.bus != "unused" and _backed_up(disk)))
    return out


class RestoreDialog(QDialog):
    """Restore an archive over its guest (typed confirmation) or as a new guest (VMID from
    the cluster's next free one), node, storage), optionally starting it afterwards.

    Disks stay where the backup had them unless a storage is chosen (VMs; a container restore
    without `storage` would put everything on `local`, so one is always chosen). An archive on a
    node's own storage is restored on that node (only it can read it). Overwriting a container
    lists the volumes it erases, from the guest's current config, before the button is enabled."""

    def __init__(self, feed, session, row: BackupRow, parent=None, privileges=None):
        super().__init__(parent)
        self.setObjectName("restoreBackupDialog")
        self.setWindowTitle(self.tr("Restore backup"))
        self.feed = feed
        self.session = session
        self.row = row
        b = row.backup
        self.kind = b.kind
        self.source_vmid = b.vmid
        self.existing = feed.owner(b)
        self._replies = []
        # The current container's volumes (overwrite consequences); None until read.
        self._erased: list[tuple[pveconfig.Disk, bool]] | None = None
        self._config_error = ""
        self._preferred_storage = ""
        self._storage_touched = False
        self.privileges = privileges if privileges is not None else Privileges.ALL

        what = self.tr("VM") if self.kind == QEMU else self.tr("CT")
        self.info = kit.named(QLabel(self), "restoreArchive", self.tr("Archive"))
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.PlainText)  # the archive's name on the storage
        self.info.setText(kit.fmt(self.tr("%1\n%2 %3, %4, taken %5"), b.file_name, what, b.vmid,
                                  parse.human_bytes(b.size), _date(b.ctime)))
        self.as_new = kit.named(QRadioButton(self.tr("Restore as a new guest"), self), "restoreAsNew",
                                self.tr("Restore as a new guest"))
        name = self.existing.name if self.existing else ""
        self.overwrite = kit.named(QRadioButton(kit.fmt(self.tr("Overwrite %1 %2 (%3)"), what, b.vmid, name), self),
                                   "restoreOverwrite", self.tr("Overwrite the existing guest"))
        group = QButtonGroup(self)
        group.addButton(self.as_new)
        group.addButton(self.overwrite)
        self.as_new.setChecked(True)
        self.overwrite.setEnabled(self.existing is not None)
        self.overwrite_hint = kit.named(QLabel(self), "restoreOverwriteHint", self.tr("About overwriting"))
        self.overwrite_hint.setWordWrap(True)
        self.overwrite_hint.setTextFormat(Qt.TextFormat.PlainText)

        self.vmid = kit.spin(100, 999999999, max(100, b.vmid), parent=self, name="restoreVmid",
                             accessible=self.tr("New VMID"))
        self.node = kit.combo([(node, node) for node in feed.online_nodes(row.cluster)],
                              parent=self, name="restoreNode", accessible=self.tr("Target node"))
        self._archive_node_only = not b.shared
        preferred = b.node if not b.shared else (self.existing.node if self.existing else "")
        if self.node.findData(preferred) >= 0:
            self.node.setCurrentIndex(self.node.findData(preferred))
        if self._archive_node_only:
            self.node.setToolTip(literal_tooltip(kit.fmt(self.tr("The archive is on %1, a storage of node %2 only: "
                                                                 "only that node can read it."), b.storage, b.node)))
        self.storage = kit.combo(parent=self, name="restoreStorage", accessible=self.tr("Target storage"))
        # A new guest may have to go into a pool (VM.Allocate only there); an overwritten one keeps its own.
        self.storage_note = kit.message_label(self, "restoreStorageNote", self.tr("About the storages"))
        self.pool = PoolCombo(session, self, name="restorePool",
                              advice=allocate_advice(self.privileges, lambda: self.vmid.value()))
        self.pool_note = kit.message_label(self, "restorePoolNote", self.tr("About the pool"))
        self.confirm = kit.named(QLineEdit(self), "restoreConfirm", self.tr("Type the VMID to confirm"))
        self.confirm.setPlaceholderText(str(b.vmid))
        self.confirm_label = QLabel(kit.fmt(self.tr("Type %1 to confirm that its current disks and settings are "
                                                    "replaced:"), b.vmid), self)
        self.confirm_label.setWordWrap(True)
        self.start_after = kit.named(QCheckBox(self.tr("Start the guest after restoring"), self), "restoreStart",
                                     self.tr("Start after restore"))
        self.problem = kit.error_label(self, "restoreProblem", self.tr("Restore problem"))
        self.buttons, self.ok_button = kit.ok_cancel(self, self.tr("Restore"), "restoreOk", "restoreCancel",
                                                     cancel_text=self.tr("Cancel"))

        form = self._form = QFormLayout()
        form.addRow(self.tr("New VMID:"), self.vmid)
        form.addRow(self.tr("Node:"), self.node)
        form.addRow(self.tr("Storage:"), self.storage)
        form.addRow("", self.storage_note)
        form.setRowVisible(self.storage_note, False)  # until a storage list came back empty
        form.addRow(self.tr("Pool:"), self.pool)
        form.addRow("", self.pool_note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.as_new)
        layout.addWidget(self.overwrite)
        layout.addWidget(self.overwrite_hint)
        layout.addLayout(form)
        layout.addWidget(self.confirm_label)
        layout.addWidget(self.confirm)
        layout.addWidget(self.start_after)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self.as_new.toggled.connect(self._update)
        self.storage.activated.connect(lambda _i: setattr(self, "_storage_touched", True))
        self.node.currentIndexChanged.connect(self._update)
        self.confirm.textChanged.connect(self._update)
        self.vmid.valueChanged.connect(self._update)
        self.pool.currentIndexChanged.connect(lambda _i: self._update())
        self.pool.loaded.connect(self._update)
        self._ask_nextid()
        if self.existing is not None and self.kind == LXC:
            self.overwrite_hint.setMinimumWidth(580)  # one line per volume, mount path and volume id
            self._read_current_config()
        self._update()  # also asks for the target node's storages
        self.resize(500, self.sizeHint().height())

    # -- server choices

    def _request(self, op: api.Op, done) -> None:
        reply = self.session.run(op)
        self._replies.append(reply)
        reply.then(self, done)

    def _ask_nextid(self) -> None:
        def arrived(data, error):
            if error is None and data is not None:
                try:
                    self.vmid.setValue(int(data))
                except (TypeError, ValueError):
                    pass
            elif error is not None:
                self.problem.setText(errors.describe(error))
        self._request(api.next_id(), arrived)

    def _read_current_config(self) -> None:
        def arrived(data, error):
            if error is not None:
                self._config_error = errors.describe(error)
            else:
                self._erased = erased_volumes(data or {})
                self._prefer_storage(next((d.storage for d, _in in self._erased if d.key == "rootfs"), ""))
            self._update()
        self._request(api.guest_config(self.existing), arrived)

    def _prefer_storage(self, sid: str) -> None:
        """A container restore needs a storage: the one its root disk is on now, when the node has it."""
        self._preferred_storage = sid
        at = self.storage.findData(sid) if sid else -1
        if at >= 0 and not self._storage_touched:
            self.storage.setCurrentIndex(at)

    def _load_storages(self) -> None:
        node = self.target_node()
        if not node:
            return
        content = "images" if self.kind == QEMU else "rootdir"

        def arrived(data, error, node=node):
            if node != self.target_node():
                return
            current = self.storage.currentData()
            self.storage.blockSignals(True)
            self.storage.clear()
            if error is not None:
                self.storage.blockSignals(False)
                self.problem.setText(errors.describe(error))
                return
            if self.kind == QEMU:  # qmrestore puts each disk back on its own storage when none is given
                self.storage.addItem(self.tr("Original storage (as in the backup)"), "")
            for item in sorted(data or [], key=lambda i: str(i.get("storage"))):
                if int(item.get("active", 1) or 0):
                    sid = str(item["storage"])
                    self.storage.addItem(storage_label(sid, item), sid)
            listed = any(self.storage.itemData(i) for i in range(self.storage.count()))
            note = "" if listed else StorageHint.empty_list(self.privileges, [node])
            kit.show_message(self.storage_note, note, Tone.WARNING)
            self._form.setRowVisible(self.storage_note, bool(note))
            at = self.storage.findData(current) if current is not None else -1
            if at < 0:
                at = self.storage.findData(self._preferred_storage)
            self.storage.setCurrentIndex(at if at >= 0 else 0)
            self.storage.blockSignals(False)
            self._update()
        self._request(api.storages(node, content), arrived)

    # -- state

    def target_node(self) -> str:
        if self.overwrite.isChecked() and self.existing:
            return self.existing.node
        return self.node.currentData() or ""

    def target_vmid(self) -> int:
        return self.source_vmid if self.overwrite.isChecked() else self.vmid.value()

    def _update(self) -> None:
        overwrite = self.overwrite.isChecked()
        self.vmid.setEnabled(not overwrite)
        self.node.setEnabled(not overwrite and not self._archive_node_only)
        self.pool.setEnabled(not overwrite)
        self.pool.setToolTip(self.tr("An overwritten guest stays in its pool.") if overwrite else "")
        pool_note, kind = self.pool.note()
        kit.show_message(self.pool_note, pool_note, Tone.WARNING if kind == "warning" else Tone.MUTED)
        self._form.setRowVisible(self.pool_note, not overwrite)
        self.confirm.setVisible(overwrite)
        self.confirm_label.setVisible(overwrite)
        hint = ""
        problem = ""
        if overwrite and self.existing:
            if self.existing.status == "running":
                problem = self.tr("The guest is running. Stop it first: a running guest cannot be overwritten.")
            elif self.existing.lock:
                problem = kit.fmt(self.tr("The guest is locked (%1): wait for that job to end."), self.existing.lock)
            hint = kit.fmt(self.tr("Its disks and settings are replaced by the backup's. Changes since %1 are lost."),
                           _date(self.row.backup.ctime))
            if self.kind == LXC:
                if self._config_error:
                    problem = problem or kit.fmt(self.tr("Could not read the container's volumes: %1"),
                                                 self._config_error)
                elif self._erased is None:
                    problem = problem or self.tr("Reading the container's volumes…")
                else:
                    hint += "\n\n" + self._erased_text()
        elif not overwrite and self.feed.guest(self.row.cluster, self.vmid.value()) is not None:
            problem = kit.fmt(self.tr("VMID %1 is in use. Choose a free one."), self.vmid.value())
        self.overwrite_hint.setText(hint)
        self.overwrite_hint.setVisible(bool(hint))
        self.problem.setText(problem)
        ok = not problem and bool(self.target_node())
        if overwrite:
            ok = ok and self.confirm.text().strip() == str(self.source_vmid)
        self.ok_button.setEnabled(ok)
        if self.target_node() and self.target_node() != getattr(self, "_storages_for", None):
            self._storages_for = self.target_node()
            self._load_storages()

    def _erased_text(self) -> str:
        lines = [self.tr("These volumes of the container are erased:")]
        for disk, in_backup in self._erased or ():
            if disk.bus == "unused":
                fate = self.tr("not in the backup: gone for good")
            elif in_backup:
                fate = self.tr("in the backup: restored from it")
            else:
                fate = self.tr("not in the backup (no backup=1): recreated empty, its data is lost")
            where = kit.fmt(self.tr("%1, %2"), disk.mountpoint, disk.volume) if disk.mountpoint else disk.volume
            lines.append(kit.fmt(self.tr("• %1 (%2): %3"), disk.key, where, fate))
        return "\n".join(lines)

    def request(self) -> tuple[str, str, api.Op]:
        """(cluster, node, operation) of the restore: a new guest made from the archive."""
        b = self.row.backup
        node = self.target_node()
        params: dict = {"vmid": self.target_vmid()}
        if self.kind == QEMU:
            params["archive"] = b.volid
        else:
            params.update(ostemplate=b.volid, restore=1)
        if self.storage.currentData():
            params["storage"] = self.storage.currentData()
        if self.overwrite.isChecked():
            params["force"] = 1
        else:
            params["unique"] = 1  # a copy beside the original gets its own MAC addresses
            if self.pool.pool():
                params["pool"] = self.pool.pool()
        if self.start_after.isChecked():
            params["start"] = 1
        return self.row.cluster, node, api.create_guest(node, QEMU if self.kind == QEMU else LXC, params)


def _date(epoch: int) -> str:
    return QDateTime.fromSecsSinceEpoch(int(epoch)).toString("yyyy-MM-dd HH:mm")


# ---------------------------------------------------------------------- notes


class NotesDialog(TextDialog):
    """Edit a backup's notes (several lines are fine)."""

    def __init__(self, text: str, title: str, parent=None):
        super().__init__(title, text, "backupNotes", parent)
        self.editor.setAccessibleName(self.tr("Notes"))


    def text(self) -> str:
        """Exactly what was typed (blank lines and indentation are part of the notes)."""
        return self.editor.toPlainText()

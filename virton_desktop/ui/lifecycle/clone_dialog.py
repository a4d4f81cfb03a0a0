"""Clone a guest or a template, as PVE's Clone window (pve-manager www/manager6/window/Clone.js).

Everything offered comes from the server: the online nodes, the next free ID (each typed ID is
checked free with `api.next_id(vmid)`), the pools, the target node's storages for the guest's
content, the snapshots, and for templates whether its disks can make a linked clone
(`api.guest_feature(guest, "clone")`, what PVE's window asks). The rules of `pve.clone` say
what is not offered and why: linked clones only from templates and only on storages that can;
another node only when every volume is shared; storage and format for full clones only.

The request holds only what was chosen (`pve.clone.prepare`). PVE's per-parameter 400 errors
are shown under their fields, other errors under the form; the input stays. Once PVE took it,
the task is followed here (its copy progress in a bar, the task panel lists it too) and
`cloned(key)` says which guest to select when it is listed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ...core.task_follower import TaskFollower
from ...pve import api, errors, validate
from ...pve import clone as pc
from ...pve.entities import LXC, Instance, Task
from ...pve.permissions import Privileges
from ...session import ClusterSession
from .. import kit
from ..pool_choice import PoolCombo, allocate_advice
from ..wizards.common import FieldMessage, Rule, combo_set_items, debounce
from ..wizards.general import VmidCheck


class CloneDialog(QDialog):
    cloned = Signal(object)  # key (cluster, newid) after the clone task ended OK

    def __init__(self, session: ClusterSession, instance: Instance, privileges: Privileges = Privileges.ALL,
                 parent=None):
        super().__init__(parent)
        kit.named(self, "cloneDialog", self.tr("Clone guest"))
        self.session = session
        self.instance = instance
        self.privileges = privileges
        self._rows: dict[str, tuple[QLabel, QWidget, FieldMessage]] = {}
        self._hidden: set[str] = set()  # rows not offered for this guest (format for containers, ...)
        self.load_errors: dict[str, errors.PveError] = {}
        self._mode_touched = False
        self._format_set = False
        self.container = instance.type == LXC
        self.kind = "lxc" if self.container else "qemu"
        self.config: dict = {}
        self.storage_info: dict[str, dict] = {}  # the source node's storages: id -> listing
        self.linked_offered: bool | None = None if instance.template else False
        self.loading: set[str] = set()
        self._vmid_state = VmidCheck.UNCHECKED
        self._vmid_error: errors.PveError | None = None
        self._vmid_serial = 0
        self._vmid_typed = False
        self._setting = False
        self._upid = ""
        self._follower: TaskFollower | None = None
        what = self.tr("template") if instance.template else self.tr("guest")
        name = "{0} ({1})".format(instance.vmid, instance.name) if instance.name else str(instance.vmid)
        self.setWindowTitle(kit.fmt(self.tr("Clone %1 %2"), what, name))
        self._build()
        self.rules: dict[str, Rule] = {}
        self._add_rules()
        self._load()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 56)
        self.revalidate()

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        inst = self.instance
        self.source = kit.message_label(self, "cloneSource", self.tr("Source"))
        self.source.setText(kit.fmt(self.tr("%1 %2 on node %3"), self.tr("Container") if self.container
                                    else self.tr("Virtual machine"), inst.name or inst.vmid, inst.node))
        self.node = kit.combo(parent=self, name="cloneNode", accessible=self.tr("Target node"), fit_contents=True)
        self.vmid = kit.named(QLineEdit(self), "cloneVmid", self.tr("New VM ID"))
        self.vmid.setMaxLength(9)
        self.name = kit.named(QLineEdit(self), "cloneName", self.tr("Hostname") if self.container else self.tr("Name"))
        self.name.setMaxLength(validate.NAME_MAX + 10)
        # What PVE names the clone when no name is sent (qemu-server: "Copy-of-VM-<name>"; a container
        # keeps the source's hostname).
        self.name.setPlaceholderText(inst.name if self.container else "Copy-of-VM-{0}".format(inst.name or inst.vmid))
        self.pool = PoolCombo(self.session, self, name="clonePool",
                              advice=allocate_advice(self.privileges, lambda: self.vmid.text().strip()))
        self.mode = kit.combo([(self.tr("Full clone"), "full"), (self.tr("Linked clone"), "linked")], parent=self,
                              name="cloneMode", accessible=self.tr("Mode"), fit_contents=True)
        self.snapshot = kit.combo([(self.tr("Current state"), "")], parent=self, name="cloneSnapshot",
                                  accessible=self.tr("Snapshot"), fit_contents=True)
        self.storage = kit.combo([(self.tr("Same as source"), "")], parent=self, name="cloneStorage",
                                 accessible=self.tr("Target storage"), fit_contents=True)
        self.format = kit.combo([(f, f) for f in pc.FORMATS], parent=self, name="cloneFormat",
                                accessible=self.tr("Format"))
        self.description = kit.named(QPlainTextEdit(self), "cloneDescription", self.tr("Description"))
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.progress = kit.named(QProgressBar(self), "cloneProgress", self.tr("Clone progress"))
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = kit.message_label(self, "cloneStatus", self.tr("Status"), selectable=True)
        self.status.hide()
        self.buttons, self.ok = kit.ok_cancel(self, self.tr("Clone"), "cloneOk", "cloneCancel",
                                              cancel_text=self.tr("Cancel"), connect=False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(2)
        self.messages: dict[str, FieldMessage] = {}
        for key, label, widget in (
                ("source", self.tr("Source"), self.source), ("target", self.tr("Target node"), self.node),
                ("vmid", self.tr("New VM ID"), self.vmid),
                ("name", self.tr("Hostname") if self.container else self.tr("Name"), self.name),
                ("pool", self.tr("Resource pool"), self.pool), ("mode", self.tr("Mode"), self.mode),
                ("snapshot", self.tr("Snapshot"), self.snapshot), ("storage", self.tr("Target storage"), self.storage),
                ("format", self.tr("Format"), self.format), ("description", self.tr("Description"), self.description)):
            message = FieldMessage(self)
            message.setObjectName("cloneMessage-" + key)
            self.messages[key] = message
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
            form.addRow("", message)
            self._rows[key] = (caption, widget, message)
        self._row_visible("format", not self.container)
        self._row_visible("snapshot", False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        for signal in (self.node.currentIndexChanged, self.mode.currentIndexChanged, self.storage.currentIndexChanged,
                       self.format.currentIndexChanged, self.snapshot.currentIndexChanged,
                       self.pool.currentIndexChanged):
            signal.connect(self._edited)
        self.node.currentIndexChanged.connect(self._load_target_storages)
        self.snapshot.currentIndexChanged.connect(self._load_feature)
        self.name.textChanged.connect(self._edited)
        self.description.textChanged.connect(self._edited)
        self.vmid.textChanged.connect(self._vmid_edited)
        self.pool.loaded.connect(self.revalidate)
        self._vmid_timer = debounce(self, 300, self._check_vmid_free)

    def _row_visible(self, key: str, visible: bool) -> None:
        caption, widget, message = self._rows[key]
        if visible:
            self._hidden.discard(key)
        else:
            self._hidden.add(key)
        caption.setVisible(visible)
        widget.setVisible(visible)
        message.setVisible(visible and bool(message.text()))

    # ------------------------------------------------------------ loading

    def _load(self) -> None:
        inst = self.instance
        self._request("config", api.guest_config(inst, current=True), self._got_config)
        self._request("nodes", api.nodes(), self._got_nodes)
        self._request("storages", api.storages(inst.node), self._got_storages)
        self._request("nextid", api.next_id(), self._got_nextid)
        if not inst.template:
            self._request("snapshots", api.snapshots(inst), self._got_snapshots)
        self._load_feature()

    def _request(self, key: str, op: api.Op, slot) -> None:
        self.loading.add(key)

        def arrived(data, error):
            self.loading.discard(key)
            if error is not None:
                self.messages.get(self._field_of_load(key), self.messages["source"]).show_text(
                    kit.fmt(self.tr("Could not load from the server: %1"), errors.describe(error)), "warning")
                self.load_errors[key] = error
            else:
                slot(data)
            self.revalidate()

        self.session.run(op).then(self, arrived)

    @staticmethod
    def _field_of_load(key: str) -> str:
        return {"nodes": "target", "nextid": "vmid", "storages": "storage", "targetstorages": "storage",
                "snapshots": "snapshot", "feature": "mode"}.get(key, "source")

    def _got_config(self, data) -> None:
        self.config = dict(data or {})

    def _got_nodes(self, data) -> None:
        nodes = sorted(str(n["node"]) for n in data or [] if n.get("status") == "online")
        combo_set_items(self.node, [(n, n) for n in nodes], keep=self.node.currentData() or self.instance.node)

    def _got_storages(self, data) -> None:
        self.storage_info = {str(s["storage"]): dict(s) for s in data or []}

    def _got_nextid(self, data) -> None:
        if self._vmid_typed:
            return
        self._setting = True
        self.vmid.setText(str(data))
        self._setting = False
        self._vmid_state = VmidCheck.FREE  # the server just proposed it

    def _got_snapshots(self, data) -> None:
        names = [str(s["name"]) for s in data or [] if s.get("name") and s.get("name") != "current"]
        combo_set_items(self.snapshot, [(self.tr("Current state"), "")] + [(n, n) for n in names])
        self._row_visible("snapshot", bool(names))

    def _load_feature(self, *_) -> None:
        if self.instance.template:
            self._request("feature", api.guest_feature(self.instance, "clone", self.snapshot.currentData() or None),
                          self._got_feature)

    def _got_feature(self, data) -> None:
        self.linked_offered = bool((data or {}).get("hasFeature"))
        item = self.mode.model().item(1) if isinstance(self.mode.model(), QStandardItemModel) else None
        if item is not None:
            item.setEnabled(self.linked_offered)
        if self.linked_offered and not self._mode_touched:
            self.mode.setCurrentIndex(1)  # PVE's default for templates
        elif not self.linked_offered:
            self.mode.setCurrentIndex(0)

    def _load_target_storages(self, *_) -> None:
        node = self.node.currentData()
        if node:
            self._request("targetstorages", api.storages(node, "rootdir" if self.container else "images"),
                          self._got_target_storages)

    def _got_target_storages(self, data) -> None:
        other = self.target_node() != ""
        items = [(self.tr("Same as source"), "")]
        for s in sorted(data or [], key=lambda s: str(s.get("storage"))):
            if not s.get("active", 1) or not s.get("enabled", 1) or (other and not s.get("shared")):
                continue
            self.storage_info.setdefault(str(s["storage"]), dict(s))
            items.append((kit.fmt(self.tr("%1 (%2)"), s["storage"], s.get("type", "")), str(s["storage"])))
        combo_set_items(self.storage, items)

    # ------------------------------------------------------------ the ID

    def _vmid_edited(self, *_) -> None:
        if self._setting:
            return
        self._vmid_typed = True
        self._vmid_state = VmidCheck.UNCHECKED
        if validate.check_vmid(self.vmid.text()) is None:
            self._vmid_state = VmidCheck.CHECKING
            self._vmid_timer.start()
        self._edited()
        self.pool.refresh()

    def _check_vmid_free(self) -> None:
        self._vmid_serial += 1
        serial, vmid = self._vmid_serial, self.vmid.text().strip()

        def done(data, error):
            if serial != self._vmid_serial:
                return
            if error is None:
                self._vmid_state = VmidCheck.FREE
            elif isinstance(error, errors.InvalidParameters):
                self._vmid_state = VmidCheck.TAKEN
            else:
                self._vmid_state, self._vmid_error = VmidCheck.ERROR, error
            self.revalidate()

        self.session.run(api.next_id(int(vmid))).then(self, done)

    # ------------------------------------------------------------ rules

    def _add_rules(self) -> None:
        add = self._rule
        add("target", self._check_target, lambda: self.tr("Another node only when all the guest's volumes are on "
                                                          "shared storage."))
        add("vmid", self._check_vmid, self._vmid_hint)
        add("name", lambda: validate.check_name(self.name.text(), required=False),
            lambda: self.tr("Optional. Letters A-Z, digits and hyphens (-)."))
        add("mode", self._check_mode, self._mode_hint)
        add("storage", lambda: None, self._storage_hint)
        add("format", lambda: None, self._format_hint)
        add("description", lambda: None, lambda: self.tr("Optional."))

    def _rule(self, name, check, hint) -> None:
        self.rules[name] = Rule(name, self.messages[name], check, hint)

    def target_node(self) -> str:
        """The chosen node when it is not the source's ('' = stay on the source node)."""
        node = self.node.currentData() or ""
        return node if node != self.instance.node else ""

    def full(self) -> bool:
        return self.mode.currentData() != "linked"

    def local_volumes(self):
        shared = {sid: bool(info.get("shared")) for sid, info in self.storage_info.items()}
        return pc.local_volumes(self.config, self.container, shared)

    def _check_target(self):
        if not self.node.currentData():
            return _issue(self.tr("No node is online.")) if "nodes" not in self.loading else None
        if self.target_node() and self.config and "storages" not in self.loading:
            local = self.local_volumes()
            if local:
                return _issue(kit.fmt(self.tr("%1 is on %2, which is not shared: a clone can go to another node only "
                                              "when all volumes (CD images too) are on shared storage."),
                                      local[0].volume, local[0].storage))
        return None

    def _check_vmid(self):
        issue = validate.check_vmid(self.vmid.text())
        if issue is not None:
            return issue if self.vmid.text() or self._vmid_typed else None
        if self._vmid_state == VmidCheck.TAKEN:
            return validate.vmid_in_use(self.vmid.text().strip())
        return None

    def _vmid_hint(self) -> str:
        if "nextid" in self.loading:
            return self.tr("Asking the server for the next free ID…")
        if self._vmid_state == VmidCheck.CHECKING:
            return self.tr("Checking that the ID is free…")
        if self._vmid_state == VmidCheck.ERROR:
            return kit.fmt(self.tr("Could not check the ID: %1"), errors.describe(self._vmid_error))
        return self.tr("Unique in the cluster. Prefilled with the next free ID.")

    def linked_reason(self) -> str:
        """Why a linked clone is not offered ('' when it is)."""
        if not self.instance.template:
            return self.tr("Linked clones are made only from templates: a guest is always copied in full.")
        if self.linked_offered is None:
            return self.tr("Asking the server whether the template's disks can make linked clones…")
        if self.linked_offered:
            return ""
        types = {sid: str(info.get("type", "")) for sid, info in self.storage_info.items()}
        blockers = pc.linked_blockers(self.config, self.container, types)
        if blockers:
            b = blockers[0]
            return kit.fmt(self.tr("No linked clone: %1 is on %2 (%3), which cannot make linked clones. Proxmox VE "
                                   "makes them on LVM-thin, ZFS, Ceph RBD and file storages (directory, NFS, CIFS)."),
                           b.key, b.storage, b.storage_type or self.tr("unknown type"))
        return self.tr("No linked clone: Proxmox VE says the template's disks cannot make one.")

    def _check_mode(self):
        if not self.full() and not self.linked_offered:
            return _issue(self.linked_reason())
        return None

    def _mode_hint(self) -> str:
        reason = self.linked_reason()
        if reason:
            return reason
        if self.full():
            return self.tr("A full clone copies every disk: independent of the template, but slower and as big.")
        return self.tr("A linked clone shares the template's base disks and stores only its changes: made at once, "
                       "but the template cannot be removed while it exists.")

    def _storage_hint(self) -> str:
        if not self.full():
            return self.tr("A linked clone stays on the template's storage.")
        if self.target_node():
            return self.tr("Only shared storages are listed for another node.")
        return self.tr("Where the copied disks go; \"Same as source\" keeps each disk's storage.")

    def storage_type(self) -> str:
        return str(self.storage_info.get(self.storage.currentData() or "", {}).get("type", ""))

    def _format_hint(self) -> str:
        if not self.full() or not self.storage.currentData():
            return self.tr("Choose a target storage to choose the format.")
        if not pc.formats_for(self.storage_type()):
            return kit.fmt(self.tr("%1 storages hold raw images only."), self.storage_type())
        return self.tr("qcow2 allows snapshots on file storages; raw is fastest.")

    # ------------------------------------------------------------ state

    def _edited(self, *_) -> None:
        sender = self.sender()
        for name, widget in (("target", self.node), ("vmid", self.vmid), ("name", self.name), ("mode", self.mode),
                             ("storage", self.storage), ("format", self.format), ("description", self.description)):
            if sender is widget and name in self.rules:
                self.rules[name].server = ""
                self.rules[name].touched = True
        if sender is self.mode:
            self._mode_touched = True
        if sender is self.pool:
            self.messages["pool"].kind = ""
        self.revalidate()

    def revalidate(self, *_) -> None:
        busy = bool(self._upid)
        linked = not self.full()
        self.storage.setEnabled(not busy and not linked)
        file_storage = bool(pc.formats_for(self.storage_type()))
        self.format.setEnabled(not busy and not linked and bool(self.storage.currentData()) and file_storage)
        if self.format.isEnabled() and not self._format_set:
            self.format.setCurrentIndex(max(0, self.format.findData(pc.DEFAULT_FILE_FORMAT)))
            self._format_set = True
        for rule in self.rules.values():
            rule.show()
        for key in self._hidden:
            self._rows[key][2].hide()
        text, kind = self.pool.note()
        if self.messages["pool"].kind != "error":
            self.messages["pool"].show_text(text, kind)
        blocking = any(rule.blocking() for rule in self.rules.values()) or self.messages["pool"].kind == "error"
        waiting = bool(self.loading & {"config", "nodes", "storages"}) or self._vmid_state in (
            VmidCheck.CHECKING, VmidCheck.UNCHECKED) or (self.instance.template and self.linked_offered is None)
        self.ok.setEnabled(not busy and not blocking and not waiting and bool(self.config))

    def request(self) -> pc.CloneRequest:
        full = self.full()
        storage = (self.storage.currentData() or "") if full else ""
        return pc.CloneRequest(
            newid=int(self.vmid.text().strip()), name=self.name.text().strip(), target=self.target_node(),
            full=full, storage=storage,
            format=self.format.currentData() if self.format.isEnabled() and not self.container else "",
            pool=self.pool.pool(), snapname=self.snapshot.currentData() or "",
            description=self.description.toPlainText().strip())

    # ------------------------------------------------------------ sending

    def submit(self) -> None:
        if not self.ok.isEnabled():
            return
        params = pc.prepare(self.kind, self.request())
        self._upid = "pending"
        self._set_busy(True)
        kit.show_message(self.status, self.tr("Sending the clone request…"))
        self.session.run(api.clone_guest(self.instance, params)).then(self, self._sent)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.node, self.vmid, self.name, self.pool, self.mode, self.snapshot, self.description):
            widget.setEnabled(not busy)
        self.revalidate()

    def _sent(self, data, error) -> None:
        if error is not None:
            self._upid = ""
            self._set_busy(False)
            self._show_server_error(error)
            return
        self._upid = str(data)
        self.progress.show()
        kit.show_message(self.status, self.tr("Cloning… The task is listed in the task panel."))
        task = Task.from_upid(self.session.name, self._upid)
        self._follower = TaskFollower(self.session, task, self)
        self._follower.lines.connect(self._log_lines)
        self._follower.finished.connect(self._ended)
        self._follower.start()

    def _show_server_error(self, error: errors.PveError) -> None:
        """PVE's 400 names parameters: each message under its field; anything else below the form."""
        placed = False
        if isinstance(error, errors.InvalidParameters):
            for param, text in (error.errors or {}).items():
                field = pc.FIELD_OF.get(param)
                if field == "pool":
                    self.messages["pool"].show_text(str(text), "error")
                    placed = True
                elif field in self.rules:
                    self.rules[field].server = str(text)
                    placed = True
        if placed:
            kit.set_error(self.status, self.tr("The server refused some values: see the fields."))
        else:
            kit.set_error(self.status, kit.fmt(self.tr("Clone failed: %1"), errors.describe(error)))
        self.revalidate()

    def _log_lines(self, lines: list) -> None:
        for line in lines:
            disk = pc.disk_started(line)
            if disk:
                kit.show_message(self.status, kit.fmt(self.tr("Cloning %1…"), disk))
            transfer = pc.parse_transfer(line)
            if transfer is not None:
                self.progress.setRange(0, 1000)
                self.progress.setValue(int(transfer.percent * 10))
                self.progress.setFormat(kit.fmt(self.tr("%1 of %2 (%3%)"), transfer.done, transfer.total,
                                                "{0:.0f}".format(transfer.percent)))

    def _ended(self, task: Task) -> None:
        self._follower = None
        if task.ok:
            self.cloned.emit((self.session.name, int(self.vmid.text().strip())))
            self.accept()
            return
        self._upid = ""
        self.progress.hide()
        self._set_busy(False)
        kit.set_error(self.status, kit.fmt(self.tr("Clone failed: %1"),
                                           errors.describe(errors.from_task_exit(task.exitstatus))))

    def done(self, result: int) -> None:
        if self._follower is not None:
            self._follower.stop()
        super().done(result)


def _issue(text: str) -> validate.Issue:
    """An already translated message as a blocking issue (Validate's %1 carries it through)."""
    return validate.Issue("%1", (text,))

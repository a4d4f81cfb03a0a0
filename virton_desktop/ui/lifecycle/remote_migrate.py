"""Migrate a guest to another connected cluster: PVE's remote_migrate (pve/remote.py), step by step.

The user picks the target among the other clusters that are online here. The dialog then asks
the target (its own session): the node that answers at its address (`/cluster/status` `local`:
PVE lands the guest there), the next free VMID (checked again when the user changes it), the
storages for the guest's disks and the bridges for its NICs; each disk and NIC is mapped to
one of the target's, the same name preselected where it exists. The target's API token comes
from remote_token.py, the fingerprint is the one the target's session pins (`trust.py`).
What PVE refuses before it moves anything (snapshots, a CD-ROM image on a local storage, a
running guest without live or restart mode) is said and keeps "Migrate" disabled. Sending
starts the source task (followed in the task panel); `started` lets the window select the
guest once the target cluster lists it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QGroupBox, QLabel, QLayout, QVBoxLayout

from ...core.clusters import Clusters
from ...profiles import ProfileStore, SecretStore
from ...pve import api, errors, remote
from ...pve.entities import Instance
from ...session import ClusterSession, SessionState
from .. import kit, style
from .remote_token import TokenSection

MAX_VMID = 999_999_999


class RemoteMigrateDialog(QDialog):
    started = Signal(str, str, int)  # source UPID, target cluster id, target VMID

    def __init__(self, clusters: Clusters, source: ClusterSession, instance: Instance,
                 profiles: ProfileStore | None = None, secrets: SecretStore | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("remoteMigrateDialog")
        self.clusters, self.source, self.instance = clusters, source, instance
        self._profiles, self._secrets = profiles, secrets
        self.kind = "lxc" if instance.type == "lxc" else "qemu"
        self.config: dict | None = None
        self._shared: set[str] | None = None
        self._target: ClusterSession | None = None
        self._generation = 0
        self._node = ""
        self._vmid_ok = False
        self._sending = False
        self.token_box: TokenSection | None = None
        self._targets_storages: list[str] | None = None
        self._targets_bridges: list[str] | None = None
        name = "{0} ({1})".format(instance.vmid, instance.name) if instance.name else str(instance.vmid)
        self.setWindowTitle(kit.fmt(self.tr("Migrate %1 to another cluster"), name))
        self.setAccessibleName(self.tr("Migrate to another cluster"))
        self.setMinimumWidth(560)

        layout = QVBoxLayout(self)
        # Grow with the token section added later, never squeeze the wrapped texts.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        intro = kit.message_label(self, "xmIntro")
        intro.setText(kit.fmt(self.tr("%1 moves from cluster %2 to another cluster connected here: its disks "
                                      "are copied to the target's storages and its network cards put on the "
                                      "target's bridges."), name, source.name))
        layout.addWidget(intro)
        self.experimental = kit.message_label(self, "xmExperimental", tone=style.Tone.WARNING)
        self.experimental.setText(self.tr(
            "Proxmox VE marks migration between clusters as experimental (qm remote-migrate). The target "
            "needs an API token with Sys.Incoming on /; the source login needs VM.Migrate on this guest."))
        layout.addWidget(self.experimental)
        self.blockers = kit.error_label(self, "xmBlockers", self.tr("What keeps this guest from migrating"),
                                        hidden=True)
        layout.addWidget(self.blockers)

        form = QFormLayout()
        self.target_combo = kit.combo(name="xmTarget", accessible=self.tr("Target cluster"), parent=self)
        for session in clusters.sessions():
            if session is not source and session.state == SessionState.ONLINE:
                self.target_combo.addItem(session.name, session.name)
        form.addRow(self.tr("Target cluster:"), self.target_combo)
        self.node_label = kit.message_label(self, "xmNode", self.tr("Target node"))
        form.addRow(self.tr("Target node:"), self.node_label)
        self.vmid_spin = kit.spin(100, MAX_VMID, parent=self, name="xmVmid", accessible=self.tr("Target VM ID"))
        self.vmid_spin.setEnabled(False)
        form.addRow(self.tr("VM ID on the target:"), self.vmid_spin)
        self.vmid_issue = kit.error_label(self, "xmVmidIssue", hidden=True)
        form.addRow("", self.vmid_issue)
        self.fingerprint_label = kit.message_label(self, "xmFingerprint", self.tr("Target certificate"),
                                                   selectable=True)
        form.addRow(self.tr("Certificate:"), self.fingerprint_label)
        layout.addLayout(form)

        self.storage_box = QGroupBox(self.tr("Disks: storage on the target"), self)
        self.storage_box.setObjectName("xmStorages")
        self.storage_form = QFormLayout(self.storage_box)
        layout.addWidget(self.storage_box)
        self.bridge_box = QGroupBox(self.tr("Network: bridge on the target"), self)
        self.bridge_box.setObjectName("xmBridges")
        self.bridge_form = QFormLayout(self.bridge_box)
        layout.addWidget(self.bridge_box)
        self.storage_combos: dict[str, QComboBox] = {}
        self.bridge_combos: dict[str, QComboBox] = {}

        running = instance.status != "stopped"
        self.online = kit.named(QCheckBox(self.tr("Restart mode: shut down here, start on the target")
                                          if self.kind == "lxc" else
                                          self.tr("Live migration: the VM keeps running"), self), "xmOnline")
        self.online.setAccessibleName(self.online.text())
        self.online.setChecked(running)
        self.online.setEnabled(running)
        if not running:
            self.online.setToolTip(self.tr("The guest is stopped: it is migrated offline."))
        layout.addWidget(self.online)
        self.delete_source = kit.named(QCheckBox(self.tr(
            "Delete the guest here after a successful migration"), self), "xmDelete")
        self.delete_source.setAccessibleName(self.delete_source.text())
        self.delete_source.setToolTip(self.tr("Otherwise Proxmox VE keeps it on this cluster, stopped and locked "
                                              "(lock: migrate)."))
        layout.addWidget(self.delete_source)
        self.token_holder = QVBoxLayout()
        layout.addLayout(self.token_holder)
        self.error = kit.error_label(self, "xmError", self.tr("Why the migration did not start"), hidden=True,
                                     selectable=True)
        layout.addWidget(self.error)
        self.status = kit.message_label(self, "xmStatus", tone=style.Tone.MUTED)
        layout.addWidget(self.status)
        self.buttons, self.ok = kit.ok_cancel(self, self.tr("&Migrate"), "xmMigrate", "xmCancel",
                                              cancel_text=self.tr("Cancel"))
        layout.addWidget(self.buttons)
        self.ok.setEnabled(False)

        self.target_combo.currentIndexChanged.connect(self._target_chosen)
        self.vmid_spin.valueChanged.connect(self._vmid_edited)
        self.online.toggled.connect(self._update)
        if self.target_combo.count() == 0:
            kit.set_error(self.error, self.tr("No other cluster is online here: connect the target cluster first."))
        self._load_source()
        self._target_chosen()

    # ---------------------------------------------------------------- loading

    def _load_source(self) -> None:
        self.status.setText(self.tr("Reading the guest's configuration…"))
        self.source.run(api.guest_config(self.instance)).then(self, self._got_config)
        self.source.run(api.storages(self.instance.node)).then(self, self._got_source_storages)

    def _got_config(self, data, error) -> None:
        if error is not None:
            kit.set_error(self.error, errors.describe(error))
            return
        self.config = dict(data)
        self._fill_mappings()

    def _got_source_storages(self, data, error) -> None:
        # A failure only loses the "shared" hint; PVE still says it if a CD-ROM blocks.
        self._shared = {s["storage"] for s in data if s.get("shared")} if error is None else set()
        self._update()

    def _target_chosen(self) -> None:
        self._generation += 1
        self._target = self.clusters.get(self.target_combo.currentData()) if self.target_combo.count() else None
        self._node, self._vmid_ok = "", False
        self.vmid_spin.setEnabled(False)
        self.node_label.setText("")
        self._targets_storages = self._targets_bridges = None
        if self.token_box is not None:
            self.token_box.deleteLater()
            self.token_box = None
        target = self._target
        if target is None:
            self._update()
            return
        shown = (target.client.expected_fingerprint or "").upper()
        # In two lines: 95 characters do not fit a form's width.
        self.fingerprint_label.setText(shown[:48] + "\n" + shown[48:] if shown else self.tr(
            "not pinned: the target's certificate must be valid for the system's CAs"))
        self.token_box = TokenSection(target, self._profiles, self._secrets, self)
        self.token_box.changed.connect(self._update)
        self.token_holder.addWidget(self.token_box)
        generation = self._generation
        target.run(api.cluster_status()).then(self, lambda d, e: self._got_status(generation, d, e))
        target.run(api.next_id()).then(self, lambda d, e: self._got_next_id(generation, d, e))
        self._update()

    def _got_status(self, generation: int, data, error) -> None:
        if generation != self._generation:
            return
        if error is not None:
            kit.set_error(self.error, errors.describe(error))
            return
        local = [m.get("name", "") for m in data if m.get("type") == "node" and m.get("local")]
        self._node = local[0] if local else ""
        if not self._node:
            kit.set_error(self.error, self.tr("The target cluster did not say which node answers at its address."))
            return
        self.node_label.setText(kit.fmt(self.tr("%1 (the node answering at the target's address)"), self._node))
        content = "rootdir" if self.kind == "lxc" else "images"
        self._target.run(api.storages(self._node, content)).then(
            self, lambda d, e: self._got_storages(generation, d, e))
        self._target.run(api.networks(self._node, "any_bridge")).then(
            self, lambda d, e: self._got_bridges(generation, d, e))

    def _got_next_id(self, generation: int, data, error) -> None:
        if generation != self._generation:
            return
        if error is not None:
            kit.set_error(self.vmid_issue, errors.describe(error))
            return
        self.vmid_spin.blockSignals(True)
        self.vmid_spin.setValue(int(data))
        self.vmid_spin.blockSignals(False)
        self.vmid_spin.setEnabled(True)
        self._vmid_ok = True
        self.vmid_issue.hide()
        self._update()

    def _vmid_edited(self, value: int) -> None:
        self._vmid_ok = False
        self._update()
        generation = self._generation
        self._target.run(api.next_id(value)).then(self, lambda d, e: self._vmid_checked(generation, value, e))

    def _vmid_checked(self, generation: int, value: int, error) -> None:
        if generation != self._generation or value != self.vmid_spin.value():
            return
        self._vmid_ok = error is None
        if error is None:
            self.vmid_issue.hide()
        else:
            kit.set_error(self.vmid_issue, errors.describe(error))
        self._update()

    def _got_storages(self, generation: int, data, error) -> None:
        if generation != self._generation:
            return
        if error is not None:
            kit.set_error(self.error, errors.describe(error))
            return
        self._targets_storages = sorted(s["storage"] for s in data if s.get("active", 1) and s.get("enabled", 1))
        self._fill_mappings()

    def _got_bridges(self, generation: int, data, error) -> None:
        if generation != self._generation:
            return
        if error is not None:
            kit.set_error(self.error, errors.describe(error))
            return
        self._targets_bridges = sorted(i["iface"] for i in data)
        self._fill_mappings()

    # ---------------------------------------------------------------- mappings

    def _fill_mappings(self) -> None:
        """One combo per source storage and per source bridge (PVE maps ids, not single disks or
        NICs), from the target's lists, keeping what the user chose."""
        if self.config is None:
            return
        self.status.setText("")
        chosen = {("s", k): c.currentData() for k, c in self.storage_combos.items()}
        chosen.update({("b", k): c.currentData() for k, c in self.bridge_combos.items()})
        for form, combos in ((self.storage_form, self.storage_combos), (self.bridge_form, self.bridge_combos)):
            while form.rowCount():
                form.removeRow(0)
            combos.clear()
        for sid, keys in _grouped((v.storage, v.key) for v in remote.volumes(self.kind, self.config)):
            self.storage_combos[sid] = self._mapping_row(
                self.storage_form, "xmStorage-" + sid, sid, keys, self._targets_storages or [],
                chosen.get(("s", sid)) or sid)
        for bridge, keys in _grouped((b, k) for k, b in remote.bridges(self.kind, self.config)):
            self.bridge_combos[bridge] = self._mapping_row(
                self.bridge_form, "xmBridge-" + bridge, bridge, keys, self._targets_bridges or [],
                chosen.get(("b", bridge)) or bridge)
        self.storage_box.setVisible(bool(self.storage_combos))
        self.bridge_box.setVisible(bool(self.bridge_combos))
        self._update()

    def _mapping_row(self, form: QFormLayout, name: str, source: str, keys: list[str], choices: list[str],
                     preferred: str) -> QComboBox:
        box = kit.combo(((c, c) for c in choices), name=name, parent=self,
                        accessible=kit.fmt(self.tr("Target for %1"), source))
        box.setCurrentIndex(max(0, box.findData(preferred)))
        box.currentIndexChanged.connect(self._update)
        label = QLabel(kit.fmt(self.tr("%1 (%2):"), source, ", ".join(keys)), self)
        label.setTextFormat(Qt.TextFormat.PlainText)  # a storage or bridge name of the guest's config
        label.setBuddy(box)
        form.addRow(label, box)
        return box

    # ---------------------------------------------------------------- state

    def _problems(self) -> list[str]:
        out = []
        if self.config is not None and self._shared is not None:
            out += remote.blockers(self.kind, self.config, self._shared)
        if self.instance.status != "stopped" and not self.online.isChecked():
            out.append(self.tr("A running container moves only in restart mode; shut it down for an offline "
                               "migration.") if self.kind == "lxc" else
                       self.tr("A running VM moves only live; shut it down for an offline migration."))
        return out

    def _update(self) -> None:
        problems = self._problems()
        if problems:
            kit.set_error(self.blockers, "\n".join(problems))
        else:
            self.blockers.hide()
        ready = (self._target is not None and self.config is not None and self._shared is not None
                 and bool(self._node) and self._vmid_ok and not problems and not self._sending
                 and self._targets_storages is not None and self._targets_bridges is not None
                 and all(c.currentData() for c in self.storage_combos.values())
                 and all(c.currentData() for c in self.bridge_combos.values())
                 and self.token_box is not None and self.token_box.token() is not None)
        self.ok.setEnabled(ready)

    def params(self) -> dict:
        """The POST body from what is chosen (pve/remote.prepare checks every part)."""
        target = self._target
        token_id, secret = self.token_box.token()
        endpoint = remote.Endpoint(target.client.host, target.client.port, token_id, secret,
                                   target.client.expected_fingerprint)
        bridges = self._targets_bridges or []
        return remote.prepare(
            self.kind, endpoint, self.vmid_spin.value(),
            {sid: c.currentData() for sid, c in self.storage_combos.items()},
            {bridge: c.currentData() for bridge, c in self.bridge_combos.items()},
            online=self.online.isChecked() and self.instance.status != "stopped",
            delete=self.delete_source.isChecked(), fallback_bridge=bridges[0] if bridges else "")

    def accept(self) -> None:
        """Send; the dialog closes once PVE has started the task (an error keeps every choice)."""
        if not self.ok.isEnabled():
            return
        try:
            params = self.params()
        except ValueError as exc:
            kit.set_error(self.error, kit.fmt(self.tr("These values cannot be sent: %1"), exc))
            return
        self._sending = True
        self.error.hide()
        self.status.setText(self.tr("Asking the source cluster to start the migration…"))
        self._update()
        target_id, vmid = self._target.name, self.vmid_spin.value()
        self.source.run(api.remote_migrate(self.instance, params)).then(
            self, lambda d, e: self._sent(target_id, vmid, d, e))

    def _sent(self, target_id: str, vmid: int, data, error) -> None:
        self._sending = False
        self.status.setText("")
        if error is not None:
            kit.set_error(self.error, errors.describe(error))
            self._update()
            return
        if self.token_box is not None:
            self.token_box.keep()
        self.started.emit(str(data), target_id, vmid)
        super().accept()


def _grouped(pairs) -> list[tuple[str, list[str]]]:
    """[(id, [keys using it])] in first-seen order."""
    out: dict[str, list[str]] = {}
    for ident, key in pairs:
        out.setdefault(ident, []).append(key)
    return list(out.items())

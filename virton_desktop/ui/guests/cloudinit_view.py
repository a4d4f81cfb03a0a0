"""The guest page's Cloud-Init tab: what a VM's cloud-init drive tells the guest, edited in place.

As pve-manager's CloudInit.js with its editors: user, password (write-only: PVE answers
`**********`; it can be set or removed, never read), SSH public keys (percent-encoded as the web
UI does), DNS domain and servers, the IP configuration of every NIC, package upgrade on first
boot. Save writes only the keys the user changed against the config as loaded (cleared ones in
`delete`), with the config's digest. The changes reach the guest through the image only: PVE
rebuilds it at each start of the VM; for a running VM the pending list (`GET …/cloudinit`)
shows what the image lacks and "Regenerate image" (`PUT …/cloudinit`) rebuilds it now; the
guest reads it at its next boot. A VM without a cloud-init drive gets one with "Add cloud-init
drive" (`ideN: <storage>:cloudinit`, the web UI's Add > CloudInit Drive).

Gated per guest: editing needs VM.Config.Cloudinit or VM.Config.Network, regenerating
VM.Config.Cloudinit, a new drive also VM.Config.CDROM and space on the storage (Qemu.pm).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...models.instances import InstanceModel
from ...pve import api, errors
from ...pve import cloudinit as CI
from ...pve.entities import Instance, Task
from ...pve.permissions import Privileges
from ...pve.validate import Issue
from ...session import ClusterSession
from .. import kit, style
from ..permission_gate import everything, gate, guest_need
from .cloudinit_ipconfig import IpConfigEditor
from .sections import TableSection, esc

# Server-side field names (HTTP 400 `errors`) -> our field ids.
_SERVER_FIELDS = {CI.USER: "user", CI.PASSWORD: "password", CI.SSH_KEYS: "ssh_keys", CI.DOMAIN: "domain",
                  CI.SERVERS: "servers"}


class CloudInitView(QWidget):
    """The Cloud-Init tab of one VM (see the module docstring)."""

    loaded = Signal()  # config and pending list shown (tests)
    saved = Signal(dict)  # the parameters written
    regenerated = Signal()

    def __init__(self, session: ClusterSession, model: InstanceModel, key, parent: QWidget | None = None,
                 privileges_of: Callable[[str], Privileges] = everything):
        super().__init__(parent)
        self.setObjectName("cloudInitView")
        self.session = session
        self.model = model
        self.key = tuple(key)
        self.privileges_of = privileges_of
        self.config: dict = {}
        self.pending: list[CI.Pending] = []
        self.drive = None
        self._shown = CI.Form()
        self._replies: dict[str, object] = {}
        self._answers: dict[str, tuple] = {}
        self._busy = False
        self._reload_again = False
        self.ip_editors: dict[str, IpConfigEditor] = {}
        self._build()
        session.task_changed.connect(self._task_changed)
        self.reload()

    @property
    def instance(self) -> Instance | None:
        return self.model.get(self.key)

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        self.intro = kit.message_label(self, "ciIntro")
        self.intro.setText(self.tr("Cloud-init sets up the guest at boot from a small drive Proxmox VE writes. "
                                   "Changes here reach that drive when the VM starts, or now with "
                                   "Regenerate image; the guest applies them at its next boot."))
        self.status = kit.message_label(self, "ciStatus", self.tr("Cloud-init status"), hidden=True,
                                        selectable=True)

        # A VM without a drive: offer one (PVE's Add > CloudInit Drive).
        self.no_drive = QGroupBox(self.tr("No cloud-init drive"), self)
        self.no_drive.setObjectName("ciNoDrive")
        self.storage = kit.combo(parent=self.no_drive, name="ciDriveStorage", accessible=self.tr("Storage"))
        self.storage.currentIndexChanged.connect(self._gate)
        self.add_drive_button = kit.button(self.tr("Add cloud-init drive"), "ciAddDrive", parent=self.no_drive,
                                           slot=self.add_drive)
        drive_row = QHBoxLayout()
        drive_row.addWidget(QLabel(self.tr("Storage"), self.no_drive))
        drive_row.addWidget(self.storage, 1)
        drive_row.addWidget(self.add_drive_button)
        no_drive_layout = QVBoxLayout(self.no_drive)
        no_drive_layout.addWidget(QLabel(self.tr("This VM has no cloud-init drive: the settings below reach the guest "
                                                 "only through one. Add it (it takes an IDE slot) to edit them."),
                                         self.no_drive))
        no_drive_layout.addLayout(drive_row)

        self.form_box = QGroupBox(self.tr("Cloud-init settings"), self)
        self.form_box.setObjectName("ciForm")
        box = self.form_box
        self.user = kit.named(QLineEdit(box), "ciUser", self.tr("User"))
        self.user.setPlaceholderText(self.tr("the image's default user"))
        self.password = kit.named(QLineEdit(box), "ciPassword", self.tr("New password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remove_password = kit.named(QCheckBox(self.tr("Remove the password"), box), "ciPasswordRemove")
        self.password_state = kit.message_label(box, "ciPasswordState", self.tr("Password state"))
        self.ssh_keys = kit.named(QPlainTextEdit(box), "ciSshKeys", self.tr("SSH public keys"))
        self.ssh_keys.setPlaceholderText(self.tr("One OpenSSH public key a line, e.g. ssh-ed25519 AAAA… user@host"))
        self.ssh_keys.setTabChangesFocus(True)
        self.ssh_keys.setMinimumHeight(70)
        self.ssh_keys.setMaximumHeight(120)
        self.domain = kit.named(QLineEdit(box), "ciDomain", self.tr("DNS domain"))
        self.domain.setPlaceholderText(self.tr("use host settings"))
        self.servers = kit.named(QLineEdit(box), "ciServers", self.tr("DNS servers"))
        self.servers.setPlaceholderText(self.tr("use host settings"))
        self.upgrade = kit.named(QCheckBox(self.tr("Upgrade packages on first boot"), box), "ciUpgrade")
        # citype and cicustom are shown, not edited (custom snippet files replace what is set here).
        self.other = kit.message_label(box, "ciOther", self.tr("Format and custom files"), hidden=True,
                                       selectable=True)
        self.errors = {name: kit.error_label(box, "ciError-" + name, hidden=True)
                       for name in ("user", "password", "ssh_keys", "domain", "servers")}

        password_row = QVBoxLayout()
        password_row.addWidget(self.password)
        password_row.addWidget(self.remove_password)
        password_row.addWidget(self.password_state)
        password_row.addWidget(self.errors["password"])
        form = QFormLayout()
        form.addRow(self.tr("User"), self._with_error(self.user, "user"))
        form.addRow(self.tr("Password"), password_row)
        form.addRow(self.tr("SSH public keys"), self._with_error(self.ssh_keys, "ssh_keys"))
        form.addRow(self.tr("DNS domain"), self._with_error(self.domain, "domain"))
        form.addRow(self.tr("DNS servers"), self._with_error(self.servers, "servers"))
        form.addRow("", self.upgrade)
        form.addRow("", self.other)
        self.ip_area = QGridLayout()  # the NICs' editors, two a row
        form_layout = QVBoxLayout(box)
        form_layout.addLayout(form)
        form_layout.addLayout(self.ip_area)

        self.save_button = kit.button(self.tr("Save"), "ciSave", parent=self, slot=self.save)
        self.revert_button = kit.button(self.tr("Revert"), "ciRevert", parent=self, slot=self.revert,
                                        tip=self.tr("Show the values as loaded again"))
        self.regenerate_button = kit.button(self.tr("Regenerate image"), "ciRegenerate", parent=self,
                                            slot=self.regenerate)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.revert_button, self.save_button, self.regenerate_button):
            buttons.addWidget(button)

        self.pending_box = TableSection(self.tr("Pending cloud-init changes (not in the image yet)"),
                                        "ciPending", self.tr("The image has every setting shown."), self)

        for line in (self.user, self.password, self.domain, self.servers):
            line.textChanged.connect(self._edited)
        self.ssh_keys.textChanged.connect(self._edited)
        self.remove_password.toggled.connect(self._edited)
        self.upgrade.toggled.connect(self._edited)

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addWidget(self.intro)
        layout.addWidget(self.no_drive)
        layout.addWidget(self.form_box)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.pending_box)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("ciScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.no_drive.hide()

    def _with_error(self, field: QWidget, name: str) -> QWidget:
        holder = QWidget(self.form_box)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(field)
        column.addWidget(self.errors[name])
        return holder

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        """Read the config and the pending list; the form is refilled unless the user has edits."""
        inst = self.instance
        if inst is None:
            return
        if self._replies:  # one out already: read again once it is back (it may predate a write)
            self._reload_again = True
            return
        self._answers = {}
        for part, op in (("config", api.guest_config(inst)), ("pending", api.cloudinit_pending(inst))):
            reply = self.session.run(op)
            self._replies[part] = reply
            reply.then(self, lambda data, error, p=part: self._arrived(p, data, error))

    def _arrived(self, part: str, data, error) -> None:
        self._replies.pop(part, None)
        self._answers[part] = (data, error)
        if self._replies:
            return
        config, config_error = self._answers["config"]
        pending, pending_error = self._answers["pending"]
        if config_error is not None:
            self._show_status(kit.fmt(self.tr("The configuration could not be read: %1"),
                                      errors.describe(config_error)), style.Tone.ERROR)
        else:
            keep_edits = self.dirty
            self.config = dict(config or {})
            inst = self.instance
            self.drive = CI.drive_key(self.config, inst.vmid) if inst is not None else None
            if not keep_edits:
                self._fill()
            self.pending = CI.pending_changes(pending or []) if pending_error is None else []
            self._show_pending()
            self.no_drive.setVisible(self.drive is None)
            self.pending_box.setVisible(self.drive is not None)
            if self.drive is None and self.storage.count() == 0 and inst is not None:
                self.session.run(api.storages(inst.node, "images")).then(self, self._storages)
        self._gate()
        if self._reload_again:
            self._reload_again = False
            self.reload()
        else:
            self.loaded.emit()

    def _storages(self, data, error) -> None:
        if error is not None:
            self._show_status(kit.fmt(self.tr("The storages could not be listed: %1"), errors.describe(error)),
                              style.Tone.ERROR)
            return
        for item in data or ():
            if item.get("active", 1) and item.get("enabled", 1):
                self.storage.addItem(str(item["storage"]), str(item["storage"]))
        self._gate()

    def _fill(self) -> None:
        """Show the config's values (and forget edits)."""
        form = CI.loaded(self.config)
        widgets = (self.user, self.password, self.domain, self.servers, self.ssh_keys, self.remove_password,
                   self.upgrade)
        for widget in widgets:
            widget.blockSignals(True)
        self.user.setText(form.user)
        self.password.clear()
        self.remove_password.setChecked(False)
        self.ssh_keys.setPlainText(form.ssh_keys)
        self.domain.setText(form.domain)
        self.servers.setText(form.servers)
        self.upgrade.setChecked(form.upgrade)
        for widget in widgets:
            widget.blockSignals(False)
        has_password = CI.password_set(self.config)
        self.password_state.setText(self.tr("A password is set (Proxmox VE never shows it).") if has_password
                                    else self.tr("No password is set."))
        self.password.setPlaceholderText(self.tr("unchanged") if has_password else self.tr("none"))
        other = [kit.fmt(self.tr("%1: %2"), self.key_name(key), str(self.config[key]))
                 for key in ("citype", "cicustom") if self.config.get(key)]
        self.other.setText("\n".join(other))
        self.other.setVisible(bool(other))
        self._fill_ip_editors(form)
        self._shown = self.form()
        self._validate()

    def _fill_ip_editors(self, form: CI.Form) -> None:
        for editor in self.ip_editors.values():
            self.ip_area.removeWidget(editor)
            editor.deleteLater()
        self.ip_editors = {}
        for index, (key, value) in enumerate(form.ipconfigs.items()):
            nic = str(self.config.get("net" + key[len("ipconfig"):]) or "")
            editor = IpConfigEditor(key, nic, value, self.form_box)
            editor.changed.connect(self._edited)
            self.ip_area.addWidget(editor, index // 2, index % 2)
            self.ip_editors[key] = editor

    def _show_pending(self) -> None:
        rows = []
        for item in self.pending:
            before = CI.shown_value(item.key, item.value) or "—"
            after = self.tr("(removed)") if item.delete else CI.shown_value(item.key, item.pending)
            rows.append((item.key, ["<b>{0}</b>".format(esc(self.key_name(item.key))), esc(before), "→",
                                    "<b>{0}</b>".format(esc(after))], ""))
        self.pending_box.set_table([self.tr("Setting"), self.tr("In the image"), "", self.tr("Next image")], rows)

    def key_name(self, key: str) -> str:
        names = {CI.USER: self.tr("User"), CI.PASSWORD: self.tr("Password"), CI.SSH_KEYS: self.tr("SSH public keys"),
                 CI.DOMAIN: self.tr("DNS domain"), CI.SERVERS: self.tr("DNS servers"),
                 CI.UPGRADE: self.tr("Upgrade packages"), "citype": self.tr("Format"),
                 "cicustom": self.tr("Custom files")}
        if key.startswith("ipconfig"):
            return kit.fmt(self.tr("IP config (%1)"), "net" + key[len("ipconfig"):])
        return names.get(key, key)

    # ------------------------------------------------------------ the form

    def form(self) -> CI.Form:
        """What the fields show now (password None: left as it is)."""
        if self.remove_password.isChecked():
            password = ""
        else:
            password = self.password.text() or None
        return CI.Form(user=self.user.text().strip(), password=password, ssh_keys=self.ssh_keys.toPlainText(),
                       domain=self.domain.text().strip(), servers=self.servers.text().strip(),
                       upgrade=self.upgrade.isChecked(),
                       ipconfigs={key: editor.value() for key, editor in self.ip_editors.items()})

    @property
    def dirty(self) -> bool:
        return bool(self.config) and self.form() != self._shown

    def _edited(self) -> None:
        self._validate()
        self._gate()

    def _validate(self) -> dict[str, Issue]:
        found = CI.issues(self.form(), CI.loaded(self.config))
        for name, label in self.errors.items():
            issue = found.get(name)
            if issue is None:
                label.hide()
            else:
                kit.show_message(label, issue.text(), style.Tone.WARNING if issue.warning else style.Tone.ERROR)
        for key, editor in self.ip_editors.items():
            prefix = key + "."
            editor.set_issues({name[len(prefix):]: issue for name, issue in found.items() if name.startswith(prefix)})
        return found

    # ------------------------------------------------------------ gating

    def _needs(self, feature: str, storage: str = ""):
        inst = self.instance
        if inst is None:
            return None
        return guest_need(self.privileges_of(inst.cluster), feature, inst, storage=storage)

    def privileges_changed(self) -> None:
        self._gate()

    def _gate(self) -> None:
        inst = self.instance
        ready = inst is not None and bool(self.config) and not self._busy
        edit_need = self._needs("cloudinit")
        editable = ready and edit_need is None and self.drive is not None
        for widget in (self.user, self.ssh_keys, self.domain, self.servers, self.upgrade, self.remove_password):
            widget.setEnabled(editable)
        self.password.setEnabled(editable and not self.remove_password.isChecked())
        self.remove_password.setEnabled(editable and CI.password_set(self.config))
        for editor in self.ip_editors.values():
            editor.set_editable(editable)
        found = CI.issues(self.form(), CI.loaded(self.config)) if ready else {}
        locked = inst is not None and bool(inst.lock)
        save_tip = (kit.fmt(self.tr("The guest is locked (%1)."), inst.lock) if locked
                    else self.tr("Write the changed settings"))
        gate(self.save_button, ready and self.drive is not None and self.dirty and not CI.blocking(found)
             and not locked, edit_need, save_tip)
        self.revert_button.setEnabled(ready and self.dirty)
        gate(self.regenerate_button, ready and self.drive is not None and not locked,
             self._needs("cloudinit_regenerate"),
             self.tr("Write the cloud-init drive again from these settings (the guest reads it at its next boot)"))
        storage = self.storage.currentData() or ""
        gate(self.add_drive_button, ready and self.drive is None and bool(storage) and not locked,
             self._needs("cloudinit_drive", storage), self.tr("Add a cloud-init drive on this storage"))

    # ------------------------------------------------------------ actions

    def revert(self) -> None:
        self._fill()
        self.status.hide()
        self._gate()

    def save(self) -> None:
        inst = self.instance
        if inst is None or CI.blocking(self._validate()):
            return
        try:
            params = CI.prepare(self.config, self.form())
        except ValueError:
            self._show_status(self.tr("A value holds characters that cannot be sent safely."), style.Tone.ERROR)
            return
        if not params:
            self._show_status(self.tr("Nothing changed."), None)
            return
        if self.config.get("digest"):
            params["digest"] = self.config["digest"]
        self._run(api.update_config(inst, params), lambda: self._saved(params))

    def _saved(self, params: dict) -> None:
        written = {k: v for k, v in params.items() if k != "digest"}
        if self.instance is not None and self.instance.status == "running":
            text = self.tr("Saved. The running VM still has the old image: regenerate it to apply the changes "
                           "at the guest's next boot.")
        else:
            text = self.tr("Saved. The image is written again when the VM starts.")
        self._show_status(text, style.Tone.OK)
        self._shown = CI.Form()  # the form is refilled from what the server has now
        self.config = {}
        self.saved.emit(written)
        self.reload()

    def regenerate(self) -> None:
        inst = self.instance
        if inst is not None:
            self._run(api.regenerate_cloudinit(inst), self._regenerated)

    def _regenerated(self) -> None:
        self._show_status(self.tr("The cloud-init image was regenerated; the guest applies it at its next boot."),
                          style.Tone.OK)
        self.regenerated.emit()
        self.reload()

    def add_drive(self) -> None:
        inst = self.instance
        storage = self.storage.currentData()
        if inst is None or not storage:
            return
        slot = next((f"ide{n}" for n in (2, 0, 1, 3) if f"ide{n}" not in self.config), None)
        if slot is None:
            self._show_status(self.tr("Every IDE slot is taken; free one in the settings first."), style.Tone.ERROR)
            return
        params = {slot: CI.new_drive_value(storage)}
        if self.config.get("digest"):
            params["digest"] = self.config["digest"]
        self._run(api.update_config(inst, params), self._drive_added)

    def _drive_added(self) -> None:
        self._show_status(self.tr("The cloud-init drive was added."), style.Tone.OK)
        self.config = {}
        self.reload()

    def _run(self, op: api.Op, done: Callable[[], None]) -> None:
        self._busy = True
        self._gate()
        self.session.run(op).then(self, lambda data, error: self._finished(error, done))

    def _finished(self, error, done: Callable[[], None]) -> None:
        self._busy = False
        if error is None:
            done()
        else:
            self._show_error(error)
        self._gate()

    def _show_error(self, error: errors.PveError) -> None:
        """The server's refusal, on the fields it names; the input stays as typed."""
        self._show_status(errors.describe(error), style.Tone.ERROR)
        for key, message in getattr(error, "errors", {}).items():
            if key in _SERVER_FIELDS:
                kit.set_error(self.errors[_SERVER_FIELDS[key]], str(message))
            elif key in self.ip_editors:
                self.ip_editors[key].set_server_error(str(message))

    def _show_status(self, text: str, tone: style.Tone | None) -> None:
        kit.show_message(self.status, text, tone)

    def _task_changed(self, task: Task) -> None:
        """A start, reboot or config task of this VM ended: the image or the config may be new."""
        if task.running or task.cluster != self.key[0] or task.vmid != self.key[1]:
            return
        if not self.dirty:
            self.reload()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.dirty and self.config:
            self.reload()  # the VM may have started since: its image is new, the list shorter


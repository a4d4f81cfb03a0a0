"""Settings of a guest: CPU, memory, network interfaces and disk growth (the seed's 설정).

The dialog reads the config (with its `digest`) when it opens and sends only what the user
changed, with that digest. "Changed" is measured against what each editor showed right after
loading (`shown`), never against a value Qt clamped on the way: every editor's range is
widened to hold the loaded value, and no editor's range follows another's while the user types
(a balloon maximum that followed memory clamped the balloon to 51 while "5120" was typed).
Opening and saving untouched sends nothing. Like PVE's own editors it shows the values the
guest will have at its next start (`GET config` merges pending changes) and lists what is
still pending above the tabs. If someone changed the guest meanwhile, PVE refuses
(`ConfigChanged`); the dialog says so and keeps every input; "Reload" fetches the current
values. Config changes go in one synchronous `api.update_config`; disks grow with
`api.resize` (a task, followed in the task panel). Afterwards the pending values
(what a running guest takes at its next start) are read back; `pending_after_save` holds
them so the caller can offer a reboot.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...pve import api, errors, parse, validate
from ...pve import config as C
from ...pve.entities import RUNNING, Instance
from ...session import ClusterSession
from .. import kit, style
from .nic_editor import NicEditor

MIN_MEMORY_RECOMMENDED = 512


class SettingsDialog(QDialog):
    loaded = Signal()  # the config arrived and the editors show it
    saved = Signal(object)  # list[PendingItem] left for the next start
    failed = Signal(str)  # the message shown

    def __init__(self, session: ClusterSession, instance: Instance, parent=None):
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setAccessibleName(self.tr("Guest settings"))
        self.session = session
        self.instance = instance
        self.container = not instance.is_vm
        self.config: dict = {}
        self.digest = ""
        self.bridges: list[str] = []
        self.nic_rows: list[NicEditor] = []
        self.disk_spins: dict[str, QSpinBox] = {}
        self.pending_after_save: list[C.PendingItem] = []
        self.shown: dict[str, object] = {}  # key -> what its editor showed after loading
        self.balloon_unset = False
        self._busy = False
        name = "{0} ({1})".format(instance.vmid, instance.name) if instance.name else str(instance.vmid)
        self.setWindowTitle(kit.fmt(self.tr("Settings of %1"), name))

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        self.tabs.setAccessibleName(self.tr("Settings sections"))
        self._build_cpu_tab()
        self._build_network_tab()
        self._build_disk_tab()

        self.message = kit.message_label(self, "settingsMessage", self.tr("Message"), hidden=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("settingsSave")
        self.save_button.setAccessibleName(self.tr("Save settings"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("settingsCancel")
        cancel.setAccessibleName(self.tr("Cancel"))
        self.reload_button = kit.button(
            self.tr("Reload, keep my changes"), "settingsReload", parent=self,
            accessible=self.tr("Reload the current values and keep my changes"),
            tip=self.tr("Shows what others changed and puts your own changes on top; nothing is saved until you "
                        "press Save."), slot=self.reload_keeping_changes)
        self.reload_button.hide()
        self.buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.running_note = QLabel(self.tr("The guest is running: most hardware changes (CPU, memory, network "
                                           "model) take effect at its next start. You will be offered a reboot."),
                                   self)
        self.running_note.setObjectName("settingsRunningNote")
        self.running_note.setWordWrap(True)
        style.apply_tone(self.running_note, style.Tone.INFO)
        self.running_note.setVisible(instance.status == RUNNING and not self.container)
        self.pending_before: list[C.PendingItem] = []
        self.pending_note = QLabel(self)
        self.pending_note.setObjectName("settingsPendingNote")
        self.pending_note.setWordWrap(True)
        self.pending_note.setTextFormat(Qt.TextFormat.PlainText)  # quotes the server's pending values
        style.apply_tone(self.pending_note, style.Tone.PENDING)
        self.pending_note.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.running_note)
        layout.addWidget(self.pending_note)
        layout.addWidget(self.tabs)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.save_button.setEnabled(False)
        self.load()

    # ------------------------------------------------------------ building

    def _build_cpu_tab(self) -> None:
        page = QWidget(self)
        page.setObjectName("settingsCpuPage")
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        # PVE: sockets >= 1 without a maximum; cores 1..256 (its editor's limit) for VMs, and for
        # containers 1..8192 or unset = all host cores (0 here). `_present` widens a range further
        # when a loaded value lies outside it, so loading never clamps.
        self.sockets = kit.spin(1, 4096, parent=page, name="settingsSockets", accessible=self.tr("Sockets"))
        self.cores = kit.spin(0 if self.container else 1, 8192 if self.container else 256, parent=page,
                              name="settingsCores", accessible=self.tr("Cores"))
        if self.container:
            self.cores.setSpecialValueText(self.tr("all host cores"))
        self.cpu_type = kit.combo(((t, None) for t in C.CPU_TYPES), parent=page, name="settingsCpuType",
                                  accessible=self.tr("CPU type"))
        self.cpu_type.setEditable(True)
        self.vcpu_label = QLabel(page)
        self.vcpu_label.setObjectName("settingsVcpus")
        self.memory = kit.spin(16, 4 * 1024 * 1024, None, " MiB", 256, parent=page, name="settingsMemory",
                               accessible=self.tr("Memory"))
        self.memory_warning = QLabel(self.tr("Less than 512 MiB: most operating systems will not run well."), page)
        self.memory_warning.setObjectName("settingsMemoryWarning")
        style.apply_tone(self.memory_warning, style.Tone.WARNING)
        # One line (no word wrap): a wrapped label in a form row gets clipped to one line's height.
        self.memory_warning.hide()
        # Its maximum never follows memory: that clamped it while memory was typed digit by digit.
        # A minimum above memory is refused at Save instead.
        self.balloon = kit.spin(0, 4 * 1024 * 1024, None, " MiB", 256, parent=page, name="settingsBalloon",
                                accessible=self.tr("Minimum memory (balloon)"))
        self.balloon.setSpecialValueText(self.tr("Ballooning off"))
        self.swap = kit.spin(0, 1024 * 1024, None, " MiB", 256, parent=page, name="settingsSwap",
                             accessible=self.tr("Swap"))
        if not self.container:
            form.addRow(self.tr("Sockets:"), self.sockets)
        form.addRow(self.tr("Cores:"), self.cores)
        if not self.container:
            form.addRow(self.tr("Total vCPUs:"), self.vcpu_label)
            form.addRow(self.tr("CPU type:"), self.cpu_type)
        form.addRow(self.tr("Memory:"), self.memory)
        form.addRow("", self.memory_warning)
        if self.container:
            form.addRow(self.tr("Swap:"), self.swap)
        else:
            form.addRow(self.tr("Minimum memory:"), self.balloon)
        for w in ((self.sockets, self.cpu_type, self.vcpu_label, self.balloon) if self.container else (self.swap,)):
            w.hide()  # not in the form: kept hidden so nothing shows it
        for w in (self.sockets, self.cores):
            w.valueChanged.connect(self._update_derived)
        self.memory.valueChanged.connect(self._update_derived)
        self.memory.valueChanged.connect(self._follow_unset_balloon)
        self.tabs.addTab(page, self.tr("CPU and memory"))

    def _build_network_tab(self) -> None:
        page = QWidget(self)
        page.setObjectName("settingsNetworkPage")
        outer = QVBoxLayout(page)
        self.nic_grid = QGridLayout()
        outer.addLayout(self.nic_grid)
        self.no_nics = QLabel(self.tr("No network interfaces."), page)
        self.no_nics.setObjectName("settingsNoNics")
        outer.addWidget(self.no_nics)
        self.add_nic_button = kit.button(self.tr("Add interface"), "settingsAddNic", parent=page,
                                         accessible=self.tr("Add network interface"), slot=self.add_nic)
        row = QHBoxLayout()
        row.addWidget(self.add_nic_button)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.tabs.addTab(page, self.tr("Network"))

    def _build_disk_tab(self) -> None:
        page = QWidget(self)
        page.setObjectName("settingsDiskPage")
        outer = QVBoxLayout(page)
        note = QLabel(self.tr("Disks can only grow. The file system inside the guest must be extended "
                              "afterwards."), page)
        note.setWordWrap(True)
        outer.addWidget(note)
        self.disk_grid = QGridLayout()
        outer.addLayout(self.disk_grid)
        self.no_disks = QLabel(self.tr("No disks that can be resized."), page)
        self.no_disks.setObjectName("settingsNoDisks")
        outer.addWidget(self.no_disks)
        outer.addStretch(1)
        self.tabs.addTab(page, self.tr("Disks"))

    # ------------------------------------------------------------ loading

    def reload_keeping_changes(self) -> None:
        """After a conflict: read the current config, then re-apply only what this user changed,
        so values someone else changed (and this user did not touch) are not overwritten."""
        self._reapply = self.changes()
        self.load()

    def load(self, keep_input: bool = False) -> None:
        self.save_button.setEnabled(False)
        self._busy = True
        # Without current=1: what the guest gets at its next start, the values PVE's editors show.
        reply = self.session.run(api.guest_config(self.instance))
        reply.then(self, lambda data, error: self._config_loaded(data, error, keep_input))
        if not self.bridges:
            bridges = self.session.run(api.networks(self.instance.node, "any_bridge"))
            bridges.finished.connect(self._bridges_loaded)

    def _bridges_loaded(self, data, error) -> None:
        if error is None and data:
            self.bridges = sorted(str(i.get("iface")) for i in data if i.get("iface"))
            for row in self.nic_rows:
                current = row.bridge.currentText()
                for b in self.bridges:
                    if row.bridge.findText(b) < 0:
                        row.bridge.addItem(b)
                row.bridge.setCurrentText(current)

    def _config_loaded(self, data, error, keep_input: bool) -> None:
        if error is not None:
            self._busy = False
            self.show_message(errors.describe(error), error=True)
            return
        self.config = dict(data or {})
        self.digest = str(self.config.get("digest") or "")
        pending = self.session.run(api.guest_pending(self.instance))
        pending.then(self, lambda items, err: self._pending_loaded(items if err is None else [], keep_input))

    def _pending_loaded(self, items, keep_input: bool) -> None:
        self._busy = False
        self.pending_before = C.pending_changes(items or [])
        self._show_pending_note()
        if not keep_input:
            self._fill()
        self.reload_button.hide()
        self.message.hide()
        reapply, self._reapply = getattr(self, "_reapply", None), None
        if reapply is not None:
            self._apply_changes(*reapply)
            self.show_message(self.tr("Reloaded. Changes made by others are shown; your own changes are kept "
                                      "on top. Press Save to apply them."))
        self.save_button.setEnabled(True)
        self.loaded.emit()

    def _show_pending_note(self) -> None:
        lines = []
        for item in self.pending_before:
            now = self.tr("not set") if item.value is None else str(item.value)
            if item.delete:
                lines.append(kit.fmt(self.tr("%1: %2, removed at the next start"), item.key, now))
            else:
                lines.append(kit.fmt(self.tr("%1: %2 now, %3 after the next start"), item.key, now, item.pending))
        self.pending_note.setText(self.tr("Pending changes (the editors show the values after the next start):")
                                  + "\n" + "\n".join(lines))
        self.pending_note.setVisible(bool(lines))

    def _present(self, spin: QSpinBox, key: str, value: int) -> None:
        """Show a loaded value, widening the range when it lies outside (never clamp what was loaded)."""
        spin.setRange(min(spin.minimum(), value), max(spin.maximum(), value))
        spin.setValue(value)
        self.shown[key] = spin.value()

    def _fill(self) -> None:
        cfg = self.config
        self.shown = {}
        self._present(self.sockets, "sockets", int(cfg.get("sockets") or 1))
        # Containers: no cores = all host cores (0, "all host cores"); VMs: PVE's default 1.
        self._present(self.cores, "cores", int(cfg.get("cores") or (0 if self.container else 1)))
        self.cpu_type.setCurrentText(C.cpu_type(cfg.get("cpu"), cfg).model if not self.container else "")
        self.shown["cpu"] = self.cpu_type.currentText().strip()
        self._present(self.memory, "memory", C.memory_mib(cfg))
        balloon = C.balloon_mib(cfg)
        self.balloon_unset = balloon is None  # minimum = memory: shown as memory, sent only when moved
        self._present(self.balloon, "balloon", self.memory.value() if balloon is None else balloon)
        self._present(self.swap, "swap", int(cfg.get("swap", C.CT_DEFAULT_SWAP)))
        for row in self.nic_rows:
            for w in row.widgets:
                w.deleteLater()
        self.nic_rows = [NicEditor(self, nic, nic) for nic in C.nics(cfg, self.container)]
        self._layout_nics()
        while self.disk_grid.count():
            item = self.disk_grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.disk_spins = {}
        row = 0
        for disk in C.disks(cfg, self.container):
            if not disk.resizable:
                continue
            spin = kit.spin(0, 64 * 1024, None, " GiB", parent=self, name="diskGrow-" + disk.key,
                            accessible=kit.fmt(self.tr("Grow %1 by"), disk.key))
            spin.setPrefix("+ ")
            self.disk_grid.addWidget(QLabel("<b>{0}</b>".format(html.escape(disk.key)), self), row, 0)
            volume = QLabel(disk.volume, self)
            volume.setTextFormat(Qt.TextFormat.PlainText)  # a volume id is the server's text
            self.disk_grid.addWidget(volume, row, 1)
            self.disk_grid.addWidget(QLabel(parse.human_bytes(disk.size or 0), self), row, 2)
            self.disk_grid.addWidget(spin, row, 3)
            self.disk_spins[disk.key] = spin
            row += 1
        self.disk_grid.setColumnStretch(1, 1)
        self.no_disks.setVisible(not self.disk_spins)
        self._update_derived()

    def _layout_nics(self) -> None:
        while self.nic_grid.count():
            self.nic_grid.takeAt(0)
        headers = [self.tr("Interface"), self.tr("Model"), self.tr("Bridge"), self.tr("VLAN"), self.tr("Firewall")]
        if self.container:
            headers.append(self.tr("IPv4"))
        for col, text in enumerate(headers):
            label = QLabel("<b>{0}</b>".format(text), self)
            self.nic_grid.addWidget(label, 0, col)
        shown = [r for r in self.nic_rows if not r.removed]
        for i, row in enumerate(shown, start=1):
            for col, w in enumerate(row.widgets):
                self.nic_grid.addWidget(w, i, col)
                w.show()
        for row in self.nic_rows:
            if row.removed:
                for w in row.widgets:
                    w.hide()
        self.nic_grid.setColumnStretch(2, 1)
        self.no_nics.setVisible(not shown)

    def _apply_changes(self, put: dict, deletes: list[str], grows: list[tuple[str, str]]) -> None:
        """Put the user's own edits (from `changes()`) back onto freshly loaded editors."""
        spins = {"cores": self.cores, "sockets": self.sockets, "memory": self.memory, "swap": self.swap,
                 "balloon": self.balloon}
        for key, value in put.items():
            if key in spins:
                spins[key].setValue(int(value))
            elif key == "cpu":
                self.cpu_type.setCurrentText(C.cpu_type(value, self.config).model)
            elif key.startswith("net"):
                nic = C.parse_nic(key, value, self.container)
                row = next((r for r in self.nic_rows if r.nic.key == key and not r.removed), None)
                if row is None:
                    row = NicEditor(self, nic, None)
                    self.nic_rows.append(row)
                row.model.setCurrentText(nic.model or row.model.currentText())
                row.bridge.setCurrentText(nic.bridge)
                row.vlan.setValue(nic.tag or 0)
                row.firewall.setChecked(nic.firewall)
                if self.container:
                    row.ip.setText(nic.ip)
        if "cores" in deletes:
            self.cores.setValue(0)
        for row in self.nic_rows:
            if row.nic.key in deletes:
                row.removed = True
        self._layout_nics()
        for disk, size in grows:
            if disk in self.disk_spins:
                self.disk_spins[disk].setValue(int(size.strip("+G")))
        self._update_derived()

    # ------------------------------------------------------------ editing

    def _update_derived(self) -> None:
        self.vcpu_label.setText(str(self.sockets.value() * self.cores.value()))
        self.memory_warning.setVisible(self.memory.value() < MIN_MEMORY_RECOMMENDED)

    def _follow_unset_balloon(self, memory: int) -> None:
        """An unset balloon minimum is memory itself: while the user leaves it alone it shows the
        new memory, and stays unsent (its shown value moves with it)."""
        if getattr(self, "balloon_unset", False) and self.balloon.value() == self.shown.get("balloon"):
            self.balloon.setValue(memory)
            self.shown["balloon"] = self.balloon.value()

    def add_nic(self) -> NicEditor:
        used = dict(self.config)
        for row in self.nic_rows:
            used[row.nic.key] = ""
        key = C.free_net_key(used)
        nic = C.Nic(key=key, model="veth" if self.container else "virtio",
                    bridge=self.bridges[0] if self.bridges else "vmbr0", firewall=True,
                    name="eth" + key[3:] if self.container else "", ip="dhcp" if self.container else "")
        row = NicEditor(self, nic, None)
        self.nic_rows.append(row)
        self._layout_nics()
        return row

    def remove_nic(self, row: NicEditor) -> None:
        row.removed = True
        self._layout_nics()

    def show_message(self, text: str, error: bool = False) -> None:
        kit.show_message(self.message, text, style.Tone.ERROR if error else None)
        if error:
            self.failed.emit(text)

    # ------------------------------------------------------------ saving

    def changes(self) -> tuple[dict, list[str], list[tuple[str, str]]]:
        """(values to PUT, keys to delete, [(disk, '+NG')] to grow): what the user edited, i.e. every
        editor whose value is not the one it showed after loading."""
        put: dict = {}
        deletes: list[str] = []
        shown = self.shown
        spins = [("cores", self.cores), ("memory", self.memory)]
        spins += [("swap", self.swap)] if self.container else [("sockets", self.sockets), ("balloon", self.balloon)]
        for key, spin in spins:
            if key in shown and spin.value() != shown[key]:
                put[key] = spin.value()
        if self.container and put.get("cores") == 0:
            del put["cores"]
            deletes.append("cores")  # back to all host cores
        cpu = self.cpu_type.currentText().strip()
        if not self.container and cpu and "cpu" in shown and cpu != shown["cpu"]:
            opts = C.split_options(self.config.get("cpu"), default_key="cputype")
            kept = [k for k in opts if k != "cputype"]  # flags=+aes;-pcid and the others, as loaded
            opts["cputype"] = cpu
            put["cpu"] = C.format_options(opts, default_key="cputype", kept=kept)
        for row in self.nic_rows:
            if row.removed:
                if row.original is not None:
                    deletes.append(row.nic.key)
                continue
            if row.edited:
                put[row.nic.key] = C.format_nic(row.value(), self.container)
        grows = [(key, "+{0}G".format(spin.value())) for key, spin in self.disk_spins.items() if spin.value() > 0]
        return put, deletes, grows

    def _balloon_too_large(self, put: dict) -> bool:
        """PVE refuses a balloon minimum above memory; checked when either was edited."""
        if self.container or not ({"memory", "balloon"} & set(put)):
            return False
        balloon = put.get("balloon", C.balloon_mib(self.config))
        return bool(balloon) and int(balloon) > self.memory.value()

    def _input_problem(self) -> str:
        """The first typed value that is not of its kind (it would end up in a PVE option string)."""
        checks = []
        if not self.container and self.cpu_type.currentText().strip():
            checks.append(validate.check_cpu_model(self.cpu_type.currentText()))
        for row in self.nic_rows:
            if row.removed or not row.edited:
                continue
            bridge = row.bridge.currentText()
            if bridge.strip() or row.original is None or row.original.bridge:  # none: as PVE loaded it
                checks.append(validate.check_bridge(bridge))
            if self.container:
                checks.append(validate.check_nic_ipv4(row.ip.text()))
        issue = next((c for c in checks if c is not None and not c.warning), None)
        return issue.text() if issue is not None else ""

    def save(self) -> None:
        if self._busy:
            return
        problem = self._input_problem()
        if problem:
            self.show_message(problem, error=True)
            return
        try:
            put, deletes, grows = self.changes()
        except ValueError:  # format_options refused a value no field check caught: send nothing
            self.show_message(self.tr("A value contains characters PVE would read as separate options "
                                      "(, = ; or control characters). Correct it and save again."), error=True)
            return
        if not put and not deletes and not grows:
            self.accept()
            return
        if self._balloon_too_large(put):
            self.show_message(self.tr("The minimum memory (balloon) must not be larger than the memory."),
                              error=True)
            return
        self._busy = True
        self.save_button.setEnabled(False)
        self.show_message(self.tr("Saving…"))
        self._grows = list(grows)
        if put or deletes:
            params = dict(put)
            if deletes:
                params["delete"] = ",".join(deletes)
            params["digest"] = self.digest
            reply = self.session.run(api.update_config(self.instance, params))
            reply.finished.connect(self._config_saved)
        else:
            self._next_grow()

    def _config_saved(self, data, error) -> None:
        if error is not None:
            self._save_failed(error)
            return
        self._next_grow()

    def _next_grow(self) -> None:
        if not self._grows:
            self._read_pending()
            return
        disk, size = self._grows.pop(0)
        reply = self.session.run(api.resize(self.instance, disk, size))
        reply.finished.connect(self._grown)

    def _grown(self, data, error) -> None:
        """A resize answered with a task id is done only when that task ended OK (older PVE
        answered null: done at once)."""
        if error is not None:
            self._save_failed(error)
            return
        if isinstance(data, str) and data.startswith("UPID:"):
            self._resize_task = data
            self.session.task_changed.connect(self._resize_task_changed)
            return
        self._next_grow()

    def _resize_task_changed(self, task) -> None:
        if task.upid != getattr(self, "_resize_task", None) or task.running:
            return
        self.session.task_changed.disconnect(self._resize_task_changed)
        self._resize_task = None
        if task.failed:
            self._save_failed(errors.from_task_exit(task.exitstatus))
            return
        self._next_grow()

    def _read_pending(self) -> None:
        reply = self.session.run(api.guest_pending(self.instance))
        reply.finished.connect(self._pending_read)

    def _pending_read(self, data, error) -> None:
        self._busy = False
        self.pending_after_save = C.pending_changes(data or []) if error is None else []
        self.saved.emit(self.pending_after_save)
        self.accept()

    def _save_failed(self, error) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        self.show_message(errors.describe(error), error=True)
        self.reload_button.setVisible(isinstance(error, errors.ConfigChanged))


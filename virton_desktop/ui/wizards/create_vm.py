"""The "Create VM" wizard: General, OS, CPU, Memory, Disks, Network, Summary.

    wizard = CreateVmWizard(session, parent)
    wizard.created.connect(on_created)   # (cluster, vmid, start_after), after the task ended OK
    wizard.open()

Lists (nodes, ISO images, storages, bridges) come from the server for the chosen node and
reload when the node changes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox

from ...pve import create, validate
from ...pve.validate import QT_TRANSLATE_NOOP
from .. import kit
from .common import FieldMessage, FormPage, NicPage, combo_set_items
from .create_base import CreateWizardBase, SummaryPage
from .general import GeneralPage
from .options import OptionState, volume_label
from .tables import DiskList, VmNicList

CPU_DESCRIPTIONS = {
    "x86-64-v2-AES": "x86-64-v2-AES (default: AES-NI crypto acceleration, migrates across most hosts)",
    "host": "host (all features of this node's CPU; migration only to identical CPUs)",
    "x86-64-v3": "x86-64-v3 (AVX2; Intel Haswell / AMD EPYC and newer)",
    "x86-64-v4": "x86-64-v4 (AVX-512)",
    "x86-64-v2": "x86-64-v2 (without AES)",
    "kvm64": "kvm64 (oldest common denominator)",
    "qemu64": "qemu64",
    "max": "max (everything QEMU can emulate)",
}


class OsPage(FormPage):
    def __init__(self, wizard: CreateVmWizard):
        super().__init__(self.tr("Operating system"),
                         self.tr("The installation medium and the kind of system, which sets optimised defaults."),
                         "osPage")
        self.wiz = wizard
        self.iso = kit.combo(parent=self, name="createIso", accessible=self.tr("ISO image"), fit_contents=True)
        self.iso_message = self.add_field(self.tr("ISO image"), self.iso, "iso", check=self._check_iso)
        self.rules["iso"].passive = True  # _show_state words it
        self.ostype = kit.combo([(label, value) for value, label in create.OS_TYPES], parent=self,
                                name="createOsType", accessible=self.tr("OS type"))
        self.add_field(self.tr("OS type"), self.ostype, "ostype",
                       hint=lambda: self.tr("Picking an OS type sets the defaults PVE recommends for it (firmware, "
                                            "machine, disk bus, network model); fields you changed keep your choice."))
        self.bios = kit.combo([(self.tr("SeaBIOS (default)"), ""), ("OVMF (UEFI)", "ovmf")], parent=self,
                              name="createBios", accessible=self.tr("Firmware"))
        self.add_field(self.tr("Firmware"), self.bios, "bios")
        self.machine = kit.combo([(self.tr("i440fx (default)"), ""), ("q35", "q35")], parent=self,
                                 name="createMachine", accessible=self.tr("Machine"))
        self.add_field(self.tr("Machine"), self.machine, "machine")
        self.efidisk = kit.named(QCheckBox(self.tr("Add an EFI disk (UEFI settings and Secure Boot keys)"), self),
                                 "createEfiDisk", self.tr("EFI disk"))
        self.add_field(self.tr("EFI disk"), self.efidisk, "efidisk")
        self.tpm = kit.named(QCheckBox(self.tr("Add a TPM 2.0 (Windows 11 requires one)"), self), "createTpm",
                             self.tr("TPM"))
        self.add_field(self.tr("TPM"), self.tpm, "tpm")
        # Fields the user set by hand: an OS type change leaves them alone (signals only users fire).
        self.edited: set[str] = set()
        for name, combo in (("bios", self.bios), ("machine", self.machine)):
            combo.activated.connect(lambda *_, n=name: self.edited.add(n))
        for name, box in (("efidisk", self.efidisk), ("tpm", self.tpm)):
            box.clicked.connect(lambda *_, n=name: self.edited.add(n))
        self.bios.currentIndexChanged.connect(self._firmware_changed)
        self._firmware_changed()
        self.busy = lambda: self.wiz.options.in_flight("iso_storages")
        self.iso.currentIndexChanged.connect(self._show_state)

    def _firmware_changed(self, *_):
        self.efidisk.setEnabled(self.bios.currentData() == "ovmf")  # an EFI disk only with OVMF

    def fill(self) -> None:
        opts = self.wiz.options
        items = [(self.tr("No media (install from the network or add one later)"), "")]
        for storage in opts.items("iso_storages"):
            items += [(volume_label(v), v) for v in opts.items("iso:" + storage)]
        combo_set_items(self.iso, items)
        self._show_state()

    def _check_iso(self) -> validate.Issue | None:
        iso = self.iso.currentData()  # listed by the server: still checked, it goes into ide2
        return validate.check_volid(iso) if iso else None

    def _show_state(self, *_):
        opts = self.wiz.options
        issue = self._check_iso()
        if issue is not None:
            self.iso_message.show_issue(issue)
            self.completeChanged.emit()
            return
        keys = ["iso_storages"] + ["iso:" + s for s in opts.items("iso_storages")]
        loading = [k for k in keys if opts.loading(k)]
        failed = [k for k in keys if opts.get(k).state == OptionState.ERROR]
        if loading:
            self.iso_message.show_text(opts.state_text(loading[0]), "hint")
        elif failed:
            self.iso_message.show_text(opts.state_text(failed[0]), "warning")
        elif self.iso.count() <= 1:
            text = self.tr("No ISO images on this node's storages. Upload one in PVE: Storage > ISO Images.")
            # No storage listed at all may be the login's missing Datastore privileges.
            self.iso_message.show_text(text if opts.items("iso_storages") else self.wiz.no_storage_text(text),
                                       "warning")
        else:
            self.iso_message.show_text(self.tr("Installation images on this node's storages."), "hint")
        self.completeChanged.emit()


class CpuPage(FormPage):
    def __init__(self, wizard: CreateVmWizard):
        super().__init__(self.tr("CPU"), self.tr("Processors given to the VM."), "cpuPage")
        self.sockets = kit.spin(1, 4096, 1, accelerated=True, name="createSockets", accessible=self.tr("Sockets"))
        self.add_field(self.tr("Sockets"), self.sockets, "sockets")
        self.cores = kit.spin(1, 256, 2, accelerated=True, name="createCores", accessible=self.tr("Cores per socket"))
        self.add_field(self.tr("Cores per socket"), self.cores, "cores",
                       hint=lambda: kit.fmt(self.tr("%1 vCPUs in total."), self.sockets.value() * self.cores.value()))
        self.cpu = kit.combo([(CPU_DESCRIPTIONS.get(value, value), value) for value in create.CPU_TYPES], parent=self,
                             name="createCpuType", accessible=self.tr("CPU type"))
        self.add_field(self.tr("CPU type"), self.cpu, "cpu",
                       check=lambda: validate.check_cpu_model(self.cpu.currentData() or ""))
        self.revalidate()


class MemoryPage(FormPage):
    def __init__(self, wizard: CreateVmWizard):
        super().__init__(self.tr("Memory"), self.tr("RAM dedicated to the VM. At least 512 MiB is recommended."),
                         "memoryPage")
        self.memory = kit.spin(validate.MEMORY_MIN, 4 * 1024 * 1024, 2048, " MiB", 256, accelerated=True,
                               name="createMemory", accessible=self.tr("Memory"))
        self.add_field(self.tr("Memory"), self.memory, "memory",
                       check=lambda: validate.check_memory(self.memory.value()))
        self.balloon = kit.named(QCheckBox(self.tr("Ballooning: the host may reclaim unused memory"), self),
                                 "createBalloon", self.tr("Ballooning"))
        self.balloon.setChecked(True)
        self.add_field(self.tr("Ballooning"), self.balloon)
        self.balloon_min = kit.spin(validate.MEMORY_MIN, 4 * 1024 * 1024, 2048, " MiB", 256, accelerated=True,
                                    name="createBalloonMin", accessible=self.tr("Minimum memory"))
        self.add_field(self.tr("Minimum memory"), self.balloon_min, "balloon", check=self._check_min,
                       hint=lambda: self.tr("The guest never gets less than this."))
        self.memory.valueChanged.connect(self._memory_changed)
        self.balloon.toggled.connect(self.balloon_min.setEnabled)
        self.watch(self.balloon_min, "balloon")
        self._last_memory = 2048

    def _memory_changed(self, value):
        if self.balloon_min.value() == self._last_memory or self.balloon_min.value() > value:
            self.balloon_min.setValue(value)  # follows memory until the user picks another minimum
        self._last_memory = value

    def _check_min(self):
        if self.balloon.isChecked() and self.balloon_min.value() > self.memory.value():
            return validate.Issue(QT_TRANSLATE_NOOP("Validate", "The minimum cannot exceed the memory."))
        return None


class DisksPage(FormPage):
    def __init__(self, wizard: CreateVmWizard):
        super().__init__(self.tr("Disks"), self.tr("New virtual disks, created empty on the chosen storage."),
                         "disksPage")
        self.wiz = wizard
        self.scsihw = kit.combo([(value, value) for value in create.SCSI_CONTROLLERS], parent=self,
                                name="createScsiHw", accessible=self.tr("SCSI controller"))
        self.add_field(self.tr("SCSI controller"), self.scsihw, "scsihw",
                       hint=lambda: self.tr("virtio-scsi-single gives every SCSI disk its own IO thread."))
        self.state = FieldMessage(self)
        self.body.addWidget(self.state)
        self.disks = DiskList(self)
        self.body.addWidget(self.disks)
        self.add_table("disks", self.disks)
        self.disks.add_row(create.VmDisk())
        self.busy = lambda: self.wiz.options.in_flight("images")

    def fill(self) -> None:
        opts = self.wiz.options
        self.disks.set_choices("storages", opts.items("images"))
        text = opts.state_text("images", self.wiz.no_storage_text(self.tr(
            "No storage on this node can hold VM disks (content \"Disk image\"). Add one in PVE: "
            "Datacenter > Storage.")))
        self.state.show_text(text, "hint" if opts.in_flight("images") else "warning")
        self.completeChanged.emit()


class CreateVmWizard(CreateWizardBase):
    kind = "qemu"
    storage_contents = {"iso_storages": "iso", "images": "images"}

    def __init__(self, session, parent=None, privileges=None):
        super().__init__(session, parent, privileges)
        self.setObjectName("createVmWizard")
        self.setWindowTitle(self.tr("Create virtual machine"))
        self.general = GeneralPage(self.options, self.tr("General"),
                                   self.tr("Where the VM runs and what it is called."), self.tr("VM ID"),
                                   self.tr("VM name"), "createName", self.tr("e.g. web-01"))
        self.os_page = OsPage(self)
        self.cpu_page = CpuPage(self)
        self.memory_page = MemoryPage(self)
        self.disks_page = DisksPage(self)
        self.network_page = NicPage(
            self, self.tr("Network devices, each on a bridge of the node, optionally in a VLAN."), "networkPage",
            VmNicList, create.VmNic())
        self.summary = SummaryPage(self, create.vm_summary)
        self.add_pages(self.general, self.os_page, self.cpu_page, self.memory_page, self.disks_page,
                       self.network_page, self.summary)
        self.disks_page.scsihw.activated.connect(lambda *_: self.os_page.edited.add("scsihw"))
        self.os_page.ostype.currentIndexChanged.connect(self.apply_os_defaults)
        self.disks_page.disks.changed.connect(self.apply_os_defaults)
        self.network_page.nics.changed.connect(self.apply_os_defaults)
        self.apply_os_defaults()

    def apply_os_defaults(self, *_) -> None:
        """PVE's per-OS defaults (`create.os_defaults`) on every field the user has not set by hand;
        new disk and NIC rows get them too."""
        os_page, d = self.os_page, create.os_defaults(self.os_page.ostype.currentData())
        for name, combo, value in (("bios", os_page.bios, d.bios), ("machine", os_page.machine, d.machine),
                                   ("scsihw", self.disks_page.scsihw, d.scsihw)):
            if name not in os_page.edited:
                combo.setCurrentIndex(max(0, combo.findData(value)))
        for name, box, value in (("efidisk", os_page.efidisk, d.efidisk), ("tpm", os_page.tpm, d.tpm)):
            if name not in os_page.edited:
                box.setChecked(value)
        for rows, attr, value in ((self.disks_page.disks.rows, "bus", d.bus),
                                  (self.network_page.nics.rows, "model", d.nic_model)):
            for row in rows:
                # A row whose value is not the default last put there was set by the user (this
                # runs on every row edit, before a user's `activated` would arrive).
                combo, applied = getattr(row, attr), row.__dict__.setdefault("os_applied", {})
                if attr in applied and combo.currentData() != applied[attr]:
                    continue
                applied[attr] = value
                combo.setCurrentIndex(max(0, combo.findData(value)))

    def option_loaded(self, key: str) -> None:
        if key == "iso_storages" and self.options.get(key).state == OptionState.OK:
            for storage in self.options.items(key):
                self.load_volumes("iso:" + storage, storage, "iso")
        if key == "iso_storages" or key.startswith("iso:"):
            self.os_page.fill()
        elif key == "images":
            self.disks_page.fill()

    def spec(self) -> create.VmSpec:
        g, m = self.general, self.memory_page
        return create.VmSpec(
            node=g.current_node(), vmid=int(g.vmid.text().strip() or 0), name=g.name.text().strip(),
            ostype=self.os_page.ostype.currentData(), iso=self.os_page.iso.currentData() or None,
            sockets=self.cpu_page.sockets.value(), cores=self.cpu_page.cores.value(),
            cpu=self.cpu_page.cpu.currentData(), memory=m.memory.value(), balloon=m.balloon.isChecked(),
            balloon_min=m.balloon_min.value() if m.balloon.isChecked() else None,
            scsihw=self.disks_page.scsihw.currentData(), disks=self.disks_page.disks.values(),
            nics=self.network_page.nics.values(), bios=self.os_page.bios.currentData(),
            machine=self.os_page.machine.currentData(),
            efidisk=self.os_page.efidisk.isChecked() and self.os_page.efidisk.isEnabled(),
            tpm=self.os_page.tpm.isChecked(), pool=g.pool.pool())

    def params(self, spec):
        return create.vm_params(spec)

    def fields(self, spec):
        return create.vm_fields(spec)

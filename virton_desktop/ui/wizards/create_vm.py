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
    def __init__(self, wizard: "CreateVmWizard"):
        super().__init__(self.tr("Operating system"),
                         self.tr("The installation medium and the kind of system, which sets optimised defaults."),
                         "osPage")
        self.wiz = wizard
        self.iso = kit.combo(parent=self, name="createIso", accessible=self.tr("ISO image"), fit_contents=True)
        self.iso_message = self.add_field(self.tr("ISO image"), self.iso, "iso")
        self.rules["iso"].passive = True  # _show_state words it
        self.ostype = kit.combo([(label, value) for value, label in create.OS_TYPES], parent=self,
                                name="createOsType", accessible=self.tr("OS type"))
        self.add_field(self.tr("OS type"), self.ostype, "ostype")
        self.busy = lambda: self.wiz.options.in_flight("iso_storages")
        self.iso.currentIndexChanged.connect(self._show_state)

    def fill(self) -> None:
        opts = self.wiz.options
        items = [(self.tr("No media (install from the network or add one later)"), "")]
        for storage in opts.items("iso_storages"):
            items += [(volume_label(v), v) for v in opts.items("iso:" + storage)]
        combo_set_items(self.iso, items)
        self._show_state()

    def _show_state(self, *_):
        opts = self.wiz.options
        keys = ["iso_storages"] + ["iso:" + s for s in opts.items("iso_storages")]
        loading = [k for k in keys if opts.loading(k)]
        failed = [k for k in keys if opts.get(k).state == OptionState.ERROR]
        if loading:
            self.iso_message.show_text(opts.state_text(loading[0]), "hint")
        elif failed:
            self.iso_message.show_text(opts.state_text(failed[0]), "warning")
        elif self.iso.count() <= 1:
            self.iso_message.show_text(self.tr("No ISO images on this node's storages. Upload one in PVE: "
                                               "Storage > ISO Images."), "warning")
        else:
            self.iso_message.show_text(self.tr("Installation images on this node's storages."), "hint")
        self.completeChanged.emit()


class CpuPage(FormPage):
    def __init__(self, wizard: "CreateVmWizard"):
        super().__init__(self.tr("CPU"), self.tr("Processors given to the VM."), "cpuPage")
        self.sockets = kit.spin(1, 4, 1, accelerated=True, name="createSockets", accessible=self.tr("Sockets"))
        self.add_field(self.tr("Sockets"), self.sockets, "sockets")
        self.cores = kit.spin(1, 128, 2, accelerated=True, name="createCores", accessible=self.tr("Cores per socket"))
        self.add_field(self.tr("Cores per socket"), self.cores, "cores",
                       hint=lambda: kit.fmt(self.tr("%1 vCPUs in total."), self.sockets.value() * self.cores.value()))
        self.cpu = kit.combo([(CPU_DESCRIPTIONS.get(value, value), value) for value in create.CPU_TYPES], parent=self,
                             name="createCpuType", accessible=self.tr("CPU type"))
        self.add_field(self.tr("CPU type"), self.cpu, "cpu")
        self.revalidate()


class MemoryPage(FormPage):
    def __init__(self, wizard: "CreateVmWizard"):
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
    def __init__(self, wizard: "CreateVmWizard"):
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
        text = opts.state_text("images", self.tr("No storage on this node can hold VM disks (content "
                                                 "\"Disk image\"). Add one in PVE: Datacenter > Storage."))
        self.state.show_text(text, "hint" if opts.in_flight("images") else "warning")
        self.completeChanged.emit()


class CreateVmWizard(CreateWizardBase):
    kind = "qemu"
    storage_contents = {"iso_storages": "iso", "images": "images"}

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
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
            nics=self.network_page.nics.values())

    def params(self, spec):
        return create.vm_params(spec)

    def fields(self, spec):
        return create.vm_fields(spec)

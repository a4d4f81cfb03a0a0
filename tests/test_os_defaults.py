"""Per-OS defaults in the VM wizard (issue 15, item 7), as PVE's wizard applies them
(pve-manager qemu/OSDefaults.js, SystemEdit.js): visible, editable, and an OS type change
re-applies them only to fields the user did not set by hand."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from virton_desktop.pve import api, create
from virton_desktop.ui.wizards import CreateVmWizard

FINISH = QWizard.WizardButton.FinishButton


def _choose(combo, data):
    """As a user picks an item: the index changes and `activated` fires."""
    index = combo.findData(data)
    assert index >= 0
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_os_defaults_follow_pve():
    assert create.os_defaults("l26") == create.OsDefaults(bus="scsi", nic_model="virtio")
    win10 = create.os_defaults("win10")
    assert (win10.bus, win10.nic_model, win10.bios, win10.tpm) == ("ide", "e1000", "", False)
    assert create.os_defaults("wxp").nic_model == "rtl8139"
    win11 = create.os_defaults("win11")
    assert (win11.bus, win11.nic_model, win11.bios, win11.machine, win11.efidisk, win11.tpm) == (
        "ide", "e1000", "ovmf", "q35", True, True)


def test_win11_params_have_efi_disk_and_tpm():
    spec = create.VmSpec(node="pve1", vmid=150, name="w11", ostype="win11", bios="ovmf", machine="q35",
                         efidisk=True, tpm=True, disks=[create.VmDisk(bus="ide", storage="local-lvm", size_gib=64)],
                         nics=[create.VmNic(model="e1000")])
    p = create.vm_params(spec)
    assert (p["bios"], p["machine"]) == ("ovmf", "q35")
    assert p["efidisk0"] == "local-lvm:1,efitype=4m,pre-enrolled-keys=1"
    assert p["tpmstate0"] == "local-lvm:1,version=v2.0"
    assert p["ide0"].startswith("local-lvm:64") and p["net0"].startswith("e1000,")
    assert create.vm_fields(spec)["tpmstate0"] == ("tpm", None)
    linux = create.vm_params(create.VmSpec(node="pve1", vmid=151, name="l"))
    assert not any(k in linux for k in ("bios", "machine", "efidisk0", "tpmstate0"))


def test_wizard_applies_defaults_and_keeps_what_the_user_set(qtbot, session):
    wizard = CreateVmWizard(session)
    qtbot.addWidget(wizard)
    wizard.show()
    os_page, disk, nic = wizard.os_page, wizard.disks_page.disks.rows[0], wizard.network_page.nics.rows[0]
    assert (disk.bus.currentData(), nic.model.currentData(), os_page.bios.currentData()) == ("scsi", "virtio", "")
    _choose(os_page.ostype, "win11")
    assert (os_page.bios.currentData(), os_page.machine.currentData()) == ("ovmf", "q35")
    assert os_page.efidisk.isChecked() and os_page.efidisk.isEnabled() and os_page.tpm.isChecked()
    assert (disk.bus.currentData(), nic.model.currentData()) == ("ide", "e1000")
    added = wizard.disks_page.disks.add_row()
    assert added.bus.currentData() == "ide"  # a new row gets the OS's default too
    _choose(disk.bus, "sata")  # the user's own choices ...
    os_page.tpm.click()
    _choose(os_page.ostype, "l26")
    assert disk.bus.currentData() == "sata" and not os_page.tpm.isChecked()  # ... are kept
    assert (nic.model.currentData(), added.bus.currentData(), os_page.bios.currentData()) == ("virtio", "scsi", "")
    assert not os_page.efidisk.isEnabled()  # no EFI disk without OVMF


def test_windows_11_is_created_with_ovmf_q35_efi_disk_and_tpm(qtbot, session):
    wizard = CreateVmWizard(session)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.general.vmid.text() != "" and bool(wizard.general.current_node()),
                    timeout=10000)
    wizard.general.node.setCurrentIndex(wizard.general.node.findData("pve1"))
    qtbot.keyClicks(wizard.general.name, "win11-new")
    _choose(wizard.os_page.ostype, "win11")
    qtbot.waitUntil(lambda: wizard.disks_page.disks.rows[0].storage.currentData() == "local-lvm", timeout=10000)
    wizard.setStartId(wizard.currentId())
    while wizard.currentPage() is not wizard.summary:
        qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=10000)
        wizard.next()
    vmid = int(wizard.general.vmid.text())
    with qtbot.waitSignal(wizard.created, timeout=15000):
        qtbot.mouseClick(wizard.button(FINISH), Qt.MouseButton.LeftButton)
    reply = session.run(api.guest_config(api.GuestRef("pve1", "qemu", vmid)))
    with qtbot.waitSignal(reply.finished, timeout=10000) as got:
        pass
    cfg = got.args[0]
    assert (cfg["ostype"], cfg["bios"], cfg["machine"]) == ("win11", "ovmf", "q35")
    assert "efidisk0" in cfg and "version=v2.0" in cfg["tpmstate0"]
    assert "ide0" in cfg and cfg["net0"].startswith("e1000=")

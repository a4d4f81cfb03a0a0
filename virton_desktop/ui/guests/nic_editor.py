"""The editors of one network interface in the settings dialog's Network tab.

Its texts are the dialog's (`dialog.tr`, context SettingsDialog); it tells whether the user
edited it by comparing what its editors show with what they showed right after building.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit

from ...pve import config as C
from .. import kit

if TYPE_CHECKING:
    from .settings_dialog import SettingsDialog


class NicEditor:
    """The editors of one network interface in the Network tab."""

    def __init__(self, dialog: SettingsDialog, nic: C.Nic, original: C.Nic | None):
        self.nic = nic
        self.original = original  # None: added in this dialog
        self.removed = False
        self.container = dialog.container
        tr = dialog.tr
        key = nic.key
        self.label = QLabel(key, dialog)
        self.model = kit.combo(parent=dialog, name="nicModel-" + key, accessible=kit.fmt(tr("Model of %1"), key))
        if dialog.container:
            self.model.addItem("veth")
        else:
            for m in ("virtio", "e1000", "e1000e", "rtl8139", "vmxnet3"):
                self.model.addItem(m)
        if nic.model and self.model.findText(nic.model) < 0:
            self.model.addItem(nic.model)
        self.model.setCurrentText(nic.model or self.model.itemText(0))
        self.bridge = kit.combo(parent=dialog, name="nicBridge-" + key, accessible=kit.fmt(tr("Bridge of %1"), key))
        self.bridge.setEditable(True)
        for b in dialog.bridges or ["vmbr0"]:
            self.bridge.addItem(b)
        if nic.bridge and self.bridge.findText(nic.bridge) < 0:
            self.bridge.addItem(nic.bridge)
        # A NIC PVE loaded without a bridge is a VM's user-mode (NAT) network, or a container's
        # unattached veth: it stays so until the user picks one (an edit of its VLAN must not
        # attach it to the first bridge). A new NIC starts on the first bridge.
        self.bridge.lineEdit().setPlaceholderText(tr("none") if dialog.container else tr("none (user-mode NAT)"))
        self.bridge.setCurrentText(nic.bridge if original is not None else nic.bridge or self.bridge.itemText(0))
        self.vlan = kit.spin(0, 4094, parent=dialog, name="nicVlan-" + key,
                             accessible=kit.fmt(tr("VLAN tag of %1"), key))
        self.vlan.setSpecialValueText(tr("none"))
        self.vlan.setValue(nic.tag or 0)
        self.firewall = kit.named(QCheckBox(tr("Firewall"), dialog), "nicFirewall-" + key,
                                  kit.fmt(tr("Firewall of %1"), key))
        self.firewall.setChecked(nic.firewall)
        self.ip = kit.named(QLineEdit(dialog), "nicIp-" + key, kit.fmt(tr("IPv4 of %1"), key))
        # Empty is PVE's "no IPv4" (not DHCP): a NIC without ip= keeps none.
        self.ip.setPlaceholderText(tr("none (dhcp or 192.0.2.10/24)"))
        self.ip.setText(nic.ip)
        self.remove = kit.button(tr("Remove"), "nicRemove-" + key, parent=dialog,
                                 accessible=kit.fmt(tr("Remove %1"), key),
                                 slot=lambda: dialog.remove_nic(self))
        self.widgets = [self.label, self.model, self.bridge, self.vlan, self.firewall, self.remove]
        if dialog.container:
            self.widgets.insert(5, self.ip)
        else:
            self.ip.hide()
        self.shown = self.editor_values()

    def editor_values(self) -> tuple:
        """What the editors show now; compared with `shown` (right after building) to tell an edit."""
        return (self.model.currentText().strip(), self.bridge.currentText().strip(), self.vlan.value(),
                self.firewall.isChecked(), self.ip.text().strip())

    @property
    def edited(self) -> bool:
        return self.original is None or self.editor_values() != self.shown

    def value(self) -> C.Nic:
        n = self.nic
        ip = self.ip.text().strip() if self.container else n.ip
        return C.Nic(key=n.key, model=self.model.currentText().strip(), mac=n.mac,
                     bridge=self.bridge.currentText().strip(), tag=self.vlan.value() or None,
                     firewall=self.firewall.isChecked(), link_down=n.link_down, rate=n.rate, name=n.name,
                     ip=ip, gw=n.gw, ip6=n.ip6, gw6=n.gw6, extra=n.extra)

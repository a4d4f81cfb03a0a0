"""The editor of one NIC's cloud-init IP configuration (`ipconfigN` of `netN`).

As pve-manager's IPConfigEdit.js: IPv4 none / DHCP / static (address with prefix length and
an optional gateway), IPv6 none / DHCP / SLAAC / static; the address fields are enabled only
for "static". It only shows and reports: the checks are `pve.cloudinit.check_ipconfig`,
shown per field by `set_issues`.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QWidget

from ...models.plain_text import literal_tooltip
from ...pve import cloudinit as CI
from ...pve.validate import Issue
from .. import kit, style


class IpConfigEditor(QGroupBox):
    """`ipconfigN` of one network interface: modes and addresses; `changed` on every edit."""

    changed = Signal()

    def __init__(self, key: str, nic_text: str, value: CI.IpConfig, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.extra = value.extra
        net = "net" + key[len("ipconfig"):]
        self.setObjectName("ciIpConfig-" + key)
        self.setTitle(kit.fmt(self.tr("IP config (%1)"), net))
        self.setAccessibleName(self.title())
        self.setToolTip(literal_tooltip(nic_text) or "")  # the NIC's option string, as the server has it
        self.ipv4 = kit.combo([(self.tr("None"), "none"), (self.tr("DHCP"), "dhcp"), (self.tr("Static"), "static")],
                              parent=self, name="ciIpv4-" + key, accessible=kit.fmt(self.tr("IPv4 of %1"), net))
        self.ip = self._line("ciIp-" + key, kit.fmt(self.tr("IPv4 address of %1"), net), "192.0.2.10/24")
        self.gw = self._line("ciGw-" + key, kit.fmt(self.tr("IPv4 gateway of %1"), net), "192.0.2.1")
        self.ipv6 = kit.combo([(self.tr("None"), "none"), (self.tr("DHCP"), "dhcp"), (self.tr("SLAAC"), "auto"),
                               (self.tr("Static"), "static")],
                              parent=self, name="ciIpv6-" + key, accessible=kit.fmt(self.tr("IPv6 of %1"), net))
        self.ip6 = self._line("ciIp6-" + key, kit.fmt(self.tr("IPv6 address of %1"), net), "2001:db8::10/64")
        self.gw6 = self._line("ciGw6-" + key, kit.fmt(self.tr("IPv6 gateway of %1"), net), "2001:db8::1")
        self.errors = {name: kit.error_label(self, "ciError-{0}-{1}".format(key, name), hidden=True)
                       for name in ("ip", "gw", "ip6", "gw6")}

        form = QFormLayout(self)
        form.addRow(self.tr("IPv4"), self.ipv4)
        form.addRow(self.tr("IPv4/CIDR"), self._with_error(self.ip, "ip"))
        form.addRow(self.tr("Gateway (IPv4)"), self._with_error(self.gw, "gw"))
        form.addRow(self.tr("IPv6"), self.ipv6)
        form.addRow(self.tr("IPv6/CIDR"), self._with_error(self.ip6, "ip6"))
        form.addRow(self.tr("Gateway (IPv6)"), self._with_error(self.gw6, "gw6"))
        self.set_value(value)
        for box in (self.ipv4, self.ipv6):
            box.currentIndexChanged.connect(self._modes_changed)
        for line in (self.ip, self.gw, self.ip6, self.gw6):
            line.textChanged.connect(self.changed)

    def _line(self, name: str, accessible: str, example: str) -> QLineEdit:
        line = kit.named(QLineEdit(self), name, accessible)
        line.setPlaceholderText(kit.fmt(self.tr("e.g. %1"), example))
        return line

    def _with_error(self, line: QLineEdit, name: str) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(line, 1)
        row.addWidget(self.errors[name], 1)
        return box

    def set_value(self, value: CI.IpConfig) -> None:
        self.extra = value.extra
        for box, mode in ((self.ipv4, value.ipv4), (self.ipv6, value.ipv6)):
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(mode)))
            box.blockSignals(False)
        for line, text in ((self.ip, value.ip), (self.gw, value.gw), (self.ip6, value.ip6), (self.gw6, value.gw6)):
            line.blockSignals(True)
            line.setText(text)
            line.blockSignals(False)
        self._enable()

    def value(self) -> CI.IpConfig:
        v4, v6 = self.ipv4.currentData(), self.ipv6.currentData()
        static4, static6 = v4 == "static", v6 == "static"
        return CI.IpConfig(ipv4=v4, ip=self.ip.text().strip() if static4 else "",
                           gw=self.gw.text().strip() if static4 else "", ipv6=v6,
                           ip6=self.ip6.text().strip() if static6 else "",
                           gw6=self.gw6.text().strip() if static6 else "", extra=self.extra)

    def set_issues(self, issues: dict[str, Issue]) -> None:
        for name, label in self.errors.items():
            issue = issues.get(name)
            if issue is None:
                label.hide()
            else:
                kit.show_message(label, issue.text(), style.Tone.WARNING if issue.warning else style.Tone.ERROR)

    def set_server_error(self, text: str) -> None:
        """PVE's message about the whole key (HTTP 400 `errors.ipconfigN`), shown by the address."""
        kit.set_error(self.errors["ip"], text)

    def set_editable(self, editable: bool) -> None:
        for box in (self.ipv4, self.ipv6):
            box.setEnabled(editable)
        self._enable(editable)

    def _modes_changed(self) -> None:
        self._enable()
        self.changed.emit()

    def _enable(self, editable: bool | None = None) -> None:
        editable = self.ipv4.isEnabled() if editable is None else editable
        static4, static6 = self.ipv4.currentData() == "static", self.ipv6.currentData() == "static"
        for line, on in ((self.ip, static4), (self.gw, static4), (self.ip6, static6), (self.gw6, static6)):
            line.setEnabled(editable and on)

"""Editable lists with [+ Add] and per-row Remove: disks, VM NICs, CT mount points, CT NICs.

A `RowList` stacks row widgets; every row lays out its fields with the label above each
input (a grid, so long translated labels wrap nothing and clip nothing) and a message line
below listing what is wrong with that row. Choices that come from the server (storages,
bridges) are pushed into every row with `set_choices`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...pve import create, validate
from ...pve.validate import QT_TRANSLATE_NOOP
from .. import kit
from ..style import Tone
from .common import FieldMessage, combo_set_items


class Row(QFrame):
    """One entry of a RowList. Subclasses add fields with `add()` and implement `value()`."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, index: int, prefix: str, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.prefix = prefix
        self.index = index
        self.server = ""
        self.checks: list[tuple[str, Callable[[], validate.Issue | None]]] = []
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(2)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold;")
        self.grid.addWidget(self.title, 0, 0, 1, 1)
        self.remove = kit.button(QCoreApplication.translate("Row", "Remove"), parent=self, tool=True, text_only=True,
                                 slot=lambda: self.remove_requested.emit(self))
        self.message = FieldMessage(self)
        self._next_col = {}

    def add(self, label: str, widget: QWidget, line: int = 0, span: int = 1, name: str = "",
            check: Callable[[], validate.Issue | None] | None = None) -> QWidget:
        """Put `widget` under `label` in the next column of line `line` (lines are 2 grid rows each)."""
        col = self._next_col.get(line, 1)
        self._next_col[line] = col + span
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        self.grid.addWidget(caption, 2 * line, col, 1, span)
        self.grid.addWidget(widget, 2 * line + 1, col, 1, span)
        kit.named(widget, "{0}{1}_{2}".format(self.prefix, self.index, name or label),
                  "{0} {1}".format(label, self.index + 1))
        for signal in ("textChanged", "currentIndexChanged", "valueChanged", "toggled"):
            sig = getattr(widget, signal, None)
            if sig is not None:
                sig.connect(self._edited)
                break
        if check is not None:
            self.checks.append((label, check))
        return widget

    def finish(self) -> None:
        """Place the Remove button and the message line after the fields."""
        last = max(self._next_col.values(), default=1)
        self.grid.addWidget(self.remove, 1, last, 1, 1, Qt.AlignmentFlag.AlignRight)
        self.grid.setColumnStretch(last, 1)
        lines = max(self._next_col, default=0) + 1
        self.grid.addWidget(self.message, 2 * lines, 0, 1, last + 1)
        kit.named(self.remove, "{0}{1}_remove".format(self.prefix, self.index),
                  kit.fmt(QCoreApplication.translate("Row", "Remove %1"), self.index + 1))

    def _edited(self, *_):
        self.server = ""
        self.changed.emit()

    def issues(self) -> list[tuple[str, validate.Issue]]:
        found = []
        for label, check in self.checks:
            issue = check()
            if issue is not None:
                found.append((label, issue))
        return found

    def blocking(self) -> bool:
        return bool(self.server) or any(not issue.warning for _, issue in self.issues())

    def show_messages(self, extra: list[str] = ()) -> None:
        lines = ["{0}: {1}".format(label, issue.text()) for label, issue in self.issues()]
        lines += list(extra)
        if self.server:
            lines.insert(0, self.server)
        blocking = self.blocking() or bool(extra)
        self.message.show_text("\n".join(lines), "error" if blocking else "warning")

    def set_title(self, text: str) -> None:
        self.title.setText(text)

    def title_text(self) -> str:
        return str(self.index + 1)

    def apply_choices(self, choices: dict[str, list[str]]) -> None:
        pass

    def value(self):
        raise NotImplementedError


class RowList(QWidget):
    """Rows plus an [+ Add] button. `changed` on any edit, add or removal."""

    changed = Signal()

    def __init__(self, name: str, add_text: str, row_class: Callable[[int, RowList], Row],
                 parent=None, max_rows: int = 16, empty_text: str = ""):
        super().__init__(parent)
        self.setObjectName(name)
        self.name = name
        self.row_class = row_class
        self.max_rows = max_rows
        self.rows: list[Row] = []
        self.choices: dict[str, list[str]] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.empty = kit.message_label(self, name + "Empty", tone=Tone.MUTED)
        self.empty.setText(empty_text)
        lay.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.add_button = kit.button(add_text, name + "Add", parent=self, slot=self.add_row)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        # Many rows scroll; the width always fits the rows (the dialog's minimum grows with them).
        self.scroll = QScrollArea(self)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget(self.scroll)
        self.rows_box = QVBoxLayout(inner)
        self.rows_box.setContentsMargins(0, 0, 0, 0)
        self.rows_box.addStretch(1)
        self.scroll.setWidget(inner)
        lay.addWidget(self.scroll, 1)
        self._update()

    def add_row(self, value=None) -> Row:
        row = self.row_class(len(self.rows), self)
        row.apply_choices(self.choices)
        if value is not None:
            row.set_value(value)
        row.changed.connect(self._update)
        row.remove_requested.connect(self.remove_row)
        self.rows.append(row)
        self.rows_box.insertWidget(self.rows_box.count() - 1, row)
        self._update()
        return row

    def remove_row(self, row: Row) -> None:
        # Rebuild from values: the remaining rows are renumbered (net1 becomes net0 ...).
        values = [r.value() for r in self.rows if r is not row]
        self.set_values(values)

    def set_values(self, values: list) -> None:
        for r in self.rows:
            r.setParent(None)
            r.deleteLater()
        self.rows = []
        for v in values:
            self.add_row(v)
        self._update()

    def values(self) -> list:
        return [r.value() for r in self.rows]

    def set_choices(self, kind: str, items: list[str]) -> None:
        self.choices[kind] = list(items)
        for row in self.rows:
            row.apply_choices(self.choices)
        self._update()

    def set_server_error(self, index: int, text: str) -> None:
        if 0 <= index < len(self.rows):
            self.rows[index].server = text
        self._update()

    def list_check(self, rows: list[Row]) -> dict[int, str]:
        """Problems of rows together (too many of a kind, a repeated name): row index -> text."""
        return {}

    def blocking(self) -> bool:
        return any(r.blocking() for r in self.rows) or bool(self.list_check(self.rows))

    def _update(self, *_):
        extra = self.list_check(self.rows)
        for i, row in enumerate(self.rows):
            row.show_messages([extra[i]] if i in extra else [])
        self.add_button.setEnabled(len(self.rows) < self.max_rows)
        inner = self.scroll.widget()
        scrollbar = self.scroll.verticalScrollBar().sizeHint().width()
        self.scroll.setMinimumWidth(inner.minimumSizeHint().width() + scrollbar)
        self.scroll.setVisible(bool(self.rows))
        self.empty.setVisible(not self.rows and bool(self.empty.text()))
        self.retitle()
        self.changed.emit()

    def retitle(self) -> None:
        for row in self.rows:
            row.set_title(row.title_text())


# ------------------------------------------------------------------ rows

def _vlan_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(QCoreApplication.translate("CreateTables", "none"))
    edit.setMaxLength(4)
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("40940"))
    return edit


def _tag(text: str) -> int | None:
    text = text.strip()
    return int(text) if validate.ascii_number(text) else None


def _choose(combo: QComboBox, choices: dict, kind: str, default: str) -> None:
    items = choices.get(kind, [])
    current = combo.currentData()
    combo_set_items(combo, [(x, x) for x in items], keep=current, default=default)


def _select(combo: QComboBox, value: str, add_missing: bool = True) -> None:
    """Choose `value`; one the server did not list (yet) is added as an item of its own."""
    index = combo.findData(value)
    if index < 0 and add_missing:
        combo.addItem(value, value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def repeated(rows: list[Row], value_of: Callable[[Row], str | None]) -> list[tuple[int, str]]:
    """(index, value) of each row whose value an earlier row already has (None: no value to compare)."""
    seen, found = set(), []
    for i, row in enumerate(rows):
        value = value_of(row)
        if value is not None and value in seen:
            found.append((i, value))
        seen.add(value)
    return found


class VolumeRow(Row):
    """A row that makes a volume: a storage of the node (chosen from "storages") and a size."""

    def add_volume(self, size_gib: int) -> None:
        self.storage = self.add(QCoreApplication.translate("VolumeRow", "Storage"), kit.combo(fit_contents=True),
                                name="storage",
                                check=lambda: validate.check_storage_id(self.storage.currentData() or ""))
        self.size = self.add(QCoreApplication.translate("VolumeRow", "Size"),
                             kit.spin(1, int(validate.DISK_MAX_GIB), size_gib, " GiB", accelerated=True), name="size")

    def apply_choices(self, choices):
        _choose(self.storage, choices, "storages", "local-lvm")

    def set_volume(self, storage: str, size_gib: float) -> None:
        _select(self.storage, storage)
        self.size.setValue(int(size_gib))


class NicRow(Row):
    """A network interface row: on a bridge of the node (from "bridges"), maybe in a VLAN, titled netN."""

    def add_link(self) -> None:
        """The bridge, VLAN tag and firewall columns."""
        self.bridge = self.add(QCoreApplication.translate("NicRow", "Bridge"), kit.combo(fit_contents=True),
                               name="bridge", check=self._check_bridge)
        self.tag = self.add(QCoreApplication.translate("NicRow", "VLAN tag"), _vlan_edit(), name="vlan",
                            check=lambda: validate.check_vlan(self.tag.text()))
        self.firewall = self.add(QCoreApplication.translate("NicRow", "Firewall"), QCheckBox(), name="firewall")
        self.firewall.setChecked(True)

    def _check_bridge(self) -> validate.Issue | None:
        bridge = self.bridge.currentData()  # listed by the server: still checked, it goes into net<N>
        return validate.check_bridge(bridge) if bridge else validate.Issue(
            QT_TRANSLATE_NOOP("Validate", "Choose a bridge."))

    def title_text(self) -> str:
        return "net{0}".format(self.index)

    def apply_choices(self, choices):
        _choose(self.bridge, choices, "bridges", "vmbr0")

    def set_link(self, nic: create.VmNic | create.CtNic) -> None:
        _select(self.bridge, nic.bridge, add_missing=bool(nic.bridge))
        self.tag.setText(str(nic.tag) if nic.tag else "")
        self.firewall.setChecked(nic.firewall)

    def link(self) -> dict:
        """The link's fields of `create.VmNic` / `create.CtNic`."""
        return {"bridge": self.bridge.currentData() or "", "tag": _tag(self.tag.text()),
                "firewall": self.firewall.isChecked()}


class DiskRow(VolumeRow):
    def __init__(self, index: int, parent=None):
        super().__init__(index, "disk", parent)
        self.bus = self.add(self.tr("Bus"), kit.combo([(b.upper() if b != "virtio" else "VirtIO Block", b)
                                                     for b in create.DISK_BUSES], fit_contents=True), name="bus")
        self.add_volume(32)
        self.cache = self.add(self.tr("Cache"), kit.combo([(self.tr("Default (no cache)"), "")] +
                                                         [(m, m) for m in create.CACHE_MODES if m], fit_contents=True),
                              name="cache")
        self.discard = self.add(self.tr("Discard"), QCheckBox(), name="discard")
        self.iothread = self.add(self.tr("IO thread"), QCheckBox(), name="iothread")
        self.iothread.setChecked(True)
        self.bus.currentIndexChanged.connect(self._bus_changed)
        self.finish()

    def _bus_changed(self, *_):
        ok = self.bus.currentData() in ("scsi", "virtio")
        self.iothread.setEnabled(ok)

    def title_text(self) -> str:
        return self.key

    key = ""

    def set_value(self, disk: create.VmDisk) -> None:
        self.bus.setCurrentIndex(max(0, self.bus.findData(disk.bus)))
        self.set_volume(disk.storage, disk.size_gib)
        self.cache.setCurrentIndex(max(0, self.cache.findData(disk.cache)))
        self.discard.setChecked(disk.discard)
        self.iothread.setChecked(disk.iothread)

    def value(self) -> create.VmDisk:
        return create.VmDisk(bus=self.bus.currentData(), storage=self.storage.currentData() or "",
                             size_gib=self.size.value(), cache=self.cache.currentData() or "",
                             discard=self.discard.isChecked(), iothread=self.iothread.isChecked())


class DiskList(RowList):
    def __init__(self, parent=None):
        super().__init__("disks", QCoreApplication.translate("CreateTables", "+ Add disk"), DiskRow, parent,
                         max_rows=12, empty_text=QCoreApplication.translate(
                             "CreateTables", "No disks: the VM can still boot from the ISO image or the network."))

    def retitle(self) -> None:
        for row, key in zip(self.rows, create.disk_keys(self.values()), strict=True):
            row.key = key
            row.set_title(key)

    def list_check(self, rows) -> dict[int, str]:
        """At most as many disks on a bus as it has slots."""
        counts: dict[str, int] = {}
        problems = {}
        for i, row in enumerate(rows):
            bus = row.bus.currentData()
            counts[bus] = counts.get(bus, 0) + 1
            limit = create.BUS_LIMITS[bus] - (1 if bus == "ide" else 0)
            if counts[bus] > limit:
                text = self.tr("Too many %1 disks: at most %2 (ide2 is the CD drive).") if bus == "ide" else \
                    self.tr("Too many %1 disks: at most %2.")
                problems[i] = kit.fmt(text, bus.upper(), limit)
        return problems


class VmNicRow(NicRow):
    def __init__(self, index: int, parent=None):
        super().__init__(index, "nic", parent)
        self.model = self.add(self.tr("Model"), kit.combo([("VirtIO (paravirtualized)", "virtio"),
                                                         ("Intel E1000", "e1000"), ("Intel E1000E", "e1000e"),
                                                         ("Realtek RTL8139", "rtl8139"),
                                                         ("VMware vmxnet3", "vmxnet3")], fit_contents=True),
                              name="model")
        self.add_link()
        self.mac = self.add(self.tr("MAC address"), QLineEdit(), name="mac",
                            check=lambda: validate.check_mac(self.mac.text().strip()))
        self.mac.setPlaceholderText(self.tr("automatic"))
        self.finish()

    def set_value(self, nic: create.VmNic) -> None:
        self.model.setCurrentIndex(max(0, self.model.findData(nic.model)))
        self.set_link(nic)
        self.mac.setText(nic.mac)

    def value(self) -> create.VmNic:
        return create.VmNic(model=self.model.currentData(), mac=self.mac.text().strip(), **self.link())


class VmNicList(RowList):
    def __init__(self, parent=None):
        super().__init__("nics", QCoreApplication.translate("CreateTables", "+ Add network device"), VmNicRow, parent,
                         max_rows=32, empty_text=QCoreApplication.translate(
                             "CreateTables", "No network: the VM will have no network device."))


class MountRow(VolumeRow):
    def __init__(self, index: int, parent=None):
        super().__init__(index, "mount", parent)
        self.add_volume(8)
        self.path = self.add(self.tr("Path in the container"), QLineEdit(), name="path",
                             check=lambda: validate.check_mount_path(self.path.text().strip()))
        self.path.setPlaceholderText("/data")
        self.path.setText("/data" if index == 0 else "/data{0}".format(index + 1))
        self.path.setMinimumWidth(self.path.fontMetrics().horizontalAdvance("/srv/some/path/x"))
        self.finish()

    def title_text(self) -> str:
        return "mp{0}".format(self.index)

    def set_value(self, mount: create.CtMount) -> None:
        self.set_volume(mount.storage, mount.size_gib)
        self.path.setText(mount.path)

    def value(self) -> create.CtMount:
        return create.CtMount(storage=self.storage.currentData() or "", size_gib=self.size.value(),
                              path=self.path.text().strip())


class MountList(RowList):
    def __init__(self, parent=None):
        super().__init__("mounts", QCoreApplication.translate("CreateTables", "+ Add mount point"), MountRow, parent,
                         max_rows=16, empty_text=QCoreApplication.translate(
                             "CreateTables", "No extra mount points: everything lives on the root disk."))

    def list_check(self, rows) -> dict[int, str]:
        return {i: kit.fmt(self.tr("Another mount point already uses %1."), path)
                for i, path in repeated(rows, lambda row: row.path.text().strip().rstrip("/") or None)}


_IFNAME = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,14}")


def _check_ifname(text: str):
    if not _IFNAME.fullmatch(text):
        return validate.Issue(QT_TRANSLATE_NOOP(
            "Validate", "An interface name like eth0 (letters and digits, at most 15)."))
    return None


class CtNicRow(NicRow):
    def __init__(self, index: int, parent=None):
        super().__init__(index, "ctnic", parent)
        self.name = self.add(self.tr("Name"), QLineEdit("eth{0}".format(index)), name="name",
                             check=lambda: _check_ifname(self.name.text().strip()))
        self.add_link()
        self.ipv4 = self.add(self.tr("IPv4"), kit.combo([(self.tr("DHCP"), "dhcp"), (self.tr("Static"), "static"),
                                                       (self.tr("None"), "none")], fit_contents=True),
                             line=1, name="ipv4")
        self.ip4 = self.add(self.tr("IPv4 address/prefix"), QLineEdit(), line=1, name="ip4",
                            check=lambda: validate.check_cidr(self.ip4.text(), 4)
                            if self.ipv4.currentData() == "static" else None)
        self.ip4.setPlaceholderText("10.0.0.5/24")
        self.gw4 = self.add(self.tr("IPv4 gateway"), QLineEdit(), line=1, name="gw4",
                            check=lambda: validate.check_gateway(self.gw4.text(), self.ip4.text(), 4)
                            if self.ipv4.currentData() == "static" else None)
        self.gw4.setPlaceholderText("10.0.0.1")
        self.ipv6 = self.add(self.tr("IPv6"), kit.combo([(self.tr("None"), "none"), (self.tr("DHCP"), "dhcp"),
                                                       (self.tr("SLAAC"), "auto"), (self.tr("Static"), "static")],
                                                      fit_contents=True),
                             line=2, name="ipv6")
        self.ip6 = self.add(self.tr("IPv6 address/prefix"), QLineEdit(), line=2, name="ip6",
                            check=lambda: validate.check_cidr(self.ip6.text(), 6)
                            if self.ipv6.currentData() == "static" else None)
        self.ip6.setPlaceholderText("2001:db8::5/64")
        self.gw6 = self.add(self.tr("IPv6 gateway"), QLineEdit(), line=2, name="gw6",
                            check=lambda: validate.check_gateway(self.gw6.text(), self.ip6.text(), 6)
                            if self.ipv6.currentData() == "static" else None)
        self.gw6.setPlaceholderText("2001:db8::1")
        for edit in (self.ip4, self.gw4, self.ip6, self.gw6):
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("2001:db8:ffff::100/64"))
        self.ipv4.currentIndexChanged.connect(self._modes)
        self.ipv6.currentIndexChanged.connect(self._modes)
        self.finish()
        self._modes()

    def _modes(self, *_):
        v4, v6 = self.ipv4.currentData() == "static", self.ipv6.currentData() == "static"
        for edit, on in ((self.ip4, v4), (self.gw4, v4), (self.ip6, v6), (self.gw6, v6)):
            edit.setEnabled(on)

    def set_value(self, nic: create.CtNic) -> None:
        self.name.setText(nic.name)
        self.set_link(nic)
        self.ipv4.setCurrentIndex(max(0, self.ipv4.findData(nic.ipv4)))
        self.ip4.setText(nic.ip4)
        self.gw4.setText(nic.gw4)
        self.ipv6.setCurrentIndex(max(0, self.ipv6.findData(nic.ipv6)))
        self.ip6.setText(nic.ip6)
        self.gw6.setText(nic.gw6)

    def value(self) -> create.CtNic:
        return create.CtNic(name=self.name.text().strip(),
                            ipv4=self.ipv4.currentData(), ip4=self.ip4.text().strip(), gw4=self.gw4.text().strip(),
                            ipv6=self.ipv6.currentData(), ip6=self.ip6.text().strip(), gw6=self.gw6.text().strip(),
                            **self.link())


class CtNicList(RowList):
    def __init__(self, parent=None):
        super().__init__("nics", QCoreApplication.translate("CreateTables", "+ Add network interface"), CtNicRow,
                         parent, max_rows=32, empty_text=QCoreApplication.translate(
                             "CreateTables", "No network: the container will only have loopback."))

    def list_check(self, rows) -> dict[int, str]:
        return {i: kit.fmt(self.tr("Another interface is already called %1."), name)
                for i, name in repeated(rows, lambda row: row.name.text().strip())}

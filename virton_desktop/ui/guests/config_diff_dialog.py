"""Compare configuration…: a guest's config against one of its snapshots, against its pending
changes, or against any guest of any connected cluster, side by side (pve/config_diff).

Reads only: `GET …/config?current=1`, `…/snapshot/{name}/config`, `…/pending` — all need
VM.Audit on the guest, which any guest the list shows already has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
)

from ...models.config_diff import ConfigDiffModel
from ...pve import api, config_diff, errors
from ...pve.entities import Instance
from .. import kit, style

SNAPSHOT, PENDING, GUEST = "snapshot", "pending", "guest"


def guest_label(inst: Instance) -> str:
    return "{0} ({1})".format(inst.vmid, inst.name) if inst.name else str(inst.vmid)


def add_compare_entry(window, menu, selected: list[Instance]) -> None:
    """The guest menu's "Compare configuration…" (for one guest); `window` has `clusters` and `model`."""
    if len(selected) != 1:
        return
    inst = selected[0]
    entry = menu.addAction(QCoreApplication.translate("ConfigDiffDialog", "Compare configuration…"))
    entry.setObjectName("menu-compare-config")
    entry.triggered.connect(lambda _=False: open_compare(window, inst))


def wire_detail(window, page) -> None:
    """The guest page's "Compare…" button (the same dialog as the menu entry)."""
    button = kit.button(QCoreApplication.translate("ConfigDiffDialog", "Compare…"), "detailCompareConfig",
                        parent=page,
                        tip=QCoreApplication.translate("ConfigDiffDialog", "Compare this guest's configuration with "
                                                       "a snapshot, its pending changes or another guest"),
                        slot=lambda: open_compare(window, page.instance) if page.instance else None)
    page.add_header_button(button, lambda inst: button.setEnabled(inst is not None))


def open_compare(window, inst: Instance) -> ConfigDiffDialog:
    dialog = ConfigDiffDialog(window.clusters, inst, window.model.all_instances, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    window.compare_dialog = dialog  # tests reach it here
    return dialog


class ConfigDiffDialog(QDialog):
    def __init__(self, clusters, inst: Instance, guests: Callable[[], Iterable[Instance]], parent=None):
        super().__init__(parent)
        self.setObjectName("config-diff-dialog")
        self.clusters = clusters
        self.inst = inst
        self._guests = guests
        self._request = 0  # answers of an older choice are dropped
        self._left: dict | None = None
        self.setWindowTitle(self.tr("Compare configuration of %1").replace("%1", guest_label(inst)))
        self.resize(900, 560)

        form = QFormLayout()
        self.mode = kit.combo([(self.tr("One of its snapshots"), SNAPSHOT), (self.tr("Its pending changes"), PENDING),
                               (self.tr("Another guest"), GUEST)], parent=self, name="diff-mode",
                              accessible=self.tr("Compare with"))
        form.addRow(self.tr("Compare with:"), self.mode)
        self.snapshot = kit.combo(parent=self, name="diff-snapshot", accessible=self.tr("Snapshot"))
        form.addRow(self.tr("Snapshot:"), self.snapshot)
        self.cluster = kit.combo([(c, c) for c in clusters.ids()], parent=self, name="diff-cluster",
                                 accessible=self.tr("Cluster"))
        form.addRow(self.tr("Cluster:"), self.cluster)
        self.other = kit.combo(parent=self, name="diff-guest", accessible=self.tr("Guest"))
        form.addRow(self.tr("Guest:"), self.other)

        toggles = QHBoxLayout()
        self.only_differences = kit.named(QCheckBox(self.tr("Only differences"), self), "diff-only-differences")
        self.only_differences.setChecked(True)
        self.hide_identity = kit.named(QCheckBox(self.tr("Hide identity keys (name, MACs, vmgenid, volume names…)"),
                                                 self), "diff-hide-identity")
        toggles.addWidget(self.only_differences)
        toggles.addWidget(self.hide_identity)
        toggles.addStretch(1)

        self.model = ConfigDiffModel(self)
        self.table = kit.named(QTableView(self), "diff-table", self.tr("Configuration differences"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((0, 110), (1, 250), (2, 250)):
            self.table.setColumnWidth(column, width)
        self.message = kit.message_label(self, "diff-message", tone=style.Tone.MUTED)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(toggles)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._form = form

        self.mode.currentIndexChanged.connect(self._compare)
        self.snapshot.currentIndexChanged.connect(self._compare)
        self.cluster.currentIndexChanged.connect(self._fill_guests)
        self.other.currentIndexChanged.connect(self._compare)
        self.only_differences.toggled.connect(self._filters)
        self.hide_identity.toggled.connect(self._filters)
        if inst.cluster in clusters.ids():
            self.cluster.setCurrentIndex(clusters.ids().index(inst.cluster))
        self._fill_guests()
        self._load_left()

    # ------------------------------------------------------------ requests

    def _session(self, cluster: str):
        return self.clusters.get(cluster)

    def _run(self, cluster: str, op: api.Op, done: Callable, for_choice: bool = True) -> None:
        """Send `op`; `for_choice`: its answer is dropped once the user chose another comparison."""
        session = self._session(cluster)
        if session is None:
            self._failed(self.tr("The cluster %1 is not connected.").replace("%1", cluster))
            return
        number = self._request if for_choice else None
        session.run(op).then(self, lambda data, error: self._answered(number, data, error, done))

    def _answered(self, number: int, data, error, done: Callable) -> None:
        if number is not None and number != self._request:
            return
        if error is not None:
            self._failed(errors.describe(error))
        else:
            done(data)

    def _failed(self, text: str) -> None:
        kit.show_message(self.message, text, style.Tone.ERROR)

    def _load_left(self) -> None:
        self._run(self.inst.cluster, api.guest_config(self.inst, current=True), self._left_loaded, False)
        self._run(self.inst.cluster, api.snapshots(self.inst), self._snapshots_loaded, False)

    def _left_loaded(self, data) -> None:
        self._left = dict(data)
        self._compare()

    def _snapshots_loaded(self, data) -> None:
        names = [s["name"] for s in data if s.get("name") != "current"]
        self.snapshot.blockSignals(True)
        self.snapshot.clear()
        for name in names:
            self.snapshot.addItem(name, name)
        self.snapshot.blockSignals(False)
        if not names and self.mode.currentData() == SNAPSHOT:
            self.mode.setCurrentIndex(self.mode.findData(GUEST))
            return
        self._compare()

    # ------------------------------------------------------------ choices

    def _fill_guests(self) -> None:
        cluster = self.cluster.currentData()
        others = sorted((g for g in self._guests() if g.cluster == cluster and g.key != self.inst.key),
                        key=lambda g: g.vmid)
        self.other.blockSignals(True)
        self.other.clear()
        for guest in others:
            self.other.addItem(guest_label(guest), guest)
        self.other.blockSignals(False)
        self._compare()

    def _filters(self) -> None:
        self.model.set_filters(self.only_differences.isChecked(), self.hide_identity.isChecked())
        self._say_count()

    def _compare(self) -> None:
        self._request += 1
        mode = self.mode.currentData()
        self._form.setRowVisible(self.snapshot, mode == SNAPSHOT)
        self._form.setRowVisible(self.cluster, mode == GUEST)
        self._form.setRowVisible(self.other, mode == GUEST)
        container = self.inst.type == "lxc"
        me = guest_label(self.inst)
        if mode == PENDING:
            self._run(self.inst.cluster, api.guest_pending(self.inst),
                      lambda items: self._show(*config_diff.pending_sides(items), container,
                                               self.tr("%1 now").replace("%1", me),
                                               self.tr("after the next start")))
            return
        if self._left is None:
            return
        if mode == SNAPSHOT:
            name = self.snapshot.currentData()
            if not name:
                self._empty(self.tr("This guest has no snapshots."))
                return
            self._run(self.inst.cluster, api.snapshot_config(self.inst, name),
                      lambda data: self._show(dict(data), self._left, container,  # older on the left
                                              self.tr("snapshot %1").replace("%1", name), me))
            return
        other = self.other.currentData()
        if other is None:
            self._empty(self.tr("No other guest in this cluster."))
            return
        self._run(other.cluster, api.guest_config(other, current=True),
                  lambda data: self._show(self._left, dict(data), container and other.type == "lxc", me,
                                          "{0} · {1}".format(other.cluster, guest_label(other))))

    def _empty(self, text: str) -> None:
        self.model.set_diffs([])
        kit.show_message(self.message, text, style.Tone.MUTED)

    def _show(self, left: dict, right: dict, container: bool, left_title: str, right_title: str) -> None:
        self.model.set_titles(left_title, right_title)
        self.model.set_diffs(config_diff.diff_configs(left, right, container))
        self.model.set_filters(self.only_differences.isChecked(), self.hide_identity.isChecked())
        self._say_count()

    def _say_count(self) -> None:
        diffs = [self.model.diff(r) for r in range(self.model.rowCount())]
        changed = sum(1 for d in diffs if d.change is not config_diff.Change.SAME)
        text = self.tr("No differences.") if not changed else self.tr("%n key(s) differ.", "", changed)
        kit.show_message(self.message, text, style.Tone.MUTED)

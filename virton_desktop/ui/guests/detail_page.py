"""The detail page of one guest (the seed's 4.3): what it is, what it has, how it runs.

Sections: summary (status, node, uptime, HA, tags, lock, template), system (OS in words,
boot order, machine, BIOS), resources (sockets, cores, vCPUs, CPU type and AES, memory,
balloon; containers cores, memory, swap), network (every netN), disks (every drive, rootfs
and mount points), pending changes (what applies at the next start), live gauges and trend
charts. Buttons follow the state: power actions (through `GuestActions`), Settings,
Console, Delete, open in a new window.

Data: the guest itself follows the `InstanceModel` (one dict lookup per model change);
the config (`GET .../config` and `.../pending`) is read when the page opens, when the
guest's status, lock or node changes, and after its tasks end. Gauges poll status/current
and charts rrddata only while the page is visible; `hideEvent`/`closeEvent` stop them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QMessageBox, QPushButton,
                               QScrollArea, QSizePolicy, QTabWidget, QToolButton, QVBoxLayout, QWidget)

from ... import icons
from ...models.instances import InstanceModel
from ...pve import config as C
from ...pve import errors, parse, power
from ...pve.entities import LXC, PAUSED, RUNNING, STOPPED, Instance, Task
from ...pve.power import Action
from ...session import ClusterSession
from .actions import GuestActions
from .charts import TrendCharts
from .delete_dialog import DeleteDialog
from .gauges import GaugePanel
from .settings_dialog import SettingsDialog

PENDING_COLOR = "#b7791f"
POWER_BUTTONS = (Action.START, Action.RESUME, Action.SHUTDOWN, Action.REBOOT, Action.STOP)


def _esc(text: object) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


class FormSection(QGroupBox):
    """A titled label/value grid; values update in place when the labels stay the same."""

    def __init__(self, title: str, name: str, parent=None):
        super().__init__(title, parent)
        self.setObjectName(name)
        self.setAccessibleName(title)
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(1, 1)
        self._labels: list[str] = []
        self.values: dict[str, QLabel] = {}  # label text -> value widget (tests read it)

    def set_rows(self, rows: list[tuple[str, str]]) -> None:
        labels = [r[0] for r in rows]
        if labels != self._labels:
            while self.grid.count():
                item = self.grid.takeAt(0)
                if item.widget():
                    item.widget().deleteLater()
            self.values = {}
            for i, (label, _value) in enumerate(rows):
                key = QLabel(label, self)
                key.setObjectName("label")
                key.setStyleSheet("color: palette(placeholder-text);")
                key.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                val = QLabel(self)
                val.setTextFormat(Qt.TextFormat.RichText)
                val.setWordWrap(True)
                val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                val.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
                self.grid.addWidget(key, i, 0)
                self.grid.addWidget(val, i, 1)
                self.values[label] = val
            self._labels = labels
            self.grid.setRowStretch(len(rows), 1)  # rows stay at the top when the box is taller
        for label, value in rows:
            if self.values[label].text() != value:
                self.values[label].setText(value)

    def text(self, label: str) -> str:
        """The plain text of a value (for tests and accessibility)."""
        from PySide6.QtGui import QTextDocument
        doc = QTextDocument()
        doc.setHtml(self.values[label].text())
        return doc.toPlainText()


class TableSection(QGroupBox):
    """A titled grid with a header row (network interfaces, disks) and an empty-state line."""

    def __init__(self, title: str, name: str, empty: str, parent=None):
        super().__init__(title, parent)
        self.setObjectName(name)
        self.setAccessibleName(title)
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(6)
        self.empty_text = empty
        self.rows: list[list[str]] = []  # plain cell texts (tests read them)

    def set_table(self, headers: list[str], rows: list[tuple[list[str], str]]) -> None:
        """rows: (cells as rich text, note) - the note, if any, is shown in the pending colour."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.rows = []
        if not rows:
            empty = QLabel(self.empty_text, self)
            empty.setObjectName("emptyState")
            empty.setStyleSheet("color: palette(placeholder-text);")
            self.grid.addWidget(empty, 0, 0)
            return
        for col, text in enumerate(headers):
            head = QLabel(text, self)
            head.setStyleSheet("color: palette(placeholder-text); font-weight: bold;")
            self.grid.addWidget(head, 0, col)
        from PySide6.QtGui import QTextDocument
        for r, (cells, note) in enumerate(rows, start=1):
            plain = []
            for col, cell in enumerate(cells):
                label = QLabel(self)
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setText(cell)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.grid.addWidget(label, r, col)
                doc = QTextDocument()
                doc.setHtml(cell)
                plain.append(doc.toPlainText())
            if note:
                label = QLabel('<span style="color:{0}">● {1}</span>'.format(PENDING_COLOR, _esc(note)), self)
                self.grid.addWidget(label, r, len(cells))
                plain.append(note)
            self.rows.append(plain)
        # The last column takes the spare width, so the others stay close together.
        for col in range(len(headers) + 1):
            self.grid.setColumnStretch(col, 0)
        self.grid.setColumnStretch(len(headers), 1)


class DetailPage(QWidget):
    back_requested = Signal()
    open_in_window_requested = Signal(object)  # key (cluster, vmid)
    console_requested = Signal(object)  # key
    deleted = Signal(object)  # key
    config_loaded = Signal()  # after config + pending were shown (tests)

    def __init__(self, session: ClusterSession, model: InstanceModel, key, parent=None,
                 actions: GuestActions | None = None, show_back: bool = True):
        super().__init__(parent)
        self.setObjectName("detailPage")
        self.session = session
        self.model = model
        self.key = tuple(key)
        self.actions = actions or GuestActions(lambda name: session if name == session.name else None, self)
        self.instance: Instance | None = model.get(self.key)
        self.config: dict = {}
        self.pending: list[C.PendingItem] = []
        self.config_error = ""
        self._console_available = False
        self._config_replies: dict[str, object] = {}
        self._reload_again = False
        self._answers: dict[str, object] = {}
        self._shown_state = None
        self._open = False
        self._show_back = show_back  # False when the page is a window of its own
        self.snapshots_view = None
        self.backups_view = None
        # Replaced in tests: asked after settings left pending changes on a running guest.
        self.ask_reboot = self._ask_reboot
        self.setAccessibleName(self.tr("Guest details"))
        self._build()
        self._sync_instance(force=True)
        model.dataChanged.connect(self._model_changed)
        model.counts_changed.connect(self._model_changed)
        model.layoutChanged.connect(self._model_changed)
        model.rowsRemoved.connect(self._model_changed)
        model.modelReset.connect(self._model_changed)
        session.task_changed.connect(self._task_changed)
        self.reload_config()

    # ------------------------------------------------------------ building

    def _button(self, text: str, name: str, tip: str = "") -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.setAccessibleName(text)
        if tip:
            b.setToolTip(tip)
        return b

    def _build(self) -> None:
        self.back_button = QToolButton(self)
        self.back_button.setObjectName("detailBack")
        self.back_button.setText(self.tr("← All guests"))
        self.back_button.setAccessibleName(self.tr("Back to all guests"))
        self.back_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.back_button.setAutoRaise(True)
        self.back_button.clicked.connect(self.back_requested)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self, activated=self.back_requested.emit)
        QShortcut(QKeySequence("Alt+Left"), self, activated=self.back_requested.emit)

        self.title = QLabel(self)
        self.title.setObjectName("detailTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.status_chip = QLabel(self)
        self.status_chip.setObjectName("detailStatus")
        self.status_chip.setAccessibleName(self.tr("Status"))
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("detailSubtitle")
        self.subtitle.setStyleSheet("color: palette(placeholder-text);")

        self.power_buttons: dict[Action, QPushButton] = {}
        for action in POWER_BUTTONS:
            b = self._button(self.actions.label(action), "detail-" + action.value, self.actions.help_text(action))
            b.clicked.connect(lambda _=False, a=action: self._power(a))
            self.power_buttons[action] = b
        self.settings_button = self._button(self.tr("Settings"), "detailSettings",
                                            self.tr("Change CPU, memory, network and disks"))
        self.settings_button.clicked.connect(self.open_settings)
        self.console_button = self._button(self.tr("Console"), "detailConsole", self.tr("Open the guest's console"))
        self.console_button.clicked.connect(lambda: self.console_requested.emit(self.key))
        self.delete_button = self._button(self.tr("Delete"), "detailDelete", self.tr("Remove the guest for good"))
        self.delete_button.clicked.connect(self.open_delete)
        self.window_button = self._button(self.tr("Open in new window"), "detailNewWindow",
                                          self.tr("Show these details in a window of their own"))
        self.window_button.clicked.connect(lambda: self.open_in_window_requested.emit(self.key))

        head = QHBoxLayout()
        head.addWidget(self.back_button)
        head.addStretch(1)
        head.addWidget(self.window_button)
        titles = QHBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.status_chip)
        titles.addStretch(1)
        for b in self.power_buttons.values():
            titles.addWidget(b)
        sep = QFrame(self)
        sep.setFrameShape(QFrame.Shape.VLine)
        sep.setFrameShadow(QFrame.Shadow.Sunken)
        titles.addWidget(sep)
        titles.addWidget(self.settings_button)
        titles.addWidget(self.console_button)
        titles.addWidget(self.delete_button)

        self.banner = QLabel(self)
        self.banner.setObjectName("detailBanner")
        self.banner.setAccessibleName(self.tr("Notice"))
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fdecea; color: #8a1f11; padding: 6px; border-radius: 4px;")
        self.banner.hide()

        body = QWidget(self)
        body.setObjectName("detailBody")
        self.summary = FormSection(self.tr("Summary"), "sectionSummary", body)
        self.system = FormSection(self.tr("System"), "sectionSystem", body)
        self.resources = FormSection(self.tr("Resources"), "sectionResources", body)
        self.network = TableSection(self.tr("Network"), "sectionNetwork", self.tr("No network interfaces."), body)
        self.disks = TableSection(self.tr("Disks"), "sectionDisks", self.tr("No disks."), body)
        self.pending_box = TableSection(self.tr("Pending changes (apply at the next start)"), "sectionPending",
                                        self.tr("No pending changes."), body)
        self.reboot_pending_button = self._button(self.tr("Reboot now to apply"), "detailRebootPending")
        self.reboot_pending_button.clicked.connect(lambda: self._power(Action.REBOOT))
        self.live_box = live = QGroupBox(self.tr("Live usage"), body)
        live.setObjectName("sectionLive")
        live.setAccessibleName(live.title())
        self.gauges = GaugePanel(self.session, live)
        QVBoxLayout(live).addWidget(self.gauges)
        self.trends_box = trends = QGroupBox(self.tr("Resource trends"), body)
        trends.setObjectName("sectionTrends")
        trends.setAccessibleName(trends.title())
        self.charts = TrendCharts(self.session, trends)
        QVBoxLayout(trends).addWidget(self.charts)

        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        grid.addWidget(self.summary, 0, 0)
        grid.addWidget(live, 0, 1)
        grid.addWidget(self.system, 1, 0)
        grid.addWidget(self.resources, 1, 1)
        grid.addWidget(self.network, 2, 0, 1, 2)
        grid.addWidget(self.disks, 3, 0, 1, 2)
        pend = QVBoxLayout()
        pend.addWidget(self.pending_box)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.reboot_pending_button)
        pend.addLayout(row)
        self.pending_area = QWidget(body)
        self.pending_area.setLayout(pend)
        pend.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.pending_area, 4, 0, 1, 2)
        grid.addWidget(trends, 5, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(6, 1)

        scroll = QScrollArea(self)
        scroll.setObjectName("detailScroll")
        scroll.setAccessibleName(self.tr("Guest details"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        # Overview, snapshots and backups of this guest; the latter two are built when first shown.
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("detailTabs")
        self.tabs.setAccessibleName(self.tr("Guest detail sections"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(scroll, self.tr("Overview"))
        self.tabs.addTab(QWidget(self.tabs), self.tr("Snapshots"))
        self.tabs.addTab(QWidget(self.tabs), self.tr("Backups"))
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(titles)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.back_button.setVisible(self._show_back)

    def _tab_changed(self, index: int) -> None:
        """Build the snapshot / backup tab on first use; gauges and charts poll only on the overview."""
        if index == 1 and self.snapshots_view is None:
            from ..backups.snapshots_view import SnapshotsView

            self.snapshots_view = SnapshotsView(self.session, self.key, self.model, self.tabs)
            self._replace_tab(1, self.snapshots_view, self.tr("Snapshots"))
        elif index == 2 and self.backups_view is None:
            from ..backups.backups_page import BackupsView

            session = self.session
            self.backups_view = BackupsView(lambda: {session.name: session}, guest_key=self.key, parent=self.tabs)
            self._replace_tab(2, self.backups_view, self.tr("Backups"))
        if index == 0 and self.isVisible():
            self.start_polling()
        elif index != 0:
            self.stop_polling()

    def _replace_tab(self, index: int, widget: QWidget, title: str) -> None:
        placeholder = self.tabs.widget(index)
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, title)
        self.tabs.setCurrentIndex(index)
        self.tabs.blockSignals(False)
        placeholder.deleteLater()

    # ------------------------------------------------------------ console property

    @property
    def console_available(self) -> bool:
        return self._console_available

    @console_available.setter
    def console_available(self, value: bool) -> None:
        self._console_available = bool(value)
        self._update_buttons()

    # ------------------------------------------------------------ polling lifetime

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.tabs.currentIndex() == 0:
            self.start_polling()

    def hideEvent(self, event) -> None:
        self.stop_polling()
        super().hideEvent(event)

    def closeEvent(self, event) -> None:
        self.stop_polling()
        super().closeEvent(event)

    def start_polling(self) -> None:
        self._open = True
        inst = self.instance
        if inst is None or inst.template:
            return
        self.gauges.set_guest(inst.node, inst.type, inst.vmid)
        self.charts.set_guest(inst.node, inst.type, inst.vmid)
        self.gauges.start()
        self.charts.start()

    def stop_polling(self) -> None:
        self._open = False
        self.gauges.stop()
        self.charts.stop()

    @property
    def polling(self) -> bool:
        return self.gauges.poller.active or self.charts.poller.active

    # ------------------------------------------------------------ following the guest

    def _model_changed(self, *args) -> None:
        self._sync_instance()

    def _sync_instance(self, force: bool = False) -> None:
        inst = self.model.get(self.key)
        old = self.instance
        if inst is None and old is not None and not force:
            self.instance = None
            self.stop_polling()
            self.banner.setText(self.tr("This guest no longer exists in the cluster (deleted or its cluster "
                                        "disconnected)."))
            self.banner.show()
            self._update_buttons()
            return
        if inst is None:
            self._update_buttons()
            return
        self.instance = inst
        state = (inst.status, inst.lock, inst.node, inst.template)
        if not force and old is not None and state != self._shown_state:
            self.reload_config()
            if self._open and inst.node != old.node:
                self.start_polling()  # migrated: poll the new node
        self._shown_state = state
        if not force and old == inst:
            return
        self._show_header()
        self._show_summary()
        self._update_buttons()
        # A template never runs: no gauges or trends to show, and nothing to poll.
        self.live_box.setVisible(not inst.template)
        self.trends_box.setVisible(not inst.template)

    def _task_changed(self, task: Task) -> None:
        if task.running or task.cluster != self.key[0] or task.vmid != self.key[1]:
            return
        self.reload_config()

    # ------------------------------------------------------------ config

    def reload_config(self) -> None:
        """Read config and pending; a reload asked for while one is out runs once after it."""
        inst = self.instance
        if inst is None:
            return
        if self._config_replies:
            self._reload_again = True
            return
        base = "/nodes/{0}/{1}/{2}".format(inst.node, inst.type, inst.vmid)
        self._answers = {}
        for part in ("config", "pending"):
            reply = self.session.request("GET", base + "/" + part)
            self._config_replies[part] = reply
            reply.then(self, lambda data, error, p=part: self._config_part(p, data, error))

    def _config_part(self, part: str, data, error) -> None:
        self._config_replies.pop(part, None)
        self._answers[part] = (data, error)
        if self._config_replies:
            return
        cfg_data, cfg_error = self._answers.get("config", (None, None))
        pend_data, pend_error = self._answers.get("pending", (None, None))
        if cfg_error is not None:
            self.config_error = errors.describe(cfg_error)
            self.banner.setText(self.tr("The configuration could not be read: %1").replace("%1", self.config_error))
            self.banner.show()
        else:
            self.config_error = ""
            if self.instance is not None:
                self.banner.hide()
            self.config = dict(cfg_data or {})
            self.pending = C.pending_changes(pend_data or []) if pend_error is None else []
            self._show_config()
        if self._reload_again:
            self._reload_again = False
            self.reload_config()
        else:
            self.config_loaded.emit()

    # ------------------------------------------------------------ showing

    def _status_text(self, inst: Instance) -> str:
        if inst.template:
            return self.tr("Template")
        return self.model.status_text(inst)

    def _show_header(self) -> None:
        inst = self.instance
        if inst is None:
            return
        self.title.setText("{0}  <span style='font-weight:normal;color:gray'>{1}</span>".format(
            _esc(inst.name or self.tr("(no name)")), inst.vmid))
        color = icons.STATUS_COLORS.get("stopped" if inst.template else inst.status, icons.UNKNOWN_COLOR)
        c = QColor(color)
        self.status_chip.setText(" ● {0} ".format(_esc(self._status_text(inst))))
        self.status_chip.setStyleSheet(
            "color: {0}; background: rgba({1},{2},{3},38); border: 1px solid {0}; border-radius: 9px; "
            "padding: 1px 8px; font-weight: bold;".format(color, c.red(), c.green(), c.blue()))
        kind = self.tr("Container (LXC)") if inst.type == LXC else self.tr("Virtual machine (QEMU)")
        self.subtitle.setText(self.tr("%1 · node %2 · cluster %3").replace("%1", kind).replace(
            "%2", inst.node).replace("%3", inst.cluster))
        if self.isWindow():  # opened in a window of its own
            self.setWindowTitle("{0} ({1}) – {2}".format(inst.name, inst.vmid, self.tr("Guest details")))

    def _show_summary(self) -> None:
        inst = self.instance
        if inst is None:
            return
        dash = "–"
        running = inst.status in (RUNNING, PAUSED)
        tags = " ".join('<span style="background:#e6eef9;color:#1d4f91;border-radius:6px;">&nbsp;{0}&nbsp;</span>'
                        .format(_esc(t)) for t in inst.tags) or dash
        lock = ('<span style="color:#b7791f">🔒 {0}</span>'.format(_esc(inst.lock)) if inst.lock else
                self.tr("none"))
        rows = [
            (self.tr("Status"), '<span style="color:{0}">●</span> {1}'.format(
                icons.STATUS_COLORS.get(inst.status, icons.UNKNOWN_COLOR), _esc(self._status_text(inst)))),
            (self.tr("Node"), _esc(inst.node)),
            (self.tr("Uptime"), parse.duration(inst.uptime) if running and inst.uptime else dash),
            (self.tr("HA state"), _esc(inst.hastate) if inst.hastate else self.tr("not managed by HA")),
            (self.tr("Tags"), tags),
            (self.tr("Lock"), lock),
            (self.tr("Template"), self.tr("yes") if inst.template else self.tr("no")),
        ]
        if inst.pool:
            rows.insert(2, (self.tr("Pool"), _esc(inst.pool)))
        self.summary.set_rows(rows)

    def _pending_of(self, key: str) -> C.PendingItem | None:
        return next((p for p in self.pending if p.key == key), None)

    def _with_pending(self, key: str, text: str, pending_text=None) -> str:
        """`text`, and if `key` changes at the next start, the new value in the pending colour."""
        item = self._pending_of(key)
        if item is None:
            return text
        new = self.tr("removed") if item.delete else (pending_text(item.pending) if pending_text else
                                                       _esc(item.pending))
        return '{0} <span style="color:{1}">→ {2} ({3})</span>'.format(text, PENDING_COLOR, new,
                                                                       _esc(self.tr("after restart")))

    def _show_config(self) -> None:
        inst = self.instance
        if inst is None:
            return
        cfg = self.config
        container = inst.type == LXC
        dash = "–"
        # System
        ostype = cfg.get("ostype")
        os_text = _esc(C.os_name(ostype, container)) or dash
        if ostype and C.os_name(ostype, container) != str(ostype):
            os_text += ' <span style="color:gray">({0})</span>'.format(_esc(ostype))
        if container:
            system = [
                (self.tr("OS type"), os_text),
                (self.tr("Architecture"), _esc(cfg.get("arch") or "amd64")),
                (self.tr("Unprivileged"), self.tr("yes") if str(cfg.get("unprivileged", 0)) == "1" else self.tr("no")),
                (self.tr("Features"), _esc(cfg.get("features") or dash)),
                (self.tr("Hostname"), _esc(cfg.get("hostname") or inst.name)),
                (self.tr("Start at boot"), self.tr("yes") if str(cfg.get("onboot", 0)) == "1" else self.tr("no")),
            ]
        else:
            order = C.boot_order(cfg)
            system = [
                (self.tr("OS type"), os_text),
                (self.tr("Boot order"), self._with_pending("boot", _esc(" → ".join(order)) if order else dash,
                                                           lambda v: _esc(" → ".join(C.boot_order({"boot": v}))))),
                (self.tr("Machine"), _esc(C.machine_name(cfg.get("machine")))),
                (self.tr("BIOS"), _esc(C.bios_name(cfg.get("bios")))),
                (self.tr("SCSI controller"), _esc(cfg.get("scsihw") or "lsi")),
                (self.tr("QEMU guest agent"), self.tr("enabled") if str(cfg.get("agent", "0")).split(",")[0]
                 .split("=")[-1] == "1" else self.tr("disabled")),
                (self.tr("Start at boot"), self.tr("yes") if str(cfg.get("onboot", 0)) == "1" else self.tr("no")),
            ]
        self.system.set_rows(system)
        # Resources
        mem_mib = C.memory_mib(cfg)
        mib = lambda v: _esc(parse.human_bytes(int(float(str(v).split("=")[-1])) * 1024 ** 2))  # noqa: E731
        if container:
            resources = [
                (self.tr("Cores"), self._with_pending("cores", _esc(cfg.get("cores") or self.tr("all host cores")))),
                (self.tr("Memory"), self._with_pending("memory", mib(mem_mib), mib)),
                (self.tr("Swap"), self._with_pending("swap", mib(cfg.get("swap") or 0), mib)),
            ]
        else:
            cpu = C.cpu_type(cfg.get("cpu"))
            aes = (self.tr("AES-NI exposed (hardware crypto acceleration)") if cpu.aes else
                   self.tr("no AES-NI (crypto in software)"))
            balloon = C.balloon_mib(cfg)
            balloon_text = (self.tr("off") if balloon == 0 else
                            self.tr("on, minimum %1").replace("%1", parse.human_bytes((balloon or mem_mib) * 1024 ** 2)))
            cpu_text = '{0}<br><span style="color:{1}">{2}</span>'.format(
                _esc(cpu.model), "#2e9d46" if cpu.aes else "gray", _esc(aes))
            resources = [
                (self.tr("Sockets"), self._with_pending("sockets", _esc(cfg.get("sockets") or 1))),
                (self.tr("Cores per socket"), self._with_pending("cores", _esc(cfg.get("cores") or 1))),
                (self.tr("Total vCPUs"), _esc(C.vcpus(cfg))),
                (self.tr("CPU type"), self._with_pending("cpu", cpu_text, lambda v: _esc(C.cpu_type(v).model))),
                (self.tr("Memory"), self._with_pending("memory", mib(mem_mib), mib)),
                (self.tr("Ballooning"), self._with_pending("balloon", balloon_text)),
            ]
        self.resources.set_rows(resources)
        self._show_network(container)
        self._show_disks(container)
        self._show_pending()
        self._update_buttons()

    def _note_for(self, key: str) -> str:
        item = self._pending_of(key)
        if item is None:
            return ""
        if item.delete:
            return self.tr("removed at next start")
        return self.tr("added at next start") if item.value is None else self.tr("changes at next start")

    def _show_network(self, container: bool) -> None:
        cfg = dict(self.config)
        for item in self.pending:  # interfaces that exist only after the next start
            if item.key.startswith("net") and item.key not in cfg and not item.delete:
                cfg[item.key] = item.pending
        yes, no = self.tr("on"), self.tr("off")
        rows = []
        for nic in C.nics(cfg, container):
            shown = nic
            item = self._pending_of(nic.key)
            if item is not None and not item.delete and item.pending:
                shown = C.parse_nic(nic.key, item.pending, container)
            cells = ["<b>{0}</b>".format(_esc(nic.key) + (" ({0})".format(_esc(nic.name)) if nic.name else "")),
                     _esc(shown.model), "<tt>{0}</tt>".format(_esc(shown.mac or "–")), _esc(shown.bridge or "–"),
                     _esc(shown.tag) if shown.tag is not None else "–", yes if shown.firewall else no]
            if container:
                cells += [_esc(shown.ip or "–"), _esc(shown.gw or "–")]
            rows.append((cells, self._note_for(nic.key)))
        headers = [self.tr("Interface"), self.tr("Model"), self.tr("MAC address"), self.tr("Bridge"),
                   self.tr("VLAN"), self.tr("Firewall")]
        if container:
            headers += [self.tr("IPv4"), self.tr("Gateway")]
        self.network.set_table(headers, rows)

    def _show_disks(self, container: bool) -> None:
        rows = []
        for disk in C.disks(self.config, container):
            if disk.cdrom and "cloudinit" in disk.volume:
                kind = self.tr("Cloud-init drive")
                volume = disk.volume
            elif disk.cdrom:
                kind = self.tr("CD/DVD drive")
                volume = self.tr("no media") if disk.volume in ("none", "") else disk.volume
            elif disk.bus == "rootfs":
                kind = self.tr("root disk")
                volume = disk.volume
            elif disk.bus == "mp":
                kind = self.tr("mount point")
                volume = disk.volume
            elif disk.bus == "efidisk":
                kind = self.tr("EFI vars disk")
                volume = disk.volume
            elif disk.bus == "tpmstate":
                kind = self.tr("TPM state")
                volume = disk.volume
            elif disk.bus == "unused":
                kind = self.tr("unused disk")
                volume = disk.volume
            else:
                kind = self.tr("%1 disk").replace("%1", disk.bus.upper() if disk.bus != "virtio" else "VirtIO")
                volume = disk.volume
            options = ", ".join("{0}={1}".format(k, v) if v else k for k, v in disk.options)
            if disk.mountpoint:
                options = (self.tr("at %1").replace("%1", disk.mountpoint) + (", " + options if options else ""))
            rows.append((["<b>{0}</b>".format(_esc(disk.key)), _esc(kind), _esc(disk.storage or "–"),
                          _esc(volume.split(":", 1)[-1]), _esc(parse.human_bytes(disk.size, 0)
                                                               if disk.size else "–"), _esc(options or "–")],
                         self._note_for(disk.key)))
        headers = [self.tr("Disk"), self.tr("Interface"), self.tr("Storage"), self.tr("Volume"), self.tr("Size"),
                   self.tr("Options")]
        self.disks.set_table(headers, rows)

    def _show_pending(self) -> None:
        rows = []
        for item in self.pending:
            now = "–" if item.value is None else str(item.value)
            new = self.tr("(removed)") if item.delete else str(item.pending)
            rows.append((["<b>{0}</b>".format(_esc(item.key)), _esc(now), "→", "<b>{0}</b>".format(_esc(new))], ""))
        self.pending_box.set_table([self.tr("Setting"), self.tr("Now"), "", self.tr("After the next start")], rows)
        self.pending_area.setVisible(bool(rows))
        inst = self.instance
        self.reboot_pending_button.setVisible(bool(rows) and inst is not None and inst.status == RUNNING)
        self.reboot_pending_button.setEnabled(inst is not None and Action.REBOOT in power.available(inst))

    def _update_buttons(self) -> None:
        inst = self.instance
        gone = inst is None
        allowed = () if gone else power.available(inst)
        shown = () if gone else (power.state_actions(inst) or allowed)
        for action, button in self.power_buttons.items():
            button.setVisible(action is not Action.RESUME or action in shown)
            button.setEnabled(action in allowed)
            if not gone and not button.isEnabled():
                reason = self.actions.blocked_text(inst)
                button.setToolTip(reason or self.actions.help_text(action))
            else:
                button.setToolTip(self.actions.help_text(action))
        self.settings_button.setEnabled(not gone and not inst.lock)
        self.delete_button.setEnabled(not gone)
        self.console_button.setEnabled(not gone and self._console_available and inst.status in (RUNNING, PAUSED)
                                       and not inst.template)
        if not self._console_available:
            self.console_button.setToolTip(self.tr("Consoles are not available in this version yet."))
        elif not gone and inst.status == STOPPED:
            self.console_button.setToolTip(self.tr("Start the guest to open its console."))
        else:
            self.console_button.setToolTip(self.tr("Open the guest's console"))
        self.window_button.setEnabled(not gone)

    # ------------------------------------------------------------ actions

    def _power(self, action: Action) -> None:
        if self.instance is not None:
            self.actions.trigger(action, [self.instance])

    def open_settings(self) -> SettingsDialog | None:
        """Open the settings dialog (window-modal); returns it (tests drive it)."""
        if self.instance is None:
            return None
        dialog = SettingsDialog(self.session, self.instance, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._settings_saved)
        dialog.open()
        return dialog

    def _settings_saved(self, pending) -> None:
        self.reload_config()
        inst = self.instance
        if pending and inst is not None and inst.status == RUNNING and Action.REBOOT in power.available(inst):
            if self.ask_reboot(pending):
                self._power(Action.REBOOT)

    def _ask_reboot(self, pending) -> bool:
        keys = ", ".join(p.key for p in pending)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Reboot to apply?"),
                          self.tr("Saved. Some changes (%1) apply only when the guest starts again. Reboot it now?")
                          .replace("%1", keys), QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("rebootOffer")
        now = box.addButton(self.tr("Reboot now"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is now

    def open_delete(self) -> DeleteDialog | None:
        if self.instance is None:
            return None
        dialog = DeleteDialog(self.session, self.instance, self.config, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.deleted.connect(self._deleted)
        dialog.open()
        return dialog

    def _deleted(self, key) -> None:
        self.stop_polling()
        self.session.refresh()
        self.deleted.emit(self.key)

"""The detail page of one guest (the seed's 4.3): what it is, what it has, how it runs.

Sections: summary (status, node, uptime, HA, tags, lock, template), system (OS in words,
boot order, machine, BIOS), resources (sockets, cores, vCPUs, CPU type and AES, memory,
balloon; containers cores, memory, swap), network (every netN), disks (every drive, rootfs
and mount points), pending changes (what applies at the next start), live gauges and trend
charts. Their rows come from `pve.guest_view` (keyed by stable ids such as "memory" or
"net0"), worded by `GuestTexts`, shown by the boxes of `sections`; this page keeps the
layout, the tabs and the buttons. Buttons follow the state: power actions (through
`GuestActions`), Settings, Console, Delete, open in a new window.

Data: the guest itself follows the `InstanceModel` (one dict lookup per model change);
the config (`api.guest_config(current=True)`: what runs now; plain `GET config` merges pending
values in) and `api.guest_pending` are read when the page opens, when
the guest's status, lock or node changes, and after its tasks end. Gauges poll status/current
and charts rrddata only while the page is visible; `hideEvent`/`closeEvent` stop them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ... import icons
from ...models.instances import InstanceModel
from ...pve import api, errors, guest_view, power
from ...pve import config as C
from ...pve.entities import LXC, RUNNING, STOPPED, Instance, Task
from ...pve.power import Action
from ...session import ClusterSession
from .. import kit, style
from ..permission_gate import gate, guest_need, settings_need
from .actions import GuestActions
from .charts import TrendCharts
from .cloudinit_view import CloudInitView
from .delete_dialog import DeleteDialog
from .gauges import GaugePanel
from .guest_texts import GuestTexts
from .ha_page import HaPagePart
from .sections import FormSection, TableSection, esc
from .settings_dialog import SettingsDialog

POWER_BUTTONS = (Action.START, Action.RESUME, Action.SHUTDOWN, Action.REBOOT, Action.STOP)


class DetailPage(QWidget):
    back_requested = Signal()
    open_in_window_requested = Signal(object)  # key (cluster, vmid)
    console_requested = Signal(object)  # key
    deleted = Signal(object)  # key
    config_loaded = Signal()  # after config + pending were shown (tests)

    def __init__(self, session: ClusterSession, model: InstanceModel, key, parent=None,
                 actions: GuestActions | None = None, show_back: bool = True,
                 tasks: Callable[[], Iterable[Task]] | None = None):
        """`tasks()`: the tasks reported so far (the backups tab shows this guest's failed jobs among them)."""
        super().__init__(parent)
        self._tasks = tasks
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
        self.cloudinit_view = None
        # Replaced in tests: asked after settings left pending changes on a running guest.
        self.ask_reboot = self._ask_reboot
        self.setAccessibleName(self.tr("Guest details"))
        self.texts = GuestTexts(self)
        # Other rooms' additions (ui/tags): buttons beside Settings re-gated with the page's own,
        # and the summary's tags row in the cluster's colours.
        self._regates: list[Callable[[Instance | None], None]] = []
        self.tag_html: Callable[[Instance], str] | None = None
        self._build()
        self._sync_instance(force=True)
        for change in (model.dataChanged, model.counts_changed, model.layoutChanged, model.rowsRemoved,
                       model.modelReset):
            change.connect(self._model_changed)
        session.task_changed.connect(self._task_changed)
        self.actions.privileges_changed.connect(self._privileges_changed)
        self.reload_config()

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        self.back_button = kit.button(self.tr("← All guests"), "detailBack", parent=self, tool=True, text_only=True,
                                      accessible=self.tr("Back to all guests"), slot=self.back_requested.emit)
        self.back_button.setAutoRaise(True)
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
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)  # node and cluster names
        self.subtitle.setStyleSheet("color: palette(placeholder-text);")

        self.power_buttons: dict[Action, QPushButton] = {
            action: kit.button(self.actions.label(action), "detail-" + action.value, parent=self,
                               tip=self.actions.help_text(action), slot=lambda a=action: self._power(a))
            for action in POWER_BUTTONS}
        self.settings_button = kit.button(self.tr("Settings"), "detailSettings", parent=self,
                                          tip=self.tr("Change CPU, memory, network and disks"), slot=self.open_settings)
        self.console_button = kit.button(self.tr("Console"), "detailConsole", parent=self,
                                         tip=self.tr("Open the guest's console"),
                                         slot=lambda: self.console_requested.emit(self.key))
        self.delete_button = kit.button(self.tr("Delete"), "detailDelete", parent=self,
                                        tip=self.tr("Remove the guest for good"), slot=self.open_delete)
        self.ha_part = HaPagePart(self)
        self.window_button = kit.button(self.tr("Open in new window"), "detailNewWindow", parent=self,
                                        tip=self.tr("Show these details in a window of their own"),
                                        slot=lambda: self.open_in_window_requested.emit(self.key))

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
        titles.addWidget(self.ha_part.button)
        titles.addWidget(self.delete_button)
        self._titles = titles

        self.banner = QLabel(self)
        self.banner.setObjectName("detailBanner")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)  # carries the server's error text
        self.banner.setAccessibleName(self.tr("Notice"))
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(style.banner_sheet(style.Tone.ERROR, self.palette()) + " padding: 6px;")
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
        self.reboot_pending_button = kit.button(self.tr("Reboot now to apply"), "detailRebootPending", parent=self,
                                                slot=lambda: self._power(Action.REBOOT))
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

        # Overview, snapshots, backups and (VMs) cloud-init; all but the first are built when first shown.
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("detailTabs")
        self.tabs.setAccessibleName(self.tr("Guest detail sections"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(scroll, self.tr("Overview"))
        self.tabs.addTab(QWidget(self.tabs), self.tr("Snapshots"))
        self.tabs.addTab(QWidget(self.tabs), self.tr("Backups"))
        if self.instance is not None and self.instance.type != LXC:
            self.tabs.addTab(QWidget(self.tabs), self.tr("Cloud-Init"))
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
            self.snapshots_view.privileges_of = self.actions.privileges_of
            self.snapshots_view.privileges_changed()
            self._replace_tab(1, self.snapshots_view, self.tr("Snapshots"))
        elif index == 2 and self.backups_view is None:
            from ..backups.backups_page import BackupsView

            session = self.session
            self.backups_view = BackupsView(lambda: {session.name: session}, guest_key=self.key, parent=self.tabs,
                                            guests=self.model, tasks=self._tasks)
            self.backups_view.privileges_of = self.actions.privileges_of
            self.backups_view.privileges_changed()
            self._replace_tab(2, self.backups_view, self.tr("Backups"))
        elif index == 3 and self.cloudinit_view is None:
            self.cloudinit_view = CloudInitView(self.session, self.model, self.key, self.tabs,
                                                privileges_of=self.actions.privileges_of)
            self._replace_tab(3, self.cloudinit_view, self.tr("Cloud-Init"))
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
        self._answers = {}
        for part, op in (("config", api.guest_config(inst, current=True)), ("pending", api.guest_pending(inst))):
            reply = self.session.run(op)
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
            self.banner.setText(kit.fmt(self.tr("The configuration could not be read: %1"), self.config_error))
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
        self.title.setText("{0}  <span style='font-weight:normal;color:{1}'>{2}</span>".format(
            esc(inst.name or self.tr("(no name)")), style.css(style.Tone.MUTED, self.palette()), inst.vmid))
        color = icons.STATUS_COLORS.get(STOPPED if inst.template else inst.shown_status, icons.UNKNOWN_COLOR)
        c = QColor(color)
        self.status_chip.setText(" ● {0} ".format(esc(self._status_text(inst))))
        self.status_chip.setStyleSheet(
            "color: {0}; background: rgba({1},{2},{3},38); border: 1px solid {0}; border-radius: 9px; "
            "padding: 1px 8px; font-weight: bold;".format(color, c.red(), c.green(), c.blue()))
        kind = self.tr("Container (LXC)") if inst.type == LXC else self.tr("Virtual machine (QEMU)")
        self.subtitle.setText(kit.fmt(self.tr("%1 · node %2 · cluster %3"), kind, inst.node, inst.cluster))
        if self.isWindow():  # opened in a window of its own
            self.setWindowTitle("{0} ({1}) – {2}".format(inst.name, inst.vmid, self.tr("Guest details")))

    def add_header_button(self, button: QPushButton, regate: Callable[[Instance | None], None]) -> None:
        """A button another room adds beside Settings; `regate(instance)` runs with every re-gating."""
        self._titles.insertWidget(self._titles.indexOf(self.delete_button), button)
        self._regates.append(regate)
        regate(self.instance)

    def refresh_summary(self) -> None:
        self._show_summary()

    def _show_summary(self) -> None:
        inst = self.instance
        if inst is not None:
            rows = self.texts.summary(guest_view.summary_rows(inst), self._status_text(inst), self.ha_part.service())
            if self.tag_html is not None and inst.tags:
                rows = [(rid, label, self.tag_html(inst) if rid == "tags" else text) for rid, label, text in rows]
            self.summary.set_rows(rows)

    def _show_config(self) -> None:
        inst = self.instance
        if inst is None:
            return
        cfg, pending, container = self.config, self.pending, inst.type == LXC
        texts = self.texts
        self.system.set_rows(texts.form(guest_view.system_rows(cfg, pending, container, inst.name), container))
        self.resources.set_rows(texts.form(guest_view.resource_rows(cfg, pending, container), container))
        self.network.set_table(texts.nic_headers(container),
                               texts.nic_table(guest_view.nic_rows(cfg, pending, container), container))
        self.disks.set_table(texts.disk_headers(), texts.disk_table(guest_view.disk_rows(cfg, pending, container)))
        rows = texts.pending_table(guest_view.pending_rows(pending))
        self.pending_box.set_table(texts.pending_headers(), rows)
        self.pending_area.setVisible(bool(rows))
        self.reboot_pending_button.setVisible(bool(rows) and inst.status == RUNNING)
        gate(self.reboot_pending_button, Action.REBOOT in power.available(inst), self.actions.lacks(inst))
        self._update_buttons()

    def _update_buttons(self) -> None:
        inst = self.instance
        gone = inst is None
        allowed = () if gone else power.available(inst)
        shown = () if gone else (power.state_actions(inst) or allowed)
        privileges = self.actions.privileges_of(self.key[0])

        def need(feature: str):  # what the login lacks for it on this guest, or None
            return None if gone else guest_need(privileges, feature, inst)

        for action, button in self.power_buttons.items():
            button.setVisible(action is not Action.RESUME or action in shown)
            if not gone and action not in allowed:
                reason = self.actions.blocked_text(inst)
                tip = reason or self.actions.help_text(action)  # gate() shows it literally
            else:
                tip = self.actions.help_text(action)
            gate(button, action in allowed, need("power"), tip)
        gate(self.settings_button, not gone and not inst.lock, None if gone else settings_need(privileges, inst),
             self.tr("Change CPU, memory, network and disks"))
        gate(self.delete_button, not gone, need("delete"), self.tr("Remove the guest for good"))
        if not self._console_available:
            console_tip = self.tr("Consoles are not available in this version yet.")
        elif not gone and inst.status == STOPPED:
            console_tip = self.tr("Start the guest to open its console.")
        else:
            console_tip = self.tr("Open the guest's console")
        gate(self.console_button, not gone and self._console_available and inst.alive and not inst.template,
             need("console"), console_tip)
        self.window_button.setEnabled(not gone)
        for regate in self._regates:
            regate(inst)
        self.ha_part.update_button()

    def _privileges_changed(self) -> None:
        self._update_buttons()
        inst = self.instance
        if inst is not None:
            gate(self.reboot_pending_button, Action.REBOOT in power.available(inst), self.actions.lacks(inst))
        for view in (self.snapshots_view, self.backups_view, self.cloudinit_view):
            if view is not None:
                view.privileges_changed()

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
        text = kit.fmt(self.tr("Saved. Some changes (%1) apply only when the guest starts again. Reboot it now?"), keys)
        return kit.confirm(self, self.tr("Reboot to apply?"), text, self.tr("Reboot now"), name="rebootOffer",
                           cancel_text=self.tr("Later"), icon=QMessageBox.Icon.Question, default_cancel=False)

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

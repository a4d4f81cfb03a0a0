"""The main window: clusters, the guest list, power actions, the task panel."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..core.clusters import Clusters
from ..core.ha_status import HaStatusFeed
from ..models.instances import InstanceModel
from ..models.plain_text import literal_tooltip
from ..models.tasks import TaskModel
from ..pve import errors
from ..pve.entities import Instance
from ..pve.permissions import missing
from ..session import ClusterSession, SessionState
from . import kit
from .backups.backups_page import BackupsView
from .backups.coverage_window import coverage_action_text, open_coverage
from .banners import MessageBar
from .change_feed_view import LastKnownState
from .connect.connections import Connections
from .connect.permission_hint import PermissionHint
from .console.console_kinds import XTERM, default_kind, node_target
from .console.console_manager import ConsoleManager
from .console.console_menu import add_console_entries, node_shell_need
from .console.spice_launcher import SpiceLauncher
from .console.wall_actions import WallActions
from .diagnostics import RecentErrors, add_diagnostics_actions
from .guests.actions import GuestActions
from .guests.agent_actions import AgentActions
from .guests.ha_actions import HaActions
from .guests.instance_list import InstanceListPage
from .language_menu import add_language_menu
from .lifecycle.actions import LifecycleActions
from .lifecycle.migrate_menu import MigrateActions
from .lifecycle.remote_entry import RemoteMigrateEntry
from .palette.palette_actions import PaletteActions
from .permission_gate import gate, guest_need
from .poll_pace import PollPace
from .session_restore import SessionRestore
from .tags.tag_actions import TagActions
from .tasks.task_panel import TaskPanel
from .theme import add_theme_menu
from .tray import TrayIcon

if TYPE_CHECKING:  # imported when a page opens: its charts bring pyqtgraph and numpy (~0.2 s of start-up)
    from .connect.connect_dialog import ConnectDialog  # and a dialog when it first opens
    from .guests.detail_page import DetailPage

SETTINGS_GEOMETRY = "mainWindow/geometry"
SETTINGS_STATE = "mainWindow/state"


class MainWindow(QMainWindow):
    first_data = Signal()  # the first guest list of any cluster is on screen

    def __init__(self, settings: QSettings | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("VirtOn Desktop"))
        self.settings = settings or QSettings()
        self._had_data = False

        self.model = InstanceModel(self)
        self.tasks = TaskModel(self, name_of=self._guest_name)
        self.clusters = Clusters(self.model, self.tasks, self)
        # Before the window's own handlers: a failed profile login leaves the registry first.
        self.connections = Connections(self, self.clusters)
        self.clusters.added.connect(self._cluster_added)
        self.clusters.removed.connect(self._cluster_removed)
        self.clusters.state_changed.connect(self._cluster_state)
        self.clusters.applying.connect(self._applying)
        self.clusters.polled.connect(self._polled)
        self.actions = GuestActions(self.clusters.get, self)
        self.actions.privileges_of = self.clusters.privileges
        self.clusters.task_changed.connect(self.actions.task_changed)
        self.page = InstanceListPage(self.model, self.actions, self)
        self.errors_bar = MessageBar("errorBar", "error", self)
        self.cluster_bar = MessageBar("clusterBar", "warning", self)
        self.cluster_bar.action_clicked.connect(self.refresh)
        self.permission_bar = MessageBar("permissionBar", "warning", self)  # filled by PermissionHint

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(4)
        for bar in (self.errors_bar, self.cluster_bar, self.permission_bar):
            wrap = QVBoxLayout()
            wrap.setContentsMargins(8, 0, 8, 0)
            wrap.addWidget(bar)
            layout.addLayout(wrap)
        # The list, and one detail page at a time in its place (with a way back).
        self.stack = QStackedWidget(central)
        self.stack.setObjectName("pageStack")
        self.stack.addWidget(self.page)
        # Guests and the cluster-wide backups, as two sections of the window.
        self.backups_page = BackupsView(self.clusters.sessions, parent=central, guests=self.model,
                                        tasks=self.tasks.tasks)
        self.backups_page.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.backups_page.privileges_of = self.clusters.privileges
        self.sections = QTabWidget(central)
        self.sections.setObjectName("sections")
        self.sections.setAccessibleName(self.tr("Sections"))
        self.sections.setDocumentMode(True)
        self.sections.addTab(self.stack, self.tr("Guests"))
        self.sections.addTab(self.backups_page, self.tr("Backups"))
        layout.addWidget(self.sections, 1)
        self.detail: DetailPage | None = None
        self.detail_windows: dict = {}
        self.page.open_requested.connect(self.open_detail)
        self.setCentralWidget(central)

        self.task_panel = TaskPanel(self, model=self.tasks)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.task_panel)
        self.resizeDocks([self.task_panel], [190], Qt.Orientation.Vertical)
        self.task_panel.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.permission_hint = PermissionHint(self.clusters, self.model, self.permission_bar,
                                              self.show_permission_check, self.page.set_empty_reason,
                                              self.task_panel.set_scope_note, self)

        self.consoles = ConsoleManager(self)
        self.spice = SpiceLauncher(self.clusters.get, self)
        self.wall_actions = WallActions(self, self.clusters, self.page.selected, self.open_console)
        self.consoles.failed.connect(self.errors_bar.show_message)
        self.wall_actions.failed.connect(self.errors_bar.show_message)
        self.page.menu_extenders.append(self.wall_actions.menu_entries)
        self.page.menu_extenders.append(self._guest_menu_entries)
        self.lifecycle = LifecycleActions(self, self.clusters, self.model, self.page.select)
        self.palette = PaletteActions(self)  # Ctrl+K
        self.migrate = MigrateActions(self, self.clusters, self.page.selected, self.model.all_instances)
        self.page.menu_extenders.append(self.migrate.menu_entries)
        self.migrate.attach_node_filter(self.page.node_filter)
        self.remote_migrate = RemoteMigrateEntry(self)  # "Migrate to another cluster…"
        self.page.menu_extenders.append(self.remote_migrate)
        self.page.menu_extenders.append(HaActions.of(self.actions).fill_menu)
        self.page.menu_extenders.append(self._add_compare_entry)
        self.power_actions = self.actions.toolbar_actions(self, self.page.selected)
        self.session_restore = SessionRestore(self)  # started by the app (tests start their own)
        self.last_known = LastKnownState(self)  # the list as last seen until live; what changed meanwhile
        self.actions.cached = self.last_known.is_cached
        self._build_actions()
        self.tag_actions = TagActions(self)
        self.agent_actions = AgentActions(self)
        self.tray = TrayIcon.install(self)  # notifications of long tasks, the optional tray icon
        # Slower polls while the window is not seen, and of the clusters with no guest in view.
        self.poll_pace = PollPace(self, self.clusters, in_view=self._clusters_in_view)
        self._watch_view()
        self.actions.failed.connect(self.errors_bar.show_message)
        self.recent_errors = RecentErrors(self)  # for Help > Copy diagnostics
        self.actions.failed.connect(self.recent_errors.add)
        self.connections.message.connect(self.recent_errors.add)
        self.connections.message.connect(self.errors_bar.show_message)
        problems = self.connections.problems()
        if problems:  # all at once: the bar shows one message at a time
            self.errors_bar.show_message("\n".join(problems))
        self.actions.started.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.actions.succeeded.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.page.selection_changed.connect(self._selection_changed)
        self.model.counts_changed.connect(self._selection_changed)  # a guest's state changed under the selection
        self.clusters.privileges_changed.connect(self._privileges_changed)

        self.cluster_status = QLabel(self)
        self.cluster_status.setTextFormat(Qt.TextFormat.PlainText)
        self.cluster_status.setObjectName("clusterStatus")
        self.statusBar().addPermanentWidget(self.cluster_status)
        # Updated when a cluster's state, the privileges or the selection change: no timer (one
        # ticking every second was most of an idle window's CPU with a small cluster).

        self.resize(1280, 800)
        self._restore()
        self._selection_changed()

    # ------------------------------------------------------------- set-up

    def _build_actions(self) -> None:
        self.clusters_action = QAction(self.tr("Clusters…"), self)
        self.clusters_action.setObjectName("action-clusters")
        self.clusters_action.setShortcut(QKeySequence("Ctrl+O"))
        self.clusters_action.setStatusTip(self.tr("Saved clusters: connect, disconnect, edit"))
        self.clusters_action.triggered.connect(self.show_profile_manager)
        self.connect_action = QAction(self.tr("Quick connect…"), self)
        self.connect_action.setObjectName("action-connect")
        self.connect_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.connect_action.setStatusTip(self.tr("Connect once to a cluster without saving a profile"))
        self.connect_action.triggered.connect(self.show_connect_dialog)
        self.refresh_action = QAction(self.tr("Refresh"), self)
        self.refresh_action.setObjectName("action-refresh")
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.refresh)
        self.create_action = QAction(self.tr("Create VM/CT…"), self)
        self.create_action.setObjectName("action-create")
        self.create_action.setShortcut(QKeySequence.StandardKey.New)
        self.create_action.setStatusTip(self.tr("Create a virtual machine or a container"))
        self.create_action.triggered.connect(self.create_guest)
        self.console_action = QAction(self.tr("Console"), self)
        self.console_action.setObjectName("action-console")
        self.console_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.console_action.setStatusTip(self.tr("Open the guest's screen in its own window"))
        self.console_action.triggered.connect(self.open_console)
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setObjectName("action-quit")
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)

        menu = self.menuBar().addMenu(self.tr("&File"))
        menu.addAction(self.clusters_action)
        menu.addAction(self.connect_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        guest = self.menuBar().addMenu(self.tr("&Guest"))
        guest.setObjectName("guestMenuBar")
        guest.addAction(self.create_action)
        guest.addSeparator()
        guest.addAction(self.console_action)
        self.wall_actions.add_to(guest)
        guest.addSeparator()
        for qa in self.power_actions.values():
            guest.addAction(qa)
        self.migrate.add_to(guest)
        view = self.menuBar().addMenu(self.tr("&View"))
        view.setObjectName("viewMenu")
        for index, (text, shortcut) in enumerate(((self.tr("Guests"), "Ctrl+1"), (self.tr("Backups"), "Ctrl+2"))):
            show = view.addAction(text)
            show.setObjectName("action-section-{0}".format(index))
            show.setShortcut(QKeySequence(shortcut))
            show.triggered.connect(lambda _=False, i=index: self.sections.setCurrentIndex(i))
        view.addSeparator()
        view.addAction(self.refresh_action)
        view.addAction(self.task_panel.toggleViewAction())
        coverage = view.addAction(coverage_action_text())
        coverage.setObjectName("action-backup-coverage")
        coverage.triggered.connect(lambda _=False: open_coverage(self))
        view.addSeparator()
        add_language_menu(self, view, self.settings)
        add_theme_menu(view, self.settings)
        self.last_known.add_menu_entry(view)
        self.session_restore.add_menu_entry(view)

        self.about_action = QAction(self.tr("About VirtOn Desktop"), self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.setObjectName("helpMenu")
        help_menu.addAction(self.about_action)
        add_diagnostics_actions(self, help_menu)

        bar = QToolBar(self.tr("Main toolbar"), self)
        bar.setObjectName("mainToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setMovable(False)
        bar.addAction(self.clusters_action)
        bar.addAction(self.refresh_action)
        bar.addSeparator()
        bar.addAction(self.console_action)
        bar.addSeparator()
        for qa in self.power_actions.values():
            bar.addAction(qa)
        spacer = QWidget(bar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addAction(self.create_action)  # top right, where the seed puts "Create VM/CT"
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        for qa in bar.actions():
            widget = bar.widgetForAction(qa)
            if widget is not None and qa.objectName():
                widget.setObjectName("toolbutton-" + qa.objectName())
                widget.setAccessibleName(qa.text())

    def _restore(self) -> None:
        geometry = self.settings.value(SETTINGS_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value(SETTINGS_STATE)
        if state is not None:
            self.restoreState(state)
        self.page.restore_state(self.settings)
        self.backups_page.restore_state(self.settings)

    def closeEvent(self, event) -> None:
        self.session_restore.close()  # saves before the pages and consoles close
        self.last_known.save_all()
        self.settings.setValue(SETTINGS_GEOMETRY, self.saveGeometry())
        self.settings.setValue(SETTINGS_STATE, self.saveState())
        self.page.save_state(self.settings)
        self.backups_page.save_state(self.settings)
        self.settings.sync()
        self.consoles.close_all()
        self.wall_actions.close()
        self.close_detail()
        for win in list(self.detail_windows.values()):
            win.close()
        self.clusters.close_all()
        super().closeEvent(event)

    # ----------------------------------------------------------- clusters

    def show_about(self):
        from .about_dialog import AboutDialog

        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_profile_manager(self):
        from .connect.profile_manager import ProfileManager

        manager = ProfileManager(self.connections.profiles, self.connections.secrets,
                                 self.connections.connected_ids, self)
        manager.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        manager.connect_requested.connect(lambda profile, secret: self.connections.connect_profile(profile, secret))
        manager.disconnect_requested.connect(self.connections.disconnect_profile)
        manager.permissions_requested.connect(self._permission_check_of_profile)
        self.clusters.added.connect(manager.refresh_connected)
        self.clusters.removed.connect(manager.refresh_connected)
        manager.open()
        return manager

    def _permission_check_of_profile(self, profile_id: str) -> None:
        session = self.clusters.by_profile(profile_id)
        if session is not None:
            self.show_permission_check(session.name)

    def show_permission_check(self, cluster_id: str):
        """The permission check of a connected cluster (non-modal; one per cluster)."""
        from .connect.permission_check import PermissionCheckDialog

        if self.clusters.get(cluster_id) is None:
            return None
        for shown in self.findChildren(PermissionCheckDialog):
            if shown.cluster_id == cluster_id and shown.isVisible():
                shown.raise_()
                shown.activateWindow()
                return shown
        pools = sorted({inst.pool for inst in self.model.instances_of(cluster_id) if inst.pool})
        dialog = PermissionCheckDialog(self.clusters, cluster_id, pools, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_connect_dialog(self) -> ConnectDialog:
        from .connect.connect_dialog import ConnectDialog  # imported when first opened

        dialog = ConnectDialog(self.clusters, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _cluster_added(self, session: ClusterSession) -> None:
        self.task_panel.attach(session)
        HaStatusFeed.of(session).watch(self.model)  # the HA column's node
        self.page.set_clusters(self.clusters.ids())
        self._update_cluster_status()

    def _cluster_removed(self, name: str) -> None:
        """A cluster was disconnected (or its login failed): its pages close."""
        if self.detail is not None and self.detail.key[0] == name:
            self.close_detail()
        for key, win in list(self.detail_windows.items()):
            if key[0] == name:
                win.close()
        self.page.set_clusters(self.clusters.ids())
        self._update_cluster_status()

    def _clusters_in_view(self) -> set[str]:
        """The clusters with a guest on screen: in the list's viewport, selected, on a page."""
        keys = [*self.page.keys_in_view(), *self.detail_windows]
        if self.detail is not None:
            keys.append(self.detail.key)
        return {key[0] for key in keys} | {inst.cluster for inst in self.page.selected()}

    def _watch_view(self) -> None:
        """Have the poll pace look again whenever the guests on screen may have changed (page
        windows tell it themselves: open_detail_window)."""
        changed = self.poll_pace.look
        table = self.page.table
        table.verticalScrollBar().valueChanged.connect(changed)
        table.verticalScrollBar().rangeChanged.connect(changed)  # the viewport resized, rows came or went
        for signal in (self.model.layoutChanged, self.model.modelReset, self.model.rowsInserted,
                       self.model.rowsRemoved, self.page.selection_changed, self.stack.currentChanged):
            signal.connect(changed)

    def _guest_name(self, cluster: str, vmid: int) -> str:
        inst = self.model.get((cluster, vmid))
        return inst.name if inst is not None else ""

    def _applying(self, _cluster: str) -> None:
        # Other clusters' first lists still coming (this one is counted until its signals are
        # out): the list is painted once with the last (ui/guests/guest_table.py). Held before the
        # list changes: held after it, the change had already asked for its repaint, and the
        # second cluster's list was painted (ten clusters: 12-31 ms of the start's GUI thread).
        if self.clusters.first_lists.awaited() > 1:
            self.page.table.hold_repaints()

    def _polled(self, _cluster: str) -> None:
        if not self._had_data:
            self._had_data = True
            self.first_data.emit()
        if self.clusters.first_lists.awaited() > 1:
            self.page.table.hold_repaints()  # the hold's timer counts from the latest list
        else:
            self.page.table.release_repaints()

    def _cluster_state(self, name: str, state: str, error) -> None:
        if state in (SessionState.OFFLINE, SessionState.FAILED) and error is not None:
            age = self.age_text(name)
            text = kit.fmt(self.tr("Cluster %1: %2"), name, errors.describe(error))
            if age:
                text += "\n" + kit.fmt(self.tr("Showing data from %1 ago; retrying automatically."), age)
            self.cluster_bar.show_message(text, self.tr("Retry now"))
        elif state == SessionState.ONLINE:
            self.cluster_bar.dismiss()
        self._update_cluster_status()

    def age_text(self, name: str) -> str:
        """How old cluster `name`'s list is, in words ("" before its first poll)."""
        last = self.clusters.last_poll(name)
        if not last:
            return ""
        seconds = int(time.time() - last)
        return self.tr("%n second(s)", "", seconds) if seconds < 120 else self.tr("%n minute(s)", "", seconds // 60)

    def _session_for_create(self):
        """The cluster of the selection, or the first online one."""
        picked = self.page.selected()
        return self.clusters.get(picked[0].cluster) if picked else next(
            (s for s in self.clusters.sessions() if s.state == SessionState.ONLINE), None)

    def create_guest(self) -> None:
        """The VM/CT chooser, then its wizard, on the cluster of the selection (or the first online one)."""
        from .wizards.launch import start_create

        session = self._session_for_create()
        if session is not None:
            start_create(self, session, privileges=self.clusters.privileges(session.name))

    def _privileges_changed(self, _session) -> None:
        self._selection_changed()
        self._update_cluster_status()
        self.backups_page.privileges_changed()
        self.actions.privileges_changed.emit()  # the guest pages

    def _update_cluster_status(self) -> None:
        sessions = self.clusters.sessions()
        target = self._session_for_create()
        need = missing("create", self.clusters.privileges(target.name)) if target is not None else None
        gate(self.create_action, any(s.state == SessionState.ONLINE for s in sessions), need,
             self.tr("Create a virtual machine or a container"))
        # Once per call, not per cluster: each tr() the catalogue lacks (all in English) asks the
        # context-retry translator once per class of the window's hierarchy (i18n._AnyContext).
        words = {"online": self.tr("online"), "connecting": self.tr("connecting…"),
                 "offline": self.tr("unreachable"), "failed": self.tr("not connected"),
                 "closed": self.tr("closed"), "new": self.tr("starting")}
        parts = ["{0}: {1} ({2})".format(session.name, words.get(session.state, session.state),
                                         session.client.authid or "-") for session in sessions]
        self.cluster_status.setText("   ".join(parts) if parts else self.tr("Not connected"))

    def refresh(self) -> None:
        for session in self.clusters.sessions():
            session.refresh()

    # ------------------------------------------------------------ actions

    def _selection_changed(self) -> None:
        selected = self.page.selected()
        self.actions.update_enabled(self.power_actions, selected)
        self.migrate.selection_changed(selected)
        self.wall_actions.selection_changed(selected)
        one = selected[0] if len(selected) == 1 else None
        gate(self.console_action, one is not None and self._console_possible(one),
             self._console_need(one) if one is not None else None, self.tr("Open the guest's screen in its own window"))
        if one is not None and self.actions.lacks(one) is None:  # a missing privilege is said instead
            reason = self.actions.blocked_text(one)
            for qa in self.power_actions.values():
                qa.setToolTip(literal_tooltip(reason or self.actions.help_text(self._action_of(qa))))
        self._update_cluster_status()  # "New guest" goes to the selection's cluster

    def _console_need(self, inst: Instance):
        return guest_need(self.clusters.privileges(inst.cluster), "console", inst)

    def _action_of(self, qa: QAction):
        return next(a for a, q in self.power_actions.items() if q is qa)

    # ----------------------------------------------------------- guests

    def open_detail(self, inst: Instance) -> DetailPage | None:
        """The guest's page in place of the list (Back returns to the list as it was)."""
        session = self.clusters.get(inst.cluster)
        if session is None:
            return None
        self.close_detail()
        from .guests.detail_page import DetailPage

        page = DetailPage(session, self.model, inst.key, self.stack, actions=self.actions, tasks=self.tasks.tasks)
        page.back_requested.connect(self.close_detail)
        page.deleted.connect(lambda _key: self.close_detail())
        page.open_in_window_requested.connect(self.open_detail_window)
        self._wire_detail(page)
        self.detail = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.sections.setCurrentIndex(0)
        return page

    def close_detail(self) -> None:
        page, self.detail = self.detail, None
        if page is not None:
            self.stack.setCurrentWidget(self.page)
            page.close()  # stops its polling
            self.stack.removeWidget(page)
            page.deleteLater()
            self.page.table.setFocus()

    def open_detail_window(self, key) -> DetailPage | None:
        """The guest's page in a window of its own (several can be open)."""
        session = self.clusters.get(key[0])
        if session is None:
            return None
        existing = self.detail_windows.get(key)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return existing
        from .guests.detail_page import DetailPage

        win = DetailPage(session, self.model, key, None, actions=self.actions, show_back=False, tasks=self.tasks.tasks)
        win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        win.deleted.connect(lambda _key: win.close())
        win.destroyed.connect(lambda *_: self.detail_windows.pop(key, None))
        self._wire_detail(win)
        win.resize(1100, 900)
        win.show()
        self.detail_windows[key] = win
        win.destroyed.connect(lambda *_: self.poll_pace.look())
        self.poll_pace.look()
        self.session_restore.track_page_window(win)
        if self.detail is not None and self.detail.key == key:
            self.close_detail()
        return win

    def _add_compare_entry(self, menu, selected) -> None:
        # Imported when a guest menu first opens: the comparison and its model (~6 ms of every start).
        from .guests.config_diff_dialog import add_compare_entry

        add_compare_entry(self, menu, selected)

    def _wire_detail(self, page: DetailPage) -> None:
        page.console_available = True
        self.tag_actions.wire_detail(page)
        self.agent_actions.wire_detail(page)
        from .guests.config_diff_dialog import wire_detail as wire_compare

        wire_compare(self, page)
        page.console_requested.connect(lambda key: self.open_console(self.model.get(key)))

    def _guest_menu_entries(self, menu, selected: list[Instance]) -> None:
        if len(selected) != 1:
            return
        inst = selected[0]
        details = menu.addAction(self.tr("Details"))
        details.setObjectName("menu-details")
        details.triggered.connect(lambda _=False, i=inst: self.open_detail(i))
        console = menu.addAction(self.tr("Console"))
        console.setObjectName("menu-console")
        need = self._console_need(inst)
        if need is not None:
            menu.setToolTipsVisible(True)  # the missing privilege is said on hover
        gate(console, self._console_possible(inst), need)
        console.triggered.connect(lambda _=False, i=inst: self.open_console(i))
        self.lifecycle.fill_menu(menu, inst)
        add_console_entries(menu, inst, self.clusters.privileges(inst.cluster), self._console_possible(inst), need,
                            self.open_console, self.open_node_shell)
        self.spice.add_to_menu(menu, inst, need)

    @staticmethod
    def _console_possible(inst: Instance) -> bool:
        return not inst.template

    def open_console(self, inst: Instance | None = None, kind: str | None = None):
        """The guest's console: `kind` (console_kinds.NOVNC / XTERM), else the one PVE would open."""
        if not isinstance(inst, Instance):
            selected = self.page.selected()
            inst = selected[0] if len(selected) == 1 else None
        session = self.clusters.get(inst.cluster) if inst is not None else None
        if inst is None or session is None or not self._console_possible(inst):
            return None
        return self.consoles.open(session, inst, kind=kind or default_kind(inst))

    def open_node_shell(self, cluster: str, node: str):
        session = self.clusters.get(cluster)
        if session is None or node_shell_need(self.clusters.privileges(cluster), node) is not None:
            return None
        return self.consoles.open(session, node_target(cluster, node), kind=XTERM)

    def selected_instances(self) -> list[Instance]:
        return self.page.selected()

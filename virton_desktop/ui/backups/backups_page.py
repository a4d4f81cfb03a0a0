"""The backup page: every backup of the connected clusters, or one guest's (the detail page tab).

    page = BackupsView(window.clusters.sessions, guests=window.model, tasks=window.tasks.tasks)
    tab = BackupsView(lambda: [session], guest_key=(cluster, vmid), guests=window.model, tasks=window.tasks.tasks)

Above the table: search (file name or VMID), status filter (completed / failed / in progress),
type filter (VM / CT), and the buttons Create backup, Restore, Delete, Protect/Unprotect,
Edit notes, Abort, Refresh. A running job's row shows a live bar (percent, throughput, time
left; indeterminate for containers) with an Abort button in the cell.

`guests` (the app's instance model) gives guest names, types and nodes; `tasks()` the tasks the
sessions reported before the page's feed attached (see `core.backup_feed`). Every request is a
catalogued `api.Op`; tasks we start are followed through `session.task_changed`, and their
failures end in the message bar in `errors.describe` words. The page lists only while it is
shown (`BackupFeed` timers run between show and hide).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.backup_feed import BackupFeed, GuestSource
from ...models.backups import (
    COL_DATE,
    COL_FILE,
    COL_FORMAT,
    COL_NAME,
    COL_NODE,
    COL_NOTES,
    COL_PROTECTED,
    COL_SIZE,
    COL_STATUS,
    COL_STORAGE,
    COL_TYPE,
    COL_VMID,
    COMPLETED,
    FAILED,
    RUNNING,
    BackupFilter,
    BackupModel,
    BackupRow,
)
from ...pve import api, errors
from ...pve.entities import LXC, QEMU, Task
from .. import kit
from ..banners import MessageBar
from ..permission_gate import PrivilegesOf, backup_need_for, everything, gate, restore_need_for
from ..storage_hint import StorageHint
from .delegates import ElideRightDelegate, ProgressDelegate
from .row_menu import row_menu

# The file name column takes what is left over (about 320 px of a 1440 px page); the status
# column keeps room for its bar, throughput, time left and the Abort button.
_WIDTHS = {COL_VMID: 50, COL_NAME: 100, COL_TYPE: 40, COL_NODE: 50, COL_STORAGE: 92,
           COL_SIZE: 74, COL_FORMAT: 64, COL_DATE: 136, COL_NOTES: 150, COL_PROTECTED: 68, COL_STATUS: 340}
# One guest's tab is narrower (a detail page) and has no VMID/guest/type columns.
_GUEST_WIDTHS = {**_WIDTHS, COL_NODE: 46, COL_STORAGE: 86, COL_SIZE: 70, COL_DATE: 140, COL_NOTES: 100,
                 COL_PROTECTED: 64, COL_STATUS: 280}
SETTINGS_HEADER = "backupsPage/header"
BUSY_REPAINT_MS = 100


class BackupsView(QWidget):
    """The backup list with its filters and actions; see the module docstring."""

    message = Signal(str)  # a translated status message (task started, restore finished, ...)

    def __init__(self, session_provider: Callable, guest_key: tuple[str, int] | None = None, parent=None, *,
                 model: BackupModel | None = None, feed: BackupFeed | None = None,
                 guests: GuestSource | None = None, tasks: Callable[[], Iterable[Task]] | None = None):
        super().__init__(parent)
        self.guest_key = guest_key
        self.setObjectName("backupsView" if guest_key is None else "guestBackupsView")
        self.model = model or BackupModel(self)
        self.feed = feed or BackupFeed(session_provider, self.model, self, guests=guests, tasks=tasks)
        self._watched: dict[str, tuple[str, str]] = {}  # UPID -> (cluster, what: translated words)
        self._attached: set[int] = set()
        # Busy bars (jobs without a percentage) move by repainting their cells a few times a second.
        self._busy_timer = QTimer(self)
        self._busy_timer.setInterval(BUSY_REPAINT_MS)
        self._busy_timer.timeout.connect(self._repaint_busy)
        # Replaced in tests: (title, text, ok button text) -> True to go ahead.
        self.confirm: Callable[[str, str, str], bool] = self._ask
        # Replaced in tests: the dialogs' exec (returns True when accepted).
        self.run_dialog: Callable[[QWidget], bool] = lambda dialog: dialog.exec() == 1
        # What each cluster's login may do (the window hands in the registry's); see `privileges_changed`.
        self.privileges_of: PrivilegesOf = everything

        self.errors_bar = MessageBar("backupErrors", "error", self)
        self.search = kit.named(QLineEdit(self), "backupSearch", self.tr("Search backups"))
        self.search.setPlaceholderText(self.tr("Search file name or VMID"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.status_filter = kit.combo([(self.tr("All statuses"), ""), (self.tr("Completed"), COMPLETED),
                                        (self.tr("Failed"), FAILED), (self.tr("In progress"), RUNNING)],
                                       parent=self, name="backupStatusFilter", accessible=self.tr("Status filter"))
        self.type_filter = kit.combo([(self.tr("All types"), ""), (self.tr("VM (QEMU)"), QEMU),
                                      (self.tr("CT (LXC)"), LXC)],
                                     parent=self, name="backupTypeFilter", accessible=self.tr("Type filter"))
        self.counts = kit.named(QLabel(self), "backupCounts", self.tr("Backup counts"))

        self.create_button = self._button("backupCreate", self.tr("Create backup"),
                                          self.tr("Back up guests now"), self.on_create)
        self.restore_button = self._button("backupRestore", self.tr("Restore"),
                                           self.tr("Restore the selected backup"), self.on_restore)
        self.delete_button = self._button("backupDelete", self.tr("Delete"),
                                          self.tr("Delete the selected backup"), self.on_delete)
        self.protect_button = self._button("backupProtect", self.tr("Protect"),
                                           self.tr("Protect the backup from deletion, or lift the protection"),
                                           self.on_protect)
        self.notes_button = self._button("backupNotes", self.tr("Edit notes"),
                                         self.tr("Change the selected backup's notes"), self.on_notes)
        self.abort_button = self._button("backupAbort", self.tr("Abort"),
                                         self.tr("Stop the selected running backup at once"), self.on_abort)
        self.refresh_button = self._button("backupRefresh", self.tr("Refresh"),
                                           self.tr("List the backups again"), self.feed.refresh)

        self.table = kit.named(QTableView(self), "backupTable" if guest_key is None else "guestBackupTable",
                               self.tr("Backups"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # file names differ at the end (the date)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(lambda pos: self.build_menu().popup(
            self.table.viewport().mapToGlobal(pos)))
        self._delete_key = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        self._delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._delete_key.activated.connect(self.on_delete)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = kit.named(self.table.horizontalHeader(), "backupTableHeader", self.tr("Backup columns"))
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.moveSection(header.visualIndex(COL_FORMAT), header.visualIndex(COL_SIZE) + 1)
        for col, width in (_WIDTHS if guest_key is None else _GUEST_WIDTHS).items():
            header.resizeSection(col, width)
        header.setMinimumSectionSize(36)
        header.setSectionResizeMode(COL_FILE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.delegate = ProgressDelegate(self.tr("Abort"), self.table)
        self.delegate.abort_requested.connect(lambda idx: self.abort(self.model.row(idx)))
        self.table.setItemDelegateForColumn(COL_STATUS, self.delegate)
        self._notes_delegate = ElideRightDelegate(self.table)
        self.table.setItemDelegateForColumn(COL_NOTES, self._notes_delegate)
        if guest_key is not None:
            for col in (COL_VMID, COL_NAME, COL_TYPE):
                self.table.setColumnHidden(col, True)
            self.type_filter.hide()

        self.empty = kit.named(QLabel(self), "backupEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)  # may name cluster profiles

        filters = QHBoxLayout()
        filters.addWidget(self.search)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.type_filter)
        filters.addStretch(1)
        filters.addWidget(self.counts)
        buttons = QHBoxLayout()
        for b in (self.create_button, self.restore_button, self.delete_button, self.protect_button,
                  self.notes_button, self.abort_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.errors_bar)
        layout.addLayout(buttons)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)

        self.search.textChanged.connect(self._apply_filter)
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        self.type_filter.currentIndexChanged.connect(self._apply_filter)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.counts_changed.connect(self._update_counts)
        self.model.dataChanged.connect(lambda *_: self._update_buttons())
        self.model.job_finished.connect(self._job_finished)
        self.feed.failed.connect(self._listing_failed)
        self.feed.refreshed.connect(lambda _c: self._update_counts())
        self._apply_filter()
        self._update_buttons()

    # ------------------------------------------------------------ set-up

    def _button(self, name: str, text: str, tip: str, slot):
        return kit.button(text, name, parent=self, tip=tip, slot=slot, tool=True, text_only=True)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.feed.active:
            self.feed.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.feed.stop()

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(SETTINGS_HEADER, self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value(SETTINGS_HEADER)
        if state is not None:
            self.table.horizontalHeader().restoreState(state)

    # ------------------------------------------------------------ filter

    def current_filter(self) -> BackupFilter:
        status, kind = self.status_filter.currentData(), self.type_filter.currentData()
        return BackupFilter(text=self.search.text(), statuses=frozenset({status}) if status else frozenset(),
                            types=frozenset({kind}) if kind else frozenset(), guest=self.guest_key)

    def _apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self._update_counts()
        self._update_buttons()

    def _repaint_busy(self) -> None:
        busy = False
        for r, row in enumerate(self.model.rows()):
            if row.status == RUNNING and (row.progress is None or row.progress.indeterminate):
                busy = True
                self.table.update(self.model.index(r, COL_STATUS))
        if not busy:
            self._busy_timer.stop()

    def _update_counts(self) -> None:
        shown = self.model.rowCount()
        running = sum(1 for r in self.model.rows() if r.status == RUNNING)
        text = kit.fmt(self.tr("%1 backups"), shown)
        if running:
            text += " \u00b7 " + kit.fmt(self.tr("%1 in progress"), running)
            if not self._busy_timer.isActive():
                self._busy_timer.start()
        self.counts.setText(text)
        if shown:
            self.empty.hide()
        else:
            loading = self.feed.busy() and not self.model.all_rows()
            self.empty.setText(self.tr("Loading backups…") if loading else
                               self.tr("No backups match the search or filters.") if self.model.all_rows() and
                               not self.current_filter() == BackupFilter(guest=self.guest_key) else
                               self._storages_hidden() or self.tr("No backups yet. Use “Create backup” to make one."))
            self.empty.show()

    def _storages_hidden(self) -> str:
        """Why no backup is listed when PVE listed no backup storage to a login lacking Datastore privileges."""
        clusters = [self.guest_key[0]] if self.guest_key else sorted(self.feed.sessions())
        return "\n".join(t for t in (StorageHint.no_backups(self.privileges_of(c), c) for c in clusters
                                      if c in self.feed.storages and not self.feed.storages[c]) if t)

    # ------------------------------------------------------------ selection

    def selected(self) -> BackupRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0]) if rows else None

    def select(self, row: BackupRow) -> None:
        r = self.model.row_of(row.key)
        if r >= 0:
            self.table.selectRow(r)

    def build_menu(self) -> QMenu:
        """The row menu: the toolbar's actions for the selected row, enabled as the buttons are."""
        self._update_buttons()
        return row_menu(self, "backupRowMenu", (self.restore_button, self.delete_button, self.protect_button,
                                                self.notes_button, self.abort_button, None, self.create_button))

    def _update_buttons(self) -> None:
        row = self.selected()
        volume = row is not None and row.backup is not None
        restore_need = restore_need_for(self.privileges_of(row.cluster), self.feed.owner(row.backup)) \
            if volume else None
        # PVE restores a VM from a VM's archive and a container from a container's; of anything else
        # it cannot tell which (its web UI's Restore does nothing then).
        restorable = volume and row.kind in (QEMU, LXC)
        gate(self.restore_button, restorable, restore_need,
             self.tr("Restore the selected backup") if restorable or not volume else
             self.tr("Not a vzdump archive of a VM or a container: PVE cannot tell how to restore it."))
        self.delete_button.setEnabled(volume)
        self.notes_button.setEnabled(volume)
        self.protect_button.setEnabled(volume)
        self.abort_button.setEnabled(row is not None and row.status == RUNNING)
        if volume and row.backup.protected:
            self.protect_button.setText(self.tr("Unprotect"))
            self.delete_button.setToolTip(self.tr("This backup is protected: unprotect it first to delete it."))
        else:
            self.protect_button.setText(self.tr("Protect"))
            self.delete_button.setToolTip(self.tr("Delete the selected backup"))
        self.protect_button.setAccessibleName(self.protect_button.text())
        if self.guest_key is not None:  # this guest; cluster-wide: allowed on some guest of some cluster
            backup_need = backup_need_for(self.privileges_of(self.guest_key[0]), self.feed.guest(*self.guest_key))
        else:
            needs = [backup_need_for(self.privileges_of(c), None) for c in sorted(self.feed.sessions())]
            backup_need = needs[0] if needs and all(needs) else None
        gate(self.create_button, bool(self.feed.sessions()), backup_need, self.tr("Back up guests now"))

    def privileges_changed(self) -> None:
        self._update_buttons()
        self._update_counts()  # the empty list's reason may change

    # ------------------------------------------------------------ helpers

    def _ask(self, title: str, text: str, ok_text: str) -> bool:
        return kit.confirm(self, title, text, ok_text, name="backupConfirm", ok_name="backupConfirmOk")

    def _session(self, cluster: str):
        session = self.feed.session(cluster)
        if session is None:
            self.errors_bar.show_message(kit.fmt(self.tr("Cluster %1 is not connected."), cluster))
        return session

    def _send(self, cluster: str, op: api.Op, what: str, on_ok: Callable[[object], None] | None = None) -> bool:
        """One request; a UPID answer is followed, its failure reported. `what`: words for messages."""
        session = self._session(cluster)
        if session is None:
            return False
        reply = session.run(op)

        def done(data, error):
            if error is not None:
                self.errors_bar.show_message(kit.fmt(self.tr("%1 failed: %2"), what, errors.describe(error)))
                return
            if isinstance(data, str) and data.startswith("UPID:"):
                self._watched[data] = (cluster, what)
                self._attach(session)
            else:
                self.feed.refresh(cluster)
            if on_ok is not None:
                on_ok(data)
        reply.then(self, done)
        return True

    def _attach(self, session) -> None:
        if id(session) not in self._attached:
            self._attached.add(id(session))
            session.task_changed.connect(self._task_changed)

    def _task_changed(self, task: Task) -> None:
        watched = self._watched.get(task.upid)
        if watched is None or task.running:
            return
        del self._watched[task.upid]
        cluster, what = watched
        if task.failed:
            self.errors_bar.show_message(kit.fmt(self.tr("%1 failed: %2"), what,
                                                 errors.describe(errors.from_task_exit(task.exitstatus))))
        else:
            self.message.emit(kit.fmt(self.tr("%1 finished."), what))
        self.feed.refresh(cluster)

    def _job_finished(self, task: Task) -> None:
        if task.failed and task.upid not in self._watched:
            self._update_buttons()

    def _listing_failed(self, cluster: str, error) -> None:
        self.errors_bar.show_message(kit.fmt(self.tr("Could not list the backups of %1: %2"), cluster,
                                             errors.describe(error)))

    def _label(self, row: BackupRow) -> str:
        name = self.model.guest_name(row.cluster, row.vmid)
        kind = self.tr("CT") if row.kind == LXC else self.tr("VM")
        label = kind + " " + (str(row.vmid) if row.vmid is not None else "")
        return kit.fmt(self.tr("%1 (%2)"), label, name) if name else label

    # ------------------------------------------------------------ actions (public: tests call them)

    def start_backups(self, requests: list[tuple[str, str, dict]]) -> None:
        """A vzdump job for each (cluster, node, params); a row appears once PVE answers with its task.
        PVE answers `OK` without a task when the guests are no longer on that node: said so."""
        for cluster, node, params in requests:
            what = kit.fmt(self.tr("Backup of %1 on %2"), params.get("vmid"), node)
            vmids = params.get("vmid")
            self._send(cluster, api.vzdump(node, params), what,
                       on_ok=lambda answer, cluster=cluster, node=node, what=what, vmids=vmids:
                       self._backup_answered(cluster, node, what, vmids, answer))

    def _backup_answered(self, cluster: str, node: str, what: str, vmids, answer) -> None:
        if isinstance(answer, str) and answer.startswith("UPID:"):
            self.feed.job_started(cluster, answer)
            self.message.emit(kit.fmt(self.tr("%1 started."), what))
            return
        self.errors_bar.show_message(kit.fmt(
            self.tr("No backup was started: none of the guests %1 is on node %2 any more (moved to another "
                    "node?). Open “Create backup” again to back them up where they are now."), vmids, node))

    def abort(self, row: BackupRow | None, confirmed: bool = False) -> bool:
        if row is None or row.status != RUNNING:
            return False
        if not confirmed and not self.confirm(
                self.tr("Abort backup"),
                kit.fmt(self.tr("Abort the running backup of %1? The archive being written is discarded."),
                        self._label(row)), self.tr("Abort backup")):
            return False
        return self._send(row.cluster, api.abort_task(row.task.node, row.task.upid),
                          kit.fmt(self.tr("Abort of %1"), self._label(row)))

    def delete(self, row: BackupRow | None, confirmed: bool = False) -> bool:
        """Delete a backup volume; a protected one is refused here, with the reason."""
        if row is None or row.backup is None:
            return False
        if row.backup.protected:
            self.errors_bar.show_message(kit.fmt(self.tr("%1 is protected, so it cannot be deleted. Unprotect it "
                                                         "first if you really want to remove it."),
                                                 row.backup.file_name))
            return False
        if not confirmed and not self.confirm(
                self.tr("Delete backup"),
                kit.fmt(self.tr("Delete %1 from %2 for good? It cannot be restored afterwards."),
                        row.backup.file_name, row.backup.storage), self.tr("Delete")):
            return False
        b = row.backup
        return self._send(row.cluster, api.delete_volume(b.node, b.storage, b.volid),
                          kit.fmt(self.tr("Deleting %1"), b.file_name))

    def set_protected(self, row: BackupRow | None, protected: bool) -> bool:
        if row is None or row.backup is None:
            return False
        b = row.backup
        return self._send(row.cluster, api.update_volume(b.node, b.storage, b.volid, {"protected": int(protected)}),
                          kit.fmt(self.tr("Changing the protection of %1"), b.file_name))

    def set_notes(self, row: BackupRow | None, text: str) -> bool:
        if row is None or row.backup is None:
            return False
        b = row.backup
        return self._send(row.cluster, api.update_volume(b.node, b.storage, b.volid, {"notes": text}),
                          kit.fmt(self.tr("Saving the notes of %1"), b.file_name))

    def restore(self, cluster: str, op: api.Op, label: str = "") -> bool:
        """Send a restore (`RestoreDialog.request()`'s operation); `label` names the archive in messages."""
        what = kit.fmt(self.tr("Restore of %1"), label or op.params.get("vmid"))
        self.message.emit(kit.fmt(self.tr("%1 started."), what))
        return self._send(cluster, op, what)

    # ------------------------------------------------------------ button slots (open dialogs)

    def on_create(self) -> None:
        sessions = self.feed.sessions()
        if not sessions:
            return
        cluster = self.guest_key[0] if self.guest_key else sorted(sessions)[0]
        row = self.selected()
        preset = [self.guest_key[1]] if self.guest_key else ([row.vmid] if row and row.vmid else [])
        from .backup_dialogs import CreateBackupDialog  # imported when first opened (~7 ms of every start)

        dialog = CreateBackupDialog(self.feed, cluster, preset, fixed=self.guest_key is not None, parent=self,
                                    privileges=self.privileges_of(cluster))
        if self.run_dialog(dialog):
            self.start_backups(dialog.requests())
        dialog.deleteLater()

    def _selected_volume(self):
        """(row, session) of the selected backup volume, or None (no volume, or its cluster is gone: said)."""
        row = self.selected()
        if row is None or row.backup is None:
            return None
        session = self._session(row.cluster)
        return (row, session) if session is not None else None

    def on_restore(self) -> None:
        picked = self._selected_volume()
        if picked is None:
            return
        row, session = picked
        if row.kind not in (QEMU, LXC):
            return  # neither a VM's nor a container's archive (the button says so)
        from .backup_dialogs import RestoreDialog  # imported when first opened (~7 ms of every start)

        dialog = RestoreDialog(self.feed, session, row, self, privileges=self.privileges_of(row.cluster))
        if self.run_dialog(dialog):
            cluster, _node, op = dialog.request()
            self.restore(cluster, op, row.backup.file_name)
        dialog.deleteLater()

    def on_delete(self) -> None:
        self.delete(self.selected())

    def on_protect(self) -> None:
        row = self.selected()
        if row is not None and row.backup is not None:
            self.set_protected(row, not row.backup.protected)

    def on_notes(self) -> None:
        """Edit the volume's full notes: the listing holds only their first line, so read them first."""
        picked = self._selected_volume()
        if picked is None:
            return
        row, session = picked
        b = row.backup
        reply = session.run(api.volume(b.node, b.storage, b.volid))

        def arrived(data, error):
            if error is not None:
                self.errors_bar.show_message(kit.fmt(self.tr("Could not read the notes of %1: %2"), b.file_name,
                                                     errors.describe(error)))
                return
            notes = (data or {}).get("notes")
            self.edit_notes(row, "" if notes is None else str(notes))
        reply.then(self, arrived)

    def edit_notes(self, row: BackupRow, full_notes: str) -> None:
        """The notes dialog on `full_notes`; what was typed is saved exactly."""
        from .backup_dialogs import NotesDialog  # imported when first opened (~7 ms of every start)

        dialog = NotesDialog(full_notes, kit.fmt(self.tr("Notes of %1"), row.backup.file_name), self)
        if self.run_dialog(dialog):
            self.set_notes(row, dialog.text())
        dialog.deleteLater()

    def on_abort(self) -> None:
        self.abort(self.selected())

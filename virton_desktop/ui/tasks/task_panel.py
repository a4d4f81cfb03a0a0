"""TaskPanel: the "Tasks" dock. Lists the tasks of every attached cluster, opens their logs,
stops running ones, and words finished tasks for the status bar (`message`)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QSettings, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...models.tasks import (
    COL_DURATION,
    COL_GUEST,
    COL_START,
    COL_STATUS,
    COL_TYPE,
    NameResolver,
    SortRole,
    TaskModel,
    TaskRole,
)
from ...pve import api, errors
from ...pve.entities import Task
from .. import kit, style
from .task_log import TaskLogDialog

SETTINGS_KEY = "taskPanel/header"


class TaskPanel(QDockWidget):
    """The task list dock. `attach(session)` for each connected cluster."""

    message = Signal(str)  # for the main window's status bar: "Start of VM 100 (web1) finished"
    log_opened = Signal(object)  # TaskLogDialog, after it was shown

    def __init__(self, parent=None, *, model: TaskModel | None = None, name_of: NameResolver | None = None,
                 settings: QSettings | None = None):
        super().__init__(parent)
        self.setObjectName("taskPanel")
        self._settings = settings
        self._sessions: dict[str, object] = {}
        self._logs: dict[tuple[str, str], TaskLogDialog] = {}
        self._stop_replies: set = set()

        self.model = model if model is not None else TaskModel(self, name_of=name_of)
        if model is not None and name_of is not None:
            self.model.set_name_resolver(name_of)
        self.model.task_finished.connect(self._on_finished)
        self.model.counts_changed.connect(self._update_counts)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setObjectName("taskProxy")
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.proxy.setDynamicSortFilter(True)

        body = kit.named(QWidget(self), "taskPanelBody")
        self._running = kit.named(QLabel(body), "taskRunningLabel")
        self._clear = kit.named(QPushButton(body), "taskClearFinished")
        self._clear.clicked.connect(self.clear_finished)
        # Why some tasks are not listed (a login without Sys.Audit on /): set from outside.
        self.scope_note = kit.message_label(body, "taskScopeNote", tone=style.Tone.MUTED, hidden=True)

        self.view = kit.named(QTableView(body), "taskTable")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setObjectName("taskRowHeader")
        self.view.setCornerButtonEnabled(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.activated.connect(self._activated)  # double-click and Enter
        header = self.view.horizontalHeader()
        header.setAccessibleName(self.tr("Task columns"))
        header.setObjectName("taskHeader")
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in ((COL_STATUS, 180), (COL_TYPE, 90), (COL_GUEST, 140), (COL_START, 150),
                           (COL_DURATION, 90)):
            header.resizeSection(col, width)
        header.setSortIndicator(COL_START, Qt.SortOrder.DescendingOrder)
        self.restore_header()
        self.view.setSortingEnabled(True)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(500)
        self._save_timer.timeout.connect(self.save_header)
        header.sectionResized.connect(lambda *_: self._save_timer.start())
        header.sectionMoved.connect(lambda *_: self._save_timer.start())
        header.sortIndicatorChanged.connect(lambda *_: self._save_timer.start())

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self._running)
        top.addWidget(self.scope_note, 1)
        top.addStretch(1)
        top.addWidget(self._clear)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.setWidget(body)

        self._retranslate()

    # ------------------------------------------------------------ sessions

    def attach(self, session) -> None:
        """Show the tasks of this cluster session (its `task_changed` feeds the model)."""
        old = self._sessions.get(session.name)
        if old is session:
            return
        if old is not None:
            self.detach(old)
        self._sessions[session.name] = session
        session.task_changed.connect(self._on_task)

    def detach(self, session, *, forget_tasks: bool = False) -> None:
        if self._sessions.get(session.name) is session:
            del self._sessions[session.name]
            try:
                session.task_changed.disconnect(self._on_task)
            except (RuntimeError, TypeError):
                pass
        if forget_tasks:
            self.model.remove_cluster(session.name)

    def session_for(self, task: Task):
        return self._sessions.get(task.cluster)

    def _on_task(self, task: Task) -> None:
        self.model.update(task)
        dialog = self._logs.get((task.cluster, task.upid))
        if dialog is not None:
            dialog.update_task(task)

    # ------------------------------------------------------------ actions

    def clear_finished(self) -> None:
        self.model.clear_finished()

    def selected_tasks(self) -> list[Task]:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return [self.proxy.mapToSource(i).data(TaskRole) for i in sorted(rows, key=lambda i: i.row())]

    def task_at(self, proxy_index: QModelIndex) -> Task | None:
        if not proxy_index.isValid():
            return None
        return self.proxy.mapToSource(proxy_index).data(TaskRole)

    def _activated(self, index: QModelIndex) -> None:
        task = self.task_at(index)
        if task is not None:
            self.open_log(task)

    def open_log(self, task: Task) -> TaskLogDialog | None:
        """Open (or raise) the log window of a task. None if its cluster is not attached."""
        key = (task.cluster, task.upid)
        dialog = self._logs.get(key)
        if dialog is None:
            session = self._sessions.get(task.cluster)
            if session is None:
                self.message.emit(kit.fmt(self.tr("The cluster %1 is not connected."), task.cluster))
                return None
            current = self.model.get(task.cluster, task.upid) or task
            dialog = TaskLogDialog(session, current, self, model=self.model)
            dialog.task_updated.connect(self.model.update)
            dialog.finished.connect(lambda _result, k=key: self._log_closed(k))
            self._logs[key] = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self.log_opened.emit(dialog)
        return dialog

    def log_dialog(self, task: Task) -> TaskLogDialog | None:
        return self._logs.get((task.cluster, task.upid))

    def _log_closed(self, key) -> None:
        dialog = self._logs.pop(key, None)
        if dialog is not None:
            dialog.deleteLater()

    def stop_task(self, task: Task):
        """Abort a running task (`api.abort_task`). Returns the Reply, or None."""
        session = self._sessions.get(task.cluster)
        if session is None or not task.running:
            return None
        reply = session.run(api.abort_task(task.node, task.upid))
        self._stop_replies.add(reply)

        def done(_data, error, r=reply, t=task):
            self._stop_replies.discard(r)
            if error is not None:
                self._stop_failed(t, error)
            else:
                session.refresh()

        reply.finished.connect(done)
        return reply

    def _stop_failed(self, task: Task, error) -> None:
        text = kit.fmt(self.tr("Could not stop the task %1: %2"), self._what(task), errors.describe(error))
        self.message.emit(text)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Stop task"), text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("taskStopError")
        box.setTextFormat(Qt.TextFormat.PlainText)  # names the guest and quotes the server
        box.setAccessibleName(self.tr("Stop task failed"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)
        box.show()  # not exec(): no nested event loop, and the window stays usable

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        task = self.task_at(index)
        if task is None:
            return
        self.context_menu(task).popup(self.view.viewport().mapToGlobal(pos))

    def context_menu(self, task: Task) -> QMenu:
        """The menu for one task (the caller pops it up); deleted when it closes."""
        menu = QMenu(self)
        menu.setObjectName("taskContextMenu")
        menu.setAccessibleName(self.tr("Task actions"))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        show = menu.addAction(self.tr("Show log"))
        show.setObjectName("taskShowLog")
        show.triggered.connect(lambda: self.open_log(task))
        stop = menu.addAction(self.tr("Stop task"))
        stop.setObjectName("taskStop")
        stop.setEnabled(task.running and task.cluster in self._sessions)
        stop.triggered.connect(lambda: self.stop_task(task))
        return menu

    # ------------------------------------------------------------ messages

    def _what(self, task: Task) -> str:
        """'Start of VM 100 (web1)', or just 'Backup' for a task without a guest."""
        kind = self.model.type_text(task)
        guest = self.model.guest_label(task)
        if not guest:
            return kind
        return kit.fmt(self.tr("%1 of %2"), kind, guest)

    def finished_text(self, task: Task) -> str:
        what = self._what(task)
        if task.failed:
            return kit.fmt(self.tr("%1 failed: %2"), what, task.exitstatus or self.tr("unknown error"))
        if task.ok and task.exitstatus != "OK":
            return kit.fmt(self.tr("%1 finished with warnings"), what)
        return kit.fmt(self.tr("%1 finished"), what)

    def set_scope_note(self, text: str) -> None:
        """Say which tasks PVE leaves out of the list for these logins ("" hides the note)."""
        self.scope_note.setText(text)
        self.scope_note.setVisible(bool(text))

    def _on_finished(self, task: Task) -> None:
        self.message.emit(self.finished_text(task))

    def _update_counts(self) -> None:
        running = self.model.running_count()
        self._running.setText(kit.fmt(self.tr("Running: %1"), running))
        self._clear.setEnabled(self.model.rowCount() > running)

    # ------------------------------------------------------------ settings

    def _qsettings(self) -> QSettings:
        return self._settings if self._settings is not None else QSettings()

    def save_header(self) -> None:
        self._qsettings().setValue(SETTINGS_KEY, self.view.horizontalHeader().saveState())

    def restore_header(self) -> bool:
        state = self._qsettings().value(SETTINGS_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            return self.view.horizontalHeader().restoreState(state)
        if isinstance(state, (bytes, bytearray)) and state:
            return self.view.horizontalHeader().restoreState(QByteArray(bytes(state)))
        return False

    def closeEvent(self, event) -> None:
        self.save_header()
        super().closeEvent(event)

    # ------------------------------------------------------------ texts

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Tasks"))
        self.setAccessibleName(self.tr("Tasks"))
        self._clear.setText(self.tr("Clear finished"))
        self._clear.setAccessibleName(self.tr("Clear finished tasks"))
        self._clear.setToolTip(self.tr("Remove the finished tasks from the list"))
        self.view.setAccessibleName(self.tr("Task list"))
        self.view.horizontalHeader().setAccessibleName(self.tr("Task list columns"))
        self.view.verticalHeader().setAccessibleName(self.tr("Task list rows"))
        self._running.setAccessibleName(self.tr("Running tasks"))
        self._update_counts()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.model.retranslate()
            self._retranslate()
        super().changeEvent(event)


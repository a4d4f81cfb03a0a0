"""TaskLogDialog: one task's log, live while the task runs. Non-modal; never blocks.

A `core.task_follower.TaskFollower` reads the log: the lines after the ones shown, one second
after the previous answer while the task runs (never two requests at once), the task's status
when the log says it ended, and the last lines once more when the session reports the end
first. Then it stops; closing the dialog stops it too.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout

from ...core.task_follower import TaskFollower
from ...models.plain_text import literal_tooltip
from ...models.tasks import TaskModel
from ...pve import errors
from ...pve.entities import Task
from .. import kit, style

POLL_MS = 1000
PAGE = 500  # log lines per request


class TaskLogDialog(QDialog):
    """The log of `task` on `session`'s cluster. Create, `show()`; it fetches by itself."""

    task_updated = Signal(object)  # Task: the dialog learned a newer status by itself
    polling_stopped = Signal()  # the last fetch is done (task stopped, dialog closed or log gone)

    def __init__(self, session, task: Task, parent=None, *, model: TaskModel | None = None,
                 poll_ms: int = POLL_MS):
        super().__init__(parent)
        self.setObjectName("taskLogDialog")
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self._texts = model if model is not None else TaskModel(self)  # readable types, guest names
        self._polling = True
        self.follower = TaskFollower(session, task, self, interval_ms=poll_ms, page=PAGE)
        self.follower.lines.connect(self._append)
        self.follower.task_updated.connect(self._learned)
        self.follower.finished.connect(lambda _task: self._stop_polling())
        self.follower.failed.connect(self._failed)

        self._header = kit.named(QLabel(self), "taskLogHeader")
        self._header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._type = kit.named(QLabel(self), "taskLogType")
        self._guest = kit.named(QLabel(self), "taskLogGuest")
        self._node = kit.named(QLabel(self), "taskLogNode")
        self._status = kit.named(QLabel(self), "taskLogStatus")
        self._status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._exit = kit.named(QLabel(self), "taskLogExitStatus")
        self._exit.setWordWrap(True)
        self._exit.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._exit.hide()
        self._problem = kit.named(QLabel(self), "taskLogProblem")
        self._problem.setWordWrap(True)
        self._problem.hide()
        # Guest and node names, exit statuses and errors are the server's words, never markup.
        for label in (self._header, self._type, self._guest, self._node, self._status, self._exit, self._problem):
            label.setTextFormat(Qt.TextFormat.PlainText)

        self._form = QFormLayout()
        self._id_caption = QLabel(self)
        self._type_caption = QLabel(self)
        self._guest_caption = QLabel(self)
        self._node_caption = QLabel(self)
        self._status_caption = QLabel(self)
        self._form.addRow(self._type_caption, self._type)
        self._form.addRow(self._guest_caption, self._guest)
        self._form.addRow(self._node_caption, self._node)
        self._form.addRow(self._status_caption, self._status)
        self._form.addRow(self._id_caption, self._header)

        self._text = kit.named(QPlainTextEdit(self), "taskLogText")
        self._text.setReadOnly(True)
        self._text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self._text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)

        self._buttons = QDialogButtonBox(self)
        self._copy = kit.named(QPushButton(self), "taskLogCopy")
        self._copy.setAutoDefault(False)
        self._buttons.addButton(self._copy, QDialogButtonBox.ButtonRole.ActionRole)
        self._close = self._buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self._close.setObjectName("taskLogClose")
        self._copy.clicked.connect(self.copy_log)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self._exit)
        layout.addLayout(self._form)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._problem)
        layout.addWidget(self._buttons)
        self.resize(760, 460)

        self._retranslate()
        self._show_task()
        self.follower.start()

    # ------------------------------------------------------------ public

    @property
    def task(self) -> Task:
        return self.follower.task

    @property
    def polling(self) -> bool:
        """True until the final log fetch is done (or the dialog closed)."""
        return self._polling

    def log_text(self) -> str:
        return self._text.toPlainText()

    def line_count(self) -> int:
        return self.follower.line_count

    def update_task(self, task: Task) -> None:
        """A newer status of the task from elsewhere (the session's task watcher)."""
        self.follower.update_task(task)  # it keeps the newest news of its own task only
        self._show_task()

    def copy_log(self) -> None:
        QGuiApplication.clipboard().setText(self._text.toPlainText())

    # ------------------------------------------------------------ following

    def _learned(self, task: Task) -> None:
        self._show_task()
        self.task_updated.emit(task)

    def _failed(self, error) -> None:
        self._show_problem(error)
        if not self.follower.following:
            self._stop_polling()  # the task is gone

    def _append(self, lines: list[str]) -> None:
        self._problem.hide()
        bar = self._text.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() - 2
        keep = bar.value()
        self._text.appendPlainText("\n".join(lines))
        bar.setValue(bar.maximum() if at_bottom else keep)

    def _stop_polling(self) -> None:
        if not self._polling:
            return
        self._polling = False
        self.follower.stop()
        self.polling_stopped.emit()

    def _show_problem(self, error) -> None:
        self._problem.setText(kit.fmt(self.tr("Could not read the task: %1"), errors.describe(error)))
        self._problem.show()

    # ------------------------------------------------------------ texts

    def _show_task(self) -> None:
        t, texts = self.follower.task, self._texts
        kind = texts.type_text(t)
        guest = texts.guest_label(t)
        self._type.setText(kind)
        self._guest.setText(guest or self.tr("(none)"))
        self._node.setText(t.node)
        self._status.setText(texts.status_text(t) if not t.failed else self.tr("Failed"))
        self.setWindowTitle(kit.fmt(self.tr("%1 of %2 \u2013 task log"), kind, guest) if guest
                            else kit.fmt(self.tr("%1 \u2013 task log"), kind))
        self._header.setText(t.upid)
        if t.failed:
            palette = self._exit.palette()
            palette.setColor(QPalette.ColorRole.WindowText, style.error(self.palette()))
            self._exit.setPalette(palette)
            self._exit.setText(kit.fmt(self.tr("Task failed: %1"), t.exitstatus or self.tr("unknown error")))
            self._exit.setToolTip(literal_tooltip(texts.error_text(t)))
            self._exit.setAccessibleName(self._exit.text())
            self._exit.show()
        else:
            self._exit.hide()

    def _retranslate(self) -> None:
        self._type_caption.setText(self.tr("Type:"))
        self._guest_caption.setText(self.tr("Guest:"))
        self._node_caption.setText(self.tr("Node:"))
        self._status_caption.setText(self.tr("Status:"))
        self._id_caption.setText(self.tr("Task ID:"))
        self._copy.setText(self.tr("Copy"))
        self._copy.setAccessibleName(self.tr("Copy the log"))
        self._copy.setToolTip(self.tr("Copy the whole log to the clipboard"))
        self._close.setText(self.tr("Close"))
        self._close.setAccessibleName(self.tr("Close the log window"))
        self._text.setAccessibleName(self.tr("Task log"))
        self._header.setAccessibleName(self.tr("Task ID"))
        self.setAccessibleName(self.tr("Task log"))
        self._show_task()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------ closing

    def done(self, result: int) -> None:
        self._stop_polling()
        super().done(result)

    def closeEvent(self, event) -> None:
        self._stop_polling()
        super().closeEvent(event)

"""What both create wizards share: server options loaded in the background, live field checks,
a form page, and the submit flow (POST as a watched task, server errors back onto the fields).

Nothing here waits for the network: every request goes through `ClusterSession.request`, and
its answer updates the page when it arrives. A newer request for the same option makes older
answers stale (the node changed meanwhile), so they are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QLabel, QSizePolicy, QSpacerItem, QVBoxLayout,
                               QWidget, QWizard, QWizardPage)

from ...pve import create, errors, validate

ERROR_COLOR = "#c62828"
WARNING_COLOR = "#8a5a00"
HINT_COLOR = "#5f6368"  # readable grey; palette(mid) is too faint on light themes



# ------------------------------------------------------------------ server options

@dataclass
class Option:
    """One list from the server: `state` "idle" | "loading" | "ok" | "error"."""

    state: str = "idle"
    data: Any = None
    error: errors.PveError | None = None


class ServerOptions(QObject):
    """Lists the wizard offers (nodes, storages, volumes, bridges), each loaded under a key.

    `changed(key)` fires when a key starts loading and when its answer arrives.
    """

    changed = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self._options: dict[str, Option] = {}
        self._serial: dict[str, int] = {}
        self._replies: dict[str, Any] = {}  # keeps the pending Reply objects alive

    def get(self, key: str) -> Option:
        return self._options.get(key, Option())

    def items(self, key: str) -> list:
        opt = self.get(key)
        return list(opt.data or []) if opt.state == "ok" else []

    def load(self, key: str, path: str, params: dict | None = None,
             transform: Callable[[Any], Any] | None = None) -> None:
        serial = self._serial.get(key, 0) + 1
        self._serial[key] = serial
        self._options[key] = Option("loading")
        reply = self.session.request("GET", path, params or {})
        self._replies[key] = reply

        def done(data, error, key=key, serial=serial):
            if self._serial.get(key) != serial:
                return  # an older request: the node changed meanwhile
            self._replies.pop(key, None)
            if error is not None:
                self._options[key] = Option("error", None, error)
            else:
                self._options[key] = Option("ok", transform(data) if transform else data)
            self.changed.emit(key)

        reply.finished.connect(done)
        self.changed.emit(key)

    def loading(self, key: str) -> bool:
        return self.get(key).state in ("idle", "loading")

    def issue(self, key: str, empty: str = "") -> validate.Issue | None:
        """An error for a failed or empty list; None while it loads (the page waits) or has items."""
        if self.loading(key):
            return None
        text = self.state_text(key, empty)
        return validate.Issue(text) if text else None

    def state_text(self, key: str, empty: str = "") -> str:
        """Words for a list that is loading, failed or empty ("" when it has items)."""
        opt = self.get(key)
        if opt.state in ("idle", "loading"):
            return self.tr("Loading from the server…")
        if opt.state == "error":
            return self.tr("Could not load the list: %1").replace("%1", errors.describe(opt.error))
        if not opt.data:
            return empty
        return ""


def online_nodes(data) -> list[str]:
    return sorted(str(n.get("node")) for n in (data or []) if n.get("status") == "online" and n.get("node"))


def storage_names(data) -> list[str]:
    return [str(s["storage"]) for s in sorted(data or [], key=lambda s: str(s.get("storage")))
            if s.get("storage") and s.get("active", 1) and s.get("enabled", 1)]


def volume_ids(data) -> list[str]:
    return sorted(str(v["volid"]) for v in (data or []) if v.get("volid"))


def bridge_names(data) -> list[str]:
    return sorted(str(b["iface"]) for b in (data or []) if b.get("iface"))


def volume_label(volid: str) -> str:
    """`local:iso/debian-13.iso` -> `debian-13.iso (local)`."""
    storage, _, name = volid.partition(":")
    return "{0} ({1})".format(name.rsplit("/", 1)[-1], storage)


# ------------------------------------------------------------------ widgets

class FieldMessage(QLabel):
    """The line under a field: an error (red), a warning (amber), a hint (grey) or nothing."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setVisible(False)
        self.kind = ""

    def show_issue(self, issue: validate.Issue | None, hint: str = "") -> None:
        if issue is None:
            self.show_text(hint, "hint" if hint else "")
        else:
            self.show_text(issue.text(), "warning" if issue.warning else "error")

    def show_text(self, text: str, kind: str = "error") -> None:
        self.kind = kind if text else ""
        color = {"error": ERROR_COLOR, "warning": WARNING_COLOR}.get(kind, HINT_COLOR)
        self.setStyleSheet("color: {0};".format(color))
        self.setText(text)
        self.setVisible(bool(text))


def combo_set_items(combo: QComboBox, items: list[tuple[str, Any]], keep: Any = None,
                    default: Any = None) -> None:
    """Replace a combo's items (text, data), keeping the current choice if it is still offered."""
    current = combo.currentData() if keep is None else keep
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    for wanted in (current, default):
        index = combo.findData(wanted) if wanted is not None else -1
        if index >= 0:
            combo.setCurrentIndex(index)
            break
    combo.blockSignals(False)
    combo.currentIndexChanged.emit(combo.currentIndex())


def name_widget(widget: QWidget, object_name: str, accessible: str) -> QWidget:
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible)
    return widget


@dataclass
class Rule:
    """A field's live check: `check()` -> Issue | None; `server` holds PVE's message until edited."""

    name: str
    message: FieldMessage
    check: Callable[[], validate.Issue | None]
    hint: Callable[[], str] | None = None
    server: str = ""
    passive: bool = False  # the page words this field's message itself; only server errors go here
    quiet: bool = False  # an empty required field shows its hint, not an error, until first edited
    touched: bool = False

    def blocking(self) -> bool:
        issue = self.check()
        return bool(self.server) or (issue is not None and not issue.warning)

    def show(self) -> None:
        if self.server:
            self.message.show_text(self.server, "error")
        elif not self.passive:
            issue = self.check()
            if self.quiet and not self.touched and issue is not None and not issue.warning:
                issue = None
            self.message.show_issue(issue, self.hint() if self.hint else "")


class FormPage(QWizardPage):
    """A wizard page whose Next/Create is enabled only while every rule passes."""

    def __init__(self, title: str = "", subtitle: str = "", parent=None):
        super().__init__(parent)
        if title:
            self.setTitle(title)
        if subtitle:
            self.setSubTitle(subtitle)
        self.rules: dict[str, Rule] = {}
        self.tables: dict[str, Any] = {}  # input name -> RowList
        self.busy: Callable[[], bool] = lambda: False  # e.g. an option still loading
        self.outer = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.outer.addLayout(self.form)
        self.body = QVBoxLayout()  # tables and notes below the form
        self.outer.addLayout(self.body)
        self._tail = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        self.outer.addItem(self._tail)

    def add_field(self, label: str, widget: QWidget, name: str = "",
                  check: Callable[[], validate.Issue | None] | None = None,
                  hint: Callable[[], str] | None = None) -> FieldMessage:
        """A form row: label, the widget and its message line below it."""
        box = QWidget(self)
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(widget)
        message = FieldMessage(box)
        lay.addWidget(message)
        self.form.addRow(label, box)
        if name:
            self.rules[name] = Rule(name, message, check or (lambda: None), hint)
            self.watch(widget, name)
        return message

    def add_table(self, name: str, table) -> None:
        """Register a RowList placed in `body`: it takes the page's spare height (and scrolls)."""
        if self._tail is not None:
            self.outer.removeItem(self._tail)
            self._tail = None
            self.outer.setStretchFactor(self.body, 1)
        self.body.setStretchFactor(table, 1)
        self.tables[name] = table
        table.changed.connect(self.revalidate)

    def watch(self, widget: QWidget, name: str | None = None) -> None:
        """Re-check when the widget changes; an edit clears the server's message for that field."""
        def edited(*_):
            if name and name in self.rules:
                self.rules[name].server = ""
                self.rules[name].touched = True
            self.revalidate()
        for signal in ("textChanged", "currentIndexChanged", "valueChanged", "toggled"):
            sig = getattr(widget, signal, None)
            if sig is not None:
                sig.connect(edited)
                break

    def revalidate(self, *_):
        for rule in self.rules.values():
            rule.show()
        self.completeChanged.emit()

    def initializePage(self) -> None:  # noqa: N802 - Qt override: words every field when shown
        self.revalidate()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        if self.busy():
            return False
        if any(rule.blocking() for rule in self.rules.values()):
            return False
        return not any(t.blocking() for t in self.tables.values())

    def owns(self, name: str) -> bool:
        return name in self.rules or name in self.tables

    def set_server_error(self, name: str, row: int | None, text: str) -> None:
        if name in self.tables:
            self.tables[name].set_server_error(row or 0, text)
        elif name in self.rules:
            self.rules[name].server = text
        self.revalidate()


class NicPage(FormPage):
    """The network page of both wizards: a table of interfaces on the node's bridges."""

    def __init__(self, wizard, list_class, first_row):
        super().__init__()
        self.wiz = wizard
        self.state = FieldMessage(self)
        self.body.addWidget(self.state)
        self.nics = list_class(self)
        self.body.addWidget(self.nics)
        self.add_table("nics", self.nics)
        self.nics.add_row(first_row)
        self.busy = lambda: self.wiz.options.get("bridges").state == "loading"

    def fill(self) -> None:
        opts = self.wiz.options
        self.nics.set_choices("bridges", opts.items("bridges"))
        text = opts.state_text("bridges", QCoreApplication.translate(
            "NicPage", "This node has no bridge. Create one in PVE: node > System > Network."))
        self.state.show_text(text, "hint" if opts.get("bridges").state == "loading" else "warning")
        self.completeChanged.emit()


def clean_server_text(text: str) -> str:
    """PVE's `invalid format - format error\\nnet0.tag: value must ...\\n` as one readable line."""
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    detail = [re.sub(r"^[\w.-]+\.(\w+): ", r"\1: ", line) for line in lines[1:]]
    return "; ".join(detail or lines) or str(text)


# ------------------------------------------------------------------ the wizard

class CreateWizardBase(QWizard):
    """Shared submit flow. Subclasses set `kind`, build pages, and implement `spec()`,
    `params(spec)`, `fields(spec)`, `node_and_vmid(spec)`.

    `created(cluster, vmid, start_after)` fires when the create task ended OK; the wizard then
    closes (and starts the guest when asked). Failures keep the wizard open with all input.
    """

    created = Signal(str, int, bool)
    kind = "qemu"

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.options = ServerOptions(session, self)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setButtonText(QWizard.WizardButton.FinishButton, QCoreApplication.translate(
            "CreateWizardBase", "Create"))
        self.button(QWizard.WizardButton.FinishButton).setObjectName("wizardCreate")
        self.button(QWizard.WizardButton.NextButton).setObjectName("wizardNext")
        self.button(QWizard.WizardButton.BackButton).setObjectName("wizardBack")
        self.button(QWizard.WizardButton.CancelButton).setObjectName("wizardCancel")
        self.submitting = False
        self._upid = ""
        self._spec = None
        self._seen: dict[str, Any] = {}  # tasks announced before our reply named its UPID
        self._submit_reply = None
        session.task_changed.connect(self._on_task)
        # A starting size for the widest page (CT network); layouts stretch, nothing is fixed.
        self.resize(820, 620)

    # -- to implement
    def spec(self):
        raise NotImplementedError

    def params(self, spec) -> dict:
        raise NotImplementedError

    def fields(self, spec) -> dict:
        raise NotImplementedError

    def summary_page(self) -> "SummaryPage":
        raise NotImplementedError

    def general_page(self) -> FormPage:
        raise NotImplementedError

    # -- submit
    def accept(self) -> None:  # the Create button
        if self.submitting:
            return
        spec = self.spec()
        self._spec = spec
        self._seen.clear()
        self._set_submitting(True, QCoreApplication.translate("CreateWizardBase", "Sending to the server…"))
        reply = self.session.request("POST", "/nodes/{0}/{1}".format(spec.node, self.kind),
                                     self.params(spec), watch_task=True)
        self._submit_reply = reply
        reply.finished.connect(self._on_reply)

    def _set_submitting(self, on: bool, status: str = "", kind: str = "hint") -> None:
        self.submitting = on
        for button in (QWizard.WizardButton.FinishButton, QWizard.WizardButton.BackButton):
            self.button(button).setEnabled(not on)
        self.summary_page().status.show_text(status, kind)

    def _on_reply(self, data, error) -> None:
        self._submit_reply = None
        if error is not None:
            self._set_submitting(False)
            self._show_error(error)
            return
        self._upid = str(data or "")
        text = QCoreApplication.translate(
            "CreateWizardBase", "Creating… the task runs on node %1 (see the Tasks panel).")
        self.summary_page().status.show_text(text.replace("%1", self._spec.node), "hint")
        task = self._seen.get(self._upid)
        if task is not None and not task.running:
            self._finished(task)

    def _on_task(self, task) -> None:
        if self._upid and task.upid == self._upid:
            if not task.running:
                self._finished(task)
        elif self.submitting:
            self._seen[task.upid] = task

    def _finished(self, task) -> None:
        upid, self._upid = self._upid, ""
        if not upid:
            return
        self._set_submitting(False)
        if not task.ok:
            self._show_error(errors.from_task_exit(task.exitstatus))
            return
        spec, start = self._spec, self.summary_page().start_after.isChecked()
        if start:
            self.session.request("POST", "/nodes/{0}/{1}/{2}/status/start".format(spec.node, self.kind, spec.vmid),
                                 {}, watch_task=True)
        self.session.refresh()
        self.created.emit(self.session.name, int(spec.vmid), start)
        super().accept()

    def _show_error(self, error) -> None:
        """PVE's per-parameter errors onto their fields; a taken id onto the ID; the rest on the summary."""
        status = self.summary_page().status
        if create.vmid_taken(getattr(error, "message", "")):
            self._to_page(self.general_page(), "vmid", None,
                          QCoreApplication.translate(
                              "CreateWizardBase", "ID %1 is already in use (created meanwhile). Choose another ID.")
                          .replace("%1", str(self._spec.vmid)))
            status.show_text(errors.describe(error), "error")
            return
        placed = []
        if isinstance(error, errors.InvalidParameters) and error.errors:
            fields = self.fields(self._spec)
            for param, text in sorted(error.errors.items()):
                name, row = fields.get(param, (None, None))
                page = next((p for p in self._pages() if name and p.owns(name)), None)
                if page is not None:
                    page.set_server_error(name, row, clean_server_text(text))
                    placed.append(page)
        status.show_text(errors.describe(error), "error")
        if placed:
            first = min(placed, key=lambda p: self._page_index(p))
            self._go_to(first)

    def _pages(self) -> list:
        return [self.page(i) for i in self.pageIds()]

    def _page_index(self, page) -> int:
        return next(i for i in self.pageIds() if self.page(i) is page)

    def _to_page(self, page: FormPage, name: str, row, text: str) -> None:
        page.set_server_error(name, row, text)
        self._go_to(page)

    def _go_to(self, page) -> None:
        target = self._page_index(page)
        while self.currentId() > target:
            self.back()

    def reject(self) -> None:
        # A creation already sent keeps running on the server (the task panel shows it); the hidden
        # wizard still follows it, so `created` and "start after creation" happen all the same.
        super().reject()


class SummaryPage(QWizardPage):
    """The resulting configuration, "start after creation" and the submit status."""

    def __init__(self, title: str = "", parent=None):
        super().__init__(parent)
        self.setTitle(title)
        self.setSubTitle(QCoreApplication.translate(
            "SummaryPage", "Check the settings. Nothing is created before you press Create."))
        self.setObjectName("summaryPage")
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        outer.addLayout(self.form)
        outer.addStretch(1)
        self.start_after = QCheckBox(QCoreApplication.translate("SummaryPage", "Start after creation"), self)
        name_widget(self.start_after, "startAfterCreate", QCoreApplication.translate(
            "SummaryPage", "Start after creation"))
        outer.addWidget(self.start_after)
        self.status = FieldMessage(self)
        self.status.setObjectName("createStatus")
        outer.addWidget(self.status)
        self.setFinalPage(True)

    def show_lines(self, lines: list[tuple[str, str]]) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        for label, value in lines:
            text = QLabel(QCoreApplication.translate(create.CONTEXT, value), self)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setWordWrap(True)
            self.form.addRow(QCoreApplication.translate(create.CONTEXT, label), text)


def debounce(parent: QObject, msec: int, slot: Callable[[], None]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(msec)
    timer.timeout.connect(slot)
    return timer

"""The create flow both wizards share: the server lists loaded for the chosen node, the submit
(the create POST, followed as a task), PVE's errors put back onto their fields, and the summary.

Failures keep the wizard open with all input; `created(cluster, vmid, start_after)` fires when
the create task ended OK.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QVBoxLayout, QWizard, QWizardPage

from ...pve import api, create, errors
from ...pve.permissions import Privileges
from .. import kit
from ..pool_choice import allocate_advice
from ..storage_hint import StorageHint
from .common import FieldMessage, FormPage
from .options import ServerOptions, bridge_names, storage_names, volume_ids


def clean_server_text(text: str) -> str:
    """PVE's `invalid format - format error\\nnet0.tag: value must ...\\n` as one readable line."""
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    detail = [re.sub(r"^[\w.-]+\.(\w+): ", r"\1: ", line) for line in lines[1:]]
    return "; ".join(detail or lines) or str(text)


# ------------------------------------------------------------------ the wizard

class CreateWizardBase(QWizard):
    """What a create wizard does besides its own pages.

    A subclass sets `kind` and `storage_contents`, builds its pages as `self.general` (a
    GeneralPage), its own ones, `self.network_page` (a NicPage) and `self.summary` (a
    SummaryPage), hands them in order to `add_pages`, and implements `spec()`, `params(spec)`,
    `fields(spec)` and `option_loaded(key)`.

    `created(cluster, vmid, start_after)` fires when the create task ended OK; the wizard then
    closes (and starts the guest when asked).
    """

    created = Signal(str, int, bool)
    kind = "qemu"
    storage_contents: dict[str, str] = {}  # option key -> the content its storages must hold

    def __init__(self, session, parent=None, privileges=None):
        super().__init__(parent)
        self.session = session
        self.privileges = privileges if privileges is not None else Privileges.ALL
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
        """POST parameter -> (input name, row) for putting PVE's per-parameter errors back."""
        raise NotImplementedError

    def option_loaded(self, key: str) -> None:
        """A list of the subclass's own (see `storage_contents`) started loading or arrived."""

    # -- the server lists
    def add_pages(self, *pages: QWizardPage) -> None:
        for page in pages:
            self.addPage(page)
        self.general.node_changed.connect(self.load_for_node)
        self.general.pool.advice = allocate_advice(self.privileges, lambda: self.general.vmid.text().strip())
        self.general.vmid.textChanged.connect(self.general.show_pool_note)
        self.options.changed.connect(self._on_options)

    def load_for_node(self, node: str) -> None:
        if not node:
            return
        for key, content in self.storage_contents.items():
            self.options.load(key, api.storages(node, content), storage_names)
        self.options.load("bridges", api.networks(node, "any_bridge"), bridge_names)

    def no_storage_text(self, fallback: str) -> str:
        """The words for an empty storage list of the chosen node: the Datastore privileges the login
        lacks (PVE lists only storages it holds them on), else `fallback` ("none configured")."""
        return StorageHint.empty_list(self.privileges, [self.general.current_node()]) or fallback

    def load_volumes(self, key: str, storage: str, content: str) -> None:
        """The volumes holding `content` on a storage of the chosen node, under `key`."""
        self.options.load(key, api.storage_content(self.general.current_node(), storage, content), volume_ids)

    def _on_options(self, key: str) -> None:
        if key == "bridges":
            self.network_page.fill()
        else:
            self.option_loaded(key)

    # -- submit
    def accept(self) -> None:  # the Create button
        if self.submitting:
            return
        spec = self.spec()
        self._spec = spec
        self._seen.clear()
        self._set_submitting(True, QCoreApplication.translate("CreateWizardBase", "Sending to the server…"))
        reply = self.session.run(api.create_guest(spec.node, self.kind, self.params(spec)))
        self._submit_reply = reply
        reply.finished.connect(self._on_reply)

    def _set_submitting(self, on: bool, status: str = "", kind: str = "hint") -> None:
        self.submitting = on
        for button in (QWizard.WizardButton.FinishButton, QWizard.WizardButton.BackButton):
            self.button(button).setEnabled(not on)
        self.summary.status.show_text(status, kind)

    def _on_reply(self, data, error) -> None:
        self._submit_reply = None
        if error is not None:
            self._set_submitting(False)
            self._show_error(error)
            return
        self._upid = str(data or "")
        text = QCoreApplication.translate(
            "CreateWizardBase", "Creating… the task runs on node %1 (see the Tasks panel).")
        self.summary.status.show_text(kit.fmt(text, self._spec.node), "hint")
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
        spec, start = self._spec, self.summary.start_after.isChecked()
        if start:
            self.session.run(api.power(api.GuestRef(spec.node, self.kind, spec.vmid), "start"))
        self.session.refresh()
        self.created.emit(self.session.name, int(spec.vmid), start)
        super().accept()

    def _show_error(self, error) -> None:
        """PVE's per-parameter errors onto their fields; a taken id onto the ID; the rest on the summary."""
        status = self.summary.status
        if create.vmid_taken(getattr(error, "message", "")):
            taken = QCoreApplication.translate(
                "CreateWizardBase", "ID %1 is already in use (created meanwhile). Choose another ID.")
            self._to_page(self.general, "vmid", None, kit.fmt(taken, self._spec.vmid))
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
    """The resulting configuration, "start after creation" and the submit status.

    `summarize(spec)` gives the (label, value) lines of the wizard's `spec()`.
    """

    def __init__(self, wizard: CreateWizardBase, summarize: Callable[[Any], list[tuple[str, str]]]):
        super().__init__()
        self.wiz = wizard
        self.summarize = summarize
        self.setTitle(QCoreApplication.translate("SummaryPage", "Summary"))
        self.setSubTitle(QCoreApplication.translate(
            "SummaryPage", "Check the settings. Nothing is created before you press Create."))
        self.setObjectName("summaryPage")
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        outer.addLayout(self.form)
        outer.addStretch(1)
        start_text = QCoreApplication.translate("SummaryPage", "Start after creation")
        self.start_after = kit.named(QCheckBox(start_text, self), "startAfterCreate", start_text)
        outer.addWidget(self.start_after)
        self.status = kit.named(FieldMessage(self), "createStatus")
        outer.addWidget(self.status)
        self.setFinalPage(True)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.show_lines(self.summarize(self.wiz.spec()))

    def show_lines(self, lines: list[tuple[str, str]]) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        for label, value in lines:
            text = QLabel(QCoreApplication.translate(create.CONTEXT, value), self)
            text.setTextFormat(Qt.TextFormat.PlainText)  # names, storages, ISO images, bridges
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setWordWrap(True)
            self.form.addRow(QCoreApplication.translate(create.CONTEXT, label), text)

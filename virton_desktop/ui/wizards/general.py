"""The first page of both wizards: node (online ones, from the server), ID and name.

The ID is prefilled with the server's next free ID (`api.next_id()`) and stays editable; every
edit is checked free with `api.next_id(vmid)` (PVE answers 400 when it is taken), a moment after
typing stops. The page is incomplete while that check runs.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLineEdit

from ...pve import api, errors, validate
from .. import kit
from ..pool_choice import PoolCombo
from .common import FormPage, combo_set_items, debounce
from .options import OptionState, ServerOptions, online_nodes


class VmidCheck(StrEnum):
    """Where the server's check that the typed ID is free stands."""

    UNCHECKED = "unchecked"  # empty or malformed: nothing to ask
    CHECKING = "checking"
    FREE = "free"
    TAKEN = "taken"
    ERROR = "error"  # the check itself failed


class GeneralPage(FormPage):
    node_changed = Signal(str)

    def __init__(self, options: ServerOptions, title: str, subtitle: str, id_label: str, name_label: str,
                 name_object: str, name_placeholder: str, parent=None):
        super().__init__(title, subtitle, "generalPage", parent)
        self.options = options
        self.node = kit.combo(parent=self, name="createNode", fit_contents=True,
                              accessible=QCoreApplication.translate("GeneralPage", "Node"))
        self.add_field(QCoreApplication.translate("GeneralPage", "Node"), self.node, "node", check=self._check_node,
                       hint=lambda: self.options.state_text("nodes") if self.options.loading("nodes") else
                       QCoreApplication.translate(
                           "GeneralPage", "The server the guest runs on. Only online nodes are listed."))
        self.vmid = kit.named(QLineEdit(self), "createVmid", id_label)
        self.vmid.setMaxLength(9)
        self.vmid.setPlaceholderText(QCoreApplication.translate("GeneralPage", "e.g. 100"))
        self.add_field(id_label, self.vmid, "vmid", check=self._check_vmid, hint=self._vmid_hint)
        self.rules["vmid"].quiet = True  # empty while the server's proposal is on its way
        self.name = kit.named(QLineEdit(self), name_object, name_label)
        self.name.setPlaceholderText(name_placeholder)
        self.name.setMaxLength(validate.NAME_MAX + 10)  # longer input gets the "at most 63" message
        self.add_field(name_label, self.name, "name", check=lambda: validate.check_name(self.name.text()),
                       hint=lambda: QCoreApplication.translate("GeneralPage", "Letters A-Z, digits and hyphens (-)."))
        self.rules["name"].quiet = True
        self.pool = PoolCombo(options.session, self, name="createPool")
        self.pool_message = self.add_field(QCoreApplication.translate("GeneralPage", "Resource pool"), self.pool)
        self.pool.currentIndexChanged.connect(self.show_pool_note)
        self.pool.loaded.connect(self.show_pool_note)
        self.show_pool_note()

        self._vmid_state = VmidCheck.UNCHECKED
        self._vmid_error: errors.PveError | None = None
        self._vmid_serial = 0
        self._vmid_reply = None
        self._vmid_typed = False
        self._vmid_timer = debounce(self, 300, self._check_vmid_free)
        self._setting = False
        self.vmid.textChanged.connect(self._vmid_edited)
        self.node.currentIndexChanged.connect(lambda *_: self.node_changed.emit(self.current_node()))
        self.busy = lambda: self._vmid_state == VmidCheck.CHECKING or self.options.in_flight("nodes")
        options.changed.connect(self._on_options)
        options.load("nodes", api.nodes(), online_nodes)
        options.load("nextid", api.next_id())

    def show_pool_note(self, *_) -> None:
        self.pool_message.show_text(*self.pool.note())

    def current_node(self) -> str:
        return self.node.currentData() or ""

    def _check_node(self):
        if self.current_node():
            return None
        return self.options.issue("nodes", QCoreApplication.translate("GeneralPage", "No node is online."))

    def _on_options(self, key: str) -> None:
        if key == "nodes":
            combo_set_items(self.node, [(n, n) for n in self.options.items("nodes")])
        elif key == "nextid" and self.options.get("nextid").state == OptionState.OK and not self._vmid_typed:
            self._setting = True
            self.vmid.setText(str(self.options.get("nextid").data))
            self._setting = False
            self._vmid_state = VmidCheck.FREE  # the server just proposed it
        self.revalidate()

    # -- the id
    def _vmid_edited(self, *_):
        if self._setting:
            return
        self._vmid_typed = True
        self._vmid_state = VmidCheck.UNCHECKED
        if validate.check_vmid(self.vmid.text()) is None:
            self._vmid_state = VmidCheck.CHECKING
            self._vmid_timer.start()
        self.revalidate()

    def recheck_vmid(self) -> None:
        """Check the current id again now (e.g. after the server said it was taken)."""
        if validate.check_vmid(self.vmid.text()) is None:
            self._vmid_state = VmidCheck.CHECKING
            self._check_vmid_free()

    def _check_vmid_free(self) -> None:
        self._vmid_serial += 1
        serial, vmid = self._vmid_serial, self.vmid.text().strip()
        reply = self.options.session.run(api.next_id(int(vmid)))
        self._vmid_reply = reply

        def done(data, error):
            if serial != self._vmid_serial:
                return
            self._vmid_reply = None
            if error is None:
                self._vmid_state = VmidCheck.FREE
            elif isinstance(error, errors.InvalidParameters):
                self._vmid_state = VmidCheck.TAKEN
            else:
                self._vmid_state, self._vmid_error = VmidCheck.ERROR, error
            self.revalidate()

        reply.finished.connect(done)

    def _check_vmid(self):
        issue = validate.check_vmid(self.vmid.text())
        if issue is not None:
            return issue
        if self._vmid_state == VmidCheck.TAKEN:
            return validate.vmid_in_use(self.vmid.text().strip())
        return None

    def _vmid_hint(self) -> str:
        if self.options.in_flight("nextid"):
            return QCoreApplication.translate("GeneralPage", "Asking the server for the next free ID…")
        if self._vmid_state == VmidCheck.CHECKING:
            return QCoreApplication.translate("GeneralPage", "Checking that the ID is free…")
        if self._vmid_state == VmidCheck.ERROR:
            return kit.fmt(QCoreApplication.translate("GeneralPage", "Could not check the ID: %1"),
                           errors.describe(self._vmid_error))
        return QCoreApplication.translate("GeneralPage", "Unique in the cluster. Prefilled with the next free ID.")

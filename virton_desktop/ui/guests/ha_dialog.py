"""HaDialog: put a guest under HA, or change its HA settings, as the PVE web UI's resource editor does.

What it offers follows pve-manager `www/manager6/ha/ResourceEdit.js`: the requested state
(started by default; "disabled" stops the guest, said under the choice), max. restart and max.
relocate (default 1, 0 to 10) and a comment; where the guest may run comes from the server:
HA groups when `/cluster/ha/groups` answers (PVE < 9), else the node-affinity rules of
`/cluster/ha/rules` (PVE 9 migrated groups to rules; choosing a rule adds the guest to its
resources, and the resource's `failback` is offered: it only exists with rules). The HA
manager's status warns when the cluster has no quorum (PVE then refuses).
Writes only what changed (`pve.ha_config`); a server error keeps the dialog and the input.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...models.plain_text import literal_tooltip
from ...pve import api, errors, ha, ha_config
from ...pve.entities import Instance
from ...pve.ha_config import HaSettings
from ...session import ClusterSession
from .. import kit, style


class HaDialog(QDialog):
    saved = Signal(object, object)  # HaSettings before (None for a new resource), HaSettings written

    def __init__(self, session: ClusterSession, inst: Instance, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("haDialog")
        self.session = session
        self.instance = inst
        self.sid = ha.sid(inst)
        self.creating = not ha.managed(inst) and inst.hastate != ha.IGNORED
        self.loaded: HaSettings | None = None if self.creating else HaSettings()
        self.before = self.loaded  # what `saved` reports as the settings before (None: a new resource)
        self._unreadable = False  # the resource could not be read: nothing to compare a change against
        self.rules: list = []  # node-affinity rules (PVE 9), or [] with groups
        self.uses_groups: bool | None = None  # None until the server said which
        self._waiting = 0
        self._marked: dict[QWidget, str] = {}  # fields PVE named in its answer -> their own tooltip
        name = "{0} ({1})".format(inst.vmid, inst.name) if inst.name else str(inst.vmid)
        self.setWindowTitle(kit.fmt(self.tr("Add %1 to HA") if self.creating else self.tr("HA settings of %1"),
                                    name))
        self._build(name)
        self._load()

    # ------------------------------------------------------------ building

    def _build(self, name: str) -> None:
        intro = kit.message_label(self, "haIntro")
        intro.setText(kit.fmt(self.tr("HA resource %1: the HA manager keeps %2 in the requested state and "
                                      "starts it on another node when its node fails."), self.sid, name))
        self.state = kit.combo([(ha.state_text(s), s) for s in ha_config.REQUEST_STATES], parent=self,
                               name="haState", accessible=self.tr("Requested state"))
        self.state_help = kit.message_label(self, "haStateHelp", tone=style.Tone.MUTED)
        self.state.currentIndexChanged.connect(self._state_changed)
        self.placement = kit.combo([(self.tr("Loading…"), "")], parent=self, name="haPlacement",
                                   accessible=self.tr("Where it runs"))
        self.placement.setEnabled(False)
        self.placement_label = QLabel(self.tr("Group:"), self)
        self.max_restart = kit.spin(0, ha_config.MAX_TRIES, ha_config.DEFAULT_MAX, parent=self, name="haMaxRestart",
                                    accessible=self.tr("Max. restart"))
        self.max_restart.setToolTip(self.tr("How often HA restarts the guest on its node after a failed start "
                                            "before it moves it to another node."))
        self.max_relocate = kit.spin(0, ha_config.MAX_TRIES, ha_config.DEFAULT_MAX, parent=self,
                                     name="haMaxRelocate", accessible=self.tr("Max. relocate"))
        self.max_relocate.setToolTip(self.tr("How often HA moves the guest to another node when it fails to "
                                             "start."))
        self.failback = kit.named(QCheckBox(self.tr("Move back to the preferred node when it returns"), self),
                                  "haFailback")
        self.failback.setChecked(ha_config.DEFAULT_FAILBACK)
        self.failback.setToolTip(self.tr("Failback: when a node its node-affinity rule prefers comes back online, "
                                         "HA migrates the guest there."))
        self.failback.hide()  # until the server said it has rules (PVE 9): PVE 8 has no such setting
        self.comment = kit.named(QLineEdit(self), "haComment", self.tr("Comment"))
        self.comment.setMaxLength(ha_config.COMMENT_MAX)
        self.warning = kit.message_label(self, "haWarning", tone=style.Tone.WARNING, hidden=True)
        self.error = kit.error_label(self, "haError", hidden=True, selectable=True)

        form = QFormLayout()
        form.addRow(self.tr("Requested state:"), self.state)
        form.addRow("", self.state_help)
        form.addRow(self.placement_label, self.placement)
        form.addRow("", self.failback)
        form.addRow(self.tr("Max. restart:"), self.max_restart)
        form.addRow(self.tr("Max. relocate:"), self.max_relocate)
        form.addRow(self.tr("Comment:"), self.comment)
        buttons, self.ok = kit.ok_cancel(self, self.tr("Add to HA") if self.creating else self.tr("Save"), "haOk",
                                         "haCancel", cancel_text=self.tr("Cancel"), connect=False)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._state_changed()

    def _state_changed(self, *_args) -> None:
        state = self.state.currentData()
        text = ha_config.request_help(state)
        if state == ha_config.DISABLED and self.instance.status == "running":
            text += " " + self.tr("Disabling the resource stops the guest.")
        self.state_help.setText(text)

    # ------------------------------------------------------------ loading

    def _ask(self, op: api.Op, done) -> None:
        self._waiting += 1
        self.ok.setEnabled(False)
        self.session.run(op).then(self, lambda data, error: self._answered(done, data, error))

    def _answered(self, done, data, error) -> None:
        self._waiting -= 1
        done(data, error)
        self.ok.setEnabled(self._waiting == 0 and self.uses_groups is not None and not self._unreadable)

    def _load(self) -> None:
        self._ask(api.ha_groups(), self._got_groups)
        self._ask(api.ha_status(), self._got_status)
        if not self.creating:
            self._ask(api.ha_resource(self.sid), self._got_resource)

    def _got_status(self, data, error) -> None:
        if error is None and not ha_config.HaStatus.from_answer(data or []).quorate:
            kit.show_message(self.warning, self.tr("The cluster has no quorum: Proxmox VE refuses HA changes until "
                                                   "it has."), style.Tone.WARNING)

    def _got_groups(self, data, error) -> None:
        if error is None:
            self.uses_groups = True
            self._fill_placement([(g["group"], "{0} ({1})".format(g["group"], g.get("nodes") or ""))
                                  for g in data or []], self.tr("Group:"))
            return
        self.placement_label.setText(self.tr("Node affinity:"))
        self._ask(api.ha_rules(), self._got_rules)

    def _got_rules(self, data, error) -> None:
        if error is not None:  # neither groups nor rules: placement is left to PVE's defaults
            self.uses_groups = False
            self._fill_placement([], self.tr("Node affinity:"))
            self.placement.setToolTip(literal_tooltip(errors.describe(error)))
            return
        self.uses_groups = False
        self.failback.show()
        self.rules = ha_config.node_affinity_rules(data or [])
        self._fill_placement([(str(r["rule"]), "{0} ({1})".format(r["rule"], r.get("nodes") or ""))
                              for r in self.rules], self.tr("Node affinity:"))
        self.placement.setToolTip(self.tr("Node-affinity rules (Proxmox VE 9) list the guests that prefer some "
                                          "nodes; choosing one adds this guest to it."))
        if self.loaded is not None:
            self.loaded = replace(self.loaded, rule=ha_config.rule_of(self.sid, self.rules))
            self._select_placement()

    def _fill_placement(self, items: list[tuple[str, str]], label: str) -> None:
        self.placement_label.setText(label)
        self.placement.clear()
        self.placement.addItem(self.tr("None (any node)"), "")
        for value, text in items:
            self.placement.addItem(text, value)
        self.placement.setEnabled(True)
        self._select_placement()

    def _select_placement(self) -> None:
        if self.loaded is not None and self.uses_groups is not None:
            wanted = self.loaded.group if self.uses_groups else self.loaded.rule
            index = self.placement.findData(wanted)
            if index < 0 and wanted:  # a group or rule this login cannot list: keep it shown
                self.placement.addItem(wanted, wanted)
                index = self.placement.count() - 1
            self.placement.setCurrentIndex(max(index, 0))

    def _got_resource(self, data, error) -> None:
        if error is not None:
            kit.set_error(self.error, kit.fmt(self.tr("The HA settings could not be read: %1"),
                                              errors.describe(error)))
            self._unreadable = True
            return
        self.loaded = self.before = HaSettings.from_resource(data, ha_config.rule_of(self.sid, self.rules))
        self.state.setCurrentIndex(max(self.state.findData(self.loaded.state), 0))
        for spin, value in ((self.max_restart, self.loaded.max_restart), (self.max_relocate, self.loaded.max_relocate)):
            spin.setMaximum(max(spin.maximum(), value))  # set beyond the web UI's 10 elsewhere: kept, not clamped
            spin.setValue(value)
        self.comment.setText(self.loaded.comment)
        self.failback.setChecked(self.loaded.failback)
        self._select_placement()

    # ------------------------------------------------------------ saving

    def chosen(self) -> HaSettings:
        place = self.placement.currentData() or ""
        return HaSettings(state=self.state.currentData(), max_restart=self.max_restart.value(),
                          max_relocate=self.max_relocate.value(), comment=self.comment.text(),
                          group=place if self.uses_groups else "",
                          rule=place if self.uses_groups is False else "", failback=self.failback.isChecked())

    def _fields(self) -> dict[str, QWidget]:
        return {"state": self.state, "max_restart": self.max_restart, "max_relocate": self.max_relocate,
                "comment": self.comment, "failback": self.failback, "group": self.placement,
                "resources": self.placement}

    def submit(self) -> None:
        chosen = self.chosen()
        self.error.hide()
        for widget, tip in self._marked.items():  # the last answer's marks go
            widget.setStyleSheet("")
            widget.setToolTip(tip)
        self._marked = {}
        if self.creating:
            self._send(api.ha_add(ha_config.create_params(self.sid, chosen)), chosen)
            return
        params = ha_config.update_params(self.loaded, chosen)
        if params:
            self._send(api.ha_update(self.sid, params), chosen)
        else:
            self._resource_written(chosen, None, None)

    def _send(self, op: api.Op, chosen: HaSettings) -> None:
        self.ok.setEnabled(False)
        self.session.run(op).then(self, lambda data, error: self._resource_written(chosen, data, error))

    def _resource_written(self, chosen: HaSettings, _data, error) -> None:
        if error is not None:
            return self._failed(error)
        old_rule = self.loaded.rule if self.loaded is not None else ""
        # Written: a retry after a failed rule step changes the resource, never adds it twice.
        self.creating = False
        self.loaded = replace(chosen, rule=old_rule)
        self._write_rules(ha_config.rule_changes(self.sid, old_rule, chosen.rule, self.rules), chosen)

    def _write_rules(self, changes: list, chosen: HaSettings) -> None:
        if not changes:
            self.saved.emit(self.before, chosen)
            self.accept()
            return
        (rule, params), rest = changes[0], changes[1:]
        self.session.run(api.ha_update_rule(rule, params)).then(
            self, lambda _data, error: self._rule_written(rule, params, rest, chosen, error))

    def _rule_written(self, rule: str, params: dict, rest: list, chosen: HaSettings, error) -> None:
        if error is not None:
            return self._failed(error)
        for known in self.rules:  # as the server has it now, for a retry
            if known.get("rule") == rule:
                known["resources"] = params["resources"]
        if not rest:
            self.loaded = chosen
        self._write_rules(rest, chosen)

    def _failed(self, error) -> None:
        text = errors.describe(error)
        fields = self._fields()
        for key, problem in sorted(error.errors.items()):  # PVE's per-parameter messages, on their fields
            text += "\n{0}: {1}".format(key, problem)
            if key in fields:
                self._marked.setdefault(fields[key], fields[key].toolTip())
                fields[key].setStyleSheet("border: 1px solid {0};".format(style.css(style.Tone.ERROR)))
                fields[key].setToolTip(literal_tooltip(str(problem)))
        kit.set_error(self.error, kit.fmt(self.tr("Proxmox VE refused it: %1"), text))
        self.ok.setEnabled(True)

"""Clone and Convert to template in the guest menus, gated as PVE checks them, and what follows.

- Clone… opens `CloneDialog`; when its task ended OK the new guest is selected in the list as soon
  as a poll lists it.
- Convert to template… first reads the snapshots (PVE refuses a guest that has any), says why it
  is refused for running or locked guests, and otherwise asks for a confirmation that says it
  cannot be undone and that the disks become read-only base images. A VM's `qmtemplate` task is
  followed to its end; a container's request answers no task (pve-container returns null), so
  the list's next polls show the result.

Privileges (qemu-server Qemu.pm / pve-container LXC.pm): `clone` needs VM.Clone on the guest,
VM.Allocate on the new ID or a pool and Datastore.AllocateSpace on a storage; `template` needs
VM.Allocate on the guest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMenu, QWidget

from ...pve import api, errors
from ...pve.entities import Instance, Task
from ...pve.permissions import Need, Privileges, missing
from .. import kit
from ..permission_gate import gate, guest_need

if TYPE_CHECKING:  # the dialog's module, and pve.clone with its config parsing, when first needed (~10 ms of a start)
    from ...pve.clone import TemplateRefusal
    from .clone_dialog import CloneDialog


def clone_need(privileges: Privileges, inst: Instance) -> Need | None:
    """What the login lacks to clone this guest anywhere; placeholders left for the dialog's choices
    (the new ID, the storage) read as "anywhere below" (`/vms`, `/storage`)."""
    need = missing("clone", privileges, vmid=inst.vmid, pool=inst.pool, node=inst.node)
    if need is not None and "{" in need.path:
        need = Need(need.privilege, need.path.split("/{")[0])
    return need


class LifecycleActions(QObject):
    failed = Signal(str)  # a translated message: what the user asked for did not happen
    started = Signal(str)
    succeeded = Signal(str)

    def __init__(self, window: QWidget, clusters, model, select: Callable[[object], bool]):
        super().__init__(window)
        self._window = window
        self.clusters = clusters
        self.model = model
        self._select = select
        self._awaited: set = set()  # keys of new guests to select once listed
        self._templating: dict[str, Instance] = {}  # UPID -> the guest being converted
        # Replaced in tests; True to go ahead.
        self.confirm: Callable[[Instance], bool] = self._ask
        model.counts_changed.connect(self._listed)
        model.rowsInserted.connect(self._listed)
        clusters.task_changed.connect(self._task_changed)
        bar = getattr(window, "errors_bar", None)  # the main window's; tests may hand in a plain widget
        if bar is not None:
            self.failed.connect(bar.show_message)
        status = getattr(window, "statusBar", None)
        if status is not None:
            self.started.connect(lambda text: status().showMessage(text, 6000))
            self.succeeded.connect(lambda text: status().showMessage(text, 8000))

    def _privileges(self, inst: Instance) -> Privileges:
        return self.clusters.privileges(inst.cluster)

    @staticmethod
    def _name(inst: Instance) -> str:
        return "{0} ({1})".format(inst.vmid, inst.name) if inst.name else str(inst.vmid)

    # ------------------------------------------------------------ menu

    def fill_menu(self, menu: QMenu, inst: Instance) -> None:
        clone = menu.addAction(self.tr("Clone…"))
        clone.setObjectName("menu-clone")
        need = clone_need(self._privileges(inst), inst)
        possible, tip = self.clone_state(inst)
        gate(clone, possible, need, tip)
        clone.triggered.connect(lambda _=False, i=inst: self.open_clone(i))
        if not inst.template:
            template = menu.addAction(self.tr("Convert to template…"))
            template.setObjectName("menu-template")
            t_need = guest_need(self._privileges(inst), "template", inst)
            possible_t, t_tip = self.template_state(inst)
            gate(template, possible_t, t_need, t_tip)
            template.triggered.connect(lambda _=False, i=inst: self.convert(i))
            need = need or t_need
        if need is not None or not possible:
            menu.setToolTipsVisible(True)  # the missing privilege or the reason is said on hover

    def clone_state(self, inst: Instance) -> tuple[bool, str]:
        if inst.status == "unknown":
            return False, kit.fmt(self.tr("The node %1 is offline or unreachable."), inst.node)
        if inst.lock:
            return False, kit.fmt(self.tr("%1 is locked (%2): Proxmox VE clones it when the job has ended."),
                                  self._name(inst), inst.lock)
        return True, self.tr("Copy this guest under a new ID (full, or linked from a template)")

    def template_state(self, inst: Instance) -> tuple[bool, str]:
        from ...pve.clone import template_refusal

        refusal = template_refusal(inst.template, inst.status, inst.lock, None)
        if refusal is not None:
            return False, self.refusal_text(refusal, inst)
        return True, self.tr("Turn this stopped guest into a template to clone guests from; cannot be undone")

    def refusal_text(self, refusal: TemplateRefusal, inst: Instance) -> str:
        from ...pve.clone import TemplateRefusal

        name = self._name(inst)
        return {
            TemplateRefusal.LOCKED: kit.fmt(self.tr("%1 is locked (%2): wait for the job to end."), name, inst.lock),
            TemplateRefusal.SNAPSHOTS: kit.fmt(self.tr("%1 has snapshots: Proxmox VE converts only guests without "
                                                       "snapshots. Delete them first."), name),
            TemplateRefusal.TEMPLATE: kit.fmt(self.tr("%1 is already a template."), name),
            TemplateRefusal.RUNNING: kit.fmt(self.tr("%1 is running: Proxmox VE converts only stopped guests. Shut "
                                                     "it down first."), name),
        }[refusal]

    # ------------------------------------------------------------ clone

    def open_clone(self, inst: Instance) -> CloneDialog | None:
        from .clone_dialog import CloneDialog  # imported when first opened (~15 ms of every start)

        session = self.clusters.get(inst.cluster)
        if session is None:
            return None
        dialog = CloneDialog(session, inst, self._privileges(inst), self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.cloned.connect(self.select_when_listed)
        dialog.open()
        return dialog

    def select_when_listed(self, key) -> None:
        key = tuple(key)
        self.succeeded.emit(kit.fmt(self.tr("Cloned: guest %1 was created."), key[1]))
        if not self._select(key):
            self._awaited.add(key)
            session = self.clusters.get(key[0])
            if session is not None:
                session.refresh()

    def _listed(self, *_) -> None:
        for key in list(self._awaited):
            if self.model.get(key) is not None and self._select(key):
                self._awaited.discard(key)

    # ------------------------------------------------------------ template

    def convert(self, inst: Instance) -> None:
        session = self.clusters.get(inst.cluster)
        if session is None:
            return
        session.run(api.snapshots(inst)).then(self, lambda data, error: self._snapshots_read(inst, data, error))

    def _snapshots_read(self, inst: Instance, data, error) -> None:
        from ...pve.clone import template_refusal

        if error is not None:
            self.failed.emit(kit.fmt(self.tr("Could not read the snapshots of %1: %2"), self._name(inst),
                                     errors.describe(error)))
            return
        count = sum(1 for s in data or [] if s.get("name") != "current")
        current = self.model.get(inst.key) or inst
        refusal = template_refusal(current.template, current.status, current.lock, count)
        if refusal is not None:
            self.failed.emit(self.refusal_text(refusal, current))
            return
        if not self.confirm(current):
            return
        session = self.clusters.get(inst.cluster)
        if session is not None:
            session.run(api.convert_to_template(current)).then(
                self, lambda answer, err: self._template_sent(current, answer, err))

    def _template_sent(self, inst: Instance, data, error) -> None:
        if error is not None:
            self.failed.emit(kit.fmt(self.tr("Converting %1 to a template failed: %2"), self._name(inst),
                                     errors.describe(error)))
            return
        if isinstance(data, str) and data.startswith("UPID:"):
            self._templating[data] = inst
            self.started.emit(kit.fmt(self.tr("Converting %1 to a template…"), self._name(inst)))
        else:  # containers: no task id comes back; the next polls show the template
            self.started.emit(kit.fmt(self.tr("Converting %1 to a template; the list shows it when done."),
                                      self._name(inst)))
            session = self.clusters.get(inst.cluster)
            if session is not None:
                session.refresh()

    def _task_changed(self, task: Task) -> None:
        if task.running or task.upid not in self._templating:
            return
        inst = self._templating.pop(task.upid)
        if task.failed:
            self.failed.emit(kit.fmt(self.tr("Converting %1 to a template failed: %2"), self._name(inst),
                                     errors.describe(errors.from_task_exit(task.exitstatus))))
        else:
            self.succeeded.emit(kit.fmt(self.tr("%1 is now a template."), self._name(inst)))

    def _ask(self, inst: Instance) -> bool:
        text = kit.fmt(self.tr("Convert %1 to a template?\n\nThis cannot be undone. Its disks become base images, "
                               "which are read-only: the template can no longer be started or changed on disk, "
                               "only cloned. Linked clones will depend on these base images."), self._name(inst))
        return kit.confirm(self._window, self.tr("Convert to template"), text, self.tr("Convert to template"),
                           destructive=True, name="confirmTemplate", ok_name="confirmTemplateOk")

"""Actions the login may not do: disabled, with a tooltip naming the missing privilege and path.

The privileges come from the registry (`Clusters.privileges(cluster_id)`, `Privileges.ALL`
until PVE has answered, so nothing is disabled before then); the features and their needs
from `pve.permissions` (the checks PVE's API declares). Widgets ask here, per guest:

    need = guest_need(privileges, "power", inst)      # Need | None
    gate(button, enabled_by_state, need, normal_tip)  # disabled + "You lack VM.PowerMgmt on /vms/102 (or its pool)"
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ..models.plain_text import literal_tooltip
from ..pve.entities import Instance
from ..pve.permissions import Need, Privileges, missing
from . import kit

# cluster id -> its privileges (the registry's `privileges`, or "everything" where none is known).
PrivilegesOf = Callable[[str], Privileges]


def everything(_cluster: str) -> Privileges:
    return Privileges.ALL


def guest_need(privileges: Privileges, feature: str, inst: Instance, storage: str = "") -> Need | None:
    """The privilege the login lacks for `feature` on this guest (its pool counts), or None."""
    return missing(feature, privileges, vmid=inst.vmid, pool=inst.pool, node=inst.node, storage=storage)


# What the settings dialog edits and the privilege PVE checks per key (qemu-server Qemu.pm
# check_vm_modify_config_perm, pve-container check_ct_modify_config_perm): cores/sockets/cpu,
# memory/balloon/swap, netN, and disk resize. The "config" feature is met by any VM.Config.*
# (PVE's update_vm: `any => 1`), but CD-ROM or cloud-init alone edits nothing in that dialog.
SETTINGS_PRIVILEGES = "VM.Config.CPU|VM.Config.Memory|VM.Config.Network|VM.Config.Disk"


def settings_need(privileges: Privileges, inst: Instance) -> Need | None:
    """What the login lacks to change anything in the guest's settings dialog, or None."""
    need = guest_need(privileges, "config", inst)
    if need is not None:
        return need
    path = "/vms/{0}".format(inst.vmid)
    if privileges.holds(SETTINGS_PRIVILEGES, path, (inst.pool,) if inst.pool else ()):
        return None
    return Need(SETTINGS_PRIVILEGES, path)


def backup_need_for(privileges: Privileges, inst: Instance | None) -> Need | None:
    """What the login lacks to back up this guest (None: to back up any guest at all)."""
    return guest_need(privileges, "backups", inst) if inst is not None else missing("backups", privileges)


def restore_need_for(privileges: Privileges, existing: Instance | None) -> Need | None:
    """VM.Allocate somewhere (a guest id or a pool, chosen in the dialog) and space on a storage;
    or, to overwrite the backed-up guest itself, VM.Backup on it (qemu-server create_vm: archive +
    force on an existing VM)."""
    need = missing("restore", privileges)
    if need is not None and existing is not None and privileges.holds(
            "VM.Backup", "/vms/{0}".format(existing.vmid), (existing.pool,) if existing.pool else ()):
        return None
    return need


def first_need(privileges_of: PrivilegesOf, feature: str, instances: list[Instance]) -> Need | None:
    """The first lack among the guests, or None when every one of them is allowed."""
    for inst in instances:
        need = guest_need(privileges_of(inst.cluster), feature, inst)
        if need is not None:
            return need
    return None


def lack_text(need: Need) -> str:
    """"You lack VM.PowerMgmt on /vms/102 (or its pool)"; alternatives as "one of A, B"; a need on
    the bare /vms or /storage means "anywhere below" (`missing` without an id)."""
    alternatives = [p for p in need.privilege.split("|") if p]
    privilege = alternatives[0] if len(alternatives) == 1 else kit.fmt(
        QCoreApplication.translate("PermissionGate", "one of %1"), ", ".join(alternatives))
    if need.path.startswith("/vms/"):
        text = QCoreApplication.translate("PermissionGate", "You lack %1 on %2 (or its pool)")
    elif need.path == "/vms":  # held on no guest and no pool at all
        text = QCoreApplication.translate("PermissionGate", "You lack %1 on every guest and pool (%2)")
    elif need.path == "/storage":
        text = QCoreApplication.translate("PermissionGate", "You lack %1 on every storage (%2)")
    else:
        text = QCoreApplication.translate("PermissionGate", "You lack %1 on %2")
    return kit.fmt(text, privilege, need.path)


def gate(target: QAction | QWidget, enabled: bool, need: Need | None, tip: str = "") -> None:
    """Enable `target` when the state allows it and nothing is lacking; a lack becomes its tooltip
    (and status tip), otherwise `tip` is shown. Tips often name guests, locks, nodes or pools:
    the tooltip shows them literally (`literal_tooltip`), so callers pass plain text."""
    target.setEnabled(enabled and need is None)
    text = lack_text(need) if need is not None else tip
    target.setToolTip(literal_tooltip(text))
    if isinstance(target, QAction):
        target.setStatusTip(text)

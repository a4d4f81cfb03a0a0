"""The resource pool a new guest goes into: the create wizards and "restore as a new guest".

PVE checks VM.Allocate on `/vms/{vmid}` or, when a `pool` is sent, on `/pool/{pool}`
(qemu-server `create_vm`, pve-container `create_vm`): a user who holds it only on a pool gets
403 unless the request names that pool. The list is `GET /pools` (the pools the user may see,
Pool.Audit), sorted as PVE's PoolSelector; the first item is "no pool" (nothing is sent).

    combo = PoolCombo(session, parent, name="createPool")
    combo.pool()          # "" = no pool: leave `pool` out of the request
    combo.note()          # (text, kind) for the line under the field
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox

from ..pve import api, errors
from ..pve.permissions import Privileges
from . import kit


def pool_ids(data) -> list[tuple[str, str]]:
    """(poolid, comment) of `GET /pools`, sorted by id."""
    items = [(str(p["poolid"]), str(p.get("comment") or "")) for p in (data or []) if p.get("poolid")]
    return sorted(items)


def allocate_advice(privileges: Privileges, vmid_of=lambda: ""):
    """The advice for a PoolCombo from the login's privileges: the pools holding VM.Allocate (those
    PVE lists, and those the privileges name though the user may not see them: Pool.Audit is needed
    for the list, VM.Allocate for the create), and whether a pool is needed (no VM.Allocate on
    /vms/{vmid}); None for both while the privileges are unknown."""
    def advice(listed: list[str]) -> tuple[list[str], bool | None]:
        if not privileges.known:
            return list(listed), None
        named = [path[len("/pool/"):] for path in privileges.paths if path.startswith("/pool/")]
        usable = [p for p in sorted(set(listed) | set(named)) if privileges.holds("VM.Allocate", "/pool/" + p)]
        vmid = str(vmid_of() or "")
        target = "/vms/" + vmid if vmid.isdigit() else "/vms"
        return usable, not privileges.holds("VM.Allocate", target)
    return advice


class PoolCombo(QComboBox):
    """"No pool" and the pools the server lists. The only pool the user may create in is preselected
    when the user needs one or their privileges are unknown; a user who may create guests outside
    pools (an administrator) starts with "no pool", as in PVE's own wizard.

    `loaded()` fires when the list arrived (or failed). A choice the user made is never
    replaced; a list arriving later keeps it.
    """

    loaded = Signal()

    def __init__(self, session, parent=None, *, name: str = "", advice=None):
        super().__init__(parent)
        kit.named(self, name or "poolChoice", self.tr("Resource pool"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.session = session
        # advice(pools) -> (the pools the user may create in, whether a pool is needed: True, False,
        # or None while the user's privileges are unknown).
        self.advice = advice or (lambda pools: (list(pools), None))
        self.pools: list[tuple[str, str]] = []
        self.error: errors.PveError | None = None
        self.loading = True
        self.touched = False
        self.addItem(self.tr("No pool"), "")
        self.activated.connect(lambda _i: setattr(self, "touched", True))
        self._reply = session.run(api.pools())
        self._reply.then(self, self._arrived)

    def pool(self) -> str:
        return self.currentData() or ""

    def _arrived(self, data, error) -> None:
        self._reply = None
        self.loading = False
        if error is not None:
            self.error = error
        else:
            self.pools = pool_ids(data)
            listed = {p for p, _c in self.pools}
            # Pools the user may create in but not see (VM.Allocate without Pool.Audit) are offered too.
            self.pools += [(p, "") for p in self.advice(sorted(listed))[0] if p not in listed]
            current = self.pool()
            self.blockSignals(True)
            self.clear()
            self.addItem(self.tr("No pool"), "")
            for poolid, comment in self.pools:
                self.addItem(kit.fmt(self.tr("%1 (%2)"), poolid, comment) if comment else poolid, poolid)
            self.setCurrentIndex(max(0, self.findData(current)))
            self.blockSignals(False)
            self.refresh()
        self.loaded.emit()

    def refresh(self) -> None:
        """Preselect the one usable pool when a pool is needed (again after the advice changed)."""
        if self.touched or self.loading:
            return
        usable, needed = self.advice([p for p, _c in self.pools])
        if len(usable) == 1 and needed is not False:
            self.setCurrentIndex(max(0, self.findData(usable[0])))
        self.currentIndexChanged.emit(self.currentIndex())

    def note(self) -> tuple[str, str]:
        """The line under the field: (text, kind) with kind "hint" or "warning"."""
        if self.loading:
            return self.tr("Loading the pools…"), "hint"
        if self.error is not None:
            return kit.fmt(self.tr("Could not load the pools: %1"), errors.describe(self.error)), "warning"
        usable, needed = self.advice([p for p, _c in self.pools])
        if needed and not self.pool():
            if usable:
                return self.tr("You may create guests only in a pool where you hold VM.Allocate: choose one "
                               "(without one the server refuses with 403)."), "warning"
            return self.tr("You hold VM.Allocate on no pool you can see: the server will refuse the guest."), \
                "warning"
        if needed and self.pool() not in usable:
            return kit.fmt(self.tr("You lack VM.Allocate on /pool/%1: choose another pool."), self.pool()), "warning"
        if needed:
            return self.tr("Required: you may create guests only in a pool where you hold VM.Allocate."), "hint"
        return self.tr("Optional: the guest is added to this pool, and the pool's permissions apply to it."), "hint"

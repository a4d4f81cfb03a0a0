"""Why a storage list came back empty, when the login's privileges explain it.

PVE lists a node's storages only to those who hold Datastore.Audit or Datastore.AllocateSpace
on them (pve-storage `PVE/API2/Storage/Status.pm` index: `check_any` per storage), and backups
only on storages listed so. A login without either privilege gets an empty list that reads
like "no storage configured"; using a storage (backups, new disks, restores) needs
Datastore.AllocateSpace. The backup dialogs, the restore dialog, the create wizards and the
Backups section ask here before they say a node has no storage.

    text = StorageHint.empty_list(privileges, ["pve1"])   # "" when nothing is hidden from the login
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from ..pve.permissions import EVERYWHERE, NOWHERE, Privileges, coverage
from . import kit


class StorageHint:
    """The words for a storage list emptied by missing privileges (a namespace for `tr` texts)."""

    @staticmethod
    def hidden(privileges: Privileges) -> str:
        """EVERYWHERE (every storage is listed), SOMEWHERE or NOWHERE, as pve.permissions.coverage."""
        return coverage("storage", privileges)[0]

    @staticmethod
    def empty_list(privileges: Privileges, nodes: Iterable[str]) -> str:
        """Why the storage list of `nodes` may be empty although storages exist; "" when the login
        sees every storage (then an empty list means none is configured)."""
        where = StorageHint.hidden(privileges)
        if where == EVERYWHERE:
            return ""
        names = ", ".join(sorted(set(nodes))) or "-"
        if where == NOWHERE:
            return kit.fmt(QCoreApplication.translate(
                "StorageHint", "You lack Datastore.AllocateSpace on every storage of node %1, so PVE lists "
                "none here: storages may well be configured. Ask an administrator for a role with "
                "Datastore.AllocateSpace (e.g. PVEDatastoreUser) on /storage or on the storage to use."), names)
        return kit.fmt(QCoreApplication.translate(
            "StorageHint", "PVE lists only the storages you hold Datastore.AllocateSpace or Datastore.Audit on, "
            "and none of them on node %1 fits here. Ask an administrator for a role with "
            "Datastore.AllocateSpace (e.g. PVEDatastoreUser) on the storage to use."), names)

    @staticmethod
    def no_backups(privileges: Privileges, cluster: str) -> str:
        """Why the Backups section may be empty: backups live on storages the login cannot list."""
        where = StorageHint.hidden(privileges)
        if where == EVERYWHERE:
            return ""
        if where == NOWHERE:
            return kit.fmt(QCoreApplication.translate(
                "StorageHint", "%1: you lack Datastore.Audit and Datastore.AllocateSpace on every storage, so "
                "PVE lists no backups to you, although there may be some. Ask an administrator for a role "
                "with Datastore.Audit (e.g. PVEDatastoreUser) on the backup storage."), cluster)
        return kit.fmt(QCoreApplication.translate(
            "StorageHint", "%1: only backups on the storages you hold Datastore.Audit or "
            "Datastore.AllocateSpace on are listed."), cluster)

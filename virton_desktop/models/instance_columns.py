"""The guest list's columns: their numbers, the model's item roles, and each column's sort key.

Kept apart from the model (models/instances.py) so the model module stays about the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from PySide6.QtCore import Qt

from ..pve.entities import RUNNING, Instance
from .instance_filter import STATUS_ORDER, status_group

# COL_HA and COL_IP came last (saved header states keep their columns); the list shows HA beside Lock.
(COL_VMID, COL_NAME, COL_TYPE, COL_STATUS, COL_NODE, COL_CPU, COL_MEM, COL_DISK, COL_UPTIME,
 COL_TAGS, COL_LOCK, COL_CLUSTER, COL_ACTIONS, COL_HA, COL_IP) = range(15)
COLUMN_COUNT = 15

InstanceRole = Qt.ItemDataRole.UserRole + 1  # the Instance of the row
KeyRole = Qt.ItemDataRole.UserRole + 2  # (cluster, vmid)
UsageRole = Qt.ItemDataRole.UserRole + 3  # 0..1 fraction for the CPU and memory bars, or None

@lru_cache(maxsize=1 << 16)
def natural(text: str) -> tuple:
    """'web10' sorts after 'web2'. Strings at even, numbers at odd positions: always comparable."""
    parts = re.split(r"(\d+)", text.lower())
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts))


SORT_KEYS: dict[int, Callable[[Instance], object]] = {
    COL_VMID: lambda i: i.vmid,
    COL_NAME: lambda i: natural(i.name),
    COL_TYPE: lambda i: (i.type, i.template),
    COL_STATUS: lambda i: STATUS_ORDER.get(status_group(i), 9),
    COL_NODE: lambda i: natural(i.node),
    COL_CPU: lambda i: (i.cpu * i.maxcpu if i.status == RUNNING else -1.0, i.maxcpu),
    COL_MEM: lambda i: (i.mem if i.status == RUNNING else -1, i.maxmem),
    COL_DISK: lambda i: i.maxdisk,
    COL_UPTIME: lambda i: i.uptime,
    COL_TAGS: lambda i: i.tags,
    COL_LOCK: lambda i: i.lock,
    COL_CLUSTER: lambda i: natural(i.cluster),
    COL_ACTIONS: lambda i: i.vmid,
    COL_HA: lambda i: i.hastate,
    COL_IP: lambda i: i.vmid,  # the addresses live beside the guests (set_agent), not in them
}
# Columns whose sort key reads a figure (entities.FIGURE_FIELDS): sorted by one of them, a
# live poll may move rows; sorted by any other, it never does.
FIGURE_SORTS = frozenset({COL_CPU, COL_MEM, COL_DISK, COL_UPTIME})

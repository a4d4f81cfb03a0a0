"""Two guest configs side by side: which keys changed, were added or removed, and which part of an
option string changed. No Qt, no I/O.

The two sides can be a guest and one of its snapshots (`GET …/snapshot/{name}/config`), a guest
now and after its pending changes (`GET …/pending`), or two different guests, possibly in two
clusters. Between two guests some keys always differ (the name, the MACs, `vmgenid`, the SMBIOS
uuid, volume names holding the vmid, `meta`, `digest`): those differences are marked *identity*
so a view can hide them and show what really sets the guests apart.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from .config import NIC_MODELS, PendingItem, is_disk_key, pending_changes, split_options, with_pending


class Change(StrEnum):
    SAME = "same"
    CHANGED = "changed"
    ADDED = "added"  # only on the right
    REMOVED = "removed"  # only on the left


# Keys that name one guest, or one instance of it, and so differ between any two guests.
IDENTITY_KEYS = frozenset({"name", "hostname", "vmgenid", "meta", "digest", "snaptime", "snapstate", "parent",
                           "vmstate", "runningmachine", "runningcpu"})
# Parts of option strings that are identity: MAC addresses, the SMBIOS uuid.
IDENTITY_PARTS = frozenset({"macaddr", "hwaddr", "uuid"})
# Free text: never split at `,` or `=`.
FREE_TEXT_KEYS = frozenset({"description", "tags", "name", "hostname", "args", "hookscript", "lock"})
# vm-100-disk-0, base-9000-disk-1, subvol-200-disk-0: the vmid inside a volume name.
_VOLUME_VMID = re.compile(r"\b(vm|base|subvol|basevol)-\d+-")
_VOLUME_PARTS = frozenset({"file", "volume"})
_DIGITS = re.compile(r"(\d+)")


def _natural(key: str) -> list:
    return [int(t) if t.isdigit() else t for t in _DIGITS.split(key)]


@dataclass(frozen=True)
class PartDiff:
    """One part of an option string (``bridge``, ``size``, the volume) on each side; None: absent."""

    part: str
    left: str | None
    right: str | None
    identity: bool = False

    @property
    def change(self) -> Change:
        return _change(self.left, self.right)


@dataclass(frozen=True)
class KeyDiff:
    """One config key on each side (None: absent) and, for option strings, its parts that differ."""

    key: str
    left: str | None
    right: str | None
    change: Change
    # True when every difference is one that any two guests have (see the module docstring).
    identity: bool = False
    parts: tuple[PartDiff, ...] = ()

    @property
    def changed_parts(self) -> tuple[PartDiff, ...]:
        return tuple(p for p in self.parts if p.change is not Change.SAME)


def _change(left: object, right: object) -> Change:
    if left is None:
        return Change.SAME if right is None else Change.ADDED
    if right is None:
        return Change.REMOVED
    return Change.SAME if left == right else Change.CHANGED


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _default_key(key: str, container: bool) -> str | None:
    if is_disk_key(key, container) or key in ("rootfs", "efidisk0", "tpmstate0") or key.startswith("mp"):
        return "volume" if container else "file"
    return None


def split_value(key: str, value: str | None, container: bool = False) -> dict[str, str]:
    """An option string's parts by name; a QEMU NIC's ``virtio=MAC`` becomes model and macaddr."""
    if value is None:
        return {}
    parts = split_options(value, _default_key(key, container))
    if key.startswith("net") and not container:
        for model in NIC_MODELS:
            if model in parts:
                mac = parts.pop(model)
                parts = {"model": model, **({"macaddr": mac} if mac else {}), **parts}
                break
    return parts


def _splittable(key: str, left: str | None, right: str | None) -> bool:
    if key in FREE_TEXT_KEYS:
        return False
    return any(v is not None and ("=" in v or "," in v) for v in (left, right))


def _identity_part(part: str, left: str | None, right: str | None) -> bool:
    if part in IDENTITY_PARTS:
        return True
    if part in _VOLUME_PARTS and left is not None and right is not None:
        # The same storage and disk number, named after another vmid.
        return _VOLUME_VMID.sub(r"\1-N-", left) == _VOLUME_VMID.sub(r"\1-N-", right)
    return False


def diff_key(key: str, left: object, right: object, container: bool = False) -> KeyDiff:
    a, b = _text(left), _text(right)
    change = _change(a, b)
    parts: tuple[PartDiff, ...] = ()
    if _splittable(key, a, b):
        pa, pb = split_value(key, a, container), split_value(key, b, container)
        names = list(pa) + [n for n in pb if n not in pa]
        parts = tuple(PartDiff(n, pa.get(n), pb.get(n), _identity_part(n, pa.get(n), pb.get(n))) for n in names)
    if key in IDENTITY_KEYS:
        identity = change is not Change.SAME
    elif change is Change.CHANGED and parts:
        differing = [p for p in parts if p.change is not Change.SAME]
        identity = bool(differing) and all(p.identity for p in differing)
    elif change is Change.CHANGED:
        identity = _identity_part("file" if _default_key(key, container) else key, a, b)
    else:
        identity = False
    return KeyDiff(key, a, b, change, identity, parts)


def diff_configs(left: Mapping[str, object], right: Mapping[str, object], container: bool = False) -> list[KeyDiff]:
    """Every key of either side, in PVE's order (natural: net2 before net10), with what differs."""
    keys = sorted(set(left) | set(right), key=_natural)
    return [diff_key(k, left.get(k), right.get(k), container) for k in keys]


def pending_sides(items: list[Mapping[str, object]]) -> tuple[dict[str, object], dict[str, object]]:
    """From ``GET …/pending``: the config as it runs now and as it will after the next start."""
    current = {str(i["key"]): i["value"] for i in items or () if i.get("value") is not None}
    changes: list[PendingItem] = pending_changes(items)
    return current, with_pending(current, changes)


def differences(diffs: list[KeyDiff], hide_identity: bool = False) -> list[KeyDiff]:
    """The keys that differ; without the identity ones when asked."""
    return [d for d in diffs if d.change is not Change.SAME and not (hide_identity and d.identity)]

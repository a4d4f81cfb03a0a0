"""Migration to another cluster (PVE's remote_migrate), Qt-free: what it needs and what it sends.

qemu-server ``PVE/API2/Qemu.pm`` remote_migrate_vm and pve-container ``PVE/API2/LXC.pm`` (both
marked EXPERIMENTAL): ``POST /nodes/{node}/{qemu|lxc}/{vmid}/remote_migrate`` with

- ``target-endpoint``: the property string ``host=…,apitoken=PVEAPIToken=user@realm!id=secret,
  fingerprint=…[,port=…]`` (pve-common's ``proxmox-remote``); the source connects with that token,
  pinned to that fingerprint, and lands on the node that answers at ``host``;
- ``target-storage`` / ``target-bridge``: ``src:dst`` lists (a lone id maps everything else);
  remote migration needs an explicit storage map; ``target-bridge`` is required too;
- ``target-vmid``, ``online`` (VMs), ``restart`` (containers), ``delete`` (else the source stays,
  stopped and locked ``migrate``), ``bwlimit``.

The source login needs VM.Migrate on the guest; the target token needs VM.Allocate on
/vms/<target vmid>, Sys.Incoming on / (the ``mtunnel`` endpoint) and Datastore.AllocateSpace
on the target storages. PVE cannot move a CD-ROM holding an image on a storage that is not
shared, nor a guest with snapshots (QemuMigrate.pm scan_local_volumes).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass

from . import config as cfg
from .text import QT_TRANSLATE_NOOP, fmt, translate

__all__ = ["SYS_INCOMING", "Endpoint", "Volume", "blockers", "bridge_map", "bridges", "endpoint_string",
           "prepare", "pveum_commands", "storage_map", "token_issue", "volumes"]

# pve-access-control: user name, realm, token name (PVE::AccessControl verify_username / pve-tokenid).
_TOKEN_ID = re.compile(r"^[^\s:/@!,=;]{1,60}@[A-Za-z][A-Za-z0-9._-]{1,31}![A-Za-z][A-Za-z0-9._-]{1,63}$")
# PVE hands out UUIDs; anything of these characters is safe inside the property string.
_SECRET = re.compile(r"^[A-Za-z0-9._-]{1,256}$")
_HOSTNAME = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                       r"(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")
_FINGERPRINT = re.compile(r"^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){31}$")
SYS_INCOMING = "Sys.Incoming"


@dataclass(frozen=True)
class Endpoint:
    """Where the guest goes: the target cluster's address, an API token there and its certificate."""

    host: str
    port: int
    token_id: str  # user@realm!name
    secret: str
    fingerprint: str | None  # None: PVE verifies the certificate against the system's CAs


@dataclass(frozen=True)
class Volume:
    """A disk or mount point that moves: `key` (scsi0, rootfs, mp1) on `storage`."""

    key: str
    volume: str
    storage: str


def token_issue(token_id: str, secret: str) -> str:
    """'' when the token id and secret can go into the endpoint, else why not (translated)."""
    if not _TOKEN_ID.match(token_id):
        return translate("RemoteMigration", QT_TRANSLATE_NOOP(
            "RemoteMigration", "A token id looks like user@realm!name."))
    if not _SECRET.match(secret):
        return translate("RemoteMigration", QT_TRANSLATE_NOOP(
            "RemoteMigration", "The token secret is the UUID PVE showed when the token was made."))
    return ""


def _host_ok(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return bool(_HOSTNAME.match(host))


def endpoint_string(endpoint: Endpoint) -> str:
    """The ``target-endpoint`` property string; ValueError when a part could add an option of its own.

    host, port and fingerprint go through `config.format_options`; the ``apitoken`` value holds
    two '=' by PVE's design (``PVEAPIToken=id=secret``), which format_options rightly refuses, so
    its parts are checked against PVE's own formats (no ',' '=' ';' or spaces) and joined here.
    """
    if not _host_ok(endpoint.host):
        raise ValueError("host is not an address or a DNS name")
    if not 0 < int(endpoint.port) < 65536:
        raise ValueError("port out of range")
    if endpoint.fingerprint is not None and not _FINGERPRINT.match(endpoint.fingerprint):
        raise ValueError("fingerprint is not a SHA-256 fingerprint")
    if token_issue(endpoint.token_id, endpoint.secret):
        raise ValueError("token id or secret has characters PVE does not give them")
    head = cfg.format_options({"host": endpoint.host, "port": int(endpoint.port),
                               "fingerprint": endpoint.fingerprint.upper() if endpoint.fingerprint else None})
    return head + ",apitoken=PVEAPIToken={0}={1}".format(endpoint.token_id, endpoint.secret)


def volumes(kind: str, config: Mapping[str, object]) -> list[Volume]:
    """The guest's volumes on a storage that move with it (no CD-ROMs, no passthrough)."""
    found = cfg.disks(config, container=kind == "lxc")
    return [Volume(d.key, d.volume, d.storage) for d in found if d.storage and not d.cdrom]


def bridges(kind: str, config: Mapping[str, object]) -> list[tuple[str, str]]:
    """(netN, bridge) of every NIC on a bridge."""
    return [(n.key, n.bridge) for n in cfg.nics(config, container=kind == "lxc") if n.bridge]


def blockers(kind: str, config: Mapping[str, object], shared: set[str]) -> list[str]:
    """What PVE refuses before moving anything (translated): snapshots, local CD-ROM images."""
    out = []
    if any(isinstance(v, str) and k == "parent" for k, v in config.items()):
        out.append(translate("RemoteMigration", QT_TRANSLATE_NOOP(
            "RemoteMigration", "The guest has snapshots: PVE cannot migrate those to another cluster yet.")))
    if kind == "qemu":
        for disk in cfg.disks(config):
            if disk.cdrom and disk.storage and disk.storage not in shared:
                out.append(fmt(translate("RemoteMigration", QT_TRANSLATE_NOOP(
                    "RemoteMigration", "%1 holds %2 on a storage that is not shared: eject it first "
                                       "(PVE cannot migrate a local CD-ROM image).")), disk.key, disk.volume))
    return out


def _pairs(mapping: Mapping[str, str], check) -> str:
    parts = []
    for src, dst in mapping.items():
        if check(src) is not None or check(dst) is not None:
            raise ValueError("not an id: {0!r} -> {1!r}".format(src, dst))
        parts.append("{0}:{1}".format(src, dst))
    return ",".join(parts)


def storage_map(mapping: Mapping[str, str]) -> str:
    """``src:dst,…`` for target-storage (every source storage named: PVE needs an explicit map)."""
    from .validate import check_storage_id
    return _pairs(mapping, check_storage_id)


def bridge_map(mapping: Mapping[str, str]) -> str:
    from .validate import check_bridge
    return _pairs(mapping, check_bridge)


def prepare(kind: str, endpoint: Endpoint, target_vmid: int, storages: Mapping[str, str],
            bridge_pairs: Mapping[str, str], *, online: bool, delete: bool, fallback_bridge: str = "") -> dict:
    """The POST body. `online`: live for a running VM, restart mode for a running container.
    A guest without NICs still sends a bridge (PVE requires the parameter): `fallback_bridge`."""
    params: dict[str, object] = {
        "target-endpoint": endpoint_string(endpoint),
        "target-vmid": int(target_vmid),
        "target-storage": storage_map(storages),
        "target-bridge": bridge_map(bridge_pairs) or fallback_bridge,
    }
    if not params["target-storage"]:
        raise ValueError("no storage mapping")
    if not params["target-bridge"]:
        raise ValueError("no bridge mapping")
    if online:
        params["restart" if kind == "lxc" else "online"] = 1
    if delete:
        params["delete"] = 1
    return params


def pveum_commands(user: str = "migrate@pve", token: str = "incoming") -> list[str]:
    """How to make a token on the target that may receive guests (a role with just what it needs).
    The privileges are separated by spaces (pveum reads a list either way), so the text wraps."""
    role = "RemoteMigrationTarget"
    privileges = ("VM.Allocate VM.Config.Disk VM.Config.CPU VM.Config.Memory VM.Config.Network VM.Config.Options "
                  "VM.Config.HWType VM.Config.CDROM Datastore.AllocateSpace SDN.Use Sys.Incoming")
    return [
        "pveum user add {0}".format(user),
        "pveum role add {0} --privs \"{1}\"".format(role, privileges),
        "pveum acl modify / --users {0} --roles {1}".format(user, role),
        "pveum user token add {0} {1} --privsep 0".format(user, token),
    ]

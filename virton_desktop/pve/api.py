"""Every Proxmox VE endpoint the program uses, once: method, path, parameters, answer shape.

An `Op` is one request, prepared by a pure function here (like Vorta's one module per borg
command with its `prepare()`): views build `api.rollback(guest, "before-upgrade")` and hand
it to `session.run(op)`; no module outside `pve/` spells a REST path. The worker checks the
answer with `op.check(data)` before it leaves the worker thread, so a wrong shape is one
`errors.BadAnswer` for that request, never an exception inside a model.

`guest` arguments are anything with `node`, `type` ("qemu"/"lxc") and `vmid` (an
`entities.Instance`, or `GuestRef` when only those are known).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import quote

from . import errors
from .shapes import ANY, FLAG, INT, NUM, OBJECT, SCALAR, STR, UPID, DictOf, ListOf, Obj, Optional, Shape, ShapeMismatch


class Guest(Protocol):
    node: str
    type: str
    vmid: int


@dataclass(frozen=True, slots=True)
class GuestRef:
    """A guest known only by where it lives (a backup's guest, a guest just created)."""

    node: str
    type: str
    vmid: int


@dataclass(frozen=True, slots=True)
class Op:
    """One request. `task`: the answer is a UPID the session follows in the task panel."""

    method: str
    path: str
    params: Mapping[str, Any] = field(default_factory=dict)
    answer: Shape = ANY
    task: bool = False
    deadline: float | None = None  # seconds the whole request may take, when less than the client's


    def check(self, data: Any) -> Any:
        """`data` if it has the catalogued shape, else `errors.BadAnswer` naming the spot."""
        try:
            self.answer.check(data)
        except ShapeMismatch as exc:
            raise errors.BadAnswer(str(exc), method=self.method, path=self.path) from None
        return data

    def with_params(self, **params: Any) -> Op:
        return Op(self.method, self.path, {**self.params, **params}, self.answer, self.task, self.deadline)


def _seg(value: object) -> str:
    """One path segment: ids typed or listed can hold '/', ':' or spaces (volume ids do)."""
    return quote(str(value), safe="")


def _guest(guest: Guest) -> str:
    return "/nodes/{0}/{1}/{2}".format(_seg(guest.node), _seg(guest.type), int(guest.vmid))


def _params(**values: Any) -> dict[str, Any]:
    """Keyword parameters without the ones left out (None)."""
    return {key.replace("_", "-"): value for key, value in values.items() if value is not None}


# ------------------------------------------------------------------ answer shapes

# INT where the entities read a field with int(), NUM where with float().
RESOURCE = Obj(optional={
    "vmid": INT, "name": SCALAR, "type": STR, "node": STR, "status": STR, "template": FLAG,
    "maxcpu": NUM, "cpu": NUM, "maxmem": INT, "mem": INT, "maxdisk": INT, "disk": INT, "uptime": INT,
    "tags": SCALAR, "lock": STR, "hastate": STR, "pool": STR, "netin": INT, "netout": INT,
    "diskread": INT, "diskwrite": INT,
})
NODE = Obj({"node": STR}, {"status": STR, "cpu": NUM, "maxcpu": INT, "mem": INT, "maxmem": INT, "uptime": INT})
TASK_STATUS = Obj({"status": STR}, {"exitstatus": STR, "endtime": INT, "starttime": INT, "pid": INT})
LOG_LINE = Obj(optional={"n": INT, "t": SCALAR})
CONFIG = DictOf(SCALAR)
BACKUP_JOB = Obj({"id": STR}, {"enabled": FLAG, "next-run": INT, "schedule": STR, "vmid": STR, "all": FLAG,
                                 "exclude": STR, "pool": STR, "storage": STR, "comment": SCALAR})
NOT_BACKED_UP = Obj({"vmid": INT}, {"type": STR, "name": SCALAR})
PENDING_ITEM = Obj({"key": STR}, {"value": SCALAR, "pending": SCALAR, "delete": NUM})
GUEST_STATUS = Obj({"status": STR}, {"cpu": NUM, "cpus": NUM, "mem": INT, "maxmem": INT, "disk": INT,
                                     "maxdisk": INT, "uptime": INT, "qmpstatus": STR, "lock": STR})
RRD_POINT = Obj({"time": INT})
SNAPSHOT = Obj({"name": STR}, {"parent": STR, "snaptime": INT, "description": SCALAR, "vmstate": FLAG,
                               "running": FLAG, "snapstate": STR})
PROXY_TICKET = Obj({"port": INT, "ticket": STR}, {"user": STR, "upid": STR, "cert": STR})
STORAGE = Obj({"storage": STR}, {"content": STR, "type": STR, "active": FLAG, "enabled": FLAG, "shared": FLAG,
                                 "avail": INT, "total": INT, "used": INT})
VOLUME = Obj({"volid": STR}, {"content": STR, "size": INT, "ctime": INT, "format": STR, "notes": SCALAR,
                              "protected": FLAG, "vmid": INT, "subtype": STR})
NETWORK = Obj({"iface": STR}, {"type": STR, "active": FLAG})
POOL = Obj({"poolid": STR}, {"comment": SCALAR})
PERMISSIONS = DictOf(DictOf(FLAG))
VERSION = Obj({"version": STR}, {"release": STR, "repoid": STR})
MIGRATE_PREFLIGHT = Obj({"running": FLAG}, {"allowed_nodes": ListOf(STR), "allowed-nodes": ListOf(STR),
                                             "not_allowed_nodes": DictOf(OBJECT), "not-allowed-nodes": DictOf(OBJECT),
                                             "local_disks": ListOf(Obj({"volid": STR}, {"size": INT, "cdrom": FLAG,
                                                                                        "is_unused": FLAG})),
                                             "local_resources": ListOf(STR), "mapped-resources": ListOf(STR)})
TASK_STARTED = UPID
FEATURE = Obj({"hasFeature": FLAG}, {"nodes": ListOf(STR)})
CLUSTER_MEMBER = Obj({"type": STR}, {"name": STR, "local": FLAG, "nodeid": INT, "ip": STR})
CERTIFICATE_INFO = Obj({"filename": STR}, {"fingerprint": STR, "subject": STR, "issuer": STR, "notafter": INT,
                                           "notbefore": INT, "san": ListOf(STR), "pem": STR})
MAYBE_TASK = Optional(UPID)


# ------------------------------------------------------------------ cluster

def version() -> Op:
    return Op("GET", "/version", answer=VERSION)


def cluster_resources(kind: str | None = "vm") -> Op:
    """Every guest of every node in one answer (what the list polls)."""
    return Op("GET", "/cluster/resources", _params(type=kind), ListOf(RESOURCE))


def nodes() -> Op:
    return Op("GET", "/nodes", answer=ListOf(NODE))


def cluster_tasks() -> Op:
    """Recent tasks of the whole cluster (anyone's, any node)."""
    return Op("GET", "/cluster/tasks", answer=ListOf(OBJECT))


def node_tasks(node: str, since: int, errors_only: bool = False, limit: int = 500) -> Op:
    """A node's tasks since an epoch, running and archived (`source=all`; `errors`: failed only).
    It reaches further back than /cluster/tasks, which keeps only the cluster's recent ones."""
    return Op("GET", "/nodes/{0}/tasks".format(_seg(node)),
              _params(since=int(since), errors=1 if errors_only else None, limit=limit, source="all"),
              ListOf(OBJECT))


def next_id(vmid: int | None = None) -> Op:
    """The next free VMID; with `vmid`, whether that one is free (PVE answers 400 when taken)."""
    return Op("GET", "/cluster/nextid", _params(vmid=vmid), INT)


def cluster_status() -> Op:
    """The cluster and its nodes; `local: 1` marks the node that answered this request."""
    return Op("GET", "/cluster/status", answer=ListOf(CLUSTER_MEMBER))


def pools() -> Op:
    return Op("GET", "/pools", answer=ListOf(POOL))


def cluster_options() -> Op:
    """datacenter.cfg's options (all with Sys.Audit on /, else `console` and `tag-style`) and
    `allowed-tags`, the tags this login may set (pve-manager Cluster.pm get_options)."""
    return Op("GET", "/cluster/options", answer=Obj(optional={"allowed-tags": ListOf(STR)}))


def permissions(path: str | None = None) -> Op:
    """The logged-in user's (or token's) privileges: {path: {privilege: 0|1}}."""
    return Op("GET", "/access/permissions", _params(path=path), PERMISSIONS)


# ------------------------------------------------------------------ guests

def guest_config(guest: Guest, current: bool = False) -> Op:
    """The config; without `current`, PVE answers it with pending changes applied."""
    return Op("GET", _guest(guest) + "/config", {"current": 1} if current else {}, CONFIG)


def update_config(guest: Guest, params: Mapping[str, Any]) -> Op:
    """PUT config: applied synchronously (PVE answers null)."""
    return Op("PUT", _guest(guest) + "/config", dict(params), Optional(STR))


def guest_pending(guest: Guest) -> Op:
    return Op("GET", _guest(guest) + "/pending", answer=ListOf(PENDING_ITEM))


def guest_status(guest: Guest) -> Op:
    return Op("GET", _guest(guest) + "/status/current", answer=GUEST_STATUS)


def guest_rrddata(guest: Guest, timeframe: str, cf: str) -> Op:
    return Op("GET", _guest(guest) + "/rrddata", {"timeframe": timeframe, "cf": cf}, ListOf(RRD_POINT))


def power(guest: Guest, endpoint: str, params: Mapping[str, Any] | None = None) -> Op:
    """POST status/{start|shutdown|stop|reboot|suspend|resume|reset}."""
    return Op("POST", _guest(guest) + "/status/" + _seg(endpoint), dict(params or {}), TASK_STARTED, task=True)


def bulk_guest_action(action: str, vmids, params: Mapping[str, Any] | None = None) -> Op:
    """PVE >= 9.1: one `bulk-<action>` worker that starts, shuts down or suspends these guests of
    the cluster, each in its own task, a few at a time (pve-manager PVE/API2/Cluster/BulkAction/
    Guest.pm; `vms` goes as a list). Its log names each guest that failed."""
    return Op("POST", "/cluster/bulk-action/guest/" + _seg(action), {"vms": sorted(vmids), **dict(params or {})},
              TASK_STARTED, task=True)


def resize(guest: Guest, disk: str, size: str) -> Op:
    """Grow a disk; older PVE answered null, newer a UPID."""
    return Op("PUT", _guest(guest) + "/resize", {"disk": disk, "size": size}, MAYBE_TASK, task=True)


def delete_guest(guest: Guest, params: Mapping[str, Any] | None = None) -> Op:
    return Op("DELETE", _guest(guest), dict(params or {}), TASK_STARTED, task=True)


def create_guest(node: str, kind: str, params: Mapping[str, Any]) -> Op:
    """POST /nodes/{node}/{qemu|lxc}: a new guest, or a restore (`archive` / `ostemplate`+`restore`)."""
    return Op("POST", "/nodes/{0}/{1}".format(_seg(node), _seg(kind)), dict(params), TASK_STARTED, task=True)


def clone_guest(guest: Guest, params: Mapping[str, Any]) -> Op:
    """POST clone: a full or linked copy under `newid` (qemu-server / pve-container clone_vm)."""
    return Op("POST", _guest(guest) + "/clone", dict(params), TASK_STARTED, task=True)


def convert_to_template(guest: Guest) -> Op:
    """POST template: a UPID for VMs; containers answer null (pve-container's `template` returns
    undef although it forks a vztemplate task)."""
    return Op("POST", _guest(guest) + "/template", answer=MAYBE_TASK, task=True)


def guest_feature(guest: Guest, feature: str, snapname: str | None = None) -> Op:
    """Whether the guest's disks can `clone` (linked) or `copy` (full); for VMs also the nodes
    where all its storages are (qemu-server vm_feature, pve-container vm_feature)."""
    return Op("GET", _guest(guest) + "/feature", _params(feature=feature, snapname=snapname), FEATURE)
def cloudinit_pending(guest: Guest) -> Op:
    """The cloud-init keys with what the image holds (`value`) and what the next one will (`pending`,
    `delete`) (qemu-server Qemu.pm cloudinit_pending)."""
    return Op("GET", _guest(guest) + "/cloudinit", answer=ListOf(PENDING_ITEM))
def regenerate_cloudinit(guest: Guest) -> Op:
    """Rebuild the cloud-init image now (the web UI's "Regenerate Image"); PVE answers null."""
    return Op("PUT", _guest(guest) + "/cloudinit", answer=Optional(STR))
def cloudinit_dump(guest: Guest, kind: str) -> Op:
    """The generated cloud-init file of `kind` ("user", "network", "meta") as text."""
    return Op("GET", _guest(guest) + "/cloudinit/dump", {"type": kind}, STR)


def vncproxy(guest: Guest) -> Op:
    """A VNC ticket and port for the console websocket."""
    return Op("POST", _guest(guest) + "/vncproxy", {"websocket": 1}, PROXY_TICKET)


def termproxy(guest: Guest) -> Op:
    return Op("POST", _guest(guest) + "/termproxy", answer=PROXY_TICKET)


def vncwebsocket(guest: Guest, port: int | str, ticket: str) -> Op:
    """The console's websocket, with `port` and `ticket` from `vncproxy`: a GET the console page
    opens as a websocket itself (never sent through the session; no JSON answer)."""
    return Op("GET", _guest(guest) + "/vncwebsocket", {"port": port, "vncticket": ticket})


def spiceproxy(guest: Guest, proxy: str) -> Op:
    """A remote-viewer config for the VM's SPICE display (qemu-server Qemu.pm `spiceproxy`;
    `proxy`: the host the client reaches PVE's spiceproxy on, port 3128). `pve.spice.vv_text`
    writes it as a .vv file."""
    return Op("POST", _guest(guest) + "/spiceproxy", {"proxy": proxy},
              Obj({"type": STR, "host": STR, "password": STR}, {"tls-port": SCALAR, "proxy": STR, "ca": STR}))


def migrate_preflight(guest: Guest) -> Op:
    """What PVE says about migrating the guest (qemu-server Qemu.pm migrate_vm_precondition; for
    containers PVE >= 9, LXC.pm, with hyphenated keys): allowed nodes, local disks, resources."""
    return Op("GET", _guest(guest) + "/migrate", answer=MIGRATE_PREFLIGHT)


# A hung guest agent costs PVE its own QMP timeout; the poll lane waits this long at most.
AGENT_DEADLINE = 5.0


def agent(guest: Guest, command: str) -> Op:
    """A read-only QEMU guest agent command (`network-get-interfaces`, `get-host-name`,
    `get-osinfo`): `{"result": ...}` (qemu-server API2/Qemu/Agent.pm)."""
    return Op("GET", _guest(guest) + "/agent/" + _seg(command), answer=Obj({"result": ANY}),
              deadline=AGENT_DEADLINE)


def container_interfaces(guest: Guest) -> Op:
    """A running container's interfaces and addresses (pve-container LXC.pm, PVE >= 8.1)."""
    return Op("GET", _guest(guest) + "/interfaces", answer=Optional(ListOf(Obj({"name": STR}, {"hwaddr": STR}))),
              deadline=AGENT_DEADLINE)


def migrate(guest: Guest, params: Mapping[str, Any]) -> Op:
    """Migrate to another node of the cluster (`pve.migration.MigrationPlan.prepare()` builds the body)."""
    return Op("POST", _guest(guest) + "/migrate", dict(params), TASK_STARTED, task=True)
def remote_migrate(guest: Guest, params: Mapping[str, Any]) -> Op:
    """POST remote_migrate: to another cluster (EXPERIMENTAL in PVE; see pve/remote.py)."""
    return Op("POST", _guest(guest) + "/remote_migrate", dict(params), TASK_STARTED, task=True)


# ------------------------------------------------------------------ snapshots

def snapshots(guest: Guest) -> Op:
    return Op("GET", _guest(guest) + "/snapshot", answer=ListOf(SNAPSHOT))


def create_snapshot(guest: Guest, name: str, params: Mapping[str, Any] | None = None) -> Op:
    return Op("POST", _guest(guest) + "/snapshot", {"snapname": name, **(params or {})}, TASK_STARTED, task=True)


def rollback(guest: Guest, name: str, params: Mapping[str, Any] | None = None) -> Op:
    return Op("POST", _guest(guest) + "/snapshot/" + _seg(name) + "/rollback", dict(params or {}),
              TASK_STARTED, task=True)


def delete_snapshot(guest: Guest, name: str) -> Op:
    return Op("DELETE", _guest(guest) + "/snapshot/" + _seg(name), answer=TASK_STARTED, task=True)


def snapshot_description(guest: Guest, name: str, description: str) -> Op:
    return Op("PUT", _guest(guest) + "/snapshot/" + _seg(name) + "/config", {"description": description},
              Optional(STR))


def snapshot_config(guest: Guest, name: str) -> Op:
    """The config as the snapshot holds it (with its `snaptime`, `parent`, `description`)."""
    return Op("GET", _guest(guest) + "/snapshot/" + _seg(name) + "/config", answer=CONFIG)


# ------------------------------------------------------------------ nodes, storage, backups

def storages(node: str, content: str | None = None) -> Op:
    """The node's storages (only those the user may use), optionally those holding `content`."""
    return Op("GET", "/nodes/{0}/storage".format(_seg(node)), _params(content=content), ListOf(STORAGE))


def storage_content(node: str, storage: str, content: str | None = None) -> Op:
    return Op("GET", "/nodes/{0}/storage/{1}/content".format(_seg(node), _seg(storage)), _params(content=content),
              ListOf(VOLUME))


def _volume(node: str, storage: str, volid: str) -> str:
    return "/nodes/{0}/storage/{1}/content/{2}".format(_seg(node), _seg(storage), _seg(volid))


def volume(node: str, storage: str, volid: str) -> Op:
    """One volume's attributes (a backup's full notes: the listing holds only their first line)."""
    return Op("GET", _volume(node, storage, volid), answer=OBJECT)


def update_volume(node: str, storage: str, volid: str, params: Mapping[str, Any]) -> Op:
    """Notes and protection of a backup."""
    return Op("PUT", _volume(node, storage, volid), dict(params), ANY)


def delete_volume(node: str, storage: str, volid: str) -> Op:
    return Op("DELETE", _volume(node, storage, volid), answer=MAYBE_TASK, task=True)


def networks(node: str, kind: str | None = None) -> Op:
    """The node's network interfaces (`kind="any_bridge"` for the bridges a NIC can use)."""
    return Op("GET", "/nodes/{0}/network".format(_seg(node)), _params(type=kind), ListOf(NETWORK))


def node_termproxy(node: str) -> Op:
    """The node's shell (pve-manager PVE/API2/Nodes.pm termproxy: Sys.Console on /nodes/{node});
    opened like a guest's terminal, through `node_vncwebsocket`."""
    return Op("POST", "/nodes/{0}/termproxy".format(_seg(node)), answer=PROXY_TICKET)


def certificates_info(node: str) -> Op:
    """The node's certificate files with their fingerprints (pve-manager PVE/API2/Certificates.pm
    info: `user => 'all'`, proxied to the node); `repin.served_certificate` picks the one served."""
    return Op("GET", "/nodes/{0}/certificates/info".format(_seg(node)), answer=ListOf(CERTIFICATE_INFO))


def node_vncwebsocket(node: str, port: int | str, ticket: str) -> Op:
    """The node shell's websocket, with `port` and `ticket` from `node_termproxy`."""
    return Op("GET", "/nodes/{0}/vncwebsocket".format(_seg(node)), {"port": port, "vncticket": ticket})


def vzdump(node: str, params: Mapping[str, Any]) -> Op:
    """Start a backup job of the node's guests: a UPID, or `OK` (null from some proxies) when none
    of the guests is on the node and nothing started (pve-manager PVE/API2/VZDump.pm)."""
    return Op("POST", "/nodes/{0}/vzdump".format(_seg(node)), dict(params), Optional(STR), task=True)


def backup_jobs() -> Op:
    """The cluster's scheduled backup jobs (pve-manager API2/Backup.pm index: Sys.Audit on /, or
    the jobs are filtered out); each with `id`, `next-run` when enabled, `vmid`/`all`/`exclude`/`pool`."""
    return Op("GET", "/cluster/backup", answer=ListOf(BACKUP_JOB))


def not_backed_up() -> Op:
    """Guests no enabled job covers (API2/BackupInfo.pm: Sys.Audit on /; `vmid`, `type`, `name`)."""
    return Op("GET", "/cluster/backup-info/not-backed-up", answer=ListOf(NOT_BACKED_UP))


# ------------------------------------------------------------------ tasks

def _task(node: str, upid: str) -> str:
    return "/nodes/{0}/tasks/{1}".format(_seg(node), _seg(upid))


def task_status(node: str, upid: str) -> Op:
    return Op("GET", _task(node, upid) + "/status", answer=TASK_STATUS)


def task_log(node: str, upid: str, start: int = 0, limit: int = 500) -> Op:
    return Op("GET", _task(node, upid) + "/log", {"start": start, "limit": limit}, ListOf(LOG_LINE))


def abort_task(node: str, upid: str) -> Op:
    return Op("DELETE", _task(node, upid), answer=ANY)



# ------------------------------------------------------------------ HA (pve-ha-manager src/PVE/API2/HA)

HA_SERVICE = Obj({"id": STR, "type": STR}, {"sid": STR, "node": STR, "state": STR, "crm_state": STR,
                                           "request_state": STR, "max_restart": INT, "max_relocate": INT,
                                           "group": STR, "comment": SCALAR, "status": STR})
HA_RESOURCE = Obj({"sid": STR}, {"state": STR, "group": STR, "max_restart": INT, "max_relocate": INT,
                                 "comment": SCALAR, "digest": STR, "type": STR})
HA_GROUP = Obj({"group": STR}, {"nodes": STR, "restricted": FLAG, "nofailback": FLAG, "comment": SCALAR})
HA_RULE = Obj({"rule": STR}, {"type": STR, "resources": STR, "nodes": STR, "affinity": STR, "disable": FLAG,
                              "comment": SCALAR, "digest": STR})


def ha_status() -> Op:
    """The HA manager's view (Status.pm current): quorum, master, LRMs, one entry per resource."""
    return Op("GET", "/cluster/ha/status/current", answer=ListOf(HA_SERVICE))


def ha_resource(sid: str) -> Op:
    return Op("GET", "/cluster/ha/resources/" + _seg(sid), answer=HA_RESOURCE)


def ha_add(params: Mapping[str, Any]) -> Op:
    """POST /cluster/ha/resources (`sid` in params); PVE answers null."""
    return Op("POST", "/cluster/ha/resources", dict(params), Optional(STR))


def ha_update(sid: str, params: Mapping[str, Any]) -> Op:
    return Op("PUT", "/cluster/ha/resources/" + _seg(sid), dict(params), Optional(STR))


def ha_remove(sid: str) -> Op:
    """Unmanage: the guest keeps running; `purge` (default 1) drops it from the rules too."""
    return Op("DELETE", "/cluster/ha/resources/" + _seg(sid), answer=Optional(STR))


def ha_groups() -> Op:
    """HA groups (PVE < 9); PVE 9 answers 500 once they were migrated to rules."""
    return Op("GET", "/cluster/ha/groups", answer=ListOf(HA_GROUP))


def ha_rules() -> Op:
    """HA rules (PVE >= 9): node-affinity and resource-affinity."""
    return Op("GET", "/cluster/ha/rules", answer=ListOf(HA_RULE))


def ha_update_rule(rule: str, params: Mapping[str, Any]) -> Op:
    return Op("PUT", "/cluster/ha/rules/" + _seg(rule), dict(params), Optional(STR))

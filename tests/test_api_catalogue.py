"""The endpoint catalogue: every entry's path and answer shape, good answers pass, wrong ones raise BadAnswer.

The good answers follow what PVE sends (pve-manager/qemu-server/pve-container API schemas and
answers seen from the demo cluster); every catalogued function must have one here, so a new
endpoint cannot arrive without its shape being tried.
"""

from __future__ import annotations

import inspect

import pytest

from virton_desktop.pve import api, errors
from virton_desktop.pve.shapes import ShapeMismatch

VM = api.GuestRef("pve1", "qemu", 101)
CT = api.GuestRef("pve2", "lxc", 200)
UPID = "UPID:pve1:0000A1B2:0001C3D4:6750A1B2:qmstart:101:root@pam:"

# name -> (arguments, a good answer)
GOOD = {
    "version": ((), {"version": "8.2.4", "release": "8.2", "repoid": "faa83925c9641325"}),
    "cluster_resources": ((), [
        {"vmid": 101, "name": "web", "type": "qemu", "node": "pve1", "status": "running", "maxmem": 4294967296,
         "mem": 1073741824, "cpu": 0.031, "maxcpu": 2, "uptime": 3600, "tags": "prod;web", "template": 0,
         "id": "qemu/101", "netin": 12, "netout": 34, "diskread": 0, "diskwrite": 0, "maxdisk": 34359738368,
         "disk": 0},
        {"vmid": "200", "type": "lxc", "node": "pve2", "status": "stopped", "lock": "backup", "template": 1},
        {"id": "node/pve1", "type": "node", "node": "pve1", "status": "online"},  # no vmid: skipped later
    ]),
    "nodes": ((), [{"node": "pve1", "status": "online", "cpu": 0.02, "maxcpu": 8, "mem": 1, "maxmem": 2,
                    "uptime": 100, "level": "", "ssl_fingerprint": "AA:BB"}, {"node": "pve3", "status": "offline"}]),
    "cluster_tasks": ((), [{"upid": UPID, "node": "pve1", "status": "OK", "endtime": 1733300000,
                            "starttime": 1733299990, "type": "qmstart", "id": "101", "user": "root@pam"}]),
    "node_tasks": (("pve1", 1733299000, True), [{"upid": UPID, "node": "pve1", "status": "unexpected status",
                                                 "starttime": 1733299990, "type": "vzdump", "id": "",
                                                 "user": "root@pam", "endtime": 1733300000}]),
    "next_id": ((), "105"),
    "agent": ((VM, "network-get-interfaces"), {"result": [
        {"name": "lo", "hardware-address": "00:00:00:00:00:00",
         "ip-addresses": [{"ip-address": "127.0.0.1", "ip-address-type": "ipv4", "prefix": 8}]}]}),
    "container_interfaces": ((CT,), [{"name": "eth0", "hwaddr": "bc:24:11:00:02:00", "inet": "10.0.0.5/24"}]),
    "clone_guest": ((VM, {"newid": 120, "full": 1}), UPID),
    "convert_to_template": ((CT,), None),
    "guest_feature": ((VM, "clone"), {"hasFeature": 1, "nodes": ["pve1", "pve2"]}),
    "cluster_status": ((), [{"type": "cluster", "id": "cluster", "name": "prod", "nodes": 2, "quorate": 1},
                            {"type": "node", "id": "node/pve1", "name": "pve1", "nodeid": 1, "online": 1,
                             "local": 1, "ip": "192.0.2.11"}]),
    "pools": ((), [{"poolid": "prod", "comment": "production"}]),
    "cluster_options": ((), {"tag-style": {"color-map": "prod:c0392b:ffffff", "shape": "full"}, "console": "html5",
                             "user-tag-access": {"user-allow": "list", "user-allow-list": ["a"]},
                             "registered-tags": ["prod"], "allowed-tags": ["a", "web"]}),
    "permissions": ((), {"/": {"Sys.Audit": 1}, "/vms/101": {"VM.PowerMgmt": 1, "VM.Console": 0}}),
    "guest_config": ((VM,), {"name": "web", "memory": "4096", "cores": 2,
                             "net0": "virtio=BC:24:11:00:00:01,bridge=vmbr0", "digest": "a" * 40, "onboot": 1}),
    "update_config": ((VM, {"memory": 2048}), None),
    "guest_pending": ((VM,), [{"key": "memory", "value": 4096, "pending": 8192}, {"key": "net1", "delete": 1,
                                                                                  "value": "virtio=..."}]),
    "guest_status": ((VM,), {"status": "running", "qmpstatus": "running", "cpu": 0.1, "cpus": 2, "mem": 1,
                             "maxmem": 2, "uptime": 5, "ha": {"managed": 0}}),
    "guest_rrddata": ((VM, "hour", "AVERAGE"),
                      [{"time": 1733300000, "cpu": 0.01, "maxmem": 4e9}, {"time": 1733300060}]),
    "cloudinit_pending": ((VM,), [{"key": "ciuser", "value": "debian", "pending": "ubuntu"},
                                  {"key": "ipconfig1", "pending": "ip=dhcp"}, {"key": "nameserver", "delete": 1}]),
    "regenerate_cloudinit": ((VM,), None),
    "cloudinit_dump": ((VM, "user"), "#cloud-config\nhostname: web\n"),
    "power": ((VM, "start"), UPID),
    "bulk_guest_action": (("shutdown", [101, 100]), UPID),
    "resize": ((VM, "scsi0", "+1G"), None),
    "delete_guest": ((VM,), UPID),
    "create_guest": (("pve1", "qemu", {"vmid": 106}), UPID),
    "remote_migrate": ((VM, {"target-endpoint": "host=192.0.2.20,apitoken=PVEAPIToken=a@pve!t=x",
                             "target-storage": "local-lvm:ssd", "target-bridge": "vmbr0"}), UPID),
    "vncproxy": ((VM,), {"port": "5900", "ticket": "PVEVNC:ABC", "user": "root@pam", "cert": "-----BEGIN",
                         "upid": UPID}),
    "termproxy": ((CT,), {"port": 5901, "ticket": "PVEVNC:DEF", "user": "root@pam", "upid": UPID}),
    "vncwebsocket": ((VM, "5900", "PVEVNC:ABC"), None),
    "node_termproxy": (("pve1",), {"port": "5900", "ticket": "PVEVNC:GHI", "user": "root@pam", "upid": UPID}),
    "node_vncwebsocket": (("pve1", "5900", "PVEVNC:GHI"), None),
    "spiceproxy": ((VM, "pve.example.com"), {"type": "spice", "host": "pvespiceproxy:abc:100:pve1::def",
                                             "password": "secret", "tls-port": 61000,
                                             "proxy": "http://pve.example.com:3128"}),
    "snapshots": ((VM,), [{"name": "before", "snaptime": 1733300000, "description": "", "vmstate": 0},
                          {"name": "current", "parent": "before", "running": 1, "description": "You are here!"}]),
    # qemu-server Qemu.pm migrate_vm_precondition (PVE 9): as answered for a running VM with a local disk.
    "migrate_preflight": ((VM,), {"running": 1, "allowed_nodes": ["pve2"], "has-dbus-vmstate": 1,
                                  "not_allowed_nodes": {"pve3": {"unavailable_storages": ["local-zfs"]}},
                                  "local_disks": [{"volid": "local-lvm:vm-101-disk-0", "size": 34359738368,
                                                   "is_attached": 1, "drivename": "scsi0"}],
                                  "local_resources": [], "mapped-resources": [], "mapped-resource-info": {}}),
    "migrate": ((VM, {"target": "pve2", "online": 1}), UPID),
    "create_snapshot": ((VM, "before"), UPID),
    "rollback": ((VM, "before"), UPID),
    "delete_snapshot": ((VM, "before"), UPID),
    "snapshot_description": ((VM, "before", "text"), None),
    "snapshot_config": ((VM, "before"), {"memory": 2048, "snaptime": 1733300000, "parent": "first"}),
    "backup_jobs": ((), [{"id": "backup-1", "type": "vzdump", "enabled": 1, "schedule": "21:00", "all": 1,
                          "next-run": 1733300000, "exclude": "101", "storage": "local", "mode": "snapshot"}]),
    "not_backed_up": ((), [{"vmid": 101, "type": "qemu", "name": "web"}]),
    "storages": (("pve1", "backup"), [{"storage": "local", "content": "iso,vztmpl,backup", "type": "dir",
                                       "active": 1, "enabled": 1, "shared": 0, "avail": 10, "total": 20, "used": 10}]),
    "storage_content": (("pve1", "local", "backup"), [
        {"volid": "local:backup/vzdump-qemu-101-2024_12_04-10_00_00.vma.zst", "content": "backup", "size": 1000,
         "ctime": 1733300000, "format": "vma.zst", "notes": "web", "protected": 1, "vmid": 101, "subtype": "qemu"}]),
    "volume": (("pve1", "local", "local:backup/x.vma.zst"), {"notes": "line 1\nline 2", "protected": 0,
                                                            "path": "/var/lib/vz/dump/x.vma.zst", "size": 1}),
    "update_volume": (("pve1", "local", "local:backup/x.vma.zst", {"notes": "n"}), None),
    "delete_volume": (("pve1", "local", "local:backup/x.vma.zst"), UPID),
    "certificates_info": (("pve2",), [
        {"filename": "pve-root-ca.pem", "fingerprint": "11:" * 31 + "11", "subject": "/CN=Proxmox Virtual Environment",
         "notafter": 2102400000},
        {"filename": "pveproxy-ssl.pem", "fingerprint": "AB:" * 31 + "CD", "subject": "/CN=pve2.example.org",
         "issuer": "/C=US/O=Let's Encrypt/CN=R11", "notbefore": 1733000000, "notafter": 1740776000,
         "san": ["pve2.example.org"], "pem": "-----BEGIN CERTIFICATE-----\n..."}]),
    "networks": (("pve1", "any_bridge"), [{"iface": "vmbr0", "type": "bridge", "active": 1}]),
    "vzdump": (("pve1", {"vmid": "101"}), UPID),
    "task_status": (("pve1", UPID), {"status": "stopped", "exitstatus": "OK", "pid": 41394, "upid": UPID,
                                     "starttime": 1733299990, "endtime": 1733300000, "type": "qmstart"}),
    "task_log": (("pve1", UPID, 0, 50), [{"n": 1, "t": "no content"}]),
    "abort_task": (("pve1", UPID), None),
    "ha_status": ((), [{"id": "quorum", "type": "quorum", "node": "pve1", "status": "OK", "quorate": 1},
                       {"id": "service:vm:120", "type": "service", "sid": "vm:120", "node": "pve2",
                        "crm_state": "started", "request_state": "started", "state": "started",
                        "max_restart": 1, "max_relocate": 1, "status": "vm:120 (pve2, started)"}]),
    "ha_resource": (("vm:120",), {"sid": "vm:120", "state": "started", "type": "vm", "digest": "a" * 40,
                                  "max_restart": 2}),
    "ha_add": (({"sid": "vm:100", "state": "started"},), None),
    "ha_update": (("vm:100", {"max_restart": 3}), None),
    "ha_remove": (("vm:100",), None),
    "ha_groups": ((), [{"group": "prefer-pve1", "nodes": "pve1:2,pve2", "restricted": 0, "type": "group"}]),
    "ha_rules": ((), [{"rule": "web-on-pve1", "type": "node-affinity", "resources": "vm:120,ct:209",
                       "nodes": "pve1:2,pve2", "digest": "b" * 40, "order": 1}]),
    "ha_update_rule": (("web-on-pve1", {"resources": "vm:120"}), None),
}

CATALOGUE = sorted(name for name, fn in inspect.getmembers(api, inspect.isfunction)
                   if fn.__module__ == api.__name__ and not name.startswith("_"))


def op_of(name: str) -> api.Op:
    args, _good = GOOD[name]
    return getattr(api, name)(*args)


def test_every_catalogued_endpoint_has_a_good_answer_here():
    assert sorted(GOOD) == CATALOGUE


@pytest.mark.parametrize("name", CATALOGUE)
def test_good_answers_pass(name):
    op = op_of(name)
    good = GOOD[name][1]
    assert op.check(good) is good
    assert op.path.startswith("/") and op.method in ("GET", "POST", "PUT", "DELETE")


def wrong_answers(good):
    """Answers of the wrong shape derived from a good one."""
    if isinstance(good, list):
        yield {"data": good}
        yield "a string"
        yield [1, 2, 3]
        if good and isinstance(good[0], dict):
            yield [dict(good[0]), ["not", "an", "object"]]
    elif isinstance(good, dict):
        yield [good]
        yield "<html><body>Captive portal login</body></html>"
        yield 42
    elif isinstance(good, str):
        yield {"upid": good}
        yield ["x"]


@pytest.mark.parametrize("name", [n for n in CATALOGUE if GOOD[n][1] is not None])
def test_wrong_shapes_raise_a_typed_error(name):
    op = op_of(name)
    good = GOOD[name][1]
    tried = 0
    for wrong in wrong_answers(good):
        if op.answer.expected == "anything":
            break
        tried += 1
        with pytest.raises(errors.BadAnswer) as caught:
            op.check(wrong)
        assert caught.value.path == op.path and caught.value.method == op.method
        assert "expected" in caught.value.message
    if op.answer.expected != "anything":
        assert tried


@pytest.mark.parametrize("value", ["abc", "١٢٣", "12.5", True, None, [101], {"id": 101}, "", float("nan")])
def test_a_guest_id_that_is_no_number_is_refused(value):
    answer = [{"vmid": 100, "name": "ok"}, {"vmid": value, "name": "bad"}]
    if value is None:  # absent vmid: the entry is no guest (a node or storage entry) and is skipped later
        api.cluster_resources().check(answer)
        return
    with pytest.raises(errors.BadAnswer) as caught:
        api.cluster_resources().check(answer)
    assert "data[1].vmid" in caught.value.message


@pytest.mark.parametrize("field,value", [("maxmem", "lots"), ("cpu", "fast"), ("status", 3), ("tags", ["a"]),
                                         ("uptime", "٣"), ("template", 2), ("name", {"x": 1})])
def test_resource_fields_the_list_reads_are_checked(field, value):
    with pytest.raises(errors.BadAnswer) as caught:
        api.cluster_resources().check([{"vmid": 100, field: value}])
    assert "data[0]." + field in caught.value.message


def test_required_keys_missing_are_named():
    with pytest.raises(errors.BadAnswer, match=r"data\[0\]\.node"):
        api.nodes().check([{"status": "online"}])
    with pytest.raises(errors.BadAnswer, match=r"data\.status"):
        api.task_status("pve1", UPID).check({"exitstatus": "OK"})
    with pytest.raises(errors.BadAnswer, match=r"data\.ticket"):
        api.vncproxy(VM).check({"port": 5900})


def test_a_task_id_must_be_a_upid():
    with pytest.raises(errors.BadAnswer):
        api.power(VM, "start").check("OK")
    with pytest.raises(errors.BadAnswer):
        api.rollback(VM, "s").check("UPID:broken")
    assert api.power(VM, "start").task and not api.guest_config(VM).task


def test_a_config_value_is_never_a_list_or_object():
    with pytest.raises(errors.BadAnswer, match=r"data\.net0"):
        api.guest_config(VM).check({"net0": {"model": "virtio"}})


def test_path_segments_are_escaped():
    """Volume ids hold ':' and '/', and nothing typed can add a path segment."""
    op = api.volume("pve1", "local", "local:backup/vzdump-qemu-101.vma.zst")
    assert op.path == "/nodes/pve1/storage/local/content/local%3Abackup%2Fvzdump-qemu-101.vma.zst"
    assert api.rollback(VM, "../../x").path == "/nodes/pve1/qemu/101/snapshot/..%2F..%2Fx/rollback"
    assert api.guest_config(api.GuestRef("pve1", "qemu", "101")).path == "/nodes/pve1/qemu/101/config"


def test_pending_values_are_read_only_on_request():
    assert api.guest_config(VM).params == {}
    assert api.guest_config(VM, current=True).params == {"current": 1}
    assert api.next_id().params == {} and api.next_id(120).params == {"vmid": 120}


def test_bad_answers_are_worded():
    error = errors.BadAnswer("data[1].vmid: expected an integer, got 'abc'", method="GET", path="/cluster/resources")
    text = errors.describe(error)
    assert "/cluster/resources" in text and "data[1].vmid" in text and "Proxmox VE" in text


def test_shape_mismatch_shows_a_short_sample_only():
    exc = ShapeMismatch("data", "a list", "x" * 500)
    assert len(str(exc)) < 120

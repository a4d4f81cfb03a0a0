"""The demo's PVE 9.1 bulk actions (demo/bulk_action.py) against pve-manager's
PVE/API2/Cluster/BulkAction/Guest.pm, seen only through the API (proxmoxer, not our client)."""

from __future__ import annotations

import pytest
from proxmoxer import ProxmoxAPI
from proxmoxer.core import ResourceException

from virton_desktop.demo.access import DEMO_LOGINS
from virton_desktop.demo.served import ServedDemo

from helpers import proxmox


def worker_log(px, upid):
    node = upid.split(":")[1]
    status = px.nodes(node).tasks(upid).status.get()
    return status["exitstatus"], [line["t"] for line in px.nodes(node).tasks(upid).log.get(limit=500)]


def guests(demo, status):
    pve = demo.pve
    return sorted(g.vmid for g in list(pve.vms) + list(pve.cts)
                  if g.status == status and not g.template and not g.lock and not g.ha_managed
                  and getattr(g, "qmpstatus", status) == status)


def login(demo, name):
    user, secret = DEMO_LOGINS[name]
    if "!" in user:
        owner, token = user.split("!")
        return ProxmoxAPI(demo.host, port=demo.port, user=owner, token_name=token, token_value=secret,
                          verify_ssl=demo.cafile)
    return ProxmoxAPI(demo.host, port=demo.port, user=user, password=secret, verify_ssl=demo.cafile)


def test_shutdown_in_reverse_startup_order_with_skips_ending_in_warnings(demo):
    px = proxmox(demo)
    running, stopped = guests(demo, "running"), guests(demo, "stopped")
    first, second = running[:2]
    px.nodes(demo.pve.vm(first).node).qemu(first).config.put(startup="order=1")
    px.nodes(demo.pve.vm(second).node).qemu(second).config.put(startup="order=2,down=30")
    upid = px.cluster("bulk-action").guest.shutdown.post(vms=[first, second, stopped[0]])
    assert ":bulk-shutdown::root@pam:" in upid
    exit_status, log = worker_log(px, upid)
    assert exit_status == "WARNINGS: 1" and log[-1] == "TASK WARNINGS: 1"
    assert log[0] == "Shutting down guests: {0}".format(", ".join(str(x) for x in (first, second, stopped[0])))
    kind = "CT" if demo.pve.ct(stopped[0]) is not None else "VM"
    # No order (LONG_MAX) goes first when shutting down, then order 2, then order 1.
    assert log[1:] == ["WARN: Skipping {0} {1}, not running.".format(kind, stopped[0]),
                       "Shutting down VM {0} (Timeout = 30 seconds)".format(second),
                       "Shutting down VM {0} (Timeout = 180 seconds)".format(first),
                       "TASK WARNINGS: 1"]
    for vmid in (first, second):
        assert px.nodes(demo.pve.vm(vmid).node).qemu(vmid).status.current.get()["status"] == "stopped"


def test_a_refused_request_and_a_failed_task_each_named_and_the_worker_fails(demo):
    px = proxmox(demo)
    vms = [v for v in guests(demo, "stopped") if demo.pve.vm(v) is not None][:3]
    locked, failing, fine = vms
    demo.pve.vm(locked).lock = "backup"
    demo.pve.vm(failing).start_error = "start failed: QEMU exited with code 1"
    upid = px.cluster("bulk-action").guest.start.post(vms=vms)
    exit_status, log = worker_log(px, upid)
    assert exit_status == "Some guests failed to start: {0}, {1}".format(*sorted((locked, failing)))
    # fakepve refuses a locked VM's start task as PVE's worker does: "Starting VM … failed: …".
    assert "WARN: Starting VM {0} failed: VM is locked (backup)".format(locked) in log
    assert "WARN: Starting VM {0} failed: start failed: QEMU exited with code 1".format(failing) in log
    assert px.nodes(demo.pve.vm(fine).node).qemu(fine).status.current.get()["status"] == "running"


def test_permissions_are_checked_per_listed_guest_before_anything_starts(demo):
    operator = login(demo, "operator")  # PVEVMUser on the pool team-a (100, 101, …)
    outside = next(v for v in guests(demo, "running") if v not in (100, 101, 112, 201, 202))
    posts = len([r for r in demo.pve.requests if r[0] == "POST"])
    with pytest.raises(ResourceException) as refused:
        operator.cluster("bulk-action").guest.shutdown.post(vms=[100, outside])
    assert refused.value.status_code == 403
    assert "/vms/{0}, VM.PowerMgmt".format(outside) in str(refused.value)
    with pytest.raises(ResourceException) as everything:
        operator.cluster("bulk-action").guest.shutdown.post()
    assert everything.value.status_code == 403 and "/, VM.PowerMgmt" in str(everything.value)
    assert len([r for r in demo.pve.requests if r[0] == "POST"]) == posts + 2  # nothing else was sent
    # Allowed: the worker's own requests go as the operator (a token: as the token).
    for name in ("operator", "token"):
        upid = login(demo, name).cluster("bulk-action").guest.suspend.post(vms=[100])
        assert ":{0}:".format(DEMO_LOGINS[name][0]) in upid
        exit_status, log = worker_log(proxmox(demo), upid)
        assert exit_status in ("OK", "WARNINGS: 1"), log


def test_suspend_skips_containers_and_migrate_moves_to_the_target(demo):
    px = proxmox(demo)
    vm = next(v for v in guests(demo, "running") if demo.pve.vm(v) is not None)
    ct = next(v for v in guests(demo, "running") if demo.pve.ct(v) is not None)
    upid = px.cluster("bulk-action").guest.suspend.post(vms=[vm, ct])
    exit_status, log = worker_log(px, upid)
    assert exit_status == "WARNINGS: 1"
    assert "WARN: skipping {0}, only VMs can be suspended".format(ct) in log and "Suspending VM {0}".format(vm) in log
    assert px.nodes(demo.pve.vm(vm).node).qemu(vm).status.current.get()["qmpstatus"] == "paused"
    source = demo.pve.ct(ct).node
    target = next(n for n in sorted(demo.pve.nodes) if n != source and demo.pve.nodes[n].get("online", True))
    upid = px.cluster("bulk-action").guest.migrate.post(vms=[ct], target=target, online=1)
    exit_status, log = worker_log(px, upid)
    assert log[:2] == ["Migrating guests to {0}: {1}".format(target, ct), "Migrating CT {0}".format(ct)]
    assert exit_status == "OK", log
    assert demo.pve.ct(ct).node == target


def test_an_older_cluster_has_no_bulk_actions():
    with ServedDemo(time_scale=0, index=1) as older:
        assert proxmox(older).version.get()["version"].startswith("9.0")
        with pytest.raises(ResourceException) as missing:
            proxmox(older).cluster("bulk-action").guest.start.post(vms=[1100])
        assert missing.value.status_code == 501

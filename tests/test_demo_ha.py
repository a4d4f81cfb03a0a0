"""The demo cluster's HA-managed guests and overruled shutdowns behave as PVE's do (demo/power.py).

Read against qemu-server `PVE/API2/Qemu.pm` (vm_start, vm_stop, vm_shutdown: `hastart`/`hastop`
tasks, `crm-command stop vm:ID <timeout>`, overrule-shutdown refused for HA resources and
otherwise aborting the running qmshutdown tasks first) and pve-ha-manager `Manager.pm`
(started -> request_stop -> stopped; a start failing on every node -> error, which only
`disabled` clears).
"""

from __future__ import annotations

import pytest
from proxmoxer.core import ResourceException

from virton_desktop.demo import ServedDemo

from helpers import proxmox

HA_DELAY = 0.01  # real seconds per PVE second: the HA round (10 PVE s) takes 0.1 s


@pytest.fixture
def ha_demo():
    with ServedDemo(time_scale=HA_DELAY) as served:
        yield served


def resource(px, vmid):
    return next(r for r in px.cluster.resources.get(type="vm") if r["vmid"] == vmid)


def task(px, node, upid):
    return px.nodes(node).tasks(upid).status.get()


def test_ha_guests_listed_with_their_state(demo):
    px = proxmox(demo)
    states = {r["vmid"]: (r["type"], r["status"], r.get("hastate")) for r in px.cluster.resources.get(type="vm")}
    assert states[120] == ("qemu", "running", "started")
    assert states[121] == ("qemu", "stopped", "error")
    assert states[122] == ("qemu", "stopped", "stopped")
    assert states[209] == ("lxc", "running", "started")
    assert states[100][2] is None  # not HA-managed: no hastate at all


def test_shutdown_becomes_request_stop_then_a_stop(qtbot, ha_demo):
    vm = ha_demo.pve.vm(120)
    vm.shutdown_secs = 600  # the guest ignores ACPI: HA stops it hard at the timeout
    px = proxmox(ha_demo)
    upid = px.nodes("pve1").qemu(120).status.shutdown.post(timeout=30)
    assert ":hastop:120:" in upid
    qtbot.waitUntil(lambda: task(px, "pve1", upid)["status"] == "stopped", timeout=5000)
    assert task(px, "pve1", upid)["exitstatus"] == "OK"
    assert resource(px, 120)["status"] == "running"  # the task ended; the guest did not yet
    qtbot.waitUntil(lambda: resource(px, 120)["hastate"] == "request_stop", timeout=5000)
    assert resource(px, 120)["status"] == "running"
    qtbot.waitUntil(lambda: resource(px, 120)["status"] == "stopped", timeout=10000)
    assert resource(px, 120)["hastate"] == "stopped"
    log = [line["t"] for line in px.nodes("pve1").tasks(upid).log.get()]
    assert log == ["Requesting HA stop for VM 120", "TASK OK"]


def test_container_start_follows_later(qtbot, ha_demo):
    ct = ha_demo.pve.ct(209)
    ct.status, ct.ha_state = "stopped", "stopped"
    px = proxmox(ha_demo)
    upid = px.nodes("pve2").lxc(209).status.start.post()
    assert ":hastart:209:" in upid
    qtbot.waitUntil(lambda: resource(px, 209)["hastate"] == "started", timeout=5000)
    qtbot.waitUntil(lambda: resource(px, 209)["status"] == "running", timeout=5000)


def test_failed_start_ends_in_error_with_the_guest_stopped(qtbot, ha_demo):
    vm = ha_demo.pve.vm(122)
    vm.start_error = "start failed: QEMU exited with code 1"
    px = proxmox(ha_demo)
    upid = px.nodes("pve3").qemu(122).status.start.post()
    qtbot.waitUntil(lambda: task(px, "pve3", upid)["status"] == "stopped", timeout=5000)
    assert task(px, "pve3", upid)["exitstatus"] == "OK"  # the request was filed: that is all
    qtbot.waitUntil(lambda: resource(px, 122)["hastate"] == "error", timeout=5000)
    assert resource(px, 122)["status"] == "stopped"


def test_a_service_in_error_ignores_start(qtbot, ha_demo):
    px = proxmox(ha_demo)
    upid = px.nodes("pve2").qemu(121).status.start.post()
    qtbot.waitUntil(lambda: task(px, "pve2", upid)["status"] == "stopped", timeout=5000)
    assert task(px, "pve2", upid)["exitstatus"] == "OK"
    assert (resource(px, 121)["status"], resource(px, 121)["hastate"]) == ("stopped", "error")


def test_overrule_refused_for_ha_guests(demo):
    px = proxmox(demo)
    with pytest.raises(ResourceException) as raised:
        px.nodes("pve1").qemu(120).status.stop.post(**{"overrule-shutdown": 1})
    assert raised.value.status_code == 400
    assert "Not applicable for HA resources." in str(raised.value.errors)


@pytest.mark.parametrize("kind, node, vmid, shutdown", [("qemu", "pve1", 100, "qmshutdown"),
                                                        ("lxc", "pve1", 200, "vzshutdown")])
def test_stop_overrules_a_running_shutdown(qtbot, ha_demo, kind, node, vmid, shutdown):
    ha_demo.pve.guest(vmid).shutdown_secs = 6000  # 60 real seconds: far past this test
    px = proxmox(ha_demo)
    guest = getattr(px.nodes(node), kind)(vmid)
    pending = guest.status.shutdown.post(timeout=6000)
    assert task(px, node, pending)["status"] == "running"
    upid = guest.status.stop.post(**{"overrule-shutdown": 1})
    qtbot.waitUntil(lambda: task(px, node, upid)["status"] == "stopped", timeout=5000)
    assert task(px, node, upid)["exitstatus"] == "OK"  # it got the config lock: no timeout
    assert task(px, node, pending)["exitstatus"] == "received interrupt"
    assert resource(px, vmid)["status"] == "stopped"
    log = [line["t"] for line in px.nodes(node).tasks(upid).log.get()]
    assert log[0] == "overruled {0} tasks: {1}".format(shutdown, pending)


def test_ha_status_lists_the_services_as_pve_does(qtbot, ha_demo):
    px = proxmox(ha_demo)
    status = {item["id"]: item for item in px.cluster.ha.status.current.get()}
    assert status["quorum"]["quorate"] == 1 and status["master"]["type"] == "master"
    assert {"lrm:pve1", "lrm:pve2", "lrm:pve3"} <= set(status)
    error = status["service:vm:121"]
    assert (error["crm_state"], error["request_state"], error["state"]) == ("error", "started", "error")
    assert error["status"] == "vm:121 (pve2, error)"
    assert status["service:ct:209"]["state"] == "started" and "service:vm:100" not in status
    px.nodes("pve3").qemu(122).status.start.post()
    starting = {item["id"]: item for item in px.cluster.ha.status.current.get()}["service:vm:122"]
    assert (starting["crm_state"], starting["request_state"], starting["state"]) == ("stopped", "started",
                                                                                      "starting")
    qtbot.waitUntil(lambda: resource(px, 122)["status"] == "running", timeout=5000)

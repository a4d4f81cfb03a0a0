"""Real PVE answers from public sources (tests/data/pve-answers/README.md) through our parsers:
what PVE means by them is what the app takes from them."""

import json
from pathlib import Path

import pytest

from virton_desktop.pve import api, backup, errors, parse, tasklog, tfa
from virton_desktop.pve.entities import Instance, Task

DATA = Path(__file__).parent / "data" / "pve-answers"


def load(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


# ------------------------------------------------------------------ /cluster/resources

def test_cluster_resources_pass_the_shape_check_and_read_as_pve_means():
    items = load("cluster-resources-vm.json")
    api.cluster_resources().check(items)
    guests = {g.vmid: g for g in (Instance.from_api("c", item) for item in items)}
    assert set(guests) == {100, 101, 102, 103, 104, 105}
    assert guests[100].is_vm and guests[100].alive and guests[100].cpu == pytest.approx(0.174069059487628)
    assert guests[102].type == "lxc" and guests[102].status == "running" and guests[102].disk == 352190464
    assert {g.vmid for g in guests.values() if g.pool == "pool1"} == {101, 103, 104, 105}
    assert guests[100].pool == "" and guests[100].hastate == "" and guests[100].lock == ""
    assert guests[105].name == "" and not guests[105].template  # a container without a name is still listed
    assert not any(g.hibernated for g in guests.values())


# ------------------------------------------------------------------ tasks and UPIDs

@pytest.mark.parametrize("case", load("pve-common-tests.json")["decode"], ids=lambda c: c["in"][:40])
def test_upids_decode_as_pve_common_does(case):
    if case.get("must_fail"):
        with pytest.raises(ValueError):
            parse.upid(case["in"])
        return
    got = parse.upid(case["in"])._asdict()
    assert got == case["out"]


def test_node_task_listing_from_pve_6_4():
    items = load("node-tasks-pve6.4.json")
    api.cluster_tasks().check(items)  # the same items as the node listing
    tasks = [Task.from_listing("c", item) for item in items]
    assert [t.ok for t in tasks] == [True, False, True]
    failed = tasks[1]
    assert failed.failed and failed.exitstatus == "command 'ifreload -a' failed: exit code 1"
    assert failed.starttime == items[1]["starttime"] and failed.endtime == 1627975785
    assert all(t.vmid is None and t.type == "srvreload" and t.user == "root@pam" for t in tasks)


@pytest.mark.parametrize("kind", ["running", "interrupted", "ok"])
def test_task_status_answers(kind):
    item = load("tasks-proxmoxer.json")["task_status"][kind]
    api.task_status("node1", item["upid"]).check(item)
    task = Task.from_upid("c", item["upid"]).with_status(item)
    assert task.running == (kind == "running")
    assert task.ok == (kind == "ok") and task.failed == (kind == "interrupted")
    assert task.vmid == 110 and task.type == "vzdump"


def test_a_task_id_may_be_empty():
    upid = load("tasks-proxmoxer.json")["upids"][0]
    api.task_status("node", upid).check({"status": "stopped", "exitstatus": "OK"})
    task = Task.from_upid("c", upid)
    assert task.type == "aptupdate" and task.id == "" and task.vmid is None


@pytest.mark.parametrize("case", load("pve-common-tests.json")["task_logs"], ids=lambda c: c["expected_status"])
def test_task_end_lines_and_the_statuses_pve_reads_from_them(case):
    items = [{"n": i + 1, "t": t} for i, t in enumerate(case["log"].splitlines())]
    cursor = tasklog.TaskLogCursor("n", "UPID:n:0000C346:165A0CE4:68D7279C:t::root@pam:")
    cursor.feed(items)
    status = case["expected_status"]
    assert cursor.ended == (status != "unexpected status")  # an empty log has no end line
    task = Task("c", "UPID:n:0000C346:165A0CE4:68D7279C:t::root@pam:", "n", "t", "", "root@pam", 0, "stopped",
                status)
    # pve-common status_is_error: only OK and WARNINGS: n are not errors.
    assert task.ok == (status == "OK" or status.startswith("WARNINGS:")) and task.failed == (not task.ok)


def test_short_task_log_is_read_to_its_end():
    items = load("tasks-proxmoxer.json")["task_log"]
    upid = "UPID:node:000CFC5C:03E8D0C3:6194806C:aptupdate::root@pam:"
    api.task_log("node", upid).check(items)
    cursor = tasklog.TaskLogCursor("node", upid)
    assert cursor.feed(items) == ["client connection: 127.0.0.1:49608", "TASK OK"] and cursor.ended


def test_a_vzdump_log_with_gaps_in_its_numbers():
    vz = load("vzdump-ansible.json")
    cursor = tasklog.TaskLogCursor("node1", vz["vzdump_answers"]["node1"])
    lines = cursor.feed(vz["task_log"])
    assert lines[0].startswith("INFO: starting new backup job: vzdump 100") and lines[-1] == "TASK OK"
    assert cursor.ended and cursor.offset == 27  # the next page starts after the highest line number
    assert backup.last_progress(lines) is None  # a container: no percentage


def test_vzdump_answers_a_task_or_ok():
    vz = load("vzdump-ansible.json")
    op = api.vzdump("node1", {"vmid": "100"})
    for answer in vz["vzdump_answers"].values():
        op.check(answer)
    with pytest.raises(errors.BadAnswer):
        op.check({"upid": vz["vzdump_answers"]["node1"]})


@pytest.mark.parametrize("seconds, text", load("pve-common-tests.json")["durations"])
def test_render_duration_reads_back(seconds, text):
    assert backup.duration_seconds(text) == round(seconds or 0)  # render_duration rounds to the second


# ------------------------------------------------------------------ permissions

def test_permissions_answer_passes_and_zero_is_a_propagate_flag():
    perms = load("access-permissions.json")
    api.permissions().check(perms)
    # 0 is "held here, not inherited below" (pve-access-control), never "missing".
    assert perms["/vms/101"]["Datastore.AllocateSpace"] == 0 and "Datastore.AllocateSpace" in perms["/vms/101"]


# ------------------------------------------------------------------ TFA half tickets

@pytest.mark.parametrize("case", load("tfa-challenges.json"), ids=lambda c: c["what"][:30])
def test_tfa_half_tickets(case):
    got = tfa.parse_ticket(case["ticket"])
    assert [m.value for m in got.methods] == case["methods"]
    assert got.browser_only == case.get("browser_only", False)
    assert got.recovery_used_up == case.get("recovery_used_up", False)
    assert list(got.recovery_ids) == case.get("recovery_ids", [])

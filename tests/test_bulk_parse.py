"""pve/bulk.py: which clusters have PVE 9.1's bulk actions, and each guest's fate from the worker's log
(lines as pve-manager's PVE/API2/Cluster/BulkAction/Guest.pm prints them)."""

from virton_desktop.pve import bulk
from virton_desktop.pve.bulk import Failure


def test_supported_from_the_version_answer():
    assert bulk.supported("9.1.2") and bulk.supported("9.1") and bulk.supported("10.0.1")
    assert not bulk.supported("9.0.10") and not bulk.supported("8.4.14") and not bulk.supported("")
    assert bulk.supported("9.1~beta1") and not bulk.supported("garbage")


def test_failures_from_the_log_and_the_exit_status():
    log = ["Shutting down guests: 100, 101, 105", "Shutting down VM 100 (Timeout = 180 seconds)",
           "WARN: Skipping VM 101, not running.", "Shutting down VM 105 (Timeout = 180 seconds)",
           "WARN: Stopping VM 105 failed: VM is locked (backup)",
           "WARN: Stopping CT 200 failed: could not query task status",
           "TASK ERROR: Some guests failed to shutdown 105, 200, 300"]
    got = bulk.failures(log, "Some guests failed to shutdown 105, 200, 300")
    assert got[105] == Failure("VM is locked (backup)") and got[200].reason == "could not query task status"
    assert got[300] == Failure("Some guests failed to shutdown 105, 200, 300")  # named only in the summary
    assert 100 not in got and 101 not in got
    assert bulk.failures(["Starting VM 100"], "Some guests failed to start: 100") == {
        100: Failure("Some guests failed to start: 100")}
    assert bulk.failures([], "OK") == {}


def test_a_refused_request_is_the_warning_right_after_its_guest_line():
    # handle_task_foreach_guest: `log_warn("$@")` when the API client's POST died (code + reason);
    # skips of the guests before and after are warnings too, and not failures.
    log = ["Starting guests: 100, 101, 102, 103", "WARN: Skipping VM 100, already running.",
           "Starting VM 101", "WARN: 500 VM 101 is locked (backup)", "Starting CT 102",
           "WARN: skipping 103, only VMs can be suspended", "Starting VM 103",
           "WARN: 403 Permission check failed (/vms/103, VM.PowerMgmt)",
           "TASK ERROR: Some guests failed to start: 101, 103"]
    got = bulk.failures(log, "Some guests failed to start: 101, 103")
    assert got == {101: Failure("VM 101 is locked (backup)", 500),
                   103: Failure("Permission check failed (/vms/103, VM.PowerMgmt)", 403)}
    assert bulk.failures(["Migrating guests to pve2: 100", "WARN: VM 100 already on pve2, skipping."],
                         "WARNINGS: 1") == {}


def test_a_guests_own_task_belongs_to_the_worker_of_its_action_and_user():
    from virton_desktop.pve.entities import Task
    from virton_desktop.pve.power import Action

    def upid(kind, vmid, user="root@pam", start=0x6B000010):
        return "UPID:pve1:0000AB12:00C0FFEE:{0:08X}:{1}:{2}:{3}:".format(start, kind, vmid, user)

    worker = Task.from_upid("demo", upid("bulk-shutdown", ""))
    assert bulk.guest_task_of(worker, Task.from_upid("demo", upid("qmshutdown", 105)), Action.SHUTDOWN) == 105
    assert bulk.guest_task_of(worker, Task.from_upid("demo", upid("hastop", 120)), Action.SHUTDOWN) == 120
    assert bulk.guest_task_of(worker, Task.from_upid("demo", upid("qmstart", 105)), Action.SHUTDOWN) is None
    assert bulk.guest_task_of(worker, Task.from_upid("demo", upid("qmshutdown", 105, "alice@pve")),
                              Action.SHUTDOWN) is None  # someone else's
    assert bulk.guest_task_of(worker, Task.from_upid("demo", upid("qmshutdown", 105, start=0x6B000001)),
                              Action.SHUTDOWN) is None  # before the worker began
    assert bulk.guest_task_of(worker, Task.from_upid("demo-2", upid("qmshutdown", 105)), Action.SHUTDOWN) is None

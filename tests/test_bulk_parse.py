"""pve/bulk.py: which clusters have PVE 9.1's bulk actions, and each guest's fate from the worker's log
(lines as pve-manager's PVE/API2/Cluster/BulkAction/Guest.pm prints them)."""

from virton_desktop.pve import bulk


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
    assert got[105] == "VM is locked (backup)" and got[200] == "could not query task status"
    assert got[300] == "Some guests failed to shutdown 105, 200, 300"  # named only in the summary
    assert 100 not in got and 101 not in got
    assert bulk.failures(["Starting VM 100"], "Some guests failed to start: 100") == {
        100: "Some guests failed to start: 100"}
    assert bulk.failures([], "OK") == {}

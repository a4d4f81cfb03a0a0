"""Pending changes shown as pending (issue 15, item 2) against the demo cluster.

Real PVE answers `GET …/config` with pending values applied and keys pending deletion left
out (pve-guest-common `load_current_config`); only `current=1` gives what runs now. The demo
does the same, and the guest page reads `current=1`, so a running guest's page says
"4.0 GiB → 8.0 GiB", never "8.0 GiB → 8.0 GiB", and a NIC or disk pending removal stays in its
table marked "removed at next start".
"""

import pytest

from helpers import api, make_model, open_page


@pytest.fixture
def model(session):
    return make_model(session)


def test_demo_config_merges_pending_unless_current(qtbot, session):
    base = "/nodes/pve1/qemu/102"
    before = api(qtbot, session, "GET", base + "/config", {"current": 1})
    api(qtbot, session, "PUT", base + "/config", {"memory": 20480, "delete": "net1"})  # running: pending
    merged = api(qtbot, session, "GET", base + "/config")
    current = api(qtbot, session, "GET", base + "/config", {"current": 1})
    assert merged["memory"] == "20480" and "net1" not in merged
    assert current["memory"] == before["memory"] and current["net1"] == before["net1"]
    assert merged["digest"] == current["digest"]


def test_page_shows_now_and_after_and_marks_removals(qtbot, session, model):
    page = open_page(qtbot, session, model, 102)
    memory_now = page.resources.text("memory")
    api(qtbot, session, "PUT", "/nodes/pve1/qemu/102/config",
        {"memory": 20480, "delete": "net1,scsi1"})
    with qtbot.waitSignal(page.config_loaded, timeout=10000):
        page.reload_config()
    assert page.resources.text("memory") == memory_now + " → 20.0 GiB (after restart)"
    assert page.network.row("net1")[-1] == "removed at next start"
    assert page.disks.row("scsi1")[-1] == "removed at next start"
    assert ["memory", "16384", "→", "20480"] in page.pending_box.rows


def test_settings_dialog_lists_what_is_pending(qtbot, session, model):
    page = open_page(qtbot, session, model, 102)
    api(qtbot, session, "PUT", "/nodes/pve1/qemu/102/config", {"memory": 6144, "delete": "net1"})
    dialog = page.open_settings()
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        pass
    assert dialog.memory.value() == 6144  # the value after the next start, as PVE's editor shows it
    assert [r.nic.key for r in dialog.nic_rows] == ["net0"]
    note = dialog.pending_note.text()
    assert "memory: 16384 now, 6144 after the next start" in note and "net1:" in note and "removed" in note
    assert dialog.changes() == ({}, [], [])

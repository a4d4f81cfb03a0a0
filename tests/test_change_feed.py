"""The last-known guest list at start-up, and the feed of what changed while the app was closed."""

from __future__ import annotations

import json
import os

import pytest
from proxmoxer import ProxmoxAPI

from virton_desktop import change_feed, last_known
from virton_desktop.change_feed import BACKUP_FAILED, CREATED, DESTROYED, MIGRATED, STARTED, STOPPED, TASK_FAILED
from virton_desktop.pve.entities import Instance, Task
from virton_desktop.ui.main_window import MainWindow

from conftest import make_session
from helpers import proxmox

DOCS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs")


def guest(vmid, node="pve1", status="running", name=None):
    return Instance("c", vmid, name or "g{0}".format(vmid), "qemu", node, status)


def task(vmid, type_, user="alice@pve", start=2000, status="OK", node="pve1"):
    upid = "UPID:{0}:0000AAAA:00000001:{1:08X}:{2}:{3}:{4}:".format(node, start, type_, vmid, user)
    return Task.from_listing("c", {"upid": upid, "status": status, "endtime": start + 5})


# ------------------------------------------------------------------ the diff


def test_changes_name_what_happened_and_who_did_it():
    before = [guest(100), guest(101, status="stopped"), guest(102), guest(103)]
    after = [guest(100, status="stopped"), guest(101), guest(102, node="pve2"), guest(104)]
    tasks = [task(100, "qmshutdown", "alice@pve", 2001), task(101, "qmstart", "bob@pve", 2002),
             task(102, "qmigrate", "alice@pve", 2003), task(104, "qmcreate", "carol@pve", 2004),
             task(103, "qmdestroy", "alice@pve", 2005), task(105, "vzdump", "root@pam", 2006,
                                                              status="Backup of VM 105 failed - VM is locked (backup)"),
             task(100, "qmstart", "dave@pve", 1000)]  # before the list was saved: explains nothing
    found = change_feed.changes("c", before, after, tasks, since=2000.4)
    got = {(c.kind, c.vmid, c.user) for c in found}
    assert got == {(STOPPED, 100, "alice@pve"), (STARTED, 101, "bob@pve"), (MIGRATED, 102, "alice@pve"),
                   (CREATED, 104, "carol@pve"), (DESTROYED, 103, "alice@pve"), (BACKUP_FAILED, 105, "root@pam")}
    migrated = next(c for c in found if c.kind == MIGRATED)
    assert migrated.detail == "pve1 → pve2"
    assert [c.when for c in found] == sorted((c.when for c in found), reverse=True)


def test_nothing_changed_is_an_empty_feed_and_unexplained_changes_have_no_user():
    same = [guest(100), guest(101, status="stopped")]
    assert change_feed.changes("c", same, same, [], since=0) == []
    found = change_feed.changes("c", [guest(100)], [guest(100, status="stopped")], [], since=0)
    assert [(c.kind, c.user) for c in found] == [(STOPPED, "")]
    failed = change_feed.changes("c", same, same, [task(101, "qmstart", status="start failed: no disk")], since=0)
    assert [(c.kind, c.detail) for c in failed] == [(TASK_FAILED, "qmstart: start failed: no disk")]


# ------------------------------------------------------------------ the stored list


def test_last_known_round_trip_and_damage(tmp_path):
    guests = [guest(100), Instance("c", 200, "ct", "lxc", "pve2", "stopped", tags=("prod", "db"), maxmem=1024)]
    last_known.save("name:c", 1234.5, last_known.rows_of(guests), tmp_path)
    snap = last_known.load("name:c", "renamed", tmp_path)
    assert snap.saved_at == 1234.5
    assert [g.key for g in snap.guests] == [("renamed", 100), ("renamed", 200)]
    assert snap.guests[1].tags == ("prod", "db") and snap.guests[1].maxmem == 1024
    text = last_known.path_for("name:c", tmp_path).read_text()
    assert "password" not in text and "ticket" not in text

    path = last_known.path_for("name:c", tmp_path)
    path.write_text('{"version": 1, "fields": ["vmid"], "rows": [["x"]], "saved_at": 1}')
    assert last_known.load("name:c", "c", tmp_path) is None
    assert not path.exists() and list(path.parent.glob(path.name + ".damaged-*"))
    path.write_text(json.dumps({"version": 99, "rows": []}))
    assert last_known.load("name:c", "c", tmp_path) is None and path.exists()  # a newer format: left alone


# ------------------------------------------------------------------ in the app


@pytest.fixture
def state(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    return tmp_path


def new_window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.last_known.start()
    return w


def wait_stopped(qtbot, px, node, upid):
    qtbot.waitUntil(lambda: px.nodes(node).tasks(upid).status.get()["status"] == "stopped", timeout=15000)


def test_cached_list_before_login_then_the_feed_of_changes_made_while_closed(qtbot, qapp, demo, state):
    if os.environ.get("VIRTON_SCREENSHOTS") == "ko":
        from virton_desktop import i18n

        i18n.install(qapp, "ko")
    w = new_window(qtbot)
    with qtbot.waitSignal(w.first_data, timeout=15000):
        w.clusters.add(make_session(demo))
    before = {g.key: g for g in w.model.all_instances()}
    assert before[("demo", 100)].status == "running" and before[("demo", 101)].status == "stopped"
    w.close()
    for s in w.clusters.sessions():
        s.close()

    # While the app is closed: an operator stops web1, root starts web-staging, migrates a
    # stopped VM, destroys another, and a backup fails.
    operator = ProxmoxAPI(demo.host, port=demo.port, user="operator@pve", password="operator-demo",
                          verify_ssl=demo.cafile)
    wait_stopped(qtbot, operator, "pve1", operator.nodes("pve1").qemu(100).status.stop.post())
    px = proxmox(demo)
    node_of = {g.vmid: g.node for g in before.values()}
    wait_stopped(qtbot, px, node_of[101], px.nodes(node_of[101]).qemu(101).status.start.post())
    target = "pve1" if node_of[112] != "pve1" else "pve2"
    wait_stopped(qtbot, px, node_of[112], px.nodes(node_of[112]).qemu(112).migrate.post(target=target))
    wait_stopped(qtbot, px, node_of[115], px.nodes(node_of[115]).qemu(115).delete())
    px.nodes(node_of[105]).vzdump.post(vmid=105, storage="nfs-storage")  # 105 is locked: fails

    # The next start: the list as it was is on screen at once — stale, its actions disabled.
    w2 = new_window(qtbot)
    w2.show()
    session = make_session(demo)
    w2.clusters.add(session)
    cached = w2.model.get(("demo", 100))
    assert cached is not None and cached.status == "running" and w2.model.is_stale("demo")
    assert w2.last_known.is_cached("demo")
    w2.page.select(("demo", 100))
    assert w2.page.selected() and not any(qa.isEnabled() for qa in w2.power_actions.values())
    assert w2.cluster_bar.label.text().startswith("demo: ") and not w2.cluster_bar.isHidden()

    # Then live, and the feed says what changed and who did it.
    qtbot.waitUntil(lambda: not w2.model.is_stale("demo") and w2.last_known.model.rowCount() > 0, timeout=15000)
    assert w2.model.get(("demo", 100)).status == "stopped" and w2.model.get(("demo", 115)) is None
    got = {(c.kind, c.vmid): c for c in w2.last_known.model.changes}
    assert got[(STOPPED, 100)].user == "operator@pve"
    assert got[(STARTED, 101)].user == "root@pam"
    assert got[(MIGRATED, 112)].detail == "{0} → {1}".format(node_of[112], target)
    assert (DESTROYED, 115) in got
    assert got[(BACKUP_FAILED, 105)].detail.startswith("vzdump: Backup of VM 105 failed")
    assert w2.last_known.notice.isVisible() and str(len(got)) in w2.last_known.notice.text()

    dock = w2.last_known.show_feed()
    assert dock.table.model().rowCount() == len(got)
    if os.environ.get("VIRTON_SCREENSHOTS"):  # docs/change-feed[-ko].png
        w2.resize(1400, 860)
        qtbot.waitUntil(lambda: dock.isVisible())
        lang = os.environ["VIRTON_SCREENSHOTS"]
        w2.grab().save(os.path.join(DOCS, "change-feed" + ("-ko" if lang == "ko" else "") + ".png"))
    dock.seen_button.click()
    assert w2.last_known.model.rowCount() == 0 and not w2.last_known.notice.isVisible()
    w2.close()
    for s in w2.clusters.sessions():
        s.close()


def test_feed_model_passes_the_model_tester(qtmodeltester):
    from virton_desktop.ui.change_feed_view import FeedModel

    model = FeedModel()
    model.add(change_feed.changes("c", [guest(100)], [guest(100, "pve2", "stopped"), guest(7)], [], since=0))
    qtmodeltester.check(model)

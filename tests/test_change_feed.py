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


def test_only_the_newest_changes_are_made_and_the_rest_counted():
    """A cluster rebuilt or a CI farm: thousands of guests gone and made between two starts. Only
    the newest KEPT become Changes (those a task explains first, then by vmid), all are counted."""
    before = [guest(vmid) for vmid in range(1000, 4000)]
    after = [guest(vmid) for vmid in range(5000, 8000)]
    tasks = [task(7999, "qmcreate", "carol@pve", 2100), task(1000, "qmdestroy", "alice@pve", 2050),
             task(42, "qmstart", status="start failed: no disk", start=2075)]
    found, total = change_feed.found_changes("c", before, after, tasks, since=2000, limit=change_feed.KEPT)
    assert total == 6001 and len(found) == change_feed.KEPT
    assert [(c.kind, c.vmid, c.user) for c in found[:3]] == [
        (CREATED, 7999, "carol@pve"), (TASK_FAILED, 42, "alice@pve"), (DESTROYED, 1000, "alice@pve")]
    unexplained = found[3:]
    assert all(c.when == 0 for c in unexplained)
    assert [c.vmid for c in unexplained] == sorted(c.vmid for c in unexplained)
    everything = change_feed.changes("c", before, after, tasks, since=2000)
    assert len(everything) == total and everything[:change_feed.KEPT] == found


def test_the_feed_file_keeps_the_newest_changes_and_counts_the_others(tmp_path):
    from virton_desktop.seen_changes import FILE_NAME, SeenFile

    many = change_feed.changes("c", [], [guest(vmid) for vmid in range(100, 100 + change_feed.KEPT + 40)], [], since=0)
    SeenFile(tmp_path).put("name:c", None, many, dropped=7)
    back = SeenFile(tmp_path).get("name:c", "c")
    assert back.unseen == tuple(many[:change_feed.KEPT]) and back.dropped == 47
    # A file an earlier version wrote, every change kept: read as the newest KEPT and a count.
    raw = json.loads((tmp_path / FILE_NAME).read_text())
    entry = raw["clusters"]["name:c"]
    entry["unseen"] = entry["unseen"] * 3
    del entry["dropped"]
    (tmp_path / FILE_NAME).write_text(json.dumps(raw))
    old = SeenFile(tmp_path).get("name:c", "c")
    assert len(old.unseen) == change_feed.KEPT and old.dropped == 2 * change_feed.KEPT


# ------------------------------------------------------------------ the stored list


def test_last_known_round_trip_and_damage(tmp_path):
    guests = [guest(100), Instance("c", 200, "ct", "lxc", "pve2", "stopped", tags=("prod", "db"), maxmem=1024)]
    last_known.save("name:c", 1234.5, guests, tmp_path)
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


class HeldLogin:
    """POST /access/ticket waits until `release()`, then logs in for real: a login that is slow."""

    def __init__(self, demo):
        self.arrived = 0
        self.released = False
        self._pve = demo.pve
        demo.pve.vt_faults[("POST", "/api2/json/access/ticket")] = self._held

    async def _held(self, request):
        import asyncio

        self.arrived += 1
        while not self.released:
            await asyncio.sleep(0.05)
        return await self._pve._ticket(request)

    def release(self):
        self.released = True
        self._pve.vt_faults.pop(("POST", "/api2/json/access/ticket"), None)


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


def test_cached_list_before_login_then_the_feed_of_changes_made_while_closed(qtbot, demo, state):
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

    # The next start, its login slow: the list as it was is on screen — stale, its actions disabled.
    held = HeldLogin(demo)
    w2 = new_window(qtbot)
    w2.show()
    session = make_session(demo)
    w2.clusters.add(session)
    qtbot.waitUntil(lambda: w2.last_known.is_cached("demo"), timeout=5000)
    cached = w2.model.get(("demo", 100))
    assert cached is not None and cached.status == "running" and w2.model.is_stale("demo")
    assert w2.last_known.is_cached("demo")
    w2.page.select(("demo", 100))
    assert w2.page.selected() and not any(qa.isEnabled() for qa in w2.power_actions.values())
    assert w2.cluster_bar.label.text().startswith("demo: ") and not w2.cluster_bar.isHidden()
    held.release()

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


def test_the_feed_model_keeps_the_newest_of_each_cluster_and_counts_the_rest(qtmodeltester):
    from virton_desktop.ui.change_feed_view import FeedModel

    model = FeedModel()
    many = change_feed.changes("c", [], [guest(vmid) for vmid in range(1000, 1000 + change_feed.KEPT + 100)],
                               [task(1000 + change_feed.KEPT + 99, "qmcreate", start=5000)], since=0)
    other = change_feed.changes("d", [guest(5)], [], [], since=0)
    model.add(many + other)
    qtmodeltester.check(model)
    assert len(model.of_cluster("c")) == change_feed.KEPT and model.of_cluster("d") == other
    assert model.changes[0].vmid == 1000 + change_feed.KEPT + 99  # the newest (a task says when) is kept
    assert model.dropped == {"c": 100} and model.total() == change_feed.KEPT + 101
    model.add(model.of_cluster("c"))  # listed ones found again (kept from an earlier run): nothing twice
    model.dropped_at_least("c", 60)  # what the file counted is no news
    assert model.dropped == {"c": 100}
    model.dropped_at_least("c", 150)  # another instance counted more meanwhile
    assert model.total() == change_feed.KEPT + 151
    model.clear()
    assert model.total() == 0 and model.rowCount() == 0


# ------------------------------------------------------------------ the demo's other user


def first_run(qtbot, demo):
    """A window that saw the demo's list, then closed (the list kept)."""
    w = new_window(qtbot)
    with qtbot.waitSignal(w.first_data, timeout=15000):
        w.clusters.add(make_session(demo))
    before = {g.vmid: g for g in w.model.all_instances()}
    w.close()
    for s in w.clusters.sessions():
        s.close()
    return before


def assert_cached_and_idle(qtbot, w, before):
    qtbot.waitUntil(lambda: w.last_known.is_cached("demo"), timeout=5000)  # read on a background thread
    assert w.model.is_stale("demo")
    assert {g.vmid for g in w.model.all_instances()} == set(before)
    running = next(v for v, g in before.items() if g.status == "running")
    w.page.select(("demo", running))
    assert w.page.selected() and not any(qa.isEnabled() for qa in w.power_actions.values())
    assert w.actions.trigger(next(iter(w.power_actions)), w.page.selected()) == 0
    # Ours ("showing the list as it was … ago"), or the offline one ("showing data from … ago").
    assert "demo" in w.cluster_bar.label.text() and " ago" in w.cluster_bar.label.text()
    assert not w.cluster_bar.isHidden()


def test_demo_activity_is_another_users_tasks_as_pve_lists_them(demo):
    done = demo.call(demo.pve.vt_other_user_activity())
    assert set(done) == {CREATED, DESTROYED, MIGRATED, STARTED, STOPPED, BACKUP_FAILED}
    listing = proxmox(demo).cluster.tasks.get()
    alice = {t["type"]: t for t in listing if t["user"] == "alice@pve"}
    assert set(alice) == {"qmcreate", "qmdestroy", "qmigrate", "qmstart", "qmstop", "vzdump"}
    assert all(t["upid"].startswith("UPID:") and t["upid"].endswith(":alice@pve:") for t in alice.values())
    assert alice["qmstart"]["status"] == "OK"
    assert alice["vzdump"]["status"].startswith("Backup of VM {0} failed".format(done[BACKUP_FAILED]))


def test_slow_login_shows_the_cached_list_then_the_feed_of_what_alice_did(qtbot, qapp, demo, state):
    if os.environ.get("VIRTON_SCREENSHOTS") == "ko":
        from virton_desktop import i18n

        i18n.install(qapp, "ko")
    before = first_run(qtbot, demo)
    done = demo.call(demo.pve.vt_other_user_activity())  # while the app is closed

    held = HeldLogin(demo)
    w = new_window(qtbot)
    w.show()
    w.clusters.add(make_session(demo))
    qtbot.waitUntil(lambda: held.arrived >= 1, timeout=15000)  # the login is on its way, not answered
    assert_cached_and_idle(qtbot, w, before)

    held.release()
    qtbot.waitUntil(lambda: not w.model.is_stale("demo") and w.last_known.model.rowCount() > 0, timeout=15000)
    assert not w.last_known.is_cached("demo")
    got = {(c.kind, c.vmid): c for c in w.last_known.model.changes}
    for kind, vmid in done.items():
        assert got[(kind, vmid)].user == "alice@pve", kind
    assert w.model.get(("demo", done[DESTROYED])) is None and w.model.get(("demo", done[CREATED])) is not None
    assert "alice-scratch" in w.last_known.model.data(w.last_known.model.index(
        next(i for i, c in enumerate(w.last_known.model.changes) if c.kind == CREATED), 2))
    assert w.last_known.notice.isVisible() and str(len(got)) in w.last_known.notice.text()
    if os.environ.get("VIRTON_SCREENSHOTS"):  # docs/change-feed[-ko].png
        from PySide6.QtCore import Qt

        dock = w.last_known.show_feed()
        w.resize(1400, 900)
        qtbot.waitUntil(lambda: dock.isVisible() and w.height() == 900)
        w.resizeDocks([dock], [300], Qt.Orientation.Vertical)
        qtbot.waitUntil(lambda: dock.height() >= 250)
        lang = os.environ["VIRTON_SCREENSHOTS"]
        w.grab().save(os.path.join(DOCS, "change-feed" + ("-ko" if lang == "ko" else "") + ".png"))
    w.close()
    for s in w.clusters.sessions():
        s.close()
    if os.environ.get("VIRTON_SCREENSHOTS") == "ko":
        from virton_desktop import i18n

        i18n.install(qapp, "en")  # the next tests read English


def test_offline_start_shows_the_cached_list_with_its_age(qtbot, demo, state):
    from faults import serve_again, stop_serving

    before = first_run(qtbot, demo)
    stop_serving(demo)  # the server is unreachable at the next start
    w = new_window(qtbot)
    w.show()
    w.clusters.add(make_session(demo))
    assert_cached_and_idle(qtbot, w, before)
    assert w.age_text("demo")  # the list's age, e.g. "3 second(s)"
    serve_again(demo)
    qtbot.waitUntil(lambda: not w.model.is_stale("demo"), timeout=30000)
    assert not w.last_known.is_cached("demo")
    w.close()
    for s in w.clusters.sessions():
        s.close()


def test_ten_thousand_cached_guests_at_start(qtbot, state):
    """Loading a 10,000-guest list onto the screen, and copying it for a save (figures, not asserted)."""
    import time as clock

    from PySide6.QtCore import QTimer

    from virton_desktop.pve.client import Credentials, PveClient
    from virton_desktop.session import ClusterSession

    from conftest import Heartbeat, record_figure, record_stall

    guests = [Instance("big", 1000 + n, "g{0}".format(n), "qemu" if n % 3 else "lxc", "pve{0}".format(n % 50),
                       "running" if n % 4 else "stopped", tags=("prod",) if n % 7 == 0 else ()) for n in range(10_000)]
    started = clock.perf_counter()
    handed = list(guests)  # what the GUI thread hands the writer (LastKnownState._job)
    copy_ms = (clock.perf_counter() - started) * 1000
    last_known.save("name:big", clock.time() - 90, handed)
    w = new_window(qtbot)
    # Nothing listens on port 9: the cluster stays offline and its cached list stays on screen.
    session = ClusterSession("big", PveClient("127.0.0.1", 9), Credentials("root@pam", password="x"))
    with Heartbeat() as beat:
        QTimer.singleShot(0, lambda: w.clusters.add(session))
        qtbot.waitUntil(lambda: w.model.rowCount() == 10_000, timeout=30000)
        qtbot.waitUntil(lambda: len(beat.gaps) > 5, timeout=5000)
    assert w.model.is_stale("big") and w.last_known.is_cached("big")
    record_stall("10,000 cached guests shown at start", True, beat.worst_ms)
    record_figure("last-known list of 10,000 guests: handed to its writer on the GUI thread in {0:.1f} ms".format(
        copy_ms))
    w.close()
    for s in w.clusters.sessions():
        s.close()


def test_unseen_changes_stay_listed_across_starts_until_marked_as_seen(qtbot, demo, state):
    from virton_desktop.seen_changes import SeenFile

    from faults import stop_serving

    first_run(qtbot, demo)
    demo.call(demo.pve.vt_other_user_activity())
    w = new_window(qtbot)
    w.clusters.add(make_session(demo))
    qtbot.waitUntil(lambda: w.last_known.model.rowCount() > 0, timeout=15000)
    found = set(w.last_known.model.changes)
    w.close()
    for s in w.clusters.sessions():
        s.close()
    stop_serving(demo)  # not even reachable: what was found is listed again, at once

    again = new_window(qtbot)
    again.show()
    again.clusters.add(make_session(demo))
    assert set(again.last_known.model.changes) == found and again.last_known.notice.isVisible()
    text = (state / "virton-desktop" / "change-feed.json").read_text()
    assert "alice@pve" in text and demo.password not in text and "PVE:" not in text  # no password, no ticket
    again.last_known.show_feed().seen_button.click()
    assert SeenFile(state / "virton-desktop").get("name:demo", "demo").unseen == ()
    assert SeenFile(state / "virton-desktop").get("name:demo", "demo").seen_at is not None
    again.close()
    for s in again.clusters.sessions():
        s.close()

    last = new_window(qtbot)
    last.clusters.add(make_session(demo))
    assert last.last_known.model.rowCount() == 0 and not last.last_known.notice.isVisible()
    last.close()
    for s in last.clusters.sessions():
        s.close()


def test_thousands_of_changes_list_the_newest_say_how_many_and_are_written_off_the_gui_thread(
        qtbot, demo, state, monkeypatch):
    """3,000 guests gone since the last start (a CI farm's night): the feed lists the newest KEPT,
    the status bar counts all of them, the dock says how many it does not list, and the file
    (re-read, merged, replaced, synced at every write) is written on the feed's own thread."""
    import threading

    from virton_desktop.seen_changes import SeenFile

    first_run(qtbot, demo)
    snapshot = last_known.load("name:demo", "demo")
    gone = [Instance("demo", vmid, "ci-{0}".format(vmid), "qemu", "pve1", "stopped") for vmid in range(50000, 53000)]
    last_known.save("name:demo", snapshot.saved_at, list(snapshot.guests) + gone)
    writers = []
    put = SeenFile.put

    def watched_put(self, *args, **kwargs):
        writers.append(threading.current_thread().name)
        return put(self, *args, **kwargs)

    monkeypatch.setattr(SeenFile, "put", watched_put)
    w = new_window(qtbot)
    w.show()
    w.clusters.add(make_session(demo))
    qtbot.waitUntil(lambda: w.last_known.model.rowCount() == change_feed.KEPT, timeout=15000)
    assert {c.kind for c in w.last_known.model.changes} == {DESTROYED}
    assert w.last_known.model.total() == 3000 and "3000" in w.last_known.notice.text()
    dock = w.last_known.show_feed()
    assert dock.dropped_note.isVisible() and str(3000 - change_feed.KEPT) in dock.dropped_note.text()
    w.last_known.flush_seen()
    assert writers and set(writers) == {"change-feed-writer"}
    kept = SeenFile(state / "virton-desktop").get("name:demo", "demo")
    assert len(kept.unseen) == change_feed.KEPT and kept.dropped == 3000 - change_feed.KEPT
    dock.seen_button.click()  # marked as seen: nothing listed, nothing counted, on disk too
    assert w.last_known.model.total() == 0 and not dock.dropped_note.isVisible()
    assert SeenFile(state / "virton-desktop").get("name:demo", "demo").dropped == 0
    w.close()
    for s in w.clusters.sessions():
        s.close()


def test_seen_file_round_trip_and_damage(tmp_path):
    from virton_desktop.seen_changes import FILE_NAME, SeenFile

    kept = change_feed.changes("c", [guest(100)], [guest(100, "pve2", "stopped")],
                               [task(100, "qmigrate", "alice@pve", 2001)], since=0)
    SeenFile(tmp_path).put("name:c", 1234.0, kept)
    back = SeenFile(tmp_path).get("name:c", "renamed")
    assert back.seen_at == 1234.0 and [c.cluster for c in back.unseen] == ["renamed"] * len(kept)
    assert [(c.kind, c.vmid, c.user, c.detail) for c in back.unseen] == [(c.kind, c.vmid, c.user, c.detail)
                                                                        for c in kept]
    assert SeenFile(tmp_path).get("name:other", "other") == SeenFile(tmp_path).get("name:none", "x")

    (tmp_path / FILE_NAME).write_text("{not json")
    damaged = SeenFile(tmp_path)
    assert damaged.get("name:c", "c").unseen == () and damaged.take_notices()
    assert list(tmp_path.glob(FILE_NAME + ".damaged-*"))


def test_a_cluster_that_answers_soon_shows_no_stale_list_and_still_gets_its_feed(qtbot, demo, state, monkeypatch):
    """Its live list within CACHED_AFTER_MS of its registration: its last-known list is never shown
    (it only flashed, and reading and showing it held the live lists back), and is read once no
    first list is awaited, for the changes made while the app was closed."""
    from virton_desktop.ui import change_feed_view

    first_run(qtbot, demo)
    done = demo.call(demo.pve.vt_other_user_activity())
    monkeypatch.setattr(change_feed_view, "CACHED_AFTER_MS", 1500)  # longer than the demo takes to answer
    w = new_window(qtbot)
    stale = []
    set_stale = w.model.set_stale
    monkeypatch.setattr(w.model, "set_stale", lambda cluster, value: (stale.append(value), set_stale(cluster, value)))
    with qtbot.waitSignal(w.first_data, timeout=15000):
        w.clusters.add(make_session(demo))
    qtbot.waitUntil(lambda: w.last_known.model.rowCount() > 0, timeout=15000)
    assert True not in stale and not w.last_known.is_cached("demo")
    assert {(c.kind, c.vmid) for c in w.last_known.model.changes} >= set(done.items())
    w.close()
    for s in w.clusters.sessions():
        s.close()


def test_a_list_read_after_the_cluster_answered_still_gives_the_feed(qtbot, demo, state):
    first_run(qtbot, demo)
    done = demo.call(demo.pve.vt_other_user_activity())
    path = last_known.path_for("name:demo")
    kept = path.read_text()
    path.unlink()  # the reader finds nothing: the live list comes first
    w = new_window(qtbot)
    with qtbot.waitSignal(w.first_data, timeout=15000):
        w.clusters.add(make_session(demo))
    path.write_text(kept)
    w.last_known.loaded.emit("demo", last_known.load("name:demo", "demo"))  # as a slow reader would, late
    qtbot.waitUntil(lambda: w.last_known.model.rowCount() > 0, timeout=15000)
    assert not w.model.is_stale("demo") and not w.last_known.is_cached("demo")
    assert {(c.kind, c.vmid) for c in w.last_known.model.changes} >= set(done.items())
    w.close()
    for s in w.clusters.sessions():
        s.close()


# ------------------------------------------------------------------ while the app runs


def test_while_running_the_feed_gets_what_others_did_and_not_what_this_app_did(qtbot, demo, state, monkeypatch):
    from virton_desktop import session_worker
    from virton_desktop.pve.power import Action

    monkeypatch.setattr(session_worker, "TASK_LIST_INTERVAL", 0.3)  # the cluster's task list, not every 15 s
    w = new_window(qtbot)
    w.show()
    with qtbot.waitSignal(w.first_data, timeout=15000):
        w.clusters.add(make_session(demo))
    live = w.last_known.live
    qtbot.waitUntil(lambda: live.watching("demo"), timeout=5000)
    listed = {}
    w.clusters.task_changed.connect(lambda t: listed.__setitem__(t.upid, t))
    before = {g.vmid: g for g in w.model.all_instances()}
    mine = next(g for g in sorted(before.values(), key=lambda g: g.vmid)
                if g.vmid not in (100, 101) and g.is_vm and g.status == "running" and not g.lock
                and not g.hastate and not g.template)

    # Others: an operator stops web1, root (another client) starts 101, a backup of locked 105 fails.
    operator = ProxmoxAPI(demo.host, port=demo.port, user="operator@pve", password="operator-demo",
                          verify_ssl=demo.cafile)
    stop = operator.nodes("pve1").qemu(100).status.stop.post()
    wait_stopped(qtbot, operator, "pve1", stop)
    px = proxmox(demo)
    start = px.nodes(before[101].node).qemu(101).status.start.post()
    wait_stopped(qtbot, px, before[101].node, start)
    backup = px.nodes(before[105].node).vzdump.post(vmid=105, storage="nfs-storage")
    # This app: the user stops another VM.
    with qtbot.waitSignal(w.clusters.get("demo").guest_action(mine, Action.STOP).finished, timeout=15000):
        pass
    qtbot.waitUntil(lambda: w.model.get(("demo", 100)).status == "stopped"
                    and w.model.get(("demo", 101)).status == "running"
                    and w.model.get(mine.key).status == "stopped", timeout=15000)
    # Each of these tasks listed as ended (the cluster's task list lags the guest list: the
    # demo's older tasks of the same types were no sign of these).
    qtbot.waitUntil(lambda: all(u in listed and not listed[u].running for u in (stop, start, backup))
                    and any(t.type == "qmstop" and t.vmid == mine.vmid and not t.running for t in listed.values()),
                    timeout=15000)
    assert w.last_known.model.rowCount() == 0  # nothing before the minute's check

    live.check_now()
    got = {(c.kind, c.vmid): c for c in w.last_known.model.changes}
    assert got[(STOPPED, 100)].user == "operator@pve"
    assert got[(STARTED, 101)].user == "root@pam"
    assert got[(BACKUP_FAILED, 105)].upid == backup
    assert (STOPPED, mine.vmid) not in got  # the user's own doing
    assert w.last_known.notice.isVisible() and str(len(got)) in w.last_known.notice.text()
    # Kept as unseen with the cluster, as the start-up feed's are (written on the feed's own thread).
    w.last_known.flush_seen()
    text = (state / "virton-desktop" / "change-feed.json").read_text()
    assert "operator@pve" in text and demo.password not in text

    live.check_now()  # nothing new: nothing added twice
    assert len(w.last_known.model.changes) == len(got)
    w.close()
    for s in w.clusters.sessions():
        s.close()


def test_this_apps_own_doing_is_told_apart_from_others():
    from virton_desktop.ui.live_changes import LiveChanges, _Watch

    def change(kind, vmid, upid=""):
        return change_feed.Change("c", kind, vmid, "g", upid=upid)

    mine_stop = task(100, "qmstop", "root@pam", 3000)
    console = task(101, "vncproxy", "root@pam", 3000)  # a console of ours explains no stop
    bulk = task(0, "bulk-shutdown", "root@pam", 3010)
    by_worker = task(102, "qmshutdown", "root@pam", 3011)
    by_alice = task(103, "qmshutdown", "alice@pve", 3012)
    by_bob = task(101, "qmstop", "bob@pve", 3001)
    clone = task(104, "qmclone", "root@pam", 3020)  # makes 105
    remote = task(106, "qmremotemigrate", "root@pam", 3030)
    watch = _Watch({}, 0, 0, 0, tasks={t.upid: t for t in (by_worker, by_alice, by_bob)},
                   own={t.upid: t for t in (mine_stop, console, bulk, clone, remote)})
    own = LiveChanges._own_change
    assert own(watch, change(STOPPED, 100))
    assert not own(watch, change(STOPPED, 101, by_bob.upid))
    assert own(watch, change(STOPPED, 102, by_worker.upid))
    assert not own(watch, change(STOPPED, 103, by_alice.upid))
    assert own(watch, change(CREATED, 105))  # no task names it: our clone ran
    assert own(watch, change(DESTROYED, 106))  # migrated to another cluster by us
    assert not own(watch, change(DESTROYED, 107))
    watch.own.pop(bulk.upid)
    assert not own(watch, change(STOPPED, 108))  # unexplained, and no bulk worker of ours ran


@pytest.mark.parametrize("count", [0, 1, last_known.ENCODE_EVERY, last_known.ENCODE_EVERY + 1, 1234])
def test_the_list_encoded_in_parts_is_what_one_json_dump_gives(count):
    guests = [Instance("c", 100 + i, "guest-{0}".format(i), "qemu", "pve1", "running", tags=("a", "b"), cpu=i / 7)
              for i in range(count)]
    rows = last_known.rows_of(guests)
    whole = json.dumps({"version": last_known.SCHEMA_VERSION, "cluster": "k", "saved_at": 1.5,
                        "fields": list(last_known.FIELDS), "rows": rows}, separators=(",", ":"))
    assert last_known.encode("k", 1.5, guests) == whole


def test_the_minutes_check_compares_one_cluster_per_turn_of_the_event_loop(qtbot, demo, state):
    """Ten clusters of 2,000 guests compared at once held the GUI thread ~100 ms every minute:
    the timer's round takes one cluster per turn, and each one's changes are still fed."""
    from PySide6.QtCore import QTimer

    from virton_desktop.demo.served import ServedDemo

    w = new_window(qtbot)
    w.show()
    live = w.last_known.live
    with ServedDemo(time_scale=0, index=1) as other:
        sessions = [make_session(demo), make_session(other, name=other.name)]
        for session in sessions:
            w.clusters.add(session)
        qtbot.waitUntil(lambda: live.watching("demo") and live.watching(other.name), timeout=15000)
        # Another client stops a running guest in each cluster.
        stopped = {}
        for served, name in ((demo, "demo"), (other, other.name)):
            px = proxmox(served)
            g = next(g for g in sorted(w.model.instances_of(name), key=lambda g: g.vmid)
                     if g.is_vm and g.status == "running" and not g.lock and not g.hastate and not g.template)
            wait_stopped(qtbot, px, g.node, px.nodes(g.node).qemu(g.vmid).status.stop.post())
            stopped[name] = g.vmid
        for session in sessions:
            session.refresh()
        qtbot.waitUntil(lambda: all(w.model.get((name, vmid)).status == "stopped" for name, vmid in stopped.items()),
                        timeout=15000)

        turns = {"n": 0}
        counter = QTimer()
        counter.setInterval(0)
        counter.timeout.connect(lambda: turns.__setitem__("n", turns["n"] + 1))
        counter.start()
        checked = []
        compare = live._check
        live._check = lambda cluster: (checked.append((cluster, turns["n"])), compare(cluster))
        live.timer.timeout.emit()  # the minute is up
        assert checked == []  # nothing compared in the timer's own turn
        qtbot.waitUntil(lambda: len(checked) == 2, timeout=5000)
        counter.stop()
        assert {c for c, _ in checked} == {"demo", other.name}
        assert checked[0][1] != checked[1][1]  # each in a turn of its own
        got = {(c.cluster, c.kind, c.vmid) for c in w.last_known.model.changes}
        assert {(name, STOPPED, vmid) for name, vmid in stopped.items()} <= got
        w.close()
        for session in sessions:
            session.close()


def test_a_checks_marks_are_never_tracked_by_the_cyclic_collector(qtbot, demo, state):
    """Ten clusters' 20,000 marks (as namedtuples) were walked at every full collection."""
    import gc

    w = new_window(qtbot)
    live = w.last_known.live
    with qtbot.waitSignal(w.first_data, timeout=15000):
        w.clusters.add(make_session(demo))
    qtbot.waitUntil(lambda: live.watching("demo"), timeout=5000)
    live.check_now()
    marks = list(live._watches["demo"].baseline.values())
    assert marks and not any(gc.is_tracked(m) for m in marks)
    assert {m.vmid for m in marks} == {g.vmid for g in w.model.instances_of("demo")}
    w.close()
    for s in w.clusters.sessions():
        s.close()


def test_the_last_known_reader_ends_when_it_has_read(qtbot, demo, state):
    """One thread reads the clusters' last-known lists and ends when none is left: a reader waiting
    for ever kept its window alive (every window of a test run, ~1 s full collections)."""
    import threading

    w = new_window(qtbot)
    with qtbot.waitSignal(w.first_data, timeout=15000):
        w.clusters.add(make_session(demo))
    qtbot.waitUntil(lambda: w.last_known._reader is None, timeout=5000)
    assert not any(t.name == "last-known-reader" and t.is_alive() for t in threading.enumerate()
                   if getattr(t, "_target", None) == w.last_known._read_all)


def test_clusters_added_one_after_another_share_the_last_known_reader(qtbot, demo, state, monkeypatch):
    """Clusters added one per turn (the demo's, saved ones connecting at start) are read by one
    reader that waits a moment for the next: a reader per cluster made each registration wait
    for a new thread to start (~1-3 ms each, ten clusters)."""
    import threading

    from PySide6.QtCore import Qt

    from virton_desktop.ui import change_feed_view

    monkeypatch.setattr(change_feed_view, "READER_LINGER_S", 2.0)  # a slow CI turn is not the next start
    w = new_window(qtbot)
    readers = {}
    w.last_known.loaded.connect(lambda cluster, _snapshot: readers.setdefault(cluster, threading.current_thread()),
                                Qt.ConnectionType.DirectConnection)  # on the reader's thread
    with qtbot.waitSignal(w.last_known.loaded, timeout=15000):
        w.clusters.add(make_session(demo, name="first"))
    with qtbot.waitSignal(w.last_known.loaded, timeout=15000):
        w.clusters.add(make_session(demo, name="second"))
    assert readers["first"] is readers["second"]
    monkeypatch.setattr(change_feed_view, "READER_LINGER_S", 0.05)
    qtbot.waitUntil(lambda: w.last_known._reader is None, timeout=10000)  # and it still ends

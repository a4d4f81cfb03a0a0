"""The action palette (Ctrl+K) against two demo clusters: the preview, a bulk shutdown across both
with one guest failing and retried alone, jumps, and the screenshot."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from test_remote_migrate import _window, demos  # noqa: F401 - the two-cluster fixture

from virton_desktop.pve.power import Action
from virton_desktop.ui.palette.bulk_run import Outcome
from virton_desktop.ui.palette.palette import PREVIEW_CAP

from conftest import make_session
from helpers import proxmox

TAG = "palettebulk"


@pytest.fixture
def pwindow(qtbot, demos):  # noqa: F811
    w = _window(qtbot, demos, make_session(demos[0]))
    yield w
    for s in w.clusters.sessions():
        s.close()


def open_palette(qtbot, w):
    QTest.keyClick(w, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    palette = w.palette.palette
    qtbot.waitUntil(palette.isVisible, timeout=5000)
    return palette


def first_running_vm(w, cluster):
    return next(i for i in sorted(w.model.all_instances(), key=lambda i: i.vmid)
                if i.cluster == cluster and i.is_vm and i.status == "running" and not i.lock and not i.hastate
                and not i.template)


def tag_on_server(served, inst):
    proxmox(served).nodes(inst.node).qemu(inst.vmid).config.put(tags=TAG)


def test_preview_counts_follow_the_typed_query(qtbot, pwindow):
    w = pwindow
    palette = open_palette(qtbot, w)
    everyone = list(w.model.all_instances())
    assert palette.guests.topLevelItemCount() == min(PREVIEW_CAP, len(everyone))
    QTest.keyClicks(palette.line, "cluster:demo-2 status:running")
    expected = [i for i in everyone if i.cluster == "demo-2" and i.status == "running"]
    assert len(palette.matched) == len(expected) > 0
    assert palette.guests.topLevelItemCount() == min(PREVIEW_CAP, len(expected))
    QTest.keyClick(palette.line, Qt.Key.Key_Escape)
    assert not palette.isVisible()


def test_bulk_shutdown_across_two_clusters_one_fails_and_is_retried(qtbot, demos, pwindow):  # noqa: F811
    w = pwindow
    a, b = first_running_vm(w, "demo"), first_running_vm(w, "demo-2")
    tag_on_server(demos[0], a)
    tag_on_server(demos[1], b)
    for s in w.clusters.sessions():
        s.refresh()
    qtbot.waitUntil(lambda: all(TAG in w.model.get(i.key).tags for i in (a, b)), timeout=15000)
    demos[1].pve.fail("POST", "/qemu/{0}/status/shutdown".format(b.vmid), 500, "boom", times=1)
    asked = []
    w.palette.confirm = lambda action, instances: asked.append((action, sorted(i.key for i in instances))) or True
    palette = open_palette(qtbot, w)
    QTest.keyClicks(palette.line, "shutdown tag:{0} status:running".format(TAG))
    assert sorted(i.key for i in palette.matched) == sorted([a.key, b.key])
    assert palette.actions_list.count() == 1
    QTest.keyClick(palette.line, Qt.Key.Key_Return)
    assert asked == [(Action.SHUTDOWN, sorted([a.key, b.key]))]
    dialog = w.palette.dialog
    run = dialog.run
    qtbot.waitUntil(lambda: run.done, timeout=15000)
    outcome = {r.instance.key: r for r in run.rows}
    assert outcome[a.key].outcome is Outcome.OK
    assert outcome[b.key].outcome is Outcome.FAILED and "boom" in outcome[b.key].note
    assert dialog.retry.isEnabled()

    def results():  # the list the user reads: guest -> result
        items = (dialog.results.topLevelItem(i) for i in range(dialog.results.topLevelItemCount()))
        return {item.text(0): (item.text(1), item.text(2)) for item in items}
    shown = results()
    assert shown["{0} ({1})".format(a.vmid, a.name)] == ("demo", "Done")
    assert shown["{0} ({1})".format(b.vmid, b.name)][0] == "demo-2"
    assert shown["{0} ({1})".format(b.vmid, b.name)][1].startswith("Failed: ") and "boom" in shown[
        "{0} ({1})".format(b.vmid, b.name)][1]
    assert dialog.summary.text() == "1 done, 1 failed, 0 skipped, 0 to go"
    # The first cluster (PVE 9.1) got one bulk-shutdown worker; demo-2 (9.0) the guest's own request.
    assert [p for m, p, _ in demos[0].pve.requests if m == "POST" and "/bulk-action/" in p] == [
        "/api2/json/cluster/bulk-action/guest/shutdown"]
    assert not [p for m, p, _ in demos[1].pve.requests if m == "POST" and "/bulk-action/" in p]
    if os.environ.get("VIRTON_SCREENSHOTS"):
        dialog.grab().save("docs/palette-bulk.png")
    sent_before = [p for m, p, _ in demos[0].pve.requests if m == "POST" and p.endswith("/status/shutdown")]
    dialog.retry.click()
    qtbot.waitUntil(lambda: run.done and run.count(Outcome.OK) == 2, timeout=15000)
    sent_after = [p for m, p, _ in demos[0].pve.requests if m == "POST" and p.endswith("/status/shutdown")]
    assert sent_after == sent_before  # only the failed guest went again, to the other cluster
    assert set(results().values()) == {("demo", "Done"), ("demo-2", "Done")}
    assert dialog.summary.text() == "2 done, 0 failed, 0 skipped, 0 to go" and not dialog.retry.isEnabled()
    for served, inst in ((demos[0], a), (demos[1], b)):  # the server's side, through another client
        px = proxmox(served)
        qtbot.waitUntil(lambda px=px, inst=inst: px.nodes(inst.node).qemu(inst.vmid).status.current.get()["status"]
                        == "stopped", timeout=15000)


def test_the_auditor_login_gets_every_guest_skipped_with_the_privilege_and_nothing_sent(qtbot, demo):
    from test_permissions_demo import registry

    from virton_desktop.ui.palette.bulk_run import BulkRun

    clusters, model = registry(qtbot, demo, "auditor")
    try:
        qtbot.waitUntil(lambda: model.counts()[1] > 0, timeout=15000)
        running = [i for i in model.all_instances() if i.status == "running"][:3]
        posts = len([r for r in demo.pve.requests if r[0] == "POST"])
        run = BulkRun(Action.SHUTDOWN, running, clusters.get, clusters.privileges)
        run.start()
        assert run.done and run.count(Outcome.SKIPPED) == len(running) > 0
        assert all("VM.PowerMgmt" in r.note for r in run.rows)
        assert len([r for r in demo.pve.requests if r[0] == "POST"]) == posts
    finally:
        clusters.close_all()


def test_jumps_open_console_backups_and_details(qtbot, pwindow, monkeypatch):
    w = pwindow
    asked = []
    monkeypatch.setattr(w, "open_console", lambda inst=None, kind=None: asked.append(inst.key))
    target = first_running_vm(w, "demo-2")
    palette = open_palette(qtbot, w)
    # Its name is also a guest's of the first cluster (the demo's overlapping names): the
    # cluster qualifier picks the one meant.
    assert any(i.name == target.name and i.cluster == "demo" for i in w.model.all_instances())
    QTest.keyClicks(palette.line, "open console of cluster:demo-2 {0}".format(target.name))
    assert palette.verb == "console" and palette.matched[0].key == target.key
    QTest.keyClick(palette.line, Qt.Key.Key_Return)
    assert asked == [target.key]
    palette = open_palette(qtbot, w)
    QTest.keyClicks(palette.line, "go to backups of {0}".format(target.vmid))
    QTest.keyClick(palette.line, Qt.Key.Key_Return)
    assert w.sections.currentWidget() is w.backups_page and w.backups_page.search.text() == str(target.vmid)
    palette = open_palette(qtbot, w)
    QTest.keyClicks(palette.line, "migrate cluster:demo-2 {0}".format(target.vmid))
    QTest.keyClick(palette.line, Qt.Key.Key_Return)
    dialog = w.migrate.dialog
    assert dialog is not None and dialog.isVisible() and dialog.instance.key == target.key
    dialog.reject()


def test_keyboard_tab_picks_a_guest_and_the_screenshot(qtbot, pwindow):
    w = pwindow
    w.resize(1100, 700)
    palette = open_palette(qtbot, w)
    QTest.keyClicks(palette.line, "shutdown -status:stopped -tag:db")
    assert all(i.shown_status != "stopped" for i in palette.matched)  # a hibernated VM is not "stopped"
    QTest.keyClick(palette.line, Qt.Key.Key_Tab)
    QTest.keyClick(palette.line, Qt.Key.Key_Down)
    assert palette.focus_guests and palette.target() is palette.matched[min(1, len(palette.matched) - 1)]
    if os.environ.get("VIRTON_SCREENSHOTS"):  # docs/ only on request, as the other screenshot tests
        palette.layout().activate()  # the action list's new height, laid out before the picture
        palette.grab().save("docs/palette.png")


def test_the_search_box_takes_the_query_language_and_plain_words_as_before(qtbot, pwindow):
    w = pwindow
    QTest.keyClicks(w.page.search, "cluster:demo-2 -status:running")
    w.page._apply_filter()  # the typing pause, skipped
    expected = {i.key for i in w.model.all_instances() if i.cluster == "demo-2" and i.status != "running"}
    assert {w.model.instance(r).key for r in range(w.model.rowCount())} == expected
    w.page.search.clear()
    QTest.keyClicks(w.page.search, '"web1"')
    w.page._apply_filter()
    assert w.model.filter.query is not None and w.model.rowCount() >= 1
    w.page.search.clear()
    QTest.keyClicks(w.page.search, "web1")
    w.page._apply_filter()
    assert w.model.filter.query is None and w.model.filter.text == "web1"


def test_a_91_cluster_gets_one_bulk_request_naming_the_failed_guest_and_the_retry_sends_it_alone(
        qtbot, demos, pwindow):  # noqa: F811
    from virton_desktop.ui.palette.bulk_run import BulkRun

    w = pwindow
    first = [i for i in sorted(w.model.all_instances(), key=lambda i: i.vmid)
             if i.cluster == "demo" and i.is_vm and i.status == "running" and not i.lock and not i.hastate
             and not i.template][:2]
    other = first_running_vm(w, "demo-2")
    ok, bad = first
    demos[0].pve.vm(bad.vmid).lock = "backup"  # a backup began on the server after the last poll

    def shutdowns(served):
        return sorted(p for m, p, _ in served.pve.requests if m == "POST" and p.endswith("/status/shutdown"))
    run = BulkRun(Action.SHUTDOWN, [ok, bad, other], w.clusters.get, w.clusters.privileges)
    run.start()
    qtbot.waitUntil(lambda: run.done, timeout=15000)
    rows = {r.instance.key: r for r in run.rows}
    assert rows[ok.key].outcome is Outcome.OK and rows[other.key].outcome is Outcome.OK
    # The worker's own request was refused (PVE logs the API client's "500 VM … is locked (backup)").
    assert rows[bad.key].outcome is Outcome.FAILED and "locked" in rows[bad.key].note
    # PVE 9.1 (the first cluster): one bulk-shutdown worker, which sent each guest's request itself
    # through the API; PVE 9.0 (demo-2): its guest's own request from us.
    bulk_posts = [p for m, p, _ in demos[0].pve.requests if m == "POST" and "/bulk-action/" in p]
    assert bulk_posts == ["/api2/json/cluster/bulk-action/guest/shutdown"]
    assert shutdowns(demos[0]) == sorted("/api2/json/nodes/{0}/qemu/{1}/status/shutdown".format(i.node, i.vmid)
                                         for i in (ok, bad))
    assert shutdowns(demos[1])
    px = proxmox(demos[0])
    worker = next(t for t in px.cluster.tasks.get() if t["type"] == "bulk-shutdown")
    assert worker["status"] == "Some guests failed to shutdown {0}".format(bad.vmid)
    log = [line["t"] for line in px.nodes(worker["node"]).tasks(worker["upid"]).log.get(limit=500)]
    assert "WARN: 500 VM is locked (backup)" in log

    demos[0].pve.vm(bad.vmid).lock = None
    assert run.retry_failed() == 1
    qtbot.waitUntil(lambda: run.done, timeout=15000)
    assert run.count(Outcome.OK) == 3
    assert len([p for m, p, _ in demos[0].pve.requests if m == "POST" and "/bulk-action/" in p]) == 2
    for inst in (ok, bad):
        assert px.nodes(inst.node).qemu(inst.vmid).status.current.get()["status"] == "stopped"


def test_ha_guests_in_a_bulk_run_are_reported_where_ha_took_them(qtbot, window):
    from virton_desktop.pve import ha
    from virton_desktop.ui.palette.bulk_run import BulkRun

    w = window
    managed = [i for i in w.model.all_instances() if ha.managed(i) and not i.template]
    stopped_ok = next(i for i in managed if i.status == "stopped" and i.hastate != ha.ERROR)
    in_error = next(i for i in managed if i.hastate == ha.ERROR)
    run = BulkRun(Action.START, [stopped_ok, in_error], w.clusters.get, w.clusters.privileges)
    run.start()
    qtbot.waitUntil(lambda: run.done, timeout=20000)
    rows = {r.instance.key: r for r in run.rows}
    assert rows[stopped_ok.key].outcome is Outcome.OK
    assert w.model.get(stopped_ok.key).status == "running"  # reported once HA had started it, not before
    assert rows[in_error.key].outcome is Outcome.FAILED and "error" in rows[in_error.key].note


@pytest.mark.skipif(os.environ.get("VIRTON_SCREENSHOTS") != "ko", reason="screenshots for docs/ only on request")
def test_korean_palette_screenshot(qtbot, qapp, demos):  # noqa: F811
    from virton_desktop import i18n

    i18n.install(qapp, "ko")
    w = _window(qtbot, demos, make_session(demos[0]))
    try:
        w.resize(1100, 700)
        palette = w.palette.palette
        palette.open()
        # web1 and its tags are in each cluster (the demo's overlapping names and tags).
        QTest.keyClicks(palette.line, "shutdown tag:web")
        assert {i.cluster for i in palette.matched} == {"demo", "demo-2"}
        assert {i.cluster for i in palette.matched if i.name == "web1"} == {"demo", "demo-2"}
        palette.layout().activate()
        palette.grab().save("docs/palette-ko.png")
    finally:
        for s in w.clusters.sessions():
            s.close()


def test_suspend_goes_to_the_91_bulk_worker_and_per_guest_elsewhere(qtbot, demos, pwindow):  # noqa: F811
    from virton_desktop.ui.palette.bulk_run import BulkRun

    w = pwindow
    here, there = first_running_vm(w, "demo"), first_running_vm(w, "demo-2")
    run = BulkRun(Action.PAUSE, [here, there], w.clusters.get, w.clusters.privileges)
    run.start()
    qtbot.waitUntil(lambda: run.done, timeout=15000)
    assert run.count(Outcome.OK) == 2
    assert [p for m, p, _ in demos[0].pve.requests if m == "POST" and "/bulk-action/" in p] == [
        "/api2/json/cluster/bulk-action/guest/suspend"]
    assert not [p for m, p, _ in demos[1].pve.requests if m == "POST" and "/bulk-action/" in p]
    for served, inst in ((demos[0], here), (demos[1], there)):
        assert proxmox(served).nodes(inst.node).qemu(inst.vmid).status.current.get()["qmpstatus"] == "paused"


def test_a_guest_of_a_running_bulk_worker_is_reported_when_its_own_task_ends(qtbot):
    """PVE lists the worker's per-guest tasks like any other: a quick guest is done while a slow
    one still holds the worker (real time here: the slow one waits for its shutdown timeout)."""
    from virton_desktop.core.clusters import Clusters
    from virton_desktop.demo.served import ServedDemo
    from virton_desktop.models.instances import InstanceModel
    from virton_desktop.ui.palette.bulk_run import BulkRun

    with ServedDemo(time_scale=1) as served:
        model = InstanceModel()
        clusters = Clusters(model)
        try:
            session = make_session(served)
            with qtbot.waitSignal(session.instances_polled, timeout=15000):
                clusters.add(session)
            running = [i for i in sorted(model.all_instances(), key=lambda i: i.vmid)
                       if i.is_vm and i.status == "running" and not i.lock and not i.hastate and not i.template]
            quick, slow = running[:2]
            served.pve.vm(quick.vmid).shutdown_secs = 0
            served.pve.vm(slow.vmid).acpi = False  # ignores the button: the task waits for its timeout
            run = BulkRun(Action.SHUTDOWN, [slow, quick], clusters.get, clusters.privileges)
            run.start()
            qtbot.waitUntil(lambda: bool(run.rows[0].upid), timeout=15000)
            worker = run.rows[0].upid
            assert ":bulk-shutdown:" in worker
            qtbot.waitUntil(lambda: run.rows[1].outcome is Outcome.OK, timeout=15000)
            assert run.rows[0].outcome is Outcome.RUNNING and not run.done
            assert served.pve.tasks[worker]["status"] == "running"  # the worker still waits for the slow one
            # A hard stop overrules the slow guest's shutdown (PVE >= 8.1): its task fails, and so the guest.
            proxmox(served).nodes(slow.node).qemu(slow.vmid).status.stop.post(**{"overrule-shutdown": 1})
            qtbot.waitUntil(lambda: run.done, timeout=15000)
            assert run.rows[0].outcome is Outcome.FAILED and run.rows[1].outcome is Outcome.OK
        finally:
            clusters.close_all()

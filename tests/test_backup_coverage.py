"""Backup coverage: pve/coverage (pure), CoverageModel (qtmodeltester), and the window on the demo:
the guests in no job, the stale ones with N=7 and N=400, the failed job, a row opens the guest,
the auditor-less login told what it lacks; two demo clusters."""

import pytest
import shiboken6
from PySide6.QtGui import QAction

from virton_desktop.demo.access import demo_credentials
from virton_desktop.demo.backup_jobs import NIGHTLY_EXCLUDE
from virton_desktop.demo.served import ServedDemo
from virton_desktop.models.coverage import CoverageModel
from virton_desktop.pve import coverage
from virton_desktop.pve.client import Credentials, PveClient
from virton_desktop.pve.coverage import CoverageRow, Finding, GuestInfo
from virton_desktop.session import ClusterSession
from virton_desktop.ui.backups.coverage_window import open_coverage
from virton_desktop.ui.main_window import MainWindow

from conftest import make_session, remember_secret

GUESTS = [GuestInfo(100, "web", node="a"), GuestInfo(101, "db", node="a", pool="p"), GuestInfo(102, "x", node="b"),
          GuestInfo(9000, "tpl", template=True)]


def test_job_guests():
    assert coverage.job_guests({"all": 1, "exclude": "101"}, GUESTS) == {100, 102, 9000}
    assert coverage.job_guests({"vmid": "100,102"}, GUESTS) == {100, 102}
    assert coverage.job_guests({"pool": "p"}, GUESTS) == {101}
    assert coverage.job_guests({"all": 1, "node": "b"}, GUESTS) == {102}


def test_stale_and_never():
    now = 1000 * 86400
    rows = coverage.stale("c", GUESTS, [(100, now - 3 * 86400), (101, now - 30 * 86400), (101, now - 40 * 86400)],
                          now, 7)
    assert [(r.vmid, r.when) for r in rows] == [(101, now - 30 * 86400), (102, 0)]  # the dated, then never; no template


def test_failed_jobs_take_the_newest_task_of_a_covered_guest():
    jobs = [{"id": "j1", "vmid": "100"}, {"id": "j2", "vmid": "101"}]
    tasks = [{"type": "vzdump", "id": "100", "status": "OK", "starttime": 20, "endtime": 21},
             {"type": "vzdump", "id": "100", "status": "ERROR: x", "starttime": 10, "endtime": 11},
             {"type": "vzdump", "id": "101", "status": "ERROR: disk full", "starttime": 5, "endtime": 6},
             {"type": "vzdump", "id": "102", "status": "running", "starttime": 30}]
    rows = coverage.failed_jobs("c", jobs, tasks, GUESTS)
    assert [(r.job, r.vmid, r.detail) for r in rows] == [("j2", 101, "ERROR: disk full")]


def test_model_passes_qtmodeltester(qtmodeltester):
    model = CoverageModel()
    model.set_rows([CoverageRow(Finding.UNCOVERED, "c", 1, "<b>x</b>"), CoverageRow(Finding.STALE, "c", 2),
                    CoverageRow(Finding.FAILED_JOB, "c", 3, job="j", when=5, detail="ERROR")])
    qtmodeltester.check(model)
    model.set_finding(Finding.STALE)
    qtmodeltester.check(model)
    assert [r.vmid for r in model.rows()] == [2]


# ------------------------------------------------------------------ on the demo


def findings(win, finding):
    return {(r.cluster, r.vmid) for r in win.model.rows() if r.finding is finding}


def coverage_window(qtbot, window):
    win = open_coverage(window)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: not win.feed.busy() and win.model.rowCount() > 0, timeout=15000)
    return win


def test_coverage_on_the_demo(qtbot, window):
    win = coverage_window(qtbot, window)
    expected = {("demo", int(v)) for v in NIGHTLY_EXCLUDE.split(",")} - {("demo", 111)}  # 111: its own job
    assert findings(win, Finding.UNCOVERED) == expected
    stale = findings(win, Finding.STALE)
    assert {("demo", 103), ("demo", 104)} <= stale  # only old backups
    assert ("demo", 100) not in stale and ("demo", 9000) not in stale  # recent; a template
    failed = [r for r in win.model.rows() if r.finding is Finding.FAILED_JOB]
    assert [(r.job, r.vmid) for r in failed] == [("backup-monitoring", 111)]
    assert "no space left" in failed[0].detail

    win.days.clear()
    qtbot.keyClicks(win.days, "400")
    stale = findings(win, Finding.STALE)
    assert ("demo", 103) not in stale and ("demo", 104) not in stale  # 30 and 200 days old
    assert ("demo", 101) in stale  # never backed up: stale whatever N
    win.days.clear()
    qtbot.keyClicks(win.days, "100")
    stale = findings(win, Finding.STALE)
    assert ("demo", 103) not in stale and ("demo", 104) in stale

    win.show_finding.setCurrentIndex(win.show_finding.findData(Finding.UNCOVERED.value))
    assert {r.finding for r in win.model.rows()} == {Finding.UNCOVERED}


def test_a_row_opens_the_guest(qtbot, window):
    win = coverage_window(qtbot, window)
    win.show_finding.setCurrentIndex(win.show_finding.findData(Finding.FAILED_JOB.value))
    win.table.setCurrentIndex(win.model.index(0, 0))
    win.table.activated.emit(win.model.index(0, 0))
    assert [i.vmid for i in window.page.selected()] == [111]
    assert window.detail is not None or window.detail_windows


def test_without_sys_audit_the_view_says_so(qtbot, demo):
    creds = demo_credentials("operator", demo.password)
    remember_secret(creds["password"])
    session = ClusterSession("demo", PveClient(demo.host, demo.port, fingerprint=demo.fingerprint),
                             Credentials(**creds))
    w = MainWindow()
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.first_data, timeout=15000):
        w.clusters.add(session)
    qtbot.waitUntil(lambda: w.clusters.permissions.known("demo"), timeout=10000)
    win = open_coverage(w)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: not win.feed.busy(), timeout=15000)
    assert "Sys.Audit on /" in win.note.text()
    assert not findings(win, Finding.UNCOVERED) and not findings(win, Finding.FAILED_JOB)
    for s in w.clusters.sessions():
        s.close()


@pytest.fixture
def second():
    with ServedDemo(time_scale=0, index=1) as served:
        yield served


def test_two_clusters(qtbot, window, second):
    other = make_session(second, name=second.name)
    with qtbot.waitSignal(other.instances_polled, timeout=15000):
        window.clusters.add(other)
    win = coverage_window(qtbot, window)
    qtbot.waitUntil(lambda: any(r.cluster == second.name for r in win.model.rows()), timeout=15000)
    uncovered = findings(win, Finding.UNCOVERED)
    assert any(c == second.name for c, _ in uncovered) and any(c == "demo" for c, _ in uncovered)


def test_the_view_menu_opens_one_window(qtbot, window):
    action = window.findChild(QAction, "action-backup-coverage")
    action.trigger()
    first = window.coverage_window
    action.trigger()
    assert window.coverage_window is first
    first.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(first), timeout=5000)
    action.trigger()
    assert shiboken6.isValid(window.coverage_window) and window.coverage_window.isVisible()
    window.coverage_window.close()

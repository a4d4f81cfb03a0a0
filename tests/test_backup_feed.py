"""The backup feed asks only for what the session's worker does not poll: storages and their backups.

Counted in the demo's request log. The worker here polls guests and nodes, and lists the
cluster's tasks, once at its start only (long intervals), so every later such request in the
log would be the feed's own.
"""

import pytest

from virton_desktop import session_worker
from virton_desktop.models.backups import FAILED

from conftest import make_session

WORKER_POLLS = ("/cluster/resources", "/nodes", "/cluster/tasks")
PREFIX = "/api2/json"


def _paths(requests):
    return [path[len(PREFIX):] if path.startswith(PREFIX) else path for method, path, *_ in requests
            if method == "GET"]


@pytest.fixture
def quiet_window(qtbot, demo, monkeypatch):
    """The main window on the demo, its worker's first poll and task list done, with no more to come."""
    from virton_desktop.ui.main_window import MainWindow

    monkeypatch.setattr(session_worker, "TASK_LIST_INTERVAL", 3600.0)
    window = MainWindow()
    qtbot.addWidget(window)
    session = make_session(demo)
    session.set_poll_interval(3600.0)
    with qtbot.waitSignal(window.first_data, timeout=15000):
        window.clusters.add(session)
    qtbot.waitUntil(lambda: _paths(demo.pve.requests).count("/cluster/tasks") == 1, timeout=15000)
    qtbot.waitUntil(lambda: window.tasks.get("demo", _failed_upid(demo, "111")) is not None,
                    timeout=15000)
    window.show()
    yield window
    session.close()


def _failed_upid(demo, vmid):
    return next(t["upid"] for t in demo.pve.tasks.values() if t["type"] == "vzdump" and t["id"] == vmid)


def test_backups_section_asks_only_for_storages_and_backups(qtbot, demo, quiet_window):
    window = quiet_window
    before = _paths(demo.pve.requests)
    assert all(before.count(path) == 1 for path in WORKER_POLLS)  # the worker's own, as a control
    view = window.backups_page
    with qtbot.waitSignal(view.feed.refreshed, timeout=15000):
        window.sections.setCurrentIndex(1)
    with qtbot.waitSignal(view.feed.refreshed, timeout=15000):
        view.refresh_button.click()
    feed = _paths(demo.pve.requests)[len(before):]
    assert not [path for path in feed if path in WORKER_POLLS]
    assert feed.count("/nodes/pve1/storage") == 2 and "/nodes/pve1/storage/nfs-storage/content" in feed
    # what the rounds of their own used to give: guest names, vzdump jobs, every node's storages
    assert {"web1", "dns1"} <= {view.model.guest_name("demo", r.vmid) for r in view.model.all_rows()}
    assert sorted(r.vmid for r in view.model.all_rows() if r.status == FAILED) == [111, 206]
    assert {"pve1", "pve2", "pve3"} == set(view.feed.online_nodes("demo"))
    assert len([r for r in view.model.all_rows() if r.backup is not None]) == 6  # 4 nightly, 2 old (backup_jobs.py)
    window.sections.setCurrentIndex(0)


def test_guest_backups_tab_asks_only_for_storages_and_backups(qtbot, demo, quiet_window):
    window = quiet_window
    before = len(demo.pve.requests)
    page = window.open_detail(window.model.get(("demo", 111)))
    page.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: page.backups_view is not None and not page.backups_view.feed.busy(), timeout=15000)
    view = page.backups_view
    qtbot.waitUntil(lambda: any(r.vmid == 111 and r.status == FAILED for r in view.model.rows()), timeout=15000)
    with qtbot.waitSignal(view.feed.refreshed, timeout=15000):
        view.refresh_button.click()
    assert not [path for path in _paths(demo.pve.requests[before:]) if path in WORKER_POLLS]

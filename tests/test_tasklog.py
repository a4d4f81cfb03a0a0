"""The task log cursor (pure, no server) and the Qt follower against the demo cluster."""

import pytest

from virton_desktop.core.task_follower import TaskFollower
from virton_desktop.pve import api, errors
from virton_desktop.pve.entities import Task
from virton_desktop.pve.tasklog import PAGE, TaskLogCursor

UPID = "UPID:pve1:0000A1B2:0001C3D4:6750A1B2:vzdump:100:root@pam:"


def request(op):
    return op.method, op.path, dict(op.params)


def page(first, last, text="line {0}"):
    return [{"n": n, "t": text.format(n)} for n in range(first, last + 1)]


# ------------------------------------------------------------------ the cursor

def test_next_op_asks_for_the_page_after_the_lines_read():
    cursor = TaskLogCursor("pve1", UPID, page=3)
    assert request(cursor.next_op()) == request(api.task_log("pve1", UPID, 0, 3))
    assert cursor.feed(page(1, 3)) == ["line 1", "line 2", "line 3"]
    assert cursor.offset == 3 and cursor.more
    assert request(cursor.next_op()) == request(api.task_log("pve1", UPID, 3, 3))
    assert cursor.feed(page(4, 5)) == ["line 4", "line 5"]
    assert cursor.offset == 5 and not cursor.more
    assert cursor.next_op().params == {"start": 5, "limit": 3}


def test_default_page_is_the_one_the_program_always_asked_for():
    assert request(TaskLogCursor("pve1", UPID).next_op()) == request(api.task_log("pve1", UPID, 0, 500))
    assert PAGE == 500


def test_an_empty_log_is_no_line():
    cursor = TaskLogCursor("pve1", UPID)
    assert cursor.feed([{"n": 1, "t": "no content"}]) == []
    assert cursor.offset == 0 and not cursor.ended
    assert cursor.feed(page(1, 2)) == ["line 1", "line 2"]  # the real first line is not skipped


def test_nothing_new_answers_an_empty_list():
    cursor = TaskLogCursor("pve1", UPID)
    cursor.feed(page(1, 4))
    assert cursor.feed([]) == [] and cursor.offset == 4 and not cursor.more
    assert cursor.feed(None) == []


def test_overlapping_pages_give_each_line_once():
    cursor = TaskLogCursor("pve1", UPID)
    cursor.feed(page(1, 10))
    assert cursor.feed(page(8, 12)) == ["line 11", "line 12"]
    assert cursor.offset == 12


def test_lines_without_a_usable_number_count_on():
    cursor = TaskLogCursor("pve1", UPID)
    assert cursor.feed([{"t": "a"}, {"n": "2", "t": "b"}, {"n": None, "t": "c"}, "junk", {"n": True, "t": "d"}]) \
        == ["a", "b", "c", "d"]
    assert cursor.offset == 4


def test_the_closing_line_ends_the_log():
    cursor = TaskLogCursor("pve1", UPID)
    cursor.feed(page(1, 2))
    assert not cursor.ended
    assert cursor.feed([{"n": 3, "t": "TASK ERROR: interrupted by signal"}]) == ["TASK ERROR: interrupted by signal"]
    assert cursor.ended


def test_a_started_cursor_continues_from_its_offset():
    cursor = TaskLogCursor("pve1", UPID, page=100, offset=40)
    assert cursor.next_op().params == {"start": 40, "limit": 100}
    assert cursor.feed(page(39, 41)) == ["line 41"]


# ------------------------------------------------------------------ the follower, against the demo

@pytest.fixture
def slow_session(qtbot):
    from virton_desktop.demo import ServedDemo

    from conftest import make_session

    with ServedDemo(time_scale=0.03) as served:
        served.pve.vt_backup_rate = 200 * 1024 ** 2  # 32 GiB in ~160 PVE s: ~5 s here
        s = make_session(served)
        with qtbot.waitSignal(s.instances_polled, timeout=15000):
            s.start()
        s.demo = served
        yield s
        s.close()


def _start_backup(qtbot, session):
    session.ended = set()  # tasks the session's own watcher saw end (it read their tails then)
    session.task_changed.connect(lambda t: session.ended.add(t.upid) if not t.running else None)
    reply = session.run(api.vzdump("pve1", {"vmid": "100", "storage": "local", "mode": "snapshot"}))
    with qtbot.waitSignal(reply.finished, timeout=10000):
        pass
    assert reply.error is None, reply.error
    return Task.from_upid(session.name, reply.data)


def _ended(qtbot, session, task):
    qtbot.waitUntil(lambda: task.upid in session.ended, timeout=10000)


def _log_requests(demo, upid):
    return [r for r in list(demo.pve.requests) if r[0] == "GET" and r[1].endswith("/tasks/{0}/log".format(upid))]


def test_follower_reads_a_running_backup_to_its_end(qtbot, slow_session):
    session = slow_session
    task = _start_backup(qtbot, session)
    follower = TaskFollower(session, task, interval_ms=200)
    got, updates = [], []
    follower.lines.connect(got.extend)
    follower.task_updated.connect(updates.append)
    with qtbot.waitSignal(follower.finished, timeout=30000) as finished:
        follower.start()
    ended = finished.args[0]
    assert not ended.running and ended.ok and not follower.following
    assert updates and updates[-1] == ended  # read its status after the closing line
    assert got[-1] == "TASK OK" and got.count("TASK OK") == 1
    assert any("%" in line for line in got)  # progress lines arrived while it ran
    assert len(got) == follower.line_count and follower.tail == tuple(got[-50:])
    assert len(_log_requests(session.demo, task.upid)) >= 2  # followed while running, not read once at the end
    # the log as the server has it, line for line
    reply = session.run(api.task_log("pve1", task.upid, 0, 5000))
    with qtbot.waitSignal(reply.finished, timeout=10000):
        pass
    assert got == [item["t"] for item in reply.data]


def test_follower_keeps_one_request_in_flight_and_stops(qtbot, slow_session):
    session = slow_session
    task = _start_backup(qtbot, session)
    follower = TaskFollower(session, task, interval_ms=0)  # ask again as soon as an answer is in
    sent, replies, overlapped = [], [], []
    run = session.run

    def counting_run(op):
        overlapped.append(any(not r.done for r in replies))
        sent.append(op)
        replies.append(run(op))
        return replies[-1]
    session.run = counting_run
    follower.start()
    qtbot.waitUntil(lambda: follower.line_count >= 3, timeout=15000)
    follower.stop()
    asked = len(sent)
    assert asked >= 2 and not follower.following
    with qtbot.waitSignal(follower.finished, timeout=1000, raising=False) as late:
        pass
    assert not late.signal_triggered and len(sent) == asked  # stopped: nothing more sent, nothing delivered
    assert not any(overlapped)  # every request waited for the answer to the one before
    follower.start()  # resumes from where it stopped
    with qtbot.waitSignal(follower.finished, timeout=30000):
        pass
    assert sent[asked].params["start"] > 0


def test_follower_tries_again_after_a_failed_request(qtbot, session, demo):
    task = _start_backup(qtbot, session)  # the demo's tasks end at once here
    _ended(qtbot, session, task)
    demo.pve.fail("GET", "/tasks/{0}/log".format(task.upid), 500, "busy", times=1)
    follower = TaskFollower(session, task, interval_ms=50)
    problems, got = [], []
    follower.failed.connect(problems.append)
    follower.lines.connect(got.extend)
    with qtbot.waitSignal(follower.finished, timeout=10000):
        follower.start()
    assert len(problems) == 1 and "busy" in errors.describe(problems[0])
    assert got[-1] == "TASK OK"


def test_follower_gives_up_on_a_task_that_is_gone(qtbot, session, demo):
    task = _start_backup(qtbot, session)
    _ended(qtbot, session, task)
    demo.pve.fail("GET", "/tasks/{0}/log".format(task.upid), 404, "no such task")
    follower = TaskFollower(session, task, interval_ms=50)
    ended = []
    follower.finished.connect(ended.append)
    with qtbot.waitSignal(follower.failed, timeout=10000) as failed:
        follower.start()
    assert isinstance(failed.args[0], errors.NotFound) and not follower.following
    follower.start()  # a follower that gave up stays stopped
    assert not follower.following and not ended

"""Task answers as real PVE gives them: long vzdump durations, the empty log, long logs, unknown UPIDs."""

import pytest

from virton_desktop.pve import api, backup, errors, tasklog
from virton_desktop.pve.shapes import Counted

from helpers import answer

# qemu-server VZDump/QemuServer.pm's progress line with pve-common render_duration (tests/data/README.md).
PROGRESS = [
    ("INFO:   0% (0.0 B of 32.0 GiB) in 0s, read: 0 B/s, write: 0 B/s", 0, 0),
    ("INFO:  42% (13.4 GiB of 32.0 GiB) in 1m 5s, read: 211.0 MiB/s, write: 205.3 MiB/s", 42, 65),
    ("INFO:  61% (305.0 GiB of 500.0 GiB) in 1d 2h 3m 4s, read: 3.1 MiB/s, write: 3.0 MiB/s", 61,
     86400 + 2 * 3600 + 3 * 60 + 4),
    ("INFO:  97% (485.0 GiB of 500.0 GiB) in 1w 2d 3h 4m 5s, read: 702.4 KiB/s, write: 690.1 KiB/s", 97,
     9 * 86400 + 3 * 3600 + 4 * 60 + 5),
    ("INFO: 100% (500.0 GiB of 500.0 GiB) in 2w 1h, read: 1.0 MiB/s, write: 1.0 MiB/s", 100, 14 * 86400 + 3600),
]


@pytest.mark.parametrize("line, percent, seconds", PROGRESS)
def test_progress_lines_with_days_and_weeks_parse(line, percent, seconds):
    p = backup.parse_progress(line)
    assert p is not None and (p.percent, p.seconds) == (percent, seconds)


def test_last_progress_keeps_moving_past_a_day():
    assert backup.last_progress([line for line, _, _ in PROGRESS[:4]]).percent == 97


def fake_log(lines, asked=None):
    """`send` over a log as pve-common's dump_logfile pages it (with its `total`, as the client keeps it);
    the (start, limit) of every request go to `asked`."""
    items = [{"n": i + 1, "t": t} for i, t in enumerate(lines)] or [{"n": 1, "t": "no content"}]

    def send(op):
        start, limit = op.params["start"], op.params["limit"]
        if asked is not None:
            asked.append((start, limit))
        return Counted(items[start:start + limit] if lines or start == 0 else [], len(items))
    return send


def test_the_no_content_placeholder_is_not_a_line():
    cursor = tasklog.TaskLogCursor("pve1", "UPID:x")
    assert cursor.feed([{"n": 1, "t": "no content"}]) == [] and cursor.offset == 0
    assert cursor.feed([{"n": 1, "t": "INFO: starting new backup job: vzdump 100"}]) == [
        "INFO: starting new backup job: vzdump 100"]
    assert tasklog.read_tail(fake_log([]), "pve1", "UPID:x", 50) == []


@pytest.mark.parametrize("count", [1, 499, 500, 501, 1000, 1001, 23456])
def test_read_tail_ends_with_the_logs_last_lines(count):
    lines = ["INFO: line {0}".format(i) for i in range(1, count)] + ["TASK ERROR: job errors"]
    asked = []
    tail = tasklog.read_tail(fake_log(lines, asked), "pve1", "UPID:x", 50)
    assert tail == lines[-50:]
    # the first page, and when it was full the page ending at the log's `total`
    assert asked == [(0, 500)] if count < 500 else [(0, 500), (count - 50, 500)]


def test_without_a_total_the_first_page_is_the_tail():
    lines = ["INFO: line {0}".format(i) for i in range(1, 2000)]
    send = fake_log(lines)
    tail = tasklog.read_tail(lambda op: list(send(op)), "pve1", "UPID:x", 50)
    assert tail == lines[450:500]


def test_no_such_task_is_not_found():
    # pve-manager Tasks.pm: raise_param_exc({ upid => "no such task" }) -> HTTP 400 with per-field errors.
    error = errors.classify(400, "Parameter verification failed.", {"upid": "no such task"})
    assert isinstance(error, errors.NotFound) and error.message == "no such task"
    assert isinstance(errors.classify(400, "Parameter verification failed.", {"vmid": "bad"}),
                      errors.InvalidParameters)


# ------------------------------------------------------------------ against the demo

def vzdump_tasks(demo):
    return {t["id"]: t for t in demo.pve.tasklog if t["type"] == "vzdump"}


def test_demo_multi_day_vzdump_log_parses_to_the_end(qtbot, session, demo):
    task = vzdump_tasks(demo)["115"]
    lines = tasklog.TaskLogCursor(task["node"], task["upid"]).feed(
        answer(qtbot, session.run(api.task_log(task["node"], task["upid"], 0, 500))))
    assert any(" in 1w " in line for line in lines)
    progress = backup.last_progress(lines)
    assert progress.percent == 100 and progress.seconds >= 7 * 86400


def test_demo_long_failing_job_tail_reaches_its_error(qtbot, session, demo):
    task = vzdump_tasks(demo)["111"]
    assert len(task["log"]) > 500

    def send(op):
        return answer(qtbot, session.run(op))
    first = send(api.task_log(task["node"], task["upid"], 0, 500))
    assert len(first) == 500 and first.total == len(task["log"])  # PVE's `total` survives the client
    tail = tasklog.read_tail(send, task["node"], task["upid"], 50)
    assert tail[-1] == "TASK ERROR: Backup of VM 111 failed - no space left on device"
    assert "ERROR: Backup of VM 111 failed - no space left on device" in tail


def test_demo_empty_log_answers_the_placeholder(qtbot, session, demo):
    task = vzdump_tasks(demo)["100"]
    task["log"] = []
    data = answer(qtbot, session.run(api.task_log(task["node"], task["upid"], 0, 500)))
    assert data == [{"n": 1, "t": "no content"}]
    assert tasklog.TaskLogCursor(task["node"], task["upid"]).feed(data) == []


def test_demo_unknown_task_is_not_found_and_followers_stop(qtbot, session):
    from virton_desktop.core.task_follower import TaskFollower
    from virton_desktop.pve.entities import Task

    upid = "UPID:pve1:00000001:00000007:00000000:qmstart:100:root@pam:"
    with pytest.raises(errors.NotFound):
        answer(qtbot, session.run(api.task_status("pve1", upid)))
    follower = TaskFollower(session, Task.from_upid("demo", upid), interval_ms=50)
    with qtbot.waitSignal(follower.failed, timeout=10000) as failed:
        follower.start()
    assert isinstance(failed.args[0], errors.NotFound)
    qtbot.waitUntil(lambda: not follower.following, timeout=5000)

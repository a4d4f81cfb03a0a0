"""What makes a big poll cheap keeps its meaning: shapes' quick `ok` agrees with `check`, a guest
row the same as last time is reused (and a changed or wrong one is not), the answer decoder gives
json's results, and the list polls slower while the window is minimised (issue 21)."""

from __future__ import annotations

import json

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from virton_desktop.demo.served import ServedDemo
from virton_desktop.models.instances import COL_CLUSTER
from virton_desktop.pve import api, errors, shapes
from virton_desktop.pve.client import Credentials, _decode
from virton_desktop.pve.entities import Instance
from virton_desktop.session_worker import Worker
from virton_desktop.ui.poll_pace import HIDDEN_S, OUT_OF_VIEW_S, SEEN_S

from conftest import make_session

SHAPES = [shapes.INT, shapes.NUM, shapes.FLAG, shapes.STR, shapes.SCALAR, shapes.NULL, shapes.UPID,
          shapes.Optional(shapes.INT), shapes.INT | shapes.STR, shapes.ListOf(shapes.NUM),
          shapes.DictOf(shapes.SCALAR), shapes.Obj({"vmid": shapes.INT}, {"name": shapes.STR}), api.RESOURCE,
          api.cluster_resources().answer]

VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.sampled_from(["", "0", "1", "12", "-3", "1.5e3",
                                                                                "x", "١٢٣", "UPID:n:1:2:3:t:1:u:"])
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["vmid", "name", "cpu", "tags", "template", "x"]), inner, max_size=4),
    max_leaves=12)


@settings(max_examples=400, deadline=None)
@given(value=VALUES)
def test_ok_says_what_check_says(value):
    for shape in SHAPES:
        try:
            shape.check(value)
        except shapes.ShapeMismatch:
            assert not shape.ok(value), shape
        else:
            assert shape.ok(value), shape


def test_a_wrong_row_is_still_named():
    rows = [{"vmid": 100, "name": "a"}, {"vmid": 101, "cpu": "lots"}]
    with pytest.raises(shapes.ShapeMismatch, match=r"data\[1\]\.cpu"):
        api.cluster_resources().answer.check(rows)


def test_from_api_reads_every_field_by_its_name():
    row = {"vmid": 104, "name": "web", "type": "lxc", "node": "pve2", "status": "running", "template": "1",
           "maxcpu": 4, "cpu": 0.25, "maxmem": 2048, "mem": 1024, "maxdisk": 8192, "disk": 4096, "uptime": 77,
           "tags": "b;a", "lock": "backup", "hastate": "started", "pool": "p", "netin": 1, "netout": 2,
           "diskread": 3, "diskwrite": 5}
    assert Instance.from_api("c", row) == Instance(
        cluster="c", vmid=104, name="web", type="lxc", node="pve2", status="running", template=True, maxcpu=4.0,
        cpu=0.25, maxmem=2048, mem=1024, maxdisk=8192, disk=4096, uptime=77, tags=("b", "a"), lock="backup",
        hastate="started", pool="p", netin=1, netout=2, diskread=3, diskwrite=5)


def _rows():
    return [{"vmid": 100 + i, "name": "g{0}".format(i), "status": "running", "cpu": 0.1, "uptime": 5}
            for i in range(3)]


def test_an_unchanged_row_is_reused_a_changed_one_rebuilt():
    worker = Worker("c", [], Credentials("root@pam", password="-"))
    op = api.cluster_resources()
    first = worker._diff(worker._instances(op, _rows()))
    assert first.full and len(first.changed) == 3
    before = {inst.vmid: inst for inst in first.changed}
    again = _rows()
    again[1]["uptime"] = 8
    again[2]["lock"] = "backup"  # a key more: a changed row too
    second = worker._diff(worker._instances(op, again))
    assert {inst.vmid: inst.uptime for inst in second.changed} == {101: 8, 102: 5}
    assert worker._known[("c", 100)] is before[100]  # taken as it was: neither checked nor built again
    assert worker._known[("c", 102)].lock == "backup"


def test_a_row_gone_wrong_is_refused_although_it_was_fine_before():
    worker = Worker("c", [], Credentials("root@pam", password="-"))
    op = api.cluster_resources()
    worker._diff(worker._instances(op, _rows()))
    wrong = _rows()
    wrong[2]["cpu"] = "lots"
    with pytest.raises(errors.BadAnswer, match=r"data\[2\]\.cpu"):
        worker._diff(worker._instances(op, wrong))
    with pytest.raises(errors.BadAnswer, match="expected a list"):
        list(worker._instances(op, {"data": []}))


@pytest.mark.parametrize("body", [b'{"data": [1, 2.5, "x", null, true]}', b'{"n": 123456789012345678901234567890}',
                                  b'{"n": NaN}', b'{"n": 1e400}', b'{"s": "\\ud800"}', '{"s": "\u00e9"}'.encode()])
def test_decoding_gives_what_json_gives(body):
    resp = requests.Response()
    resp._content = body
    resp.encoding = "utf-8"
    assert repr(_decode(resp)) == repr(json.loads(body))


def test_a_minimised_window_polls_slower_and_at_once_when_shown_again(qtbot, window):
    session = window.clusters.sessions()[0]
    assert session.poll_interval == 3.0
    window.showMinimized()
    qtbot.waitUntil(lambda: session.poll_interval == HIDDEN_S, timeout=5000)
    with qtbot.waitSignal(window.clusters.polled, timeout=15000):
        pass  # the poll planned before; the next one is HIDDEN_S away
    with qtbot.waitSignal(window.clusters.polled, timeout=15000):  # so this one is the window's refresh
        window.showNormal()
    assert session.poll_interval == 3.0
    window.hide()
    qtbot.waitUntil(lambda: session.poll_interval == HIDDEN_S, timeout=5000)


def test_a_cluster_with_no_guest_in_view_polls_slowly_and_at_once_when_it_comes_into_view(
        qtbot, window):
    """Ten clusters polled every 3 s for rows nobody sees: a cluster none of whose guests is in
    the list's viewport, selected or on a page polls every 30 s (it shows no figure, only counts
    and states), and at once when one of them comes into view."""
    first = window.clusters.get("demo")
    with ServedDemo(time_scale=0, index=1) as served:
        window.resize(1000, 420)  # a few rows in view: sorted by cluster, the first one's
        window.page.table.sortByColumn(COL_CLUSTER, Qt.SortOrder.AscendingOrder)
        window.page.table.scrollToTop()
        other = make_session(served, name=served.name)
        with qtbot.waitSignal(other.instances_polled, timeout=15000):
            window.clusters.add(other)
        qtbot.waitUntil(lambda: other.poll_interval == OUT_OF_VIEW_S, timeout=5000)
        assert first.poll_interval == SEEN_S
        assert window.poll_pace.shown == {"demo"}
        # Scrolled to its guests: polled now (not 30 s later), then at the usual pace.
        with qtbot.waitSignal(other.instances_polled, timeout=2500):
            window.page.table.scrollToBottom()
        assert other.poll_interval == SEEN_S
        assert first.poll_interval == OUT_OF_VIEW_S
        # A selected guest keeps its cluster in view wherever the list is scrolled.
        window.page.select(("demo", 100))
        qtbot.waitUntil(lambda: first.poll_interval == SEEN_S, timeout=5000)
        window.page.table.scrollToBottom()
        window.poll_pace._update_view()  # what its timer does 200 ms after the scroll
        assert first.poll_interval == SEEN_S
        other.close()
    # One cluster left: always in view.
    window.clusters.remove(served.name)
    qtbot.waitUntil(lambda: window.poll_pace.shown is None, timeout=5000)
    assert first.poll_interval == SEEN_S

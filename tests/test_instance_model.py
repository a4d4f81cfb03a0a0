"""The instance model on its own: diffs, filters, sorting, under QAbstractItemModelTester."""

from dataclasses import replace

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest

from virton_desktop.models.base import ROW_FLAGS
from virton_desktop.models.instances import COL_CPU, COL_NAME, COL_VMID, InstanceFilter, InstanceModel, KeyRole
from virton_desktop.pve.entities import Instance
from virton_desktop.session import InstanceDelta


def guests(n, cluster="c1"):
    return [Instance(cluster=cluster, vmid=100 + i, name="guest-{0}".format(i), type="qemu" if i % 3 else "lxc",
                     node="pve{0}".format(1 + i % 3), status="running" if i % 2 else "stopped",
                     maxcpu=2, cpu=(i % 10) / 10, maxmem=2 ** 31, mem=2 ** 30) for i in range(n)]


def full(items, cluster="c1"):
    return InstanceDelta(cluster, True, tuple(items), ())


def test_model_passes_qt_model_tester(qtmodeltester):
    model = InstanceModel()
    model.apply(full(guests(30)))
    qtmodeltester.check(model, force_py=False)
    # exercise every path under the tester's watch: update, move, insert, remove, filter, sort
    items = guests(30)
    model.sort(COL_CPU, Qt.SortOrder.DescendingOrder)
    model.apply(InstanceDelta("c1", False, (replace(items[3], cpu=0.99), replace(items[4], name="renamed"),
                                            Instance("c1", 999, "new", "qemu", "pve1", "running")),
                              (("c1", 105),)))
    model.set_filter(InstanceFilter(text="guest-1"))
    model.set_filter(InstanceFilter(statuses=frozenset({"running"})))
    model.sort(COL_NAME)
    model.apply(InstanceDelta("c1", False, tuple(replace(i, status="stopped") for i in items[6:20]), ()))
    model.set_filter(InstanceFilter())
    assert model.rowCount() == 30


def test_cells_are_enabled_selectable_leaves_and_the_root_has_no_flags():
    model = InstanceModel()
    model.apply(full(guests(3)))
    assert model.flags(model.index(2, COL_NAME)) == ROW_FLAGS
    assert model.flags(model.index(0, 0).parent()) == Qt.ItemFlag.NoItemFlags


def test_figures_and_identity_split_every_field_and_only_figure_columns_sort_by_figures():
    from dataclasses import fields

    from virton_desktop.models.instances import FIGURE_SORTS, SORT_KEYS
    from virton_desktop.pve.entities import FIGURE_FIELDS, IDENTITY_FIELDS

    assert sorted(FIGURE_FIELDS + IDENTITY_FIELDS) == sorted(f.name for f in fields(Instance))
    assert not set(FIGURE_FIELDS) & set(IDENTITY_FIELDS)
    inst = guests(2)[1]  # running
    moved = replace(inst, **{name: getattr(inst, name) * 3 + 1 for name in FIGURE_FIELDS})
    for column, key in SORT_KEYS.items():
        assert (key(moved) != key(inst)) == (column in FIGURE_SORTS), column


def test_poll_keeps_selection_and_never_resets(qtbot):
    model = InstanceModel()
    model.apply(full(guests(50)))
    selection = QItemSelectionModel(model)
    row = model.row_of(("c1", 120))
    selection.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                     | QItemSelectionModel.SelectionFlag.Rows)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    items = guests(50)
    # change, add and remove, with the selected row moving because its sort key changes
    model.sort(COL_CPU)
    delta = InstanceDelta("c1", False, (replace(items[20], cpu=0.95), replace(items[1], name="x"),
                                        Instance("c1", 5, "early", "qemu", "pve1", "stopped")),
                          (("c1", 100), ("c1", 101)))
    model.apply(delta)
    assert not resets
    selected = [i.data(KeyRole) for i in selection.selectedRows()]
    assert selected == [("c1", 120)]
    assert model.rowCount() == 49
    # a full list after a reconnect is also applied as a diff
    model.apply(full(guests(10)))
    assert not resets and model.rowCount() == 10
    assert [i.data(KeyRole) for i in selection.selectedRows()] == []


def test_filters_and_search():
    model = InstanceModel()
    model.apply(full(guests(30) + guests(5, cluster="c2")))
    model.set_filter(InstanceFilter(text="GUEST-2"))  # case-insensitive, name
    names = {model.instance(r).name for r in range(model.rowCount())}
    assert names == {"guest-2"} | {"guest-2{0}".format(i) for i in range(10)}
    model.set_filter(InstanceFilter(text="110"))  # VMID
    assert [model.instance(r).vmid for r in range(model.rowCount())] == [110]
    model.set_filter(InstanceFilter(nodes=frozenset({"pve2"}), types=frozenset({"lxc"})))
    assert all(model.instance(r).node == "pve2" and model.instance(r).type == "lxc"
               for r in range(model.rowCount()))
    model.set_filter(InstanceFilter(clusters=frozenset({"c2"}), statuses=frozenset({"running"})))
    assert {model.instance(r).key for r in range(model.rowCount())} == {("c2", 101), ("c2", 103)}
    running, total, vis_running, visible = model.counts()
    assert (running, total, vis_running, visible) == (17, 35, 2, 2)


@pytest.mark.parametrize("column", [COL_VMID, COL_NAME, COL_CPU])
def test_sort_orders_rows_and_keeps_them_sorted_on_updates(column):
    model = InstanceModel()
    items = guests(40)
    model.apply(full(items))
    model.sort(column, Qt.SortOrder.DescendingOrder)
    model.apply(InstanceDelta("c1", False, (replace(items[7], cpu=0.55, name="guest-77"),
                                            Instance("c1", 50, "aaa", "qemu", "pve1", "running", cpu=0.3)), ()))
    keys = [model.index(r, column).data(Qt.ItemDataRole.DisplayRole) for r in range(model.rowCount())]
    from virton_desktop.models.instances import SORT_KEYS
    sk = [SORT_KEYS[column](model.instance(r)) for r in range(model.rowCount())]
    assert sk == sorted(sk, reverse=True), keys


def test_a_poll_that_moves_only_figures_repaints_only_their_cells(qtmodeltester):
    from virton_desktop.models.instances import COL_IP, COL_STATUS, COL_UPTIME, COLUMN_COUNT

    model = InstanceModel()
    items = guests(20)
    model.apply(full(items))
    qtmodeltester.check(model, force_py=False)
    spans = []
    model.dataChanged.connect(lambda tl, br, *_: spans.append((tl.row(), br.row(), tl.column(), br.column())))
    running = [i for i in items if i.status == "running"]
    live = tuple(replace(i, mem=i.mem + 4096, uptime=i.uptime + 3) for i in running)
    model.apply(InstanceDelta("c1", False, live, ()))
    assert len(spans) == len(running) and {(s[2], s[3]) for s in spans} == {(COL_CPU, COL_UPTIME)}
    spans.clear()
    model.apply(InstanceDelta("c1", False, (replace(running[0], status="stopped"),), ()))
    assert [(s[2], s[3]) for s in spans] == [(0, COLUMN_COUNT - 1)]  # the state: the whole row
    assert COL_CPU <= COL_UPTIME and not COL_CPU <= COL_STATUS <= COL_UPTIME and not COL_CPU <= COL_IP <= COL_UPTIME


def test_an_address_the_agent_reports_later_is_searchable_at_once(qtmodeltester):
    from virton_desktop.pve.agent import AgentInfo, AgentState, Interface

    model = InstanceModel()
    items = guests(6)
    model.apply(full(items))
    qtmodeltester.check(model, force_py=False)
    model.set_filter(InstanceFilter(text="10.77.0.5"))
    assert model.rowCount() == 0
    eth0 = Interface("eth0", "aa:bb:cc:dd:ee:ff", ("10.77.0.5/24",))
    model.set_agent(items[1].key, AgentInfo(AgentState.OK, (eth0,)))
    assert model.rowCount() == 1 and model.instance(0).key == items[1].key
    model.set_agent(items[1].key, None)  # it stopped: the address is gone, and so is the row
    assert model.rowCount() == 0


def test_a_new_clusters_list_is_taken_in_whole_as_guest_by_guest(qtmodeltester):
    """A cluster's list taken in whole (InstanceModel._take_in_new), other guests' agents known
    meanwhile, is searched, counted and filtered as one taken in guest by guest; a list naming a
    guest twice keeps it once."""
    from virton_desktop.models.instance_filter import haystack
    from virton_desktop.pve.agent import AgentInfo, AgentState, Interface

    model = InstanceModel()
    items = guests(6)
    model.apply(full(items))
    eth0 = Interface("eth0", "aa:bb:cc:dd:ee:ff", ("10.77.0.5/24",))
    model.set_agent(items[1].key, AgentInfo(AgentState.OK, (eth0,)))
    others = guests(3, cluster="c2")
    model.apply(full(others, cluster="c2"))
    model.apply(full(guests(3, cluster="c3") + guests(2, cluster="c3"), cluster="c3"))  # 100 and 101 twice
    qtmodeltester.check(model, force_py=False)
    assert all(model._hay[g.key] == haystack(g) for g in others)
    model.set_filter(InstanceFilter(text="10.77.0.5"))
    assert [model.instance(r).key for r in range(model.rowCount())] == [items[1].key]
    model.set_filter(InstanceFilter(text="guest-1"))
    assert sorted(model.instance(r).key for r in range(model.rowCount())) == [("c1", 101), ("c2", 101), ("c3", 101)]
    model.set_filter(InstanceFilter(nodes=frozenset({"pve2"})))
    assert model.rowCount() == 2 + 1 + 1
    assert model.counts()[:2] == (5, 12)  # running, all


def test_a_search_prepared_ahead_finds_what_a_plain_search_finds(qtbot, qtmodeltester, monkeypatch):
    """The search box focused or edited makes the first filter's strings ready a turn before it
    (prepare_search); the filter then reads them. An agent answer that changes no address keeps
    them; one that does is found at once all the same."""
    from virton_desktop.models import instances
    from virton_desktop.pve.agent import AgentInfo, AgentState, Interface

    read = []
    plain = instances.filter_keys
    monkeypatch.setattr(instances, "filter_keys", lambda *a: read.append(len(a) == 5) or plain(*a))
    model = InstanceModel()
    items = guests(12)
    model.apply(full(items))
    model.apply(full(guests(3, "c2"), "c2"))
    qtmodeltester.check(model, force_py=False)
    eth0 = Interface("eth0", "aa:bb:cc:dd:ee:ff", ("10.77.0.5/24",))
    model.set_agent(items[1].key, AgentInfo(AgentState.OK, (eth0,)))
    model.prepare_search()
    ready = model._order_hay
    model.set_agent(items[1].key, AgentInfo(AgentState.OK, (eth0,)))  # the same answer again
    assert model._order_hay is ready
    model.set_filter(InstanceFilter(text="guest-1"))
    assert read == [True]
    assert [model.instance(r).key for r in range(model.rowCount())] == [
        ("c1", 101), ("c2", 101), ("c1", 110), ("c1", 111)]  # by ID
    model.set_filter(InstanceFilter())
    other = Interface("eth0", "aa:bb:cc:dd:ee:ff", ("10.77.0.9/24",))
    model.set_agent(items[4].key, AgentInfo(AgentState.OK, (other,)))  # a new address: made again
    model.prepare_search()
    model.set_filter(InstanceFilter(text="10.77.0.9"))
    assert read[-1] is True and [model.instance(r).key for r in range(model.rowCount())] == [items[4].key]


def test_typing_in_the_search_box_prepares_the_search_before_its_filter(qtbot):
    from virton_desktop.ui.guests.actions import GuestActions
    from virton_desktop.ui.guests.instance_list import InstanceListPage

    model = InstanceModel()
    model.apply(full(guests(20)))
    page = InstanceListPage(model, GuestActions(lambda cluster: None, None))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert model._order_hay is None
    QTest.keyClicks(page.search, "guest-1")
    assert model._order_hay is not None  # at the first key, before the delayed filter
    qtbot.waitUntil(lambda: model.rowCount() == 11)


def test_live_polls_of_several_clusters_are_signalled_as_one_span(qtbot, qtmodeltester):
    from virton_desktop.models.instances import COL_UPTIME
    from virton_desktop.models.row_index import ROWS_SIGNALLED_ONE_BY_ONE

    model = InstanceModel()
    clusters = ("c1", "c2")
    lists = {c: guests(2 * ROWS_SIGNALLED_ONE_BY_ONE + 2, c) for c in clusters}
    for c in clusters:
        model.apply(full(lists[c], c))
    qtmodeltester.check(model, force_py=False)
    spans = []
    model.dataChanged.connect(lambda tl, br, *_: spans.append((tl.row(), br.row(), tl.column(), br.column())))
    for c in clusters:  # every running guest's figures moved, in both clusters
        live = tuple(replace(i, uptime=i.uptime + 3) for i in lists[c] if i.status == "running")
        model.apply(InstanceDelta(c, False, live, ()))
    assert spans == []  # a moment later, together
    qtbot.waitUntil(lambda: len(spans) > 0, timeout=2000)
    moved = sorted(model._pos[i.key] for c in clusters for i in lists[c] if i.status == "running")
    assert spans == [(moved[0], moved[-1], COL_CPU, COL_UPTIME)]  # interleaved by VMID: one span


def test_a_live_poll_is_signalled_only_where_its_rows_are(qtbot, qtmodeltester):
    """Ten clusters sorted by VMID or cluster lie in blocks: a poll of one whose rows are
    scrolled away signals its block only, so a view showing another cluster's rows repaints
    nothing. Rows far apart in one poll make separate spans, and the spans cover every
    changed row."""
    from virton_desktop.models.instances import COL_UPTIME
    from virton_desktop.models.row_index import ROWS_SIGNALLED_ONE_BY_ONE, SPAN_GAP_ROWS, SPANS_AT_MOST, row_spans

    model = InstanceModel()
    per = 2 * ROWS_SIGNALLED_ONE_BY_ONE + 2
    lists = {c: [replace(i, vmid=i.vmid + 100_000 * n) for i in guests(per, c)]
             for n, c in enumerate(("c1", "c2", "c3"))}
    for c, items in lists.items():
        model.apply(full(items, c))
    model.sort(COL_VMID)
    qtmodeltester.check(model, force_py=False)
    spans = []
    model.dataChanged.connect(lambda tl, br, *_: spans.append((tl.row(), br.row(), tl.column(), br.column())))
    for c in ("c1", "c3"):  # the first and the last block moved; c2's rows lie between them
        live = tuple(replace(i, uptime=i.uptime + 3) for i in lists[c] if i.status == "running")
        model.apply(InstanceDelta(c, False, live, ()))
    qtbot.waitUntil(lambda: len(spans) > 0, timeout=2000)
    rows = {c: sorted(model._pos[i.key] for i in lists[c] if i.status == "running") for c in lists}
    assert spans == [(rows["c1"][0], rows["c1"][-1], COL_CPU, COL_UPTIME),
                     (rows["c3"][0], rows["c3"][-1], COL_CPU, COL_UPTIME)]
    assert not any(top <= row <= bottom for top, bottom, *_ in spans for row in range(per, 2 * per))  # c2's
    # The rule itself: gaps split, and no more than SPANS_AT_MOST spans however scattered.
    assert row_spans([]) == []
    assert row_spans([3, 4, 4 + SPAN_GAP_ROWS]) == [(3, 4 + SPAN_GAP_ROWS)]  # fewer rows between: one
    assert row_spans([3, 4, 5 + SPAN_GAP_ROWS]) == [(3, 4), (5 + SPAN_GAP_ROWS,) * 2]
    scattered = [i * 1000 + j for i in range(40) for j in (0, 1)]
    joined = row_spans(scattered)
    assert len(joined) == SPANS_AT_MOST and joined[0][0] == 0 and joined[-1][1] == scattered[-1]
    assert all(any(top <= r <= bottom for top, bottom in joined) for r in scattered)


def test_a_span_of_other_changes_is_not_held_back_by_waiting_figures(qtbot):
    """Figures-only spans wait up to a second (PVE moves them every 10 s); a span that changes
    statuses (a bulk start of many guests) is signalled at once, and takes the figures along."""
    from virton_desktop.models.instances import COLUMN_COUNT
    from virton_desktop.models.row_index import FIGURES_DELAY_MS, ROWS_SIGNALLED_ONE_BY_ONE, SPAN_DELAY_MS

    assert SPAN_DELAY_MS < FIGURES_DELAY_MS
    model = InstanceModel()
    items = guests(2 * ROWS_SIGNALLED_ONE_BY_ONE + 2, "c1")
    model.apply(full(items, "c1"))
    spans = []
    model.dataChanged.connect(lambda tl, br, *_: spans.append((tl.row(), br.row(), tl.column(), br.column())))
    running = [i for i in items if i.status == "running"]
    stopped = [i for i in items if i.status != "running"]
    assert len(running) > ROWS_SIGNALLED_ONE_BY_ONE and len(stopped) > ROWS_SIGNALLED_ONE_BY_ONE
    model.apply(InstanceDelta("c1", False, tuple(replace(i, uptime=i.uptime + 3) for i in running), ()))
    model.apply(InstanceDelta("c1", False, tuple(replace(i, status="running") for i in stopped), ()))
    assert spans == []
    qtbot.waitUntil(lambda: len(spans) > 0, timeout=FIGURES_DELAY_MS // 2)
    assert spans == [(0, model.rowCount() - 1, 0, COLUMN_COUNT - 1)]  # every row changed: one span


def test_a_span_skips_the_rows_that_left_the_list_before_it_was_signalled(qtbot, qtmodeltester):
    """Figures wait up to a second to be signalled; a search in between narrows the list: the
    span names the changed rows still listed, where they are now."""
    from virton_desktop.models.row_index import ROWS_SIGNALLED_ONE_BY_ONE

    model = InstanceModel()
    items = guests(4 * ROWS_SIGNALLED_ONE_BY_ONE, "c1")
    model.apply(full(items, "c1"))
    qtmodeltester.check(model, force_py=False)
    spans = []
    model.dataChanged.connect(lambda tl, br, *_: spans.append((tl.row(), br.row(), tl.isValid(), br.isValid())))
    running = [i for i in items if i.status == "running"]
    model.apply(InstanceDelta("c1", False, tuple(replace(i, uptime=i.uptime + 3) for i in running), ()))
    model.set_filter(InstanceFilter(text="guest-1"))  # guest-1, guest-10.., guest-100..: far fewer rows
    assert 0 < model.rowCount() < len(items) // 2
    spans.clear()  # the filter's own signals
    model.signal_pending()
    shown_running = sorted(r for r in range(model.rowCount()) if model.instance(r).status == "running")
    assert spans == [(shown_running[0], shown_running[-1], True, True)]

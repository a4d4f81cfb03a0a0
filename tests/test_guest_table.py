"""The guest list repaints the changed cells it shows, and nothing for changes off screen.

Qt's views repaint the whole viewport for any change wider than one cell; with ten clusters in
one window, the polls of the nine scrolled away repainted every cell on screen about once a
second (ui/guests/guest_table.py). What the screen shows after a poll is checked against a
fresh paint of the same rows: painting less must not leave an old figure behind.
"""

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QVBoxLayout, QWidget

from virton_desktop.models.instances import COL_CPU, COL_UPTIME, COL_VMID, InstanceModel
from virton_desktop.pve.entities import Instance
from virton_desktop.session import InstanceDelta
from virton_desktop.ui.guests.actions import GuestActions
from virton_desktop.ui.guests.guest_table import GuestTable
from virton_desktop.ui.guests.instance_list import InstanceListPage

PER_CLUSTER = 300  # each cluster's block is taller than any window
CLUSTERS = ("c1", "c2", "c3")


def _guests(cluster: str, n: int) -> list[Instance]:
    base = 100 + 100_000 * CLUSTERS.index(cluster)  # VMID order puts each cluster in its own block
    return [Instance(cluster=cluster, vmid=base + i, name="{0}-guest-{1}".format(cluster, i), type="qemu",
                     node="pve1", status="running", maxcpu=2, cpu=(i % 10) / 10, maxmem=2 ** 31, mem=2 ** 30,
                     uptime=1000 + i) for i in range(n)]


class _Paints(QObject):
    def __init__(self):
        super().__init__()
        self.rects = []

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())
        return False


def _shown(qtbot, model, prepare=lambda page: None):
    """The guest list page of `model` in a shown window, painted once, its paints counted after."""
    window = QWidget()
    window.resize(1280, 720)
    page = InstanceListPage(model, GuestActions(lambda cluster: None, window), window)
    QVBoxLayout(window).addWidget(page)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    prepare(page)
    qtbot.wait(20)  # the first paint done
    paints = _Paints()
    page.table.viewport().installEventFilter(paints)
    return window, page, paints


def _page(qtbot):
    model = InstanceModel()
    lists = {c: _guests(c, PER_CLUSTER) for c in CLUSTERS}
    for cluster, items in lists.items():
        model.apply(InstanceDelta(cluster, True, tuple(items), ()))

    def to_the_top(page):
        page.table.sortByColumn(COL_VMID, page.table.horizontalHeader().sortIndicatorOrder())
        page.table.scrollToTop()

    window, page, paints = _shown(qtbot, model, to_the_top)
    return window, page, model, lists, paints


def _live_poll(model, cluster, items):
    """Every guest's figures moved (a pvestatd round), signalled as the model signals a poll."""
    moved = tuple(replace(i, cpu=round(1.0 - i.cpu, 2), uptime=i.uptime + 10, mem=i.mem // 2) for i in items)
    model.apply(InstanceDelta(cluster, False, moved, ()))
    model.signal_pending()
    return list(moved)


def _on_screen(table) -> QImage:
    """What the list shows now (the window's offscreen backing store), not a fresh paint."""
    viewport = table.viewport()
    at = viewport.mapTo(viewport.window(), QPoint(0, 0))
    window = viewport.window()
    shown = window.screen().grabWindow(window.winId(), at.x(), at.y(), viewport.width(), viewport.height())
    return shown.toImage().convertToFormat(QImage.Format.Format_RGB32)


def _fresh(table) -> QImage:
    """The list painted anew, every cell (into an image: the screen is left as it is)."""
    return table.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def test_the_guest_list_uses_the_table_that_repaints_only_what_it_shows(qtbot):
    _window, page, *_ = _page(qtbot)
    assert isinstance(page.table, GuestTable)


def test_a_poll_of_a_cluster_scrolled_away_repaints_nothing(qtbot):
    _window, page, model, lists, paints = _page(qtbot)
    assert page.table.rowAt(0) == 0 and model.instance(page.table.rowAt(0)).cluster == "c1"
    before = _on_screen(page.table)
    assert before == _fresh(page.table)
    paints.rects.clear()  # the fresh paint's own
    _live_poll(model, "c3", lists["c3"])
    qtbot.wait(50)
    assert paints.rects == []
    assert _on_screen(page.table) == before


def test_a_poll_of_the_rows_on_screen_repaints_their_figures_only(qtbot):
    _window, page, model, lists, paints = _page(qtbot)
    table = page.table
    before = _on_screen(table)
    _live_poll(model, "c1", lists["c1"])
    qtbot.waitUntil(lambda: paints.rects != [], timeout=2000)
    left = min(table.columnViewportPosition(c) for c in range(COL_CPU, COL_UPTIME + 1) if not table.isColumnHidden(c))
    right = max(table.columnViewportPosition(c) + table.columnWidth(c)
                for c in range(COL_CPU, COL_UPTIME + 1) if not table.isColumnHidden(c))
    assert all(left <= r.left() and r.right() < right for r in paints.rects), (left, right, paints.rects)
    assert _on_screen(table) != before
    assert _on_screen(table) == _fresh(table)  # every changed figure on screen was painted anew


def test_a_poll_that_changes_part_of_the_screen_leaves_nothing_old_behind(qtbot):
    """Changed rows below and within the screen in one span, and a row scrolled into view after."""
    _window, page, model, lists, paints = _page(qtbot)
    table = page.table
    shown_rows = table.rowAt(table.viewport().height() - 1)
    assert 5 < shown_rows < PER_CLUSTER - 20
    _live_poll(model, "c1", lists["c1"][shown_rows // 2: shown_rows + 20])
    qtbot.waitUntil(lambda: paints.rects != [], timeout=2000)
    assert min(r.top() for r in paints.rects) >= table.rowViewportPosition(shown_rows // 2)
    assert _on_screen(table) == _fresh(table)
    table.verticalScrollBar().setValue(table.verticalScrollBar().value() + 10)
    qtbot.wait(20)
    assert _on_screen(table) == _fresh(table)


def _empty_page(qtbot):
    model = InstanceModel()
    _window, page, paints = _shown(qtbot, model)
    return page, model, paints


def test_the_first_guests_and_a_search_that_hides_the_scroll_bar_are_painted_once(qtbot):
    """Laid out at once (GuestTable._lay_out_now): the scroll bar that appears with the first
    guests, or goes with a search that leaves a few, is in place before the rows are painted; laid
    out a turn later, as Qt does, it resized the viewport and the list was painted twice."""
    page, model, paints = _empty_page(qtbot)
    bar = page.table.verticalScrollBar()
    model.apply(InstanceDelta("c1", True, tuple(_guests("c1", PER_CLUSTER)), ()))  # the first (a reset)
    qtbot.waitUntil(lambda: len(paints.rects) >= 1)
    qtbot.wait(50)
    assert bar.isVisible() and len(paints.rects) == 1
    paints.rects.clear()
    model.apply(InstanceDelta("c2", True, tuple(_guests("c2", PER_CLUSTER)), ()))  # a layout change
    qtbot.waitUntil(lambda: len(paints.rects) >= 1)
    qtbot.wait(50)
    assert len(paints.rects) == 1
    paints.rects.clear()
    QTest.keyClicks(page.search, "c2-guest-29")
    qtbot.waitUntil(lambda: model.rowCount() == 11)
    qtbot.wait(50)
    assert not bar.isVisible() and len(paints.rects) == 1


def test_repaints_held_while_first_lists_come_are_painted_once_when_released(qtbot):
    """Clusters' first lists coming one after another: once rows are on screen, the list holds
    its repaints (hold_repaints) and paints them all at once when released; never before rows
    were first painted, never longer than HOLD_MS after the latest hold, HOLD_LIMIT_MS in all."""
    from virton_desktop.ui.guests import guest_table

    page, model, paints = _empty_page(qtbot)
    table = page.table
    table.hold_repaints()  # no rows painted yet: the first list shows at once
    model.apply(InstanceDelta("c1", True, tuple(_guests("c1", PER_CLUSTER)), ()))
    qtbot.waitUntil(lambda: len(paints.rects) == 1)
    paints.rects.clear()
    for cluster in ("c2", "c3"):
        table.hold_repaints()
        model.apply(InstanceDelta(cluster, True, tuple(_guests(cluster, PER_CLUSTER)), ()))
        qtbot.wait(20)
    assert paints.rects == [] and not table.viewport().updatesEnabled()
    table.release_repaints()
    qtbot.waitUntil(lambda: len(paints.rects) == 1)
    qtbot.wait(50)
    assert len(paints.rects) == 1 and table.viewport().updatesEnabled()
    paints.rects.clear()
    table.hold_repaints()  # released by its timer when no list follows
    table.viewport().update()
    qtbot.waitUntil(lambda: len(paints.rects) == 1, timeout=guest_table.HOLD_MS * 10)
    assert table.viewport().updatesEnabled()


def test_a_searchs_rows_are_painted_after_what_waits_in_the_event_loop(qtbot):
    """A search's filter changes the rows at once; their repaint comes a turn later, after the
    timers and input waiting meanwhile (GuestTable.paint_next_turn): two short turns, not one
    long one. (Qt delivers a repaint before the timers of the turn it was asked in.)"""
    from PySide6.QtCore import QTimer

    page, model, paints = _empty_page(qtbot)
    model.apply(InstanceDelta("c1", True, tuple(_guests("c1", PER_CLUSTER)), ()))
    qtbot.waitUntil(lambda: len(paints.rects) == 1)
    paints.rects.clear()
    order = []
    waiting = QTimer()  # a timer due now, as a heartbeat or a key's repeat would be
    waiting.setSingleShot(True)
    waiting.timeout.connect(lambda: order.append(len(paints.rects)))
    page.search.setText("guest-1")
    page._apply_filter()
    waiting.start(0)
    assert 0 < model.rowCount() < PER_CLUSTER  # filtered at once
    qtbot.waitUntil(lambda: len(paints.rects) >= 1 and bool(order))
    assert order == [0]  # the timer first, the paint after
    assert page.table.viewport().updatesEnabled()


def test_the_window_holds_the_list_while_other_clusters_first_lists_are_awaited(qtbot, window):
    """MainWindow: a list applied while other clusters' first lists are awaited is held; the last
    one (only itself awaited: it is counted until its signals are out) releases it."""
    table = window.page.table
    qtbot.waitUntil(lambda: table._rows_painted)  # the first rows on screen
    starting = [window.clusters.first_lists.expect() for _ in range(3)]  # three more clusters
    for n, awaited in enumerate(starting):
        window.clusters.polled.emit("demo")  # its first list applied; it is still counted
        assert table.viewport().updatesEnabled() == (n == len(starting) - 1)
        awaited.arrived()  # as its session says once the registry's signals are out


def test_the_window_holds_the_list_before_another_first_list_changes_it(qtbot, window):
    """MainWindow holds the list when a first list is about to be applied while others are
    awaited (Clusters.applying), not only after it: held after, the change had already asked for
    its repaint, and the second cluster's first list was painted (12-31 ms of the start)."""
    table = window.page.table
    qtbot.waitUntil(lambda: table._rows_painted)
    starting = [window.clusters.first_lists.expect() for _ in range(2)]  # this one and another
    window.clusters.applying.emit("demo")
    assert not table.viewport().updatesEnabled()
    starting[0].arrived()  # its signals out: the other is the last
    window.clusters.applying.emit("demo")
    window.clusters.polled.emit("demo")
    assert table.viewport().updatesEnabled()
    starting[1].arrived()

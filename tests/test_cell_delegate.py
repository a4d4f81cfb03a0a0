"""The guest table's own cell delegate paints exactly what Qt's delegate paints.

`ui/guests/cell_delegate.py` draws cells from the model's cached tuples instead of asking
`data()` per role; these tests render the same rows with Qt's `QStyledItemDelegate` and with
it, and compare the pixels: light and dark palettes, an inactive window, selected and stale
rows, icons and usage bars, right-aligned figures, names too long for their column, Korean
names (a fallback font with a taller line), Arabic and Hebrew names (right-to-left text in a
left-to-right view), an emoji, a name with a tab and a line break (handed to Qt),
the focused cell, and a font changed while shown.
"""

from dataclasses import replace

import pytest
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QStyledItemDelegate, QVBoxLayout, QWidget

from virton_desktop.models.instances import InstanceModel
from virton_desktop.pve.entities import Instance
from virton_desktop.session import InstanceDelta
from virton_desktop.ui.guests.actions import GuestActions
from virton_desktop.ui.guests.cell_delegate import CellDelegate
from virton_desktop.ui.guests.instance_list import InstanceListPage

STATUSES = ("running", "stopped", "paused", "unknown", "running")


def _name(i: int) -> str:
    return ("a-guest-name-far-too-long-for-its-column-{0}".format(i), "웹서버-{0} 데이터베이스".format(i),
            "tab\there\nand a line break", "guest-{0}".format(i), "", "خادم-ويب {0}".format(i),
            "שרת 🚀 {0}".format(i))[i % 7]


GUESTS = tuple(
    Instance(cluster="c1" if i % 7 else "c2", vmid=100 + i, name=_name(i), type="lxc" if i % 3 == 0 else "qemu",
             node="pve{0}".format(1 + i % 3), status=STATUSES[i % 5], template=i % 11 == 3, maxcpu=2,
             cpu=(i % 10) / 10, maxmem=2 ** 31, mem=2 ** 30 + i * 2 ** 24, maxdisk=2 ** 34 * (i % 3), uptime=997 * i,
             tags=("prod", "db") if i % 2 else (), lock="backup" if i % 6 == 1 else "",
             hastate="error" if i % 9 == 2 else ("started" if i % 4 == 0 else ""))
    for i in range(36))


@pytest.fixture
def theme(qapp):
    from virton_desktop.ui.theme import SYSTEM, Theme

    t = Theme.of(qapp)
    yield t
    t.apply(SYSTEM)


def _page(qtbot, delegate_kind: str):
    model = InstanceModel()
    for cluster in ("c1", "c2"):
        model.apply(InstanceDelta(cluster, True, tuple(g for g in GUESTS if g.cluster == cluster), ()))
    model.set_stale("c2", True)  # greyed rows
    window = QWidget()
    window.resize(1280, 720)
    page = InstanceListPage(model, GuestActions(lambda cluster: None, window), window)
    page.table.setColumnHidden(page.table.model().columnCount() - 1, False)
    QVBoxLayout(window).addWidget(page)
    qtbot.addWidget(window)
    if delegate_kind == "qt":
        page.table.setItemDelegate(QStyledItemDelegate(page.table))
    window.show()
    qtbot.waitExposed(window)
    selection = page.table.selectionModel()
    page.table.selectRow(2)  # the current, focused row
    selection.select(model.index(5, 0), selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    page.table.setFocus()
    return window, page, model


def _shot(qtbot, page) -> QImage:
    page.table.viewport().update()
    qtbot.wait(1)  # let the posted repaint run before grabbing
    return page.table.viewport().grab().toImage()


def _both(qtbot, prepare=lambda window, page: None) -> tuple[QImage, QImage]:
    shots = []
    for kind in ("qt", "ours"):
        window, page, _model = _page(qtbot, kind)
        assert isinstance(page.table.itemDelegate(), CellDelegate) == (kind == "ours")
        prepare(window, page)
        shots.append(_shot(qtbot, page))
    return shots[0], shots[1]


def _differing(a: QImage, b: QImage) -> int:
    assert a.size() == b.size()
    return sum(a.pixel(x, y) != b.pixel(x, y) for y in range(a.height()) for x in range(a.width()))


@pytest.mark.parametrize("choice", ["light", "dark"])
def test_the_table_paints_as_qt_paints_it(qtbot, theme, choice):
    theme.apply(choice)
    qt, ours = _both(qtbot)
    assert qt == ours, "{0} pixels differ".format(_differing(qt, ours))


def test_an_inactive_window_paints_as_qt_paints_it(qtbot, theme):
    def deactivate(window, page):
        other = QWidget()
        qtbot.addWidget(other)
        other.show()
        other.activateWindow()
        qtbot.waitUntil(lambda: not window.isActiveWindow())

    qt, ours = _both(qtbot, deactivate)
    assert qt == ours, "{0} pixels differ".format(_differing(qt, ours))


@pytest.mark.parametrize("points", [7.5, 10.5, 12, 13.5, 18])
def test_a_font_changed_while_shown_is_painted_with(qtbot, theme, points):
    """Lines of every height, odd and even against the row's (the text is centred in whole
    pixels), and taller than the row."""
    def other_font(window, page):
        _shot(qtbot, page)  # texts laid out in the first font
        font = QFont(page.table.font())
        font.setPointSizeF(points)
        page.table.setFont(font)

    qt, ours = _both(qtbot, other_font)
    assert qt == ours, "{0} pixels differ".format(_differing(qt, ours))


def test_a_poll_repaints_changed_figures_and_rows_the_filter_brings(qtbot, theme):
    """The cached texts are per text, not per row: a changed figure, a renamed guest and rows a
    search brings in are painted as Qt paints them."""
    def poll_and_search(window, page):
        _shot(qtbot, page)
        moved = tuple(replace(g, cpu=min(1.0, g.cpu + 0.37), mem=g.mem // 2, name=g.name.upper())
                      for g in GUESTS if g.cluster == "c1")
        page.model.apply(InstanceDelta("c1", False, moved, ()))
        page.model.signal_pending()
        _shot(qtbot, page)
        page.search.setText("guest")

    qt, ours = _both(qtbot, poll_and_search)
    assert qt == ours, "{0} pixels differ".format(_differing(qt, ours))


def test_the_laid_out_texts_kept_stay_bounded(qtbot):
    """Every live poll brings new figures to lay out: the delegate keeps at most TEXT_LIMIT."""
    from virton_desktop.ui.guests import cell_delegate

    _window, page, _model = _page(qtbot, "ours")
    delegate = page.table.itemDelegate()
    for n in range(cell_delegate.TEXT_LIMIT * 2 + 7):
        text = "{0:.1f} % of 4 vCPU".format(n / 10)
        assert delegate._static(text)[0] is None  # painted once: not laid out
        assert delegate._static(text)[0].text() == text  # again: laid out
    assert 0 < len(delegate._texts) <= cell_delegate.TEXT_LIMIT


@pytest.mark.parametrize("points", [9, 10.5, 13.5])
def test_texts_painted_once_then_again_are_painted_as_qt_paints_them(qtbot, theme, points):
    """A plain ASCII text is drawn as it is the first time and laid out the second: both
    paints are Qt's, pixel for pixel, in fonts whose line is odd or even against the row's; a
    text of a fallback font (Korean) is laid out at once."""
    shots = {}
    for kind in ("qt", "ours"):
        window, page, _model = _page(qtbot, kind)
        font = QFont(page.table.font())
        font.setPointSizeF(points)
        page.table.setFont(font)
        shots[kind] = [_shot(qtbot, page), _shot(qtbot, page)]
        if kind == "ours":
            delegate = page.table.itemDelegate()
            kept = delegate._texts
            assert kept["guest-3"][0] is not None  # painted twice: laid out
            assert kept["웹서버-1 데이터베이스"][0] is not None
            assert delegate._static("a-text-painted-once")[0] is None
    for qt, ours in zip(shots["qt"], shots["ours"], strict=True):
        assert qt == ours, "{0} pixels differ".format(_differing(qt, ours))

"""Registering clusters one per turn of the event loop (core/turns.py): ten clusters at start
(the demo's, or saved ones connecting) never hold the window in one handler."""

from PySide6.QtCore import QObject, QTimer

from virton_desktop.core.turns import one_per_turn


def test_one_item_per_turn_in_order_with_the_event_loop_between(qtbot):
    done, beats = [], []
    context = QObject()
    beat = QTimer()
    beat.timeout.connect(lambda: beats.append(len(done)))
    beat.start(0)
    one_per_turn(range(5), done.append, context)
    assert done == [0]                                  # the first at once
    qtbot.waitUntil(lambda: done == [0, 1, 2, 3, 4], timeout=2000)
    beat.stop()
    assert len(set(beats)) >= 3                         # the loop ran between the steps


def test_stops_when_its_context_is_gone(qtbot):
    done, beats = [], []
    context = QObject()
    one_per_turn(range(5), done.append, context)
    with qtbot.waitSignal(context.destroyed, timeout=2000):
        context.deleteLater()
    after = len(done)
    beat = QTimer()
    beat.timeout.connect(lambda: beats.append(len(done)))
    beat.start(0)
    qtbot.waitUntil(lambda: len(beats) >= 10, timeout=2000)  # ten turns of the loop later
    beat.stop()
    assert done[0] == 0 and len(done) == after < 5

"""The cyclic garbage collector runs on the GUI thread only (virton_desktop/gui_gc.py)."""

import gc
import threading
import weakref


def test_automatic_collection_is_off_and_the_timer_collects_cycles(qtbot, _gui_gc):
    assert not gc.isenabled()

    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle: reference counting alone never frees it
    gone = weakref.ref(a)
    del a, b
    # Allocations in another thread cross the thresholds but collect nothing there.
    worker = threading.Thread(target=lambda: [[] for _ in range(5000)])
    worker.start()
    worker.join()
    assert gone() is not None
    # Generation 0 well over the collector's threshold (objects freed meanwhile count back down).
    keep = [Node() for _ in range(2 * _gui_gc.threshold[0])]
    qtbot.waitUntil(lambda: gone() is None, timeout=5000)  # the GUI timer's check freed it
    del keep


def test_young_objects_wait_while_the_collector_is_told_to(qtbot, _gui_gc):
    """While first lists come in (app.start's `waiting`), the young objects are not walked; once
    they are in, they are."""
    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a
    gone = weakref.ref(a)
    del a, b
    keep = [Node() for _ in range(2 * _gui_gc.threshold[0])]
    waiting = [True]
    _gui_gc.waiting = lambda: waiting[0]
    try:
        _gui_gc.check()
        assert gone() is not None
        waiting[0] = False
        _gui_gc.check()
        assert gone() is None
    finally:
        _gui_gc.waiting = lambda: False
    del keep

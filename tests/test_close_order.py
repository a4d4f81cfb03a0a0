"""Windows and dialogs close in any order and raise nothing; quitting never waits on the network.

The main window is closed while a dialog or window of it is open (and the other way round),
then deleted, as the application's exit does. Qt's warnings, exceptions in threads and
exceptions nobody could raise (destructors, slots of deleted objects) fail the test
(`faults.Escapes`); so does a thread still running afterwards.
"""

from __future__ import annotations

import time

import pytest
import shiboken6

from virton_desktop.pve import api
from virton_desktop.session import wait_for_workers

from conftest import make_session, record_figure
from faults import Escapes, Hang


def profile_manager(window, qtbot):
    return window.show_profile_manager()


def quick_connect(window, qtbot):
    return window.show_connect_dialog()


def guest_settings(window, qtbot):
    page = window.open_detail(window.model.get(("demo", 100)))
    return page.open_settings()  # closed while its config may still be on its way


def console_window(window, qtbot):
    pane = window.open_console(window.model.get(("demo", 100)))
    return window.consoles.window_for(pane.key)


def task_log(window, qtbot):
    with qtbot.waitSignal(window.clusters.task_changed, timeout=10000) as started:
        window.clusters.get("demo").guest_action(window.model.get(("demo", 100)), "pause")
    return window.task_panel.open_log(started.args[0])


OPENERS = [profile_manager, quick_connect, guest_settings, console_window, task_log]


@pytest.fixture
def main(qtbot, demo):
    from virton_desktop.ui.main_window import MainWindow

    window = MainWindow()
    with qtbot.waitSignal(window.first_data, timeout=15000):
        window.clusters.add(make_session(demo))
    window.show()
    yield window
    if shiboken6.isValid(window):
        window.close()
        window.deleteLater()


def deleted(qtbot, widget) -> None:
    """Delete `widget` as the event loop would, and wait until it is gone."""
    if not shiboken6.isValid(widget):
        return
    widget.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(widget), timeout=5000)


@pytest.mark.parametrize("first", ["main window", "dialog"])
@pytest.mark.parametrize("opener", OPENERS, ids=[o.__name__ for o in OPENERS])
def test_closing_in_any_order_raises_nothing(qtbot, main, opener, first):
    with Escapes() as escapes:
        dialog = opener(main, qtbot)
        assert dialog is not None and dialog.isVisible()
        closers = [main, dialog] if first == "main window" else [dialog, main]
        for widget in closers:
            if shiboken6.isValid(widget):
                widget.close()
            qtbot.waitUntil(lambda w=widget: not shiboken6.isValid(w) or not w.isVisible(), timeout=5000)
        deleted(qtbot, dialog)
        deleted(qtbot, main)
        assert wait_for_workers(2000), "a worker thread still runs after the window closed"
    assert not escapes.caught, escapes.caught


def test_quitting_while_both_lanes_hang_takes_under_two_seconds(qtbot, main, demo):
    session = main.clusters.get("demo")
    session.set_poll_interval(0.2)
    with Escapes() as escapes:
        poll = Hang(demo, "GET", "/cluster/resources")
        action = Hang(demo, "GET", "/nodes/pve1/qemu/100/config")
        session.run(api.guest_config(api.GuestRef("pve1", "qemu", 100)))
        qtbot.waitUntil(lambda: poll.arrived and action.arrived, timeout=10000)
        began = time.monotonic()
        main.close()  # what quitting does, then app.main waits for the workers
        ended = wait_for_workers(1000)
        took = time.monotonic() - began
        deleted(qtbot, main)
    demo.pve.vt_heal()
    assert ended and not session.running
    record_figure("quitting with both lanes hanging: {0:.0f} ms".format(took * 1000))
    assert not escapes.caught, escapes.caught

"""Consoles against the demo cluster, headless (offscreen QtWebEngine).

A console page costs a second or two to start, so most tests share one console of VM 100
(web1, running) opened through a ConsoleManager at module level; they run in file order.
With qemu-system-x86_64 installed the VM's screen is a real QEMU firmware screen, otherwise
the demo's built-in screen; the assertions hold for both.
"""

import time

import pytest
from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QMainWindow, QPushButton

from virton_desktop.demo import ServedDemo
from virton_desktop.pve.client import Credentials, PveClient
from virton_desktop.session import ClusterSession
from virton_desktop.ui.console.console_manager import ConsoleManager
from virton_desktop.ui.console.console_window import _settings_key

from conftest import make_session

CTRL, ALT, DELETE = 0xFFE3, 0xFFE9, 0xFFFF


def spin_until(predicate, timeout=20.0):
    """Process Qt events until predicate() holds (module fixtures have no qtbot)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in {0} s".format(timeout))
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def js(view, expression, timeout=10.0):
    box = []
    view.run_js(expression, box.append)
    spin_until(lambda: box, timeout)
    return box[0]


def started_session(served, **kw):
    s = make_session(served, **kw) if not isinstance(served, ClusterSession) else served
    polls = []
    s.instances_polled.connect(polls.append)
    s.start()
    spin_until(lambda: polls, 15)
    s.first = polls[0]
    return s


def guest(session, vmid):
    return next(i for i in session.first.changed if i.vmid == vmid)


@pytest.fixture(scope="module")
def shared(qapp):
    """One demo cluster, one session, a main window and a console manager for the module."""
    demo = ServedDemo(time_scale=0)
    session = started_session(demo)
    main = QMainWindow()
    main.resize(1000, 700)
    manager = ConsoleManager(main)
    yield demo, session, manager
    manager.close_all()
    session.close()
    main.deleteLater()
    demo.close()


@pytest.fixture
def web1(shared):
    """The shared console of VM 100, connected, with a frame on screen."""
    demo, session, manager = shared
    pane = manager.open(session, guest(session, 100))
    spin_until(lambda: pane.view.state == "connected" and pane.view.resolution[0] > 0, 30)
    # QEMU's first frames are black until the firmware writes its banner.
    spin_until(lambda: (js(pane.view, "vt.pixels()") or {}).get("colours", 0) >= 2, 15)
    return pane


def test_console_connects_and_shows_the_guest_screen(shared, web1):
    demo, session, manager = shared
    view = web1.view
    box = []
    # (Read until the page and Python agree on the size: the firmware may switch modes.)
    spin_until(lambda: box.append(js(view, "vt.pixels()")) or
               (box[-1]["width"], box[-1]["height"]) == view.resolution)
    pixels = box[-1]
    # A real picture: more than one colour and some lit pixels (not a black canvas).
    assert pixels["colours"] >= 2 and pixels["lit"] > 0
    assert js(view, "vt.hasCanvas()") is True
    assert view.stack.currentWidget() is view.view  # the screen, not the message panel
    # The status bar tells what this console is.
    texts = [lbl.text() for lbl in (web1.lbl_state, web1.lbl_kind, web1.lbl_node, web1.lbl_vmid,
                                    web1.lbl_name, web1.lbl_resolution)]
    assert texts == ["Connected", "KVM", "Node: pve1", "VMID: 100", "web1",
                     "{0}×{1}".format(*view.resolution)]
    window = manager.window_for((session.name, 100))
    assert window is not None and window.isVisible() and "web1" in window.windowTitle()
    # Opening it again raises the same console instead of a second one.
    assert manager.open(session, guest(session, 100)) is web1 and len(manager.panes) == 1


def test_ctrl_alt_del_reaches_the_guest(shared, web1):
    demo, session, manager = shared
    keys = demo.pve.vt_console_keys.setdefault(100, [])
    keys.clear()
    web1.send_keys("ctrl+alt+del")
    spin_until(lambda: len(keys) >= 6)
    assert keys[:3] == [(CTRL, True), (ALT, True), (DELETE, True)]
    assert sorted(keys[3:6]) == sorted([(CTRL, False), (ALT, False), (DELETE, False)])


def test_typed_clipboard_text_arrives_as_keys(shared, web1):
    demo, session, manager = shared
    keys = demo.pve.vt_console_keys.setdefault(100, [])
    keys.clear()
    QGuiApplication.clipboard().setText("ab\n")
    web1.type_clipboard()
    spin_until(lambda: len(keys) >= 6)
    assert [k for k, down in keys if down] == [ord("a"), ord("b"), 0xFF0D]


def test_screenshot_is_saved_at_the_guest_resolution(web1, tmp_path):
    path = str(tmp_path / "shot.png")
    result = []
    # The firmware may switch video modes meanwhile: the shot has one of the sizes the guest had.
    sizes = {web1.view.resolution}
    web1.view.resolution_changed.connect(lambda w, h: sizes.add((w, h)))
    web1.save_screenshot(path, result.append)
    spin_until(lambda: result)
    assert result == [True]
    image = QImage(path)
    assert (image.width(), image.height()) in sizes and image.width() > 0


def test_disconnect_and_connect_again(shared, web1):
    demo, session, manager = shared
    opened = demo.pve.vt_console_opened.get(100, 0)
    web1.act_disconnect.trigger()
    assert web1.view.state == "idle" and web1.lbl_state.text() == "Disconnected"
    spin_until(lambda: (js(web1.view, "vt.state()") or {}).get("connected") is False)
    assert web1.act_connect.isEnabled()
    web1.act_connect.trigger()
    spin_until(lambda: web1.view.state == "connected")
    spin_until(lambda: (js(web1.view, "vt.state()") or {}).get("frames", 0) > 0)
    assert demo.pve.vt_console_opened[100] == opened + 1  # a new ticket, a new websocket


def test_a_dropped_websocket_reconnects_by_itself(shared, web1):
    demo, session, manager = shared
    states = []
    web1.view.state_changed.connect(states.append)
    opened = demo.pve.vt_console_opened.get(100, 0)
    demo.loop.call_soon_threadsafe(demo.pve.vt_drop_consoles, 100)
    spin_until(lambda: "waiting" in states)
    assert "Reconnecting in" in web1.view.message  # the visible countdown
    spin_until(lambda: states[-1:] == ["connected"] and demo.pve.vt_console_opened[100] > opened, 20)
    spin_until(lambda: (js(web1.view, "vt.state()") or {}).get("frames", 0) > 0)
    assert web1.view.attempt == 0


def test_scale_modes_and_full_screen(shared, web1):
    demo, session, manager = shared
    web1.act_native.trigger()
    spin_until(lambda: js(web1.view, "vt.state()")["scale"] == "native")
    web1.act_fit.trigger()
    spin_until(lambda: js(web1.view, "vt.state()")["scale"] == "fit")
    window = manager.window_for(web1.key)
    web1.view.view.setFocus()
    QTest.keyClick(window, Qt.Key.Key_F11)        # the shortcut, with the guest screen focused
    spin_until(lambda: window.isFullScreen())
    assert not web1.toolbar.isVisible() and not web1.status.isVisible()
    window.show_hover_bar()
    assert window.hover_bar.isVisible()
    window.hover_bar.findChild(QPushButton, "consoleLeaveFullscreen").click()
    spin_until(lambda: not window.isFullScreen())
    assert web1.toolbar.isVisible() and not window.hover_bar.isVisible()


def test_reboot_from_the_toolbar_reconnects(shared, web1):
    demo, session, manager = shared
    states = []
    web1.view.state_changed.connect(states.append)
    opened = demo.pve.vt_console_opened.get(100, 0)
    started = demo.pve.vm(100).started_at
    web1.act_reboot.trigger()
    web1.reboot_box.findChild(QAbstractButton, "consoleRebootConfirmOk").click()
    spin_until(lambda: demo.pve.vm(100).started_at != started)
    spin_until(lambda: "waiting" in states)      # the old connection went with the old guest
    spin_until(lambda: states[-1] == "connected" and demo.pve.vt_console_opened[100] > opened, 20)


def test_a_guest_that_stops_shows_start_instead_of_a_black_screen(shared, web1):
    demo, session, manager = shared
    replies = []
    session.guest_action(web1.instance, "stop").finished.connect(lambda d, e: replies.append(e))
    spin_until(lambda: replies)
    assert replies == [None]
    spin_until(lambda: web1.view.state == "stopped", 20)
    assert web1.view.stack.currentWidget() is web1.view.panel
    assert web1.view.start_button.isVisibleTo(web1.view)
    assert web1.lbl_state.text() == "Guest not running"
    web1.view.start_button.click()
    spin_until(lambda: web1.view.state == "connected", 30)
    spin_until(lambda: (js(web1.view, "vt.pixels()") or {}).get("colours", 0) >= 2, 15)


def test_a_console_docks_as_a_tab_and_detaches_again(shared, web1):
    demo, session, manager = shared
    key = (session.name, 100)
    web1.act_dock.trigger()
    assert manager.window_for(key) is None
    assert manager.tabs.indexOf(web1) >= 0 and web1.docked and web1.act_dock.text() == "Open in window"
    assert web1.view.state == "connected"  # the connection moved with the pane
    web1.act_dock.trigger()
    window = manager.window_for(key)
    assert window is not None and window.centralWidget() is web1 and manager.tabs.count() == 0
    assert web1.view.state == "connected"
    # The window's geometry is kept per guest when it closes.
    window.resize(900, 650)
    window.close()
    spin_until(lambda: key not in manager.panes)
    assert QSettings().value(_settings_key(key)) is not None


def test_stopped_guest_offers_start_then_connects(shared, qtbot):
    demo, session, manager = shared
    pane = manager.open(session, guest(session, 101))  # web-staging, stopped
    assert pane.view.state == "stopped"
    assert pane.view.start_button.isVisibleTo(pane.view) and "not running" in pane.view.message
    assert pane.act_start.isEnabled() and not pane.act_reboot.isEnabled()
    pane.view.start_button.click()
    spin_until(lambda: pane.view.state == "connected", 30)
    assert demo.pve.vm(101).status == "running"
    manager.close(pane.key)


def test_paused_guest_console_connects(shared):
    demo, session, manager = shared
    paused = guest(session, 107)                          # win11-desktop, paused
    assert paused.status == "paused"
    pane = manager.open(session, paused)
    spin_until(lambda: pane.view.state == "connected", 30)
    assert not pane.act_start.isEnabled()
    manager.close(pane.key)


def test_container_console_connects(shared):
    demo, session, manager = shared
    pane = manager.open(session, guest(session, 200))  # dns1, LXC
    spin_until(lambda: pane.view.state == "connected", 30)
    spin_until(lambda: (js(pane.view, "vt.pixels()") or {}).get("colours", 0) >= 2)
    assert pane.lbl_kind.text() == "LXC"
    keys = demo.pve.vt_console_keys.setdefault(200, [])
    pane.send_keys("ctrl+alt+f2")
    spin_until(lambda: len(keys) >= 6)
    assert keys[2] == (0xFFBF, True)
    # Typing shows on the container's login screen.
    before = js(pane.view, "vt.pixels()")["sum"]
    QGuiApplication.clipboard().setText("root\n")
    pane.type_clipboard()
    spin_until(lambda: js(pane.view, "vt.pixels()")["sum"] != before)
    manager.close(pane.key)


def test_a_changed_certificate_is_refused_with_a_message(qapp):
    # A second demo has its own certificate; the session is told to expect another one, as if
    # the node's certificate had been replaced after it was trusted. The API side is pinned
    # to the real one (so vncproxy works); the console must still refuse the websocket.
    demo = ServedDemo(time_scale=0)
    try:
        session = started_session(demo)
        wrong = "ab:" * 31 + "ab"
        session.client.expected_fingerprint = wrong
        manager = ConsoleManager()
        pane = manager.open(session, guest(session, 102))
        spin_until(lambda: pane.view.state == "failed", 30)
        assert "has changed" in pane.view.message and wrong in pane.view.message
        assert demo.fingerprint in pane.view.message
        assert demo.pve.vt_console_opened.get(102, 0) == 0
        manager.close_all()
        session.close()
    finally:
        demo.close()


def test_api_token_sessions_explain_that_consoles_need_a_password(qapp):
    demo = ServedDemo(time_scale=0)
    try:
        demo.pve.apitokens["root@pam!virton"] = "5f0c1c7e-6a47-4f5e-9d43-0d8cbb3a4a11"
        client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
        session = started_session(ClusterSession("demo", client, Credentials(
            demo.user, token_id="virton", token_secret="5f0c1c7e-6a47-4f5e-9d43-0d8cbb3a4a11")))
        manager = ConsoleManager()
        pane = manager.open(session, guest(session, 100))
        assert pane.view.state == "failed" and "password login" in pane.view.message
        manager.close_all()
        session.close()
    finally:
        demo.close()


def test_missing_console_privilege_is_explained(qapp):
    demo = ServedDemo(time_scale=0)
    try:
        demo.pve.users["alice@pve"] = "alice-secret"
        demo.pve.grant("alice@pve", "/", "VM.Audit", "Sys.Audit")  # may look, not open consoles
        client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
        session = started_session(ClusterSession("demo", client, Credentials("alice@pve", password="alice-secret")))
        manager = ConsoleManager()
        pane = manager.open(session, guest(session, 100))
        spin_until(lambda: pane.view.state == "failed", 30)
        assert "Permission denied" in pane.view.message and "VM.Console" in pane.view.message
        manager.close_all()
        session.close()
    finally:
        demo.close()

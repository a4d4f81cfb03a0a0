"""xterm.js terminals against the demo cluster's termproxy (headless QtWebEngine).

The demo's terminal (demo/terminal.py) answers the xterm.js protocol with a small shell, and
records what clients sent: `vt_term_input` (typed text), `vt_term_sizes` (the last resize).
Most tests share one terminal of container 200 (dns1, running) and run in file order.
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMainWindow
from test_console import guest, js, spin_until, started_session
from test_role_aware_ui import login_window  # noqa: F401 - a fixture

from virton_desktop.demo import ServedDemo
from virton_desktop.pve.entities import Instance
from virton_desktop.ui.console import scheme
from virton_desktop.ui.console.console_kinds import NOVNC, XTERM, default_kind, node_target, offered
from virton_desktop.ui.console.console_manager import ConsoleManager
from virton_desktop.ui.console.console_page import ConsoleRequestGuard
from virton_desktop.ui.console.terminal_view import serial_ports

from conftest import remember_secret


def text_of(pane) -> str:
    return js(pane.view, "vt.text()") or ""


def typed(pane, keys: str) -> None:
    """Type as a user would, into the terminal's web view, then Enter."""
    target = pane.view.view.focusProxy() or pane.view.view
    pane.view.focus_screen()
    QTest.keyClicks(target, keys)
    QTest.keyClick(target, Qt.Key.Key_Return)


@pytest.fixture(scope="module")
def shared(qapp):
    demo = ServedDemo(time_scale=0)
    session = started_session(demo)
    main = QMainWindow()
    manager = ConsoleManager(main)
    yield demo, session, manager
    manager.close_all()
    session.close()
    main.deleteLater()
    for ticket in demo.pve.vt_term_tickets:
        remember_secret(ticket)  # checked against every log line at the end of the run
    demo.close()


@pytest.fixture
def dns1(shared):
    """The shared terminal of container 200, connected, its prompt on screen."""
    demo, session, manager = shared
    pane = manager.open(session, guest(session, 200), kind=XTERM)
    spin_until(lambda: pane.view.state == "connected", 30)
    spin_until(lambda: "root@dns1:~#" in text_of(pane))
    return pane


def test_kinds_and_defaults_follow_pve():
    ct = Instance("demo", 200, "dns1", "lxc", "pve1", "running")
    vm = Instance("demo", 100, "web1", "qemu", "pve1", "running")
    assert offered(ct) == (XTERM, NOVNC) and offered(vm) == (NOVNC, XTERM)
    assert default_kind(ct) == XTERM and default_kind(ct, "html5") == NOVNC
    assert default_kind(vm) == NOVNC and default_kind(vm, has_serial=True) == XTERM
    assert default_kind(vm, "vv", has_serial=True) == XTERM and default_kind(vm, "vv") == NOVNC
    assert serial_ports({"serial0": "socket", "serial1": "/dev/ttyS0", "net0": "x"}) == ["serial0"]


def test_the_scheme_serves_xterm_and_nothing_beside_it():
    base = "{0}://{1}/".format(scheme.SCHEME, scheme.HOST)
    from PySide6.QtCore import QUrl
    assert scheme.served_file(QUrl(base + "xterm/xterm.mjs")) is not None
    assert scheme.served_file(scheme.TERMINAL_URL) is not None
    assert scheme.served_file(QUrl(base + "xterm/../translations/virton_desktop_ko.qm")) is None
    assert ConsoleRequestGuard().allows(QUrl(base + "xterm/addon-fit/addon-fit.mjs"))
    assert not ConsoleRequestGuard().allows(QUrl("https://cdn.example/xterm.js"))


def test_container_terminal_echoes_what_is_typed(shared, dns1):
    demo, _session, _manager = shared
    assert dns1.lbl_kind.text() == "LXC" and dns1.view.page.trusted
    assert dns1.view.page.url() == scheme.TERMINAL_URL
    typed(dns1, "hostname")
    spin_until(lambda: "root@dns1:~# hostname\ndns1\nroot@dns1:~#" in text_of(dns1))
    assert demo.pve.vt_term_input[200].endswith("hostname\r")
    typed(dns1, "frobnicate")
    spin_until(lambda: "-bash: frobnicate: command not found" in text_of(dns1))
    # Input went out framed as pve-xtermjs frames it: 0:LEN:DATA.
    assert "0:1:h" in js(dns1.view, "vt.sent()")


def test_resize_reaches_the_server(shared, dns1):
    demo, _session, manager = shared
    window = manager.window_for(dns1.key)
    spin_until(lambda: 200 in demo.pve.vt_term_sizes)
    start = demo.pve.vt_term_sizes[200]
    window.resize(700, 420)
    spin_until(lambda: demo.pve.vt_term_sizes[200][0] < start[0])
    small = demo.pve.vt_term_sizes[200]
    window.resize(1000, 640)
    spin_until(lambda: demo.pve.vt_term_sizes[200][0] > small[0])
    cols, rows = demo.pve.vt_term_sizes[200]
    spin_until(lambda: dns1.lbl_resolution.text() == "{0} × {1}".format(cols, rows))
    typed(dns1, "stty size")
    spin_until(lambda: "{0} {1}".format(rows, cols) in text_of(dns1))


def test_font_size_changes_the_columns(shared, dns1):
    demo, _session, _manager = shared
    before = dns1.view.resolution
    dns1.act_larger.trigger()
    dns1.act_larger.trigger()
    spin_until(lambda: (js(dns1.view, "vt.state()") or {}).get("fontSize") == 16)
    spin_until(lambda: dns1.view.resolution[0] < before[0] and demo.pve.vt_term_sizes[200] == dns1.view.resolution)
    dns1.act_reset_font.trigger()
    spin_until(lambda: dns1.view.resolution == before)


def test_find_selects_and_copy_takes_it_to_the_clipboard(dns1):
    typed(dns1, "uname -a")
    spin_until(lambda: "6.8.12-4-pve" in text_of(dns1))
    rows = dns1.view.resolution[1]
    dns1.act_find.trigger()
    assert dns1.find_bar.isVisible()
    # The find bar takes room from the terminal: let it refit first (a resize clears a selection).
    spin_until(lambda: dns1.view.resolution[1] < rows)
    QTest.keyClicks(dns1.find_edit, "PREEMPT_DYNAMIC")
    spin_until(lambda: js(dns1.view, "vt.selection()") == "PREEMPT_DYNAMIC")
    QGuiApplication.clipboard().setText("before the copy")
    dns1.act_copy.trigger()
    spin_until(lambda: QGuiApplication.clipboard().text() == "PREEMPT_DYNAMIC")
    QTest.keyClicks(dns1.find_edit, "-not-there")
    spin_until(lambda: "is not in the scrollback" in dns1.status.currentMessage())
    QTest.keyClick(dns1.find_edit, Qt.Key.Key_Escape)
    assert not dns1.find_bar.isVisible()


def test_paste_sends_the_clipboard(shared, dns1):
    demo, _session, _manager = shared
    QGuiApplication.clipboard().setText("echo from-the-clipboard\n")
    dns1.act_paste.trigger()
    spin_until(lambda: "\nfrom-the-clipboard\n" in text_of(dns1))
    assert "echo from-the-clipboard" in demo.pve.vt_term_input[200]


def test_the_terminal_reconnects_when_the_server_closes_it(shared, dns1):
    demo, _session, _manager = shared
    banners = text_of(dns1).count("Debian GNU/Linux 12 dns1")
    demo.loop.call_soon_threadsafe(demo.pve.vt_close_terminals, 200)
    spin_until(lambda: dns1.view.state == "waiting", 10)
    spin_until(lambda: dns1.view.state == "connected", 30)
    spin_until(lambda: "root@dns1:~#" in text_of(dns1))
    typed(dns1, "whoami")
    spin_until(lambda: "whoami\nroot" in text_of(dns1))
    assert banners >= 1


def test_the_terminal_page_is_locked_too(shared):
    """A terminal that tried to leave its page is spent: no navigation, no further ticket."""
    demo, session, manager = shared
    pane = manager.open(session, guest(session, 203), kind=XTERM)  # redis
    spin_until(lambda: pane.view.state == "connected", 30)
    page = pane.view.page
    assert page.sockets  # the one socket it was handed
    page.runJavaScript("window.location = 'https://example.org/'")
    spin_until(lambda: page.is_tampered)
    assert page.url() == scheme.TERMINAL_URL and page.sockets == set() and not page.trusted
    assert pane.view.state == "failed" and "tried to open another page" in pane.view.message
    issued = len(demo.pve.vt_term_tickets)
    sent = []
    pane.view.bridge.connectTo.connect(lambda url, hello: sent.append(url))
    pane.act_connect.trigger()
    assert sent == [] and len(demo.pve.vt_term_tickets) == issued
    manager.close(pane.key)


def test_a_vm_terminal_needs_a_serial_port(shared):
    demo, session, manager = shared
    pane = manager.open(session, guest(session, 100), kind=XTERM)  # web1: no serial port
    spin_until(lambda: pane.view.state == "failed", 30)
    assert "no serial port" in pane.view.message and "serial0: socket" in pane.view.message
    manager.close(pane.key)
    pane = manager.open(session, guest(session, 113), kind=XTERM)  # opnsense-fw: serial0: socket
    spin_until(lambda: pane.view.state == "connected", 30)
    spin_until(lambda: "root@opnsense-fw:~#" in text_of(pane))
    assert pane.lbl_kind.text() == "KVM serial"
    manager.close(pane.key)


def test_a_novnc_console_and_a_terminal_of_one_guest_are_two_consoles(shared, dns1):
    _demo, session, manager = shared
    vnc = manager.open(session, guest(session, 200), connect=False)
    assert vnc is not dns1 and vnc.key == ("demo", 200) and dns1.key == ("demo", "xterm/200")
    manager.close(vnc.key)


def test_root_opens_the_node_shell_from_the_guest_menu(qtbot, demo, login_window):  # noqa: F811
    window = login_window("root")
    window.page.select(("demo", 200))
    entry = next(a for a in window.page.build_menu().actions() if a.objectName() == "menu-console-node-shell")
    assert entry.isEnabled() and entry.text() == "Shell on node pve1"
    entry.trigger()
    pane = window.consoles.panes[("demo", "shell/pve1")]
    qtbot.waitUntil(lambda: pane.view.state == "connected", timeout=30000)
    qtbot.waitUntil(lambda: "root@pve1:~#" in text_of(pane), timeout=10000)
    assert "Linux pve1 6.8.12-4-pve" in text_of(pane)
    assert window.consoles.window_for(pane.key).windowTitle() == "Shell on node pve1"
    typed(pane, "hostname")
    qtbot.waitUntil(lambda: "hostname\npve1" in text_of(pane), timeout=10000)
    for ticket in demo.pve.vt_term_tickets:
        remember_secret(ticket)
    # The container's Console opens its terminal, as PVE's default.
    window.open_console(window.model.get(("demo", 200)))
    assert ("demo", "xterm/200") in window.consoles.panes
    window.consoles.close_all()


def test_operator_is_refused_the_node_shell_with_the_privilege_named(qtbot, login_window):  # noqa: F811
    window = login_window("operator")
    window.page.select(("demo", 100))  # in the operator's pool
    entry = next(a for a in window.page.build_menu().actions() if a.objectName() == "menu-console-node-shell")
    assert not entry.isEnabled()
    assert entry.toolTip() == "You lack Sys.Console on /nodes/pve1"
    assert window.open_node_shell("demo", "pve1") is None
    # PVE refuses it too, if asked anyway.
    session = window.clusters.get("demo")
    pane = window.consoles.open(session, node_target("demo", "pve1"), kind=XTERM)
    qtbot.waitUntil(lambda: pane.view.state == "failed", timeout=30000)
    assert "Sys.Console" in pane.view.message and "/nodes/pve1" in pane.view.message
    window.consoles.close_all()


def test_docked_terminal_keys_win_over_the_main_windows(shared, dns1):
    """Docked, Ctrl+Shift+C is also the main window's Console shortcut: the terminal's copy wins."""
    from PySide6.QtGui import QAction, QKeySequence

    _demo, _session, manager = shared
    main = manager.main_window
    console = QAction("Console", main)
    console.setShortcut(QKeySequence("Ctrl+Shift+C"))
    fired = []
    console.triggered.connect(lambda: fired.append(True))
    main.addAction(console)
    main.resize(1000, 700)
    main.show()
    manager.dock_pane(dns1.key)
    try:
        spin_until(lambda: dns1.isVisible() and dns1.view.state == "connected")
        typed(dns1, "hostname")
        spin_until(lambda: "hostname\ndns1" in text_of(dns1))
        dns1.show_find()
        QTest.keyClicks(dns1.find_edit, "hostname")
        QGuiApplication.clipboard().setText("before the copy")
        target = dns1.view.view.focusProxy()
        target.setFocus()
        chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

        def copied() -> bool:
            # Docking resizes the terminal, and a resize clears the selection: find again until
            # the selection is there when the keys arrive.
            dns1.find(False)
            if js(dns1.view, "vt.selection()") == "hostname":
                QTest.keyClick(target, Qt.Key.Key_C, chord)
            return QGuiApplication.clipboard().text() == "hostname"
        spin_until(copied)
        assert not fired
    finally:
        dns1.hide_find()
        main.removeAction(console)
        manager.detach(dns1.key)
        main.hide()


def test_the_demo_shell_and_frames():
    from virton_desktop.demo.terminal import DemoShell, _frames

    assert _frames(b"0:3:l\xc3\xa9") == [("0", "lé")]
    assert _frames(b"1:100:30:2") == [("1", 100, 30), ("2",)]
    shell = DemoShell("ct201", banner="Debian")
    assert shell.greeting() == "Debian\r\nroot@ct201:~# "
    assert shell.feed("lx\x7fs") == "lx\b \bs"
    assert shell.feed("\r").startswith("\r\nbin  boot")
    shell.cols, shell.rows = 100, 30
    assert "30 100\r\n" in shell.feed("stty size\r")
    assert "-bash: nope: command not found" in shell.feed("nope\r")
    shell.feed("exit\r")
    assert shell.closed

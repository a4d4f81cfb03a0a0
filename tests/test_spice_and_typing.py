"""SPICE consoles through remote-viewer, and layout-aware typing, against the demo cluster.

The launcher test puts a fake `remote-viewer` on PATH that records the file it was given (its
mode, its directory's mode and its text) and ends; the launcher then removes the file. Typing
is checked at the demo's VNC server, which records every key event with its QEMU scancode.
"""

import json
import os
import sys

import pytest
from PySide6.QtGui import QGuiApplication

from virton_desktop.demo.spice import GERMAN_VMID, SPICE_VMID
from virton_desktop.ui.console import spice_launcher
from virton_desktop.ui.console.console_manager import ConsoleManager
from virton_desktop.ui.console.spice_launcher import SpiceLauncher

DOCS = os.path.join(os.path.dirname(__file__), "..", "docs")
# XT scancodes as noVNC sends them in QEMU extended key events (E0-prefixed keys: low byte | 0x80).
SCAN = {"KeyY": 0x15, "KeyZ": 0x2C, "KeyQ": 0x10, "AltRight": 0xB8, "ShiftLeft": 0x2A}


def guest(session, vmid):
    return next(i for i in session.first.changed if i.vmid == vmid)


@pytest.fixture
def fake_viewer(tmp_path, monkeypatch):
    """A `remote-viewer` that records its argument, the file's and directory's modes and text."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    record = tmp_path / "record.json"
    script = bindir / "remote-viewer"
    script.write_text(
        "#!{0}\nimport json, os, stat, sys\npath = sys.argv[1]\n"
        "json.dump({{'argv': sys.argv[1:], 'mode': stat.S_IMODE(os.stat(path).st_mode),\n"
        "            'dir_mode': stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode),\n"
        "            'text': open(path).read()}}, open({1!r} + '.tmp', 'w'))\n"
        "os.replace({1!r} + '.tmp', {1!r})\n".format(sys.executable, str(record)))
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(bindir))
    return record


def test_spice_launcher_writes_a_private_vv_file_and_removes_it(qtbot, session, fake_viewer):
    launcher = SpiceLauncher(lambda _cluster: session)
    vm = guest(session, SPICE_VMID)
    with qtbot.waitSignal(launcher.launched, timeout=15000) as launched:
        launcher.open(vm)
    path = launched.args[0]
    with qtbot.waitSignal(launcher.file_removed, timeout=15000) as removed:
        pass
    assert removed.args == [path] and not os.path.exists(path)
    seen = json.loads(fake_viewer.read_text())
    assert seen["argv"] == [path]
    assert seen["mode"] == 0o600 and seen["dir_mode"] == 0o700
    lines = seen["text"].splitlines()
    assert lines[0] == "[virt-viewer]" and "type=spice" in lines and "delete-this-file=1" in lines
    assert "title=VM 111 - monitoring" in lines
    assert any(line.startswith("password=") for line in lines)
    # The proxy is the host this client reaches the cluster on.
    assert "proxy=http://{0}:3128".format(session.client.base_url.split("://")[1].rsplit(":", 1)[0]) in lines
    launcher.remove_all()
    assert launcher.directory is None


def test_a_vm_without_a_spice_display_is_told_so(qtbot, session, fake_viewer):
    launcher = SpiceLauncher(lambda _cluster: session)
    launcher.open(guest(session, 100))
    qtbot.waitUntil(lambda: launcher.box is not None and launcher.box.isVisible(), timeout=15000)
    assert launcher.box.objectName() == "spiceFailed" and "no SPICE display" in launcher.box.text()
    assert not fake_viewer.exists()
    launcher.box.close()


def shot(widget, name):
    """VIRTON_SCREENSHOTS=en|ko: save the widget's picture in docs/ (only on request)."""
    lang = os.environ.get("VIRTON_SCREENSHOTS")
    if lang:
        widget.grab().save(os.path.join(DOCS, name + ("-ko" if lang == "ko" else "") + ".png"))


def test_not_installed_says_how_to_install_it(qtbot, qapp, session, tmp_path, monkeypatch):
    if os.environ.get("VIRTON_SCREENSHOTS") == "ko":
        from virton_desktop import i18n
        i18n.install(qapp, "ko")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(spice_launcher, "FALLBACKS", ())
    launcher = SpiceLauncher(lambda _cluster: session)
    launcher.open(guest(session, SPICE_VMID))
    box = launcher.box
    assert box is not None and box.objectName() == "spiceNotInstalled"
    assert "apt install virt-viewer" in box.text() and "dnf install virt-viewer" in box.text()
    assert "remote-viewer" in box.text()
    assert "brew install virt-viewer" in spice_launcher.install_hint("darwin")
    assert "winget" in spice_launcher.install_hint("win32")
    qtbot.waitUntil(box.isVisible)
    shot(box, "spice-not-installed")
    box.close()


def test_row_menu_offers_spice_for_vms_gated_like_the_console(qtbot, window):
    from PySide6.QtWidgets import QMenu

    session = window.clusters.sessions()[0]
    vm = window.model.get((session.name, SPICE_VMID))
    menu = QMenu()
    window._guest_menu_entries(menu, [vm])
    spice = menu.findChild(type(menu.actions()[0]), "menu-spice")
    assert spice is not None and spice.isEnabled()
    ct = window.model.get((session.name, 200))
    menu2 = QMenu()
    window._guest_menu_entries(menu2, [ct])
    assert menu2.findChild(type(menu.actions()[0]), "menu-spice") is None   # containers have no SPICE


@pytest.mark.parametrize("qemu", [None, False], ids=["qemu-if-installed", "built-in-screen"])
def test_typing_on_a_german_guest_presses_the_german_keys(qtbot, demo, session, qemu):
    demo.pve.vt_console_qemu = qemu
    manager = ConsoleManager()
    try:
        pane = manager.open(session, guest(session, GERMAN_VMID))
        # After the first frame: the server announces scancodes (extended key events) with it.
        qtbot.waitUntil(lambda: pane.view.state == "connected" and pane.view.stack.currentWidget() is pane.view.view
                        and pane.typing.config is not None, timeout=30000)
        assert pane.typing.layout == "de"
        events = demo.pve.vt_console_scancodes.setdefault(GERMAN_VMID, [])
        events.clear()
        QGuiApplication.clipboard().setText("z@")
        pane.type_clipboard()
        qtbot.waitUntil(lambda: len(events) >= 6, timeout=15000)
        pressed = [(sym, code) for sym, code, down in events if down]
        # z: the key a US keyboard calls Y; @: AltGr+Q.
        assert pressed == [(ord("z"), SCAN["KeyY"]), (0xFE03, SCAN["AltRight"]), (ord("@"), SCAN["KeyQ"])]

        # Characters the layout has no key for: nothing typed, the message names them.
        events.clear()
        QGuiApplication.clipboard().setText("año ☃")
        pane.type_clipboard()
        assert "ñ ☃" in pane.status.currentMessage() and events == []

        # A per-console choice overrides the VM's option: en-us types z on its own key.
        pane.layout_button.menu().findChild(type(pane.act_type), "consoleLayout_en-us").trigger()
        QGuiApplication.clipboard().setText("z")
        pane.type_clipboard()
        qtbot.waitUntil(lambda: len(events) >= 2, timeout=15000)
        assert [(s, c) for s, c, d in events if d] == [(ord("z"), SCAN["KeyZ"])]
    finally:
        manager.close_all()


def test_typing_right_after_connecting_waits_for_qemu_to_announce_scancodes(qtbot, demo, session):
    # A busy host announces extended key events late (a pseudo-rectangle after the first frame):
    # typed before that, the German keys would go as keysyms and QEMU would map them its own way.
    demo.pve.vt_console_qemu = False
    demo.pve.vt_console_ext_key_delay = 0.8
    manager = ConsoleManager()
    try:
        pane = manager.open(session, guest(session, GERMAN_VMID))
        qtbot.waitUntil(lambda: pane.view.state == "connected" and pane.typing.config is not None, timeout=30000)
        events = demo.pve.vt_console_scancodes.setdefault(GERMAN_VMID, [])
        events.clear()
        QGuiApplication.clipboard().setText("z@")
        pane.type_clipboard()
        qtbot.waitUntil(lambda: len(events) >= 6, timeout=15000)
        assert [(sym, code) for sym, code, down in events if down] == [
            (ord("z"), SCAN["KeyY"]), (0xFE03, SCAN["AltRight"]), (ord("@"), SCAN["KeyQ"])]
    finally:
        demo.pve.vt_console_ext_key_delay = 0.0
        manager.close_all()


def test_console_of_a_spice_vm_offers_spice_beside_novnc(qtbot, session):
    manager = ConsoleManager()
    try:
        pane = manager.open(session, guest(session, SPICE_VMID), connect=False)
        qtbot.waitUntil(lambda: pane.typing.config is not None, timeout=15000)
        assert pane.act_spice.isVisible()
        other = manager.open(session, guest(session, 100), connect=False)
        qtbot.waitUntil(lambda: other.typing.config is not None, timeout=15000)
        assert not other.act_spice.isVisible()
        window = manager.window_for(pane.key)
        window.resize(1060, 260)
        shot(window, "console-spice-keyboard")
    finally:
        manager.close_all()


def test_a_vm_with_the_vnc_clipboard_gets_the_text_on_its_clipboard(qtbot, demo, session):
    from virton_desktop.demo.spice import CLIPBOARD_VMID

    # The built-in screen: the demo's QEMU has no clipboard agent in a guest, so it would never
    # ask for the text noVNC announces through the extended clipboard.
    demo.pve.vt_console_qemu = False

    manager = ConsoleManager()
    try:
        pane = manager.open(session, guest(session, CLIPBOARD_VMID))
        qtbot.waitUntil(lambda: pane.view.state == "connected" and pane.typing.config is not None, timeout=30000)
        assert pane.typing.uses_vnc_clipboard
        cut = demo.pve.vt_console_cut_text.setdefault(CLIPBOARD_VMID, [])
        keys = demo.pve.vt_console_keys.setdefault(CLIPBOARD_VMID, [])
        keys.clear()
        QGuiApplication.clipboard().setText("Grüße")
        pane.type_clipboard()
        qtbot.waitUntil(lambda: len(cut) > 0, timeout=15000)
        assert cut == ["Grüße"] and keys == []          # the clipboard, not typed keys
        assert "clipboard" in pane.status.currentMessage()
    finally:
        manager.close_all()


def test_spice_entry_is_disabled_naming_vm_console_for_the_auditor(qtbot, demo):
    from virton_desktop.demo.access import demo_credentials
    from virton_desktop.pve.client import Credentials, PveClient
    from virton_desktop.session import ClusterSession
    from virton_desktop.ui.main_window import MainWindow

    from conftest import remember_secret

    creds = demo_credentials("auditor", demo.password)
    remember_secret(creds["password"])
    session = ClusterSession("demo", PveClient(demo.host, demo.port, fingerprint=demo.fingerprint),
                             Credentials(**creds))
    window = MainWindow()
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.first_data, timeout=15000):
            window.clusters.add(session)
        qtbot.waitUntil(lambda: window.clusters.permissions.known("demo"), timeout=10000)
        window.page.select(("demo", SPICE_VMID))
        entry = next(a for a in window.page.build_menu().actions() if a.objectName() == "menu-spice")
        assert not entry.isEnabled() and "VM.Console on /vms/{0}".format(SPICE_VMID) in entry.toolTip()
    finally:
        session.close()

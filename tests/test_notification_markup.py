"""A notification's body is plain text on the desktop too.

Qt hands tray messages on Linux to the notification server over D-Bus as they are, and servers
with the `body-markup` capability read <b>, <a> and <img> in them; the task's exit status in a
message is the server's text. Against a private session bus with a stand-in notification server,
the tray finds out whether the server reads markup, and escapes the body only then.
"""

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from virton_desktop.ui.tray import notification_body

SERVER = textwrap.dedent('''
    import sys
    from PySide6.QtCore import QCoreApplication, QObject, Slot
    from PySide6.QtDBus import QDBusConnection

    capabilities, watcher = sys.argv[1].split(","), sys.argv[2] == "watcher"
    app = QCoreApplication([])

    class Server(QObject):
        @Slot(result="QStringList")
        def GetCapabilities(self):  # noqa: N802 - the D-Bus method's name
            return capabilities

    bus, server = QDBusConnection.sessionBus(), Server()
    bus.registerObject("/org/freedesktop/Notifications", "org.freedesktop.Notifications", server,
                       QDBusConnection.RegisterOption.ExportAllSlots)
    bus.registerService("org.freedesktop.Notifications")
    if watcher:  # a StatusNotifier host: Qt then sends its messages over D-Bus
        bus.registerService("org.kde.StatusNotifierWatcher")
    print("ready", flush=True)
    app.exec()
''')

PROBE = textwrap.dedent('''
    import subprocess, sys
    server = subprocess.Popen([sys.executable, *sys.argv[1:4]], stdout=subprocess.PIPE, text=True)
    server.stdout.readline()
    from PySide6.QtCore import QCoreApplication
    app = QCoreApplication([])
    from virton_desktop.ui.tray import notifications_read_markup
    print("markup" if notifications_read_markup() else "plain")
    server.kill()
''')


def test_the_body_is_escaped_only_for_a_server_that_reads_markup():
    hostile = "<b>boom</b> & <img src=file:///etc/passwd>"
    assert notification_body(hostile, True) == "&lt;b&gt;boom&lt;/b&gt; &amp; &lt;img src=file:///etc/passwd&gt;"
    assert notification_body(hostile, False) == hostile


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("dbus-run-session") is None,
                    reason="needs Linux and dbus-run-session (a private session bus)")
@pytest.mark.parametrize("capabilities, watcher, expected", [
    ("body,body-markup,actions", "watcher", "markup"),  # GNOME, KDE, most servers
    ("body,actions", "watcher", "plain"),  # a server that shows the body as it is
    ("body,body-markup", "none", "plain"),  # no StatusNotifier host: Qt's own plain-text balloon
])
def test_the_tray_asks_the_notification_server(tmp_path, capabilities, watcher, expected):
    (tmp_path / "server.py").write_text(SERVER)
    (tmp_path / "probe.py").write_text(PROBE)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    done = subprocess.run(["dbus-run-session", "--", sys.executable, str(tmp_path / "probe.py"),
                           str(tmp_path / "server.py"), capabilities, watcher],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1:] == [expected], done.stderr[-2000:]

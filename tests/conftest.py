"""Test environment: headless Qt, a private HOME, an in-memory keyring, the demo cluster.

The environment is set at import time, before anything creates the QApplication, so Qt
and QSettings never see the developer's own configuration.
"""

import os
import tempfile

_HOME = tempfile.mkdtemp(prefix="virton-test-home-")
os.environ["HOME"] = _HOME
for _var, _sub in (("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                   ("XDG_CACHE_HOME", ".cache"), ("XDG_STATE_HOME", ".local/state")):
    os.environ[_var] = os.path.join(_HOME, _sub)
os.environ["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="virton-test-run-")
os.chmod(os.environ["XDG_RUNTIME_DIR"], 0o700)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")

import keyring  # noqa: E402
import pytest  # noqa: E402

from memory_keyring import MemoryKeyring  # noqa: E402

keyring.set_keyring(MemoryKeyring())

import PySide6.QtWebEngineWidgets  # noqa: E402,F401  (must be imported before the QApplication exists)
from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

from virton_desktop.demo import ServedDemo  # noqa: E402
from virton_desktop.pve import errors  # noqa: E402
from virton_desktop.pve.client import Credentials, PveClient  # noqa: E402
from virton_desktop.session import ClusterSession  # noqa: E402

errors.install_translator(QCoreApplication.translate)


@pytest.fixture(autouse=True)
def fresh_settings(qapp):
    """Each test starts with no saved window state, columns or sort order."""
    from PySide6.QtCore import QSettings

    qapp.setOrganizationName("VirtOn")
    qapp.setApplicationName("VirtOn Desktop Tests")
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def demo():
    """The default demo cluster (3 nodes, 26 guests), in-process; tasks end before their answer."""
    with ServedDemo(time_scale=0) as served:
        yield served


def make_session(served, name="demo", password=None, fingerprint=None):
    client = PveClient(served.host, served.port, fingerprint=fingerprint or served.fingerprint)
    return ClusterSession(name, client, Credentials(served.user, password=password or served.password))


@pytest.fixture
def session(qtbot, demo):
    """A started session on the demo cluster, after its first poll arrived (the delta is `session.first`)."""
    s = make_session(demo)
    with qtbot.waitSignal(s.instances_polled, timeout=15000) as first:
        s.start()
    s.first = first.args[0]
    yield s
    s.close()


@pytest.fixture
def window(qtbot, demo):
    """The main window connected to the demo cluster, with the first list on screen."""
    from virton_desktop.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.first_data, timeout=15000):
        w.add_session(make_session(demo))
    w.show()
    yield w
    for s in list(w.sessions.values()):
        s.close()

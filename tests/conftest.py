"""Test environment: headless Qt, a private HOME, an in-memory keyring, the demo cluster.

The environment is set at import time, before anything creates the QApplication, so Qt
and QSettings never see the developer's own configuration.
"""

import os
import sys
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

from virton_desktop.app import prepare_qt_environment  # noqa: E402

prepare_qt_environment()  # Qt set up as the app sets it

import keyring  # noqa: E402
import pytest  # noqa: E402

from memory_keyring import MemoryKeyring  # noqa: E402

keyring.set_keyring(MemoryKeyring())

from PySide6.QtCore import QCoreApplication, Qt, qInstallMessageHandler  # noqa: E402

# As app.py: QtWebEngine is loaded when a console is first made (console_page registers its
# URL scheme then), and may start after the QApplication when contexts are shared.
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


def _qt_message_to_stderr(mode, context, message):
    try:
        print("Qt {0}: {1}".format(mode.name, message), file=sys.__stderr__, flush=True)
    except (AttributeError, OSError, ValueError):
        pass


# A Qt message handler that is never taken away. pytest-qt installs its own for each test phase and
# then restores the previous one; with none before, that is None, and PySide6 then clears its
# handler while another thread may already be inside it, about to call it: a segmentation fault
# in that thread (CI died so in test_palette; tests/test_qt_messages.py shows the race). Restoring
# this one instead never leaves a thread calling nothing.
qInstallMessageHandler(_qt_message_to_stderr)

from virton_desktop.demo import ServedDemo  # noqa: E402
from virton_desktop.pve import errors  # noqa: E402
from virton_desktop.pve.client import Credentials, PveClient  # noqa: E402
from virton_desktop.session import ClusterSession  # noqa: E402

errors.install_translator(QCoreApplication.translate)

# ----------------------------------------------------------------- secrets vs logs
# Every log record of our code and of the HTTP stack, for the whole run, and every secret
# a demo cluster handed out; pytest_sessionfinish (below) compares them once the run is over.
import logging  # noqa: E402
import uuid  # noqa: E402

import fakepve.model  # noqa: E402
import fakepve.server  # noqa: E402

LOG_LINES: list[str] = []
SECRETS: set[str] = set()


class _Collector(logging.Handler):
    def emit(self, record):
        try:
            LOG_LINES.append(self.format(record))
        except Exception:  # a broken record must not break the test run
            LOG_LINES.append(str(record.msg))


_collector = _Collector(level=logging.DEBUG)
_collector.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
_LOGGERS = ("virton_desktop", "urllib3", "requests", "proxmoxer", "keyring")
for _name in _LOGGERS:
    _logger = logging.getLogger(_name)
    _logger.setLevel(logging.DEBUG)
    _logger.addHandler(_collector)

_issue_ticket = fakepve.model.Model.issue_ticket


def _recording_issue_ticket(self, user):
    ticket, csrf = _issue_ticket(self, user)
    SECRETS.update((ticket, csrf))
    return ticket, csrf


fakepve.model.Model.issue_ticket = _recording_issue_ticket
_issue_vnc = fakepve.server.FakePve._issue_vnc_ticket


def _recording_issue_vnc(self, request, vm, rfb):
    _issue_vnc(self, request, vm, rfb)
    SECRETS.add(vm.vncticket)


fakepve.server.FakePve._issue_vnc_ticket = _recording_issue_vnc


def remember_secret(value: str) -> str:
    """Add a password or token a test uses to the secrets that must never reach a log."""
    SECRETS.add(value)
    return value


def _masked(secret: str) -> str:
    """A secret named without giving it away: its first 4 characters and its length."""
    return "{0}… ({1} characters)".format(secret[:4], len(secret))


def pytest_sessionfinish(session, exitstatus):
    """Fail the run when any log record of it holds a ticket, CSRF token, console ticket or password."""
    secrets = {s for s in SECRETS if s and len(s) >= 12}  # shorter ones could occur by chance
    everything = "\n".join(LOG_LINES)  # one search per secret; the records only for a leaked one
    leaked = [s for s in secrets if s in everything]
    leaks = [(n, line, s) for s in leaked for n, line in enumerate(LOG_LINES) if s in line]
    detached = [name for name in _LOGGERS if _collector not in logging.getLogger(name).handlers]
    if not (leaks or detached):
        return
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
    report = session.config.pluginmanager.get_plugin("terminalreporter")
    if report is None:
        return
    report.line("")  # after the progress dots
    report.write_sep("=", "FAILED: secrets reached the log", red=True)
    if detached:
        report.write_line("the log collector was removed from: {0}".format(", ".join(detached)))
    for n, line, secret in leaks:
        for s in secrets:
            line = line.replace(s, "<secret {0}>".format(_masked(s)))
        report.write_line("record {0}: secret {1}: {2}".format(n, _masked(secret), line[:300]))


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
        # A password no log line could contain by chance (fakepve's default is "secret").
        served.password = served.pve.password = remember_secret("pw-" + uuid.uuid4().hex)
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
        w.clusters.add(make_session(demo))
    w.show()
    yield w
    for s in w.clusters.sessions():
        s.close()


class Heartbeat:
    """A 10 ms GUI timer that records the gaps between its ticks: a stalled GUI thread shows as a long gap."""

    def __init__(self):
        import time

        from PySide6.QtCore import QTimer

        self._clock = time.perf_counter
        self.gaps: list[float] = []
        self._last = self._clock()
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._beat)

    def _beat(self):
        now = self._clock()
        self.gaps.append(now - self._last)
        self._last = now

    def __enter__(self):
        self._last = self._clock()
        self._timer.start()
        return self

    def __exit__(self, *exc):
        self._timer.stop()

    @property
    def worst_ms(self) -> float:
        return max(self.gaps) * 1000 if self.gaps else 0.0


# ----------------------------------------------------------------- fault suite figures
# tests/test_fault_suite.py records one entry per probe (a misbehaving server, a hostile
# name, a console escape attempt): whether it survived and the longest GUI stall meanwhile.
FAULT_PROBES: list[tuple[str, bool, float]] = []  # (probe, survived, worst stall in ms)
STALL_NOTED_MS = 150  # a stall above this is named in the summary (a measurement, not an assertion)
# Other measured figures (how long quitting took while requests hang...): printed, never asserted,
# so a loaded CI machine cannot fail a test on timing.
FIGURES: list[str] = []


def record_stall(probe: str, survived: bool, worst_ms: float) -> None:
    """A probe outside test_fault_suite.py (a slow cluster, damaged files) joins the summary."""
    FAULT_PROBES.append((probe, survived, worst_ms))


def record_figure(text: str) -> None:
    FIGURES.append(text)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so a fixture's teardown knows how the test went."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, "report_" + report.when, report)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not FAULT_PROBES and not FIGURES:
        return
    terminalreporter.write_sep("-", "fault suite")
    for line in FIGURES:
        terminalreporter.write_line(line)
    if not FAULT_PROBES:
        return
    survived = sum(1 for _name, ok, _ms in FAULT_PROBES if ok)
    worst_name, _ok, worst_ms = max(FAULT_PROBES, key=lambda probe: probe[2])
    stalls = [(name, ms) for name, _ok, ms in FAULT_PROBES if ms > STALL_NOTED_MS]
    terminalreporter.write_line("fault probes: {0} run, {1} survived; worst GUI stall {2:.0f} ms ({3})".format(
        len(FAULT_PROBES), survived, worst_ms, worst_name))
    for name, ms in stalls:
        terminalreporter.write_line("  stall over {0} ms: {1:.0f} ms in {2}".format(STALL_NOTED_MS, ms, name))


@pytest.fixture(scope="session")
def _gui_gc(qapp):
    """As app.main does: the cyclic collector runs on the GUI thread only (a cycle holding a Qt
    object freed in the demo server's thread crashed the run)."""
    from virton_desktop.gui_gc import GuiThreadCollector

    collector = GuiThreadCollector(qapp)
    yield collector
    collector.stop()


@pytest.fixture(autouse=True)
def _collect_between_tests(_gui_gc):
    yield
    _gui_gc.check()  # tests that spin no event loop still get their cycles collected here


"""QtWebEngine is loaded when the first console opens, not at start (~30 MB of every run's
memory, ~0.1 s of its start): the app starts without it, and a console opened later registers
its URL scheme, loads its page from it and connects.

In a process of its own: the tests' modules import the console modules while they are
collected, before any QApplication exists, so only a fresh process starts as the app does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import sys
    from virton_desktop import app as app_module

    started = app_module.start(app_module.parse_args(["--demo"]))
    loaded_at_start = [m for m in sys.modules if m.startswith("PySide6.QtWebEngine")]
    print("AT START", loaded_at_start, flush=True)
    from PySide6.QtCore import QTimer

    window = started.window
    state = {}

    def open_console(_cluster):
        if "pane" in state:
            return
        inst = window.model.get(("demo", 100))  # web1: running
        if inst is None:
            return
        state["pane"] = window.open_console(inst)

    def check():
        pane = state.get("pane")
        if pane is not None and pane.view.state == "connected":
            print("CONNECTED", pane.view.page.url().toString(), flush=True)
            started.app.exit(0)

    window.clusters.polled.connect(open_console)
    poll = QTimer()
    poll.timeout.connect(check)
    poll.start(100)
    QTimer.singleShot(60000, lambda: (print("TIMED OUT", state, flush=True), started.app.exit(3)))
    sys.exit(app_module.run(started))
""")


def test_the_app_starts_without_qtwebengine_and_loads_it_for_the_first_console(tmp_path):
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_STATE_HOME=str(tmp_path / "state"),
               XDG_CACHE_HOME=str(tmp_path / "cache"), QT_QPA_PLATFORM="offscreen",
               QTWEBENGINE_DISABLE_SANDBOX="1")
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120)
    out = done.stdout
    assert "AT START []" in out, out + done.stderr[-2000:]
    assert "CONNECTED virton-console://app/console/console.html" in out, out + done.stderr[-3000:]


def test_without_qtwebengine_a_console_or_wall_says_why_and_the_app_goes_on(qtbot, window, monkeypatch):
    """QtWebEngine missing (or failing to load) is found when the first console opens: the
    error bar says what to install, nothing opens, and the rest of the window works."""
    inst = window.model.get(("demo", 100))
    for module in ("console_window", "console_view", "console_wall"):
        # None in sys.modules: importing it raises ImportError, as a missing QtWebEngine does.
        monkeypatch.setitem(sys.modules, "virton_desktop.ui.console." + module, None)
    with qtbot.waitSignal(window.consoles.failed) as failed:
        assert window.open_console(inst) is None
    assert "QtWebEngine" in failed.args[0] and "PySide6-Addons" in failed.args[0]
    assert not window.errors_bar.isHidden() and "QtWebEngine" in window.errors_bar.label.text()
    assert window.consoles.panes == {}
    with qtbot.waitSignal(window.wall_actions.failed):
        assert window.wall_actions.open_wall([inst]) is None
    assert window.wall_actions.wall is None
    monkeypatch.undo()
    pane = window.open_console(inst)  # installed again: it opens
    assert pane is not None
    window.consoles.close_all()

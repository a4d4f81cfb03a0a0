"""What `app.start` sets up for the process before Qt: the demo child, glibc's memory threshold,
Qt's environment."""

import os
import sys

import pytest

from virton_desktop import app


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_large_blocks_go_back_to_the_os_on_glibc():
    import platform

    if platform.libc_ver()[0] != "glibc":
        pytest.skip("not glibc")
    assert app.return_large_blocks() is True


def test_qt_runs_its_raster_fills_on_the_calling_thread(monkeypatch):
    monkeypatch.delenv("QT_NO_GUI_THREADPOOL", raising=False)
    app.prepare_qt_environment()
    assert os.environ["QT_NO_GUI_THREADPOOL"] == "1"


def test_modules_imported_after_pyside6_are_not_read_for_its_feature_switches(monkeypatch, tmp_path):
    """PySide6 read the whole source of every module imported after it; the scan is replaced by a
    look at the module's name, so a module's source is not read (nor kept in linecache)."""
    import importlib
    import linecache

    import PySide6.QtCore  # noqa: F401 - its import hook is what is looked at

    feature = sys.modules["shibokensupport.feature"]
    monkeypatch.setattr(feature, "_mod_uses_pyside", feature._mod_uses_pyside)  # put back afterwards
    assert app.skip_pyside_feature_scan() is True
    module_file = tmp_path / "freshly_imported_module.py"
    module_file.write_text("VALUE = 'from a module PySide6 would have read whole'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    assert importlib.import_module("freshly_imported_module").VALUE
    assert str(module_file) not in linecache.cache
    assert feature._mod_uses_pyside(app) is True and feature._mod_uses_pyside(importlib) is False
    monkeypatch.delitem(sys.modules, "freshly_imported_module")


def test_the_demo_child_is_launched_before_qt_is_imported():
    """The child is CPU-bound from its launch until every demo cluster has answered, so it is
    launched first thing: what `app.start` imports up to its launch holds no Qt (PySide6 took
    ~0.1 s there and delayed the child by 0.15-0.3 s), nor logging or dataclasses (~20-25 ms)."""
    import subprocess

    late = ('PySide6', 'shiboken6', 'logging', 'dataclasses', 'requests')
    probe = ("import sys; from virton_desktop import app; from virton_desktop.demo_child import spawn; "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in {0!r}))".format(late))
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[]"


def test_the_demo_child_is_spawned_without_qt_and_taken_over_later(qtbot):
    """spawn() needs no Qt; DemoProcess reports the child's first line as `ready`, even when
    it came before anyone listened."""
    from virton_desktop.demo_child import spawn
    from virton_desktop.demo_process import DemoProcess

    child = spawn(time_scale=0)
    try:
        qtbot.waitUntil(lambda: bool(child._events) or child.proc.poll() is not None, timeout=30000)
        demo = DemoProcess(child=child)
        with qtbot.waitSignal(demo.ready, timeout=30000) as ready:
            demo.start()
    finally:
        child.stop()
    assert ready.args[0]["url"].startswith("https://127.0.0.1:")
    assert child.proc.poll() is not None


def test_a_child_that_cannot_start_or_dies_is_reported_once(qtbot):
    from virton_desktop.demo_process import DemoChild, DemoProcess

    failures = []
    demo = DemoProcess(child=DemoChild(["/nonexistent/python-for-the-demo"]))
    demo.failed.connect(failures.append)
    with qtbot.waitSignal(demo.failed, timeout=5000):
        demo.start()
    dying = DemoProcess(child=DemoChild([sys.executable, "-c", "import sys; sys.stderr.write('boom'); sys.exit(3)"]))
    with qtbot.waitSignal(dying.failed, timeout=10000) as died:
        dying.start()
    assert "exit code 3" in died.args[0] and "boom" in died.args[0]
    qtbot.wait(50)
    assert len(failures) == 1


def test_the_demo_childs_end_after_its_process_object_is_gone_is_no_thread_error(qtbot):
    """The child's reader thread reports its end when the child exits; the DemoProcess that listened
    may be deleted by then (its window closed): nothing is told, and the thread ends cleanly (it
    raised "Signal source has been deleted" before)."""
    import shiboken6

    from virton_desktop.demo_process import DemoProcess

    class Child:  # a DemoChild as far as DemoProcess is concerned
        def listen(self, listener):
            self.listener = listener

    child = Child()
    demo = DemoProcess(child=child)
    demo.start()
    shiboken6.delete(demo)
    child.listener(("ended", 0, ""))  # as its reader thread does: no exception

"""The suite's permanent Qt message handler (conftest.py) keeps pytest-qt's per-test swaps safe.

PySide6 reads its Python message handler when a Qt message arrives, in whichever thread emits it.
Taking the handler away (`qInstallMessageHandler(None)`, what pytest-qt's restore does when there
was none) while another thread is about to call it crashes that thread. With a handler that is
never taken away, swapping as pytest-qt does is safe: checked in a child process, so that a
regression cannot take this run down with it.
"""

import subprocess
import sys
import textwrap

RACE = textwrap.dedent("""
    import threading
    from PySide6 import QtCore
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(lambda *args: None)  # {base}
    stop = False

    def chatter():
        while not stop:
            QtCore.qWarning("from a worker thread")

    threads = [threading.Thread(target=chatter) for _ in range(3)]
    for t in threads:
        t.start()
    for _ in range(60000):  # what pytest-qt does around every test phase
        previous = qInstallMessageHandler(lambda *args: None)
        qInstallMessageHandler(previous)
    stop = True
    for t in threads:
        t.join()
    print("survived")
""")


def test_swapping_handlers_while_threads_log_is_safe_with_a_permanent_handler():
    child = subprocess.run([sys.executable, "-c", RACE.format(base="the suite's permanent handler")],
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == 0 and "survived" in child.stdout, child.stderr[-2000:]


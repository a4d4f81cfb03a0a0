"""Guards against Qt binding releases that break the program outright."""

import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Emitter(QObject):
    plain = Signal()
    number = Signal(int)
e = Emitter()
for _ in range(500):
    e.plain.emit()
    e.number.emit(1)
print("ok")
"""


def test_signal_emit_does_not_corrupt_the_interpreter():
    # PySide6 6.12.0 over-releases a bool on every emit(); the process then aborts in GC.
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"

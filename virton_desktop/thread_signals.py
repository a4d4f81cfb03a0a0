"""A signal emitted from a plain Python thread to a QObject that may be gone.

A reader thread (the keyring's, the demo child's, the last-known lists', a re-pin check) hands
its result to the GUI thread through a queued signal of a QObject that a closed window may
have deleted meanwhile; emitting then raises RuntimeError ("Signal source has been deleted"),
which would end the thread with a traceback. There is nobody left to tell: nothing is sent.
"""

from __future__ import annotations


def emit_if_alive(signal, *args) -> bool:
    """`signal.emit(*args)`; False, and nothing sent, when its object has been deleted."""
    try:
        signal.emit(*args)
    except RuntimeError:
        return False
    return True

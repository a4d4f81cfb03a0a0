"""The demo cluster behind ``virton-desktop --demo``: a fake PVE cluster (fakepve) that looks real.

``build_demo_cluster()`` makes the DemoPve (see cluster.py for the vmid table), ``ServedDemo``
serves it in-process over TLS, and ``python -m virton_desktop.demo`` serves it as a process.

The names below are imported when first asked for: ``python -m virton_desktop.demo`` imports
this package before its ``__main__``, which turns the cyclic garbage collector off before the
demo's ~300 modules load (it ran ~90 times while they did, ~16 ms of every demo start).
"""

__all__ = ['DemoPve', 'ServedDemo', 'build_demo_cluster', 'fingerprint_of']

_WHERE = {'DemoPve': 'cluster', 'build_demo_cluster': 'cluster', 'ServedDemo': 'served', 'fingerprint_of': 'served'}


def __getattr__(name):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError('module {0!r} has no attribute {1!r}'.format(__name__, name))
    from importlib import import_module

    value = getattr(import_module('.' + module, __name__), name)
    globals()[name] = value
    return value

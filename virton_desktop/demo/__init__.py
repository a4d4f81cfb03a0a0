"""The demo cluster behind ``virton-desktop --demo``: a fake PVE cluster (fakepve) that looks real.

``build_demo_cluster()`` makes the DemoPve (see cluster.py for the vmid table), ``ServedDemo``
serves it in-process over TLS, and ``python -m virton_desktop.demo`` serves it as a process.
"""

from .cluster import DemoPve, build_demo_cluster
from .served import ServedDemo, fingerprint_of

__all__ = ['DemoPve', 'ServedDemo', 'build_demo_cluster', 'fingerprint_of']

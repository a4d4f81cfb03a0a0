"""DESIGN.md is the map: every module it names exists, every signal its data-flow diagram names exists."""

from __future__ import annotations

import re
from pathlib import Path

from virton_desktop.action_lane import ActionLane
from virton_desktop.core.backup_feed import BackupFeed
from virton_desktop.core.clusters import Clusters
from virton_desktop.core.poller import Poller
from virton_desktop.core.task_follower import TaskFollower
from virton_desktop.session import ClusterSession, Reply
from virton_desktop.session_worker import Worker

ROOT = Path(__file__).resolve().parent.parent
DESIGN = (ROOT / "DESIGN.md").read_text(encoding="utf-8")


def test_every_module_the_map_names_exists():
    tracked = {p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*.py") if ".venv" not in p.parts}
    names = set(re.findall(r"\b([\w/]+\.py)\b", DESIGN)) - {"connmanager.py"}  # virt-manager's, cited
    missing = [n for n in sorted(names) if not any(t == n or t.endswith("/" + n) for t in tracked)]
    assert not missing, missing


def test_every_signal_of_the_data_flow_exists():
    flow = DESIGN[DESIGN.index("## Threads and data flow"):DESIGN.index("## Connections")]
    owners = {
        "worker": Worker, "action lane": ActionLane, "session": ClusterSession, "registry": Clusters, "reply": Reply,
        "feed": BackupFeed, "follower": TaskFollower, "poller": Poller,
    }
    signals = {name for cls in owners.values() for name, value in vars(cls).items()
               if type(value).__name__ == "Signal"}
    for cls in owners.values():  # inherited ones too
        for base in cls.__mro__:
            signals |= {name for name, value in vars(base).items() if type(value).__name__ == "Signal"}
    named = set(re.findall(r"\b([a-z_]+)\((?:[a-zA-Z_, .\[\]]*)\)", flow))
    named |= set(re.findall(r"\b([a-z_]+)\(\(", flow))  # guest_changed((cluster, vmid))
    assert {"added", "guest_changed", "instances_polled", "replied"} <= named  # the pattern still reads the map
    calls = {"run", "then", "check", "cluster_resources", "nodes", "cluster_tasks", "task_status", "get",
             "sessions", "guest_action", "submit_tfa", "describe", "next_id", "create", "add", "cancel", "lane"}
    unknown = sorted(n for n in named - calls if n not in signals)
    assert not unknown, unknown

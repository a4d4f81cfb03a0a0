"""`python -m virton_desktop.demo --clusters N` serves its clusters from one process per core
(demo/processes.py): one line describes them all, migration crosses processes, and no process
outlives the first one, nor does the first one serve on when a sibling dies."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from proxmoxer import ProxmoxAPI

from virton_desktop.demo import processes
from virton_desktop.demo.members import INCOMING_TOKEN
from virton_desktop.pve import remote


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return 1


needs_siblings = pytest.mark.skipif(not sys.platform.startswith("linux") or _cores() < 2,
                                    reason="one process serves every cluster here (Linux with 2+ cores forks)")


def _children_of(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/{0}/stat".format(entry)) as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return out


def _alive(pid: int) -> bool:
    try:
        with open("/proc/{0}/stat".format(pid)) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture
def served_demo():
    proc = subprocess.Popen([sys.executable, "-m", "virton_desktop.demo", "--clusters", "3", "--time-scale", "0",
                             "--exit-on-stdin-eof"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=dict(os.environ, SSL_CERT_FILE=os.devnull))
    info = json.loads(proc.stdout.readline())
    yield proc, info
    if proc.poll() is None:
        proc.stdin.close()
        proc.wait(20)
    proc.stdout.close()
    proc.stderr.close()


def _api(cluster: dict) -> ProxmoxAPI:
    url = urlsplit(cluster["url"])
    return ProxmoxAPI(url.hostname, port=url.port, user=cluster["user"], password=cluster["password"],
                      verify_ssl=cluster["cafile"])


def _endpoint(cluster: dict, token=INCOMING_TOKEN, fingerprint=None) -> remote.Endpoint:
    url = urlsplit(cluster["url"])
    return remote.Endpoint(url.hostname, url.port, *token, fingerprint=fingerprint or cluster["fingerprint"])


@needs_siblings
def test_clusters_are_served_by_siblings_and_migrate_across_them(qtbot, served_demo):
    proc, info = served_demo
    siblings = _children_of(proc.pid)
    assert len(siblings) == min(3, _cores()) - 1
    clusters = {c["name"]: c for c in info["clusters"]}
    assert [c["name"] for c in info["clusters"]] == ["demo", "demo-2", "demo-3"]
    assert info["url"] == clusters["demo"]["url"] and info["name"] == "demo"
    assert len({c["url"] for c in info["clusters"]}) == len({c["fingerprint"] for c in info["clusters"]}) == 3
    # demo (this process) -> demo-2 (a sibling's): the container moves, both sides log it.
    source, target = _api(clusters["demo"]), _api(clusters["demo-2"])
    params = remote.prepare("lxc", _endpoint(clusters["demo-2"]), 100, {"local-lvm": "ssd-pool"},
                            {"vmbr0": "vmbr1"}, online=False, delete=True)
    upid = source.nodes("pve2").lxc(201).remote_migrate.post(**params)
    assert source.nodes("pve2").tasks(upid).status.get()["exitstatus"] == "OK"
    config = target.nodes("demo-2-pve1").lxc(100).config.get()
    assert config["rootfs"].startswith("ssd-pool:vm-100-disk-0") and "bridge=vmbr1" in config["net0"]
    assert 201 not in [g["vmid"] for g in source.cluster.resources.get(type="vm")]
    assert [t["type"] for t in target.cluster.tasks.get() if t["id"] == "100"] == ["vzmtunnel"]
    # From the sibling's cluster: a wrong fingerprint and a wrong token are refused in PVE's words.
    back = {"ssd-pool": "local-lvm"}, {"vmbr1": "vmbr0"}
    with pytest.raises(Exception) as refused:
        target.nodes("demo-2-pve1").lxc(100).remote_migrate.post(**remote.prepare(
            "lxc", _endpoint(clusters["demo"], fingerprint=":".join(["ab"] * 32)), 201, *back, online=False,
            delete=False))
    assert "fingerprint '{0}' not verified, abort!".format(clusters["demo"]["fingerprint"].upper()) in str(
        refused.value)
    with pytest.raises(Exception) as refused:
        target.nodes("demo-2-pve1").lxc(100).remote_migrate.post(**remote.prepare(
            "lxc", _endpoint(clusters["demo"], token=(INCOMING_TOKEN[0], "wrong")), 201, *back, online=False,
            delete=False))
    assert "authentication failure" in str(refused.value)
    # Its end: the first process's stdin closes, every process ends.
    proc.stdin.close()
    assert proc.wait(20) == 0
    qtbot.waitUntil(lambda: not any(_alive(pid) for pid in siblings), timeout=10000)


@needs_siblings
def test_a_sibling_that_dies_ends_the_demo_with_an_error(served_demo):
    proc, _info = served_demo
    (sibling, *_rest) = _children_of(proc.pid)
    os.kill(sibling, signal.SIGKILL)
    assert proc.wait(20) == 1
    assert "demo process {0} ended".format(sibling) in proc.stderr.read().decode()


def test_one_process_where_fork_is_unsafe_or_pointless(monkeypatch):
    assert processes.process_count(1) == 1
    monkeypatch.setattr(sys, "platform", "darwin")
    assert processes.process_count(10) == 1

"""Random polls, filters and sorts: the model's rows always equal a plain recomputation.

The model keeps caches (sort keys, the full order, search strings, row positions, running
counts) to stay fast at 10,000 guests; this checks them against the obvious answer.
"""

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from virton_desktop.models.instance_filter import haystack
from virton_desktop.models.instances import (
    COL_CPU,
    COL_NAME,
    COL_NODE,
    COL_STATUS,
    COL_VMID,
    SORT_KEYS,
    InstanceFilter,
    InstanceModel,
)
from virton_desktop.pve.entities import Instance
from virton_desktop.session import InstanceDelta

NAMES = ["web1", "web2", "web10", "db", "db-replica", "k8s-node-1", "k8s-node-2", "mail", "dns"]
STATUSES = ["running", "stopped", "paused", "unknown"]

guest = st.builds(
    lambda vmid, name, node, status, cpu, typ, hastate: Instance("c", vmid, name, typ, node, status, maxcpu=2,
                                                                  cpu=cpu, maxmem=1024, mem=512, hastate=hastate),
    st.integers(100, 130), st.sampled_from(NAMES), st.sampled_from(["pve1", "pve2", "pve10"]),
    st.sampled_from(STATUSES), st.sampled_from([0.0, 0.25, 0.5, 0.9]), st.sampled_from(["qemu", "lxc"]),
    st.sampled_from(["", "", "", "started"]))

flt = st.builds(
    InstanceFilter,
    text=st.sampled_from(["", "w", "we", "web", "web1", "db", "1", "k8s node", "x"]),
    nodes=st.sampled_from([frozenset(), frozenset({"pve1"}), frozenset({"pve2", "pve10"})]),
    types=st.sampled_from([frozenset(), frozenset({"lxc"})]),
    statuses=st.sampled_from([frozenset(), frozenset({"running"}), frozenset({"paused", "unknown"})]))

step = st.one_of(
    st.tuples(st.just("poll"), st.lists(guest, max_size=12), st.lists(st.integers(100, 130), max_size=4)),
    # A live poll as the worker's fast path sends it: figures moved, each with the Instance it
    # moved from (`figures_of`); `stale`: the model holds an equal copy, not that very Instance.
    st.tuples(st.just("live"), st.lists(st.integers(100, 130), max_size=12), st.sampled_from([0.1, 0.7]),
              st.booleans()),
    # Another cluster's full list: its first (added in bulk beside the others) or a reconnect's.
    st.tuples(st.just("cluster"), st.sampled_from(["d", "e"]), st.lists(guest, max_size=40)),
    st.tuples(st.just("drop"), st.sampled_from(["c", "d", "e"])),
    st.tuples(st.just("filter"), flt),
    # The search box focused or edited: the first filter's strings made ready (prepare_search).
    st.tuples(st.just("prepare")),
    st.tuples(st.just("sort"), st.sampled_from([COL_VMID, COL_NAME, COL_STATUS, COL_NODE, COL_CPU]),
              st.sampled_from([Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])))


def expected_rows(model, all_):
    f = model.filter
    keep = [i for i in all_.values() if f.accepts(i, haystack(i), f.tokens())]
    keep.sort(key=lambda i: (SORT_KEYS[model.sort_column](i), i.key),
              reverse=model.sort_order == Qt.SortOrder.DescendingOrder)
    return [i.key for i in keep]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.lists(guest, min_size=1, max_size=20), steps=st.lists(step, max_size=12))
def test_rows_match_a_plain_recomputation(qapp, first, steps):
    model = InstanceModel()
    truth = {i.key: i for i in first}
    model.apply(InstanceDelta("c", True, tuple(truth.values()), ()))
    for op in steps:
        if op[0] == "poll":
            changed = {i.key: i for i in op[1]}
            removed = tuple({("c", v) for v in op[2] if ("c", v) in truth and ("c", v) not in changed})
            truth.update(changed)
            for key in removed:
                del truth[key]
            model.apply(InstanceDelta("c", False, tuple(changed.values()), removed))
        elif op[0] == "live":
            was = tuple(truth[("c", v)] for v in dict.fromkeys(op[1]) if ("c", v) in truth)
            moved = tuple(replace(w, cpu=op[2], mem=w.mem + 1, uptime=w.uptime + 3) for w in was)
            if op[3]:
                was = tuple(replace(w) for w in was)
            truth.update((i.key, i) for i in moved)
            model.apply(InstanceDelta("c", False, moved, (), was))
        elif op[0] == "cluster":
            listed = {(op[1], i.vmid): replace(i, cluster=op[1]) for i in op[2]}
            gone = {k for k in truth if k[0] == op[1] and k not in listed}
            truth = {k: i for k, i in truth.items() if k not in gone}
            truth.update(listed)
            assert set(model.apply(InstanceDelta(op[1], True, tuple(listed.values()), ()))) == gone
        elif op[0] == "drop":
            model.remove_cluster(op[1])
            truth = {k: i for k, i in truth.items() if k[0] != op[1]}
        elif op[0] == "filter":
            model.set_filter(op[1])
        elif op[0] == "prepare":
            model.prepare_search()
        else:
            model.sort(op[1], op[2])
        rows = [model.instance(r).key for r in range(model.rowCount())]
        assert rows == expected_rows(model, truth)
        assert all(model.instance(r) == truth[model.instance(r).key] for r in range(model.rowCount()))
        # what is painted: the cells cached per row are those of the guest as it is now
        assert [model.index(r, COL_CPU).data() for r in range(len(rows))] == [
            model._display(truth[k], COL_CPU) for k in rows]
        assert all(model.row_of(k) == r for r, k in enumerate(rows))
        running, total, vis_running, visible = model.counts()
        assert total == len(truth) and visible == len(rows)
        assert running == sum(1 for i in truth.values() if i.status == "running")
        assert vis_running == sum(1 for k in rows if truth[k].status == "running")
        assert model.nodes() == sorted({i.node for i in truth.values()}, key=lambda n: (len(n), n))
        for cluster in ("c", "d", "e"):
            assert model.has_ha_guests(cluster) == any(i.hastate for k, i in truth.items() if k[0] == cluster)
            mine = sorted((i for k, i in truth.items() if k[0] == cluster), key=lambda i: i.vmid)
            assert sorted(model.instances_of(cluster), key=lambda i: i.vmid) == mine  # the guests as they are now
            assert model.has_guests(cluster) == any(k[0] == cluster for k in truth)
        asked = [*truth, ("c", 99_999), ("other", 1)]
        assert model.get_many(asked) == [truth.get(k) for k in asked]
        assert model._ha == {k for k, i in truth.items() if i.hastate}  # kept, not recounted
        assert not model.has_ha_guests("other")

"""The guest list's answer decoded into typed rows (pve/resource_rows.py) gives exactly the
Instances the general path gives, and anything not shaped as PVE shapes it takes that path."""

import json
from operator import attrgetter
from pathlib import Path

import pytest

from virton_desktop.pve import resource_rows
from virton_desktop.pve.entities import FIGURE_FIELDS, IDENTITY_FIELDS, Instance

REAL = json.loads((Path(__file__).parent / "data" / "pve-answers" / "cluster-resources-vm.json").read_text())


def body(items):
    return json.dumps({"data": items}).encode()


def test_real_rows_decode_typed_into_the_same_instances():
    rows = resource_rows.decode(body(REAL))
    assert rows is not None and len(rows) == len(REAL)
    assert [resource_rows.instance("c", r) for r in rows] == [Instance.from_api("c", i) for i in REAL]


def test_sparse_and_null_fields_read_as_the_general_path_reads_them():
    items = [{"vmid": 7}, {"vmid": 8, "name": None, "tags": "", "lock": None, "template": 1, "cpu": 0, "maxcpu": 2},
             {"vmid": 9, "type": "lxc", "status": "running", "tags": "b;a", "hastate": "started", "uptime": 5}]
    rows = resource_rows.decode(body(items))
    assert [resource_rows.instance("c", r) for r in rows] == [Instance.from_api("c", i) for i in items]


@pytest.mark.parametrize("odd", [
    {"vmid": "100"}, {"vmid": 100, "cpu": "0.5"}, {"vmid": 100, "name": 42}, {"vmid": 100, "template": True},
    {"vmid": 100, "template": 2}, {"vmid": 100, "mem": 1.5}, {"vmid": 100, "tags": ["a"]}, {"name": "no vmid"},
], ids=str)
def test_rows_not_shaped_as_pve_shapes_them_take_the_general_path(odd):
    assert resource_rows.decode(body(REAL + [odd])) is None


def test_answers_that_are_no_guest_list_take_the_general_path():
    for raw in (b'{"data": null}', b'{"data": {"vmid": 1}}', b"<html>login</html>", b'[{"vmid": 1}]', b""):
        assert resource_rows.decode(raw) is None


def test_the_poll_lane_builds_the_same_guests_from_typed_rows_and_from_dicts(demo):
    from virton_desktop.pve import api
    from virton_desktop.session_worker import Worker

    from conftest import make_session

    session = make_session(demo)
    worker = Worker("demo", [session.client], session._worker._creds)
    worker._client.authenticate(worker._creds)
    op = api.cluster_resources()
    answers = []
    typed = worker._call(op, check=False, typed=lambda raw: answers.append(raw) or resource_rows.decode(raw))
    assert isinstance(typed, resource_rows.Rows) and len(typed) > 0
    general = json.loads(answers[0])["data"]  # the same answer, as the general path reads it
    assert list(worker._typed(typed).values()) == list(worker._instances(op, general))
    assert list(worker._typed(typed).values()) == list(worker._instances(op, general))  # and from the kept rows


def test_an_instance_is_frozen_untracked_by_the_collector_and_works_as_a_dataclass():
    import dataclasses
    import gc
    import pickle

    values = ("c", 101, "web", "qemu", "pve1", "running", False, 2.0, 0.25, 4096, 1024, 8192, 0, 60, ("a",),
              "", "started", "pool", 1, 2, 3, 4)
    inst = Instance(*values)
    assert not gc.is_tracked(inst)  # a poll's thousands of them are never walked by the collector
    assert resource_rows.instance("c", resource_rows.Row(*values[1:6], 0, *values[7:14], "a", *values[15:])) == inst
    assert inst == Instance(*values) and hash(inst) == hash(Instance(*values)) and inst != Instance(*values[:-1], 5)
    assert [f.name for f in dataclasses.fields(Instance)][:3] == ["cluster", "vmid", "name"]
    assert dataclasses.astuple(inst) == values and dataclasses.asdict(inst)["tags"] == ("a",)
    moved = dataclasses.replace(inst, status="stopped")
    assert type(moved) is Instance and moved.status == "stopped" and moved.name == "web" and inst.status == "running"
    assert dataclasses.replace(Instance("c", 1, "n", "lxc", "pve1", "stopped")).tags == ()  # the defaults
    assert pickle.loads(pickle.dumps(inst)) == inst
    with pytest.raises(AttributeError):
        inst.status = "stopped"
    assert not hasattr(inst, "__dict__")


_IDENTITY = attrgetter(*IDENTITY_FIELDS)
_FIGURES = attrgetter(*FIGURE_FIELDS)


def test_typed_polls_in_the_same_order_give_the_diff_the_general_path_gives():
    """The fast path (rows compared position by position while the vmids come in the same
    order) and the slow one (by vmid) give the deltas the general path gives, whatever the
    polls do: figures move, a null name becomes "", guests come, go and change places."""
    import copy

    from virton_desktop.pve import api
    from virton_desktop.pve.client import Credentials
    from virton_desktop.session_worker import Worker

    def worker():
        return Worker("c", [], Credentials("root@pam", password="x"))

    op = api.cluster_resources()
    base = [dict(item, vmid=item["vmid"]) for item in REAL]
    polls = [copy.deepcopy(base)]
    moved = copy.deepcopy(base)
    for item in moved[::2]:
        item["cpu"] = 0.5
        item["uptime"] = item.get("uptime", 0) + 10
    polls.append(moved)
    same = copy.deepcopy(moved)
    same[0]["name"] = None  # a different row ...
    polls.append(same)
    again = copy.deepcopy(same)
    again[0]["name"] = ""  # ... and another one, the same Instance as the last two
    polls.append(again)
    shuffled = copy.deepcopy(again)[::-1][1:] + [dict(again[0], vmid=9999, name="new")]
    polls.append(shuffled)
    shuffled2 = copy.deepcopy(shuffled)
    shuffled2[1]["status"] = "stopped"
    polls.append(shuffled2)
    polls.append(copy.deepcopy(shuffled2) + [dict(shuffled2[0])])  # a vmid twice
    polls.append(copy.deepcopy(base))
    polls.append(copy.deepcopy(moved))

    fast, general = worker(), worker()
    hinted = 0
    for n, items in enumerate(polls):
        rows = resource_rows.decode(body(items))
        assert isinstance(rows, resource_rows.Rows), n
        before = dict(fast._known)
        got = fast._typed_delta(rows)
        want = general._diff(general._instances(op, items))
        assert (got.full, set(got.changed), set(got.removed)) == (want.full, set(want.changed), set(want.removed)), n
        assert len(got.changed) == len(set(got.changed))
        # The guests said to have moved only their figures did, from the Instance given before.
        moved = len(got.figures_of)
        hinted += moved
        for inst, was in zip(got.changed[:moved], got.figures_of, strict=True):
            assert before[inst.key] is was, n
            assert _IDENTITY(inst) == _IDENTITY(was) and _FIGURES(inst) != _FIGURES(was), n
        if n == 1:  # only figures moved, in the same order: every change is told so
            assert moved == len(got.changed) > 0
    assert hinted


def test_a_lanes_decoder_gives_what_decode_gives_answer_after_answer():
    """RowsDecoder, poll after poll of a changing list (figures moved, a guest renamed, one added,
    one removed, keys reordered, a row PVE would not send, garbage): each answer exactly as
    `decode` reads it, None where it gives None, and the decoder sound again after."""
    import copy
    import random

    rng = random.Random(7)
    decoder = resource_rows.RowsDecoder()
    items = copy.deepcopy(REAL)
    for step in range(60):
        change = rng.choice(("figures", "figures", "rename", "add", "remove", "reorder", "odd", "garbage", "none"))
        if change == "figures":
            for item in rng.sample(items, max(1, len(items) // 3)):
                item["cpu"] = rng.random()
                item["uptime"] = item.get("uptime", 0) + 3
        elif change == "rename":
            rng.choice(items)["name"] = "renamed-{0}".format(step)
        elif change == "add":
            items.insert(rng.randrange(len(items) + 1), {"vmid": 5000 + step, "type": "qemu", "name": "new"})
        elif change == "remove" and len(items) > 2:
            items.pop(rng.randrange(len(items)))
        elif change == "reorder":
            i = rng.randrange(len(items))
            items[i] = dict(reversed(list(items[i].items())))  # the same row, its JSON otherwise
        answer = body(items)
        if change == "odd":
            odd = copy.deepcopy(items)
            odd[rng.randrange(len(odd))]["cpu"] = "0.5"
            answer = body(odd)
        elif change == "garbage":
            answer = b"<html>proxy error</html>"
        assert decoder(answer) == resource_rows.decode(answer), (step, change)


def test_a_lanes_decoder_keeps_the_rows_that_came_back_the_same():
    """Only the rows whose JSON changed are decoded again: the others are the very Row objects
    of the previous answer (so they compare as the same object in the worker's diff)."""
    import copy

    decoder = resource_rows.RowsDecoder()
    first = decoder(body(REAL))
    items = copy.deepcopy(REAL)
    items[1]["cpu"] = 0.123
    second = decoder(body(items))
    assert second == resource_rows.decode(body(items))
    assert second[1] is not first[1] and second[1].cpu == 0.123
    assert all(second[i] is first[i] for i in range(len(REAL)) if i != 1)

"""Property tests: random damage to the profile and trust files never stops start-up and never
loses a readable entry (the damaged bytes kept aside when the file could not be read at all)."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from virton_desktop import config_files as cf
from virton_desktop.profiles import Profile, ProfileStore
from virton_desktop.trust import TrustStore

PROFILES = {"version": 1, "profiles": [
    {"id": "id-{0}".format(n), "name": "서버 {0}".format(n), "addresses": ["pve{0}.example.com:8006".format(n)],
     "user": "root", "realm": "pam", "autoconnect": n == 1, "future": {"n": n}} for n in range(4)],
    "future_top": [1, "two"]}
TRUST = {"version": 1, "hosts": {"pve{0}:8006".format(n): {"sha256": ":".join(["{0}a".format(n)] * 32),
                                                           "trusted_at": n} for n in range(4)}}

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                          max_size=3),
                           max_leaves=6)


def byte_damage(original: bytes):
    """Truncate anywhere, flip a byte, insert garbage, or cut out a piece."""
    at = st.integers(0, len(original))
    return st.one_of(
        at.map(lambda k: original[:k]),
        st.tuples(st.integers(0, len(original) - 1), st.integers(1, 255)).map(
            lambda t: original[:t[0]] + bytes([original[t[0]] ^ t[1]]) + original[t[0] + 1:]),
        st.tuples(at, st.binary(min_size=1, max_size=12)).map(lambda t: original[:t[0]] + t[1] + original[t[0]:]),
        st.tuples(at, at).map(lambda t: original[:min(t)] + original[max(t):]),
    )


def paths_of(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from paths_of(inner, prefix + (key,))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from paths_of(inner, prefix + (index,))


def replaced(document, path, value):
    if not path:
        return value
    out = copy.deepcopy(document)
    target = out
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return out


def check_start_and_save(path: Path, damaged: bytes, make_store, change) -> None:
    """Start on `damaged`; then save a change: every entry shown before is still there, and the
    damaged bytes are kept (in place, or aside when the file could not be used)."""
    path.write_bytes(damaged)
    store = make_store(path)  # never raises
    notices = store.take_notices()
    aside = [n for n in notices if n.kind == cf.KEPT_ASIDE]
    if aside:
        assert aside[0].kept_as.read_bytes() == damaged
    shown = snapshot(store)
    try:
        change(store)
    except cf.SaveFailed as failed:  # a digit of the version changed into a higher one: read-only
        assert failed.notice.kind == cf.NEWER and path.read_bytes() == damaged
    after = snapshot(make_store(path))
    assert all(after.get(key) == value for key, value in shown.items()), (shown, after)


def snapshot(store) -> dict:
    if isinstance(store, ProfileStore):
        return {p.id: p for p in store.all()}
    return store.hosts()


def add_profile(store: ProfileStore) -> None:
    store.save(Profile(name="added", addresses=("added.example.com",), id="id-added"))


def add_pin(store: TrustStore) -> None:
    store.trust("added", 8006, ":".join(["ff"] * 32))


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.data())
def test_damaged_bytes_of_the_profile_file(data):
    original = json.dumps(PROFILES, indent=2, ensure_ascii=False).encode("utf-8")
    damaged = data.draw(byte_damage(original))
    with tempfile.TemporaryDirectory() as folder:
        check_start_and_save(Path(folder) / "profiles.json", damaged, ProfileStore, add_profile)


@SETTINGS
@given(st.data())
def test_damaged_bytes_of_the_trust_file(data):
    original = json.dumps(TRUST, indent=2).encode("utf-8")
    damaged = data.draw(byte_damage(original))
    with tempfile.TemporaryDirectory() as folder:
        check_start_and_save(Path(folder) / "trusted-certificates.json", damaged, TrustStore, add_pin)


@SETTINGS
@given(st.data())
def test_a_value_of_another_type_hides_at_most_its_own_profile(data):
    path_in_file = data.draw(st.sampled_from(list(paths_of(PROFILES))))
    document = replaced(PROFILES, path_in_file, data.draw(json_values))
    damaged = json.dumps(document).encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "profiles.json"
        check_start_and_save(path, damaged, ProfileStore, add_profile)
        if len(path_in_file) >= 2 and path_in_file[0] == "profiles":
            # Only the profile that holds the changed value may be hidden; it stays in the file as it was.
            touched = path_in_file[1]
            expected = {e["id"] for i, e in enumerate(PROFILES["profiles"]) if i != touched} | {"id-added"}
            assert expected <= {p.id for p in ProfileStore(path).all()}
            written = json.loads(path.read_text(encoding="utf-8"))["profiles"]
            assert document["profiles"][touched] in written
            assert json.loads(path.read_text(encoding="utf-8"))["future_top"] == [1, "two"]


operations = st.lists(st.tuples(st.integers(0, 2), st.sampled_from(["put", "delete"]), st.integers(0, 4),
                                st.text(min_size=1, max_size=6).filter(str.strip)), max_size=25)


@settings(max_examples=100, deadline=None)
@given(operations)
def test_instances_saving_in_turn_lose_nothing(ops):
    """Three stores on one file, changes in any order: every change a store made (a field that differs
    from what it showed, an entry it added or deleted) is in the file at the end, in the order made."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "profiles.json"
        stores = [ProfileStore(path) for _ in range(3)]
        expected: dict[str, str] = {}
        for which, op, key, name in ops:
            pid = "id-{0}".format(key)
            if op == "put":
                seen = stores[which].get(pid)
                stores[which].save(Profile(name=name, addresses=("pve.example.com",), id=pid))
                if pid not in expected or seen is None or seen.name != name:  # what this store changed
                    expected[pid] = name
            else:
                stores[which].load()  # a store deletes what it shows
                stores[which].remove(pid)
                expected.pop(pid, None)
        assert {p.id: p.name for p in ProfileStore(path).all()} == expected

"""Config files never lose data: damaged content, unreadable entries, unknown fields, a newer
format, two instances saving in turn (in this process and from another process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from virton_desktop import config_files as cf
from virton_desktop import file_lock
from virton_desktop.profiles import Profile, ProfileStore
from virton_desktop.trust import TrustStore

ROOT = Path(__file__).resolve().parent.parent
FP_A = ":".join(["aa"] * 32)
FP_B = ":".join(["bb"] * 32)
FP_C = ":".join(["cc"] * 32)


def good(name: str, **extra) -> dict:
    return {"id": "id-" + name, "name": name, "addresses": [name + ".example.com"], **extra}


def write(path: Path, data) -> None:
    path.write_text(json.dumps(data), encoding="utf-8")


def names(store: ProfileStore) -> list[str]:
    return [p.name for p in store.all()]


# ------------------------------------------------------------------ damaged files

DAMAGED_CONTENT = {
    "empty": b"",
    "not json": b"{ not json",
    "truncated": json.dumps({"version": 1, "profiles": [good("a")]}).encode()[:30],
    "inside a character": '{"version": 1, "profiles": [{"name": "서버'.encode()[:-1],
    "binary": bytes(range(256)) * 4,
    "a list": b"[1, 2, 3]",
    "a string": b'"profiles"',
    "null": b"null",
    "profiles as a string": b'{"version": 1, "profiles": "prod"}',
    "profiles as a dict": b'{"version": 1, "profiles": {"a": {"name": "a", "addresses": ["a"]}}}',
    "version as text": b'{"version": "1", "profiles": []}',
    "nested too deep": b"[" * 100000 + b"]" * 100000,
}


@pytest.mark.parametrize("what", sorted(DAMAGED_CONTENT))
def test_damaged_profile_file_is_kept_aside_and_reported(tmp_path, what):
    path = tmp_path / "profiles.json"
    path.write_bytes(DAMAGED_CONTENT[what])
    store = ProfileStore(path)
    assert store.all() == []
    [notice] = store.take_notices()
    assert notice.kind == cf.KEPT_ASIDE and notice.path == path
    assert notice.kept_as.read_bytes() == DAMAGED_CONTENT[what]  # kept byte for byte
    store.save(Profile(name="new", addresses=("n.example.com",)))
    assert names(ProfileStore(path)) == ["new"]
    assert notice.kept_as.read_bytes() == DAMAGED_CONTENT[what]  # never overwritten


def test_a_directory_in_place_of_the_file_is_moved_aside(tmp_path):
    path = tmp_path / "trusted-certificates.json"
    (path / "inside").mkdir(parents=True)
    store = TrustStore(path)
    [notice] = store.take_notices()
    assert notice.kind == cf.KEPT_ASIDE and (notice.kept_as / "inside").is_dir()
    store.trust("pve1", 8006, FP_A)
    assert TrustStore(path).fingerprint("pve1", 8006) == FP_A


def test_two_damaged_files_in_the_same_second_get_two_names(tmp_path):
    path = tmp_path / "profiles.json"
    kept = []
    for content in (b"one", b"two"):
        path.write_bytes(content)
        kept.append(ProfileStore(path).take_notices()[0].kept_as)
    assert kept[0] != kept[1] and [k.read_bytes() for k in kept] == [b"one", b"two"]


# ------------------------------------------------------------------ unreadable entries, unknown data

BAD_PROFILES = [
    "just a string",
    None,
    42,
    ["a", "list"],
    {"id": "no-name", "addresses": ["x"]},
    {"id": "hosts-as-text", "name": "t", "addresses": "pve1"},
    {"id": "user-as-list", "name": "u", "addresses": ["pve1"], "user": ["root", "admin"]},
    {"id": "null-name", "name": None, "addresses": ["pve1"]},
    {"id": "flag-as-text", "name": "f", "addresses": ["pve1"], "autoconnect": "yes"},
    {"id": "huge-port", "name": "h", "addresses": ["pve1:99999999999999999999"]},
    {"name": "no id", "addresses": ["pve1"]},
    {"id": "id-a", "name": "a duplicate id", "addresses": ["dup"]},
]


def test_unreadable_profiles_are_kept_verbatim_and_not_shown(tmp_path):
    path = tmp_path / "profiles.json"
    entries = [good("a", future_field={"x": [1, 2]})] + BAD_PROFILES + [good("b")]
    path.write_text(json.dumps({"version": 1, "profiles": entries, "future_top": "kept"}), encoding="utf-8")
    store = ProfileStore(path)
    assert names(store) == ["a", "b"]
    [notice] = store.take_notices()
    assert notice.kind == cf.SKIPPED and notice.count == len(BAD_PROFILES)
    edited = Profile.from_json(good("a"))
    store.save(Profile(**{**edited.__dict__, "name": "a2"}))
    store.save(Profile(name="c", addresses=("c.example.com",), id="id-c"))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["future_top"] == "kept"
    assert data["profiles"][1:-2] == BAD_PROFILES  # in place, byte for byte the same values
    assert data["profiles"][0]["future_field"] == {"x": [1, 2]} and data["profiles"][0]["name"] == "a2"
    assert [p["id"] for p in (data["profiles"][-2], data["profiles"][-1])] == ["id-b", "id-c"]


def test_numbers_python_would_change_are_written_back_as_they_were(tmp_path):
    path = tmp_path / "profiles.json"
    huge = "9" * 5000
    text = '{"version": 1, "big": [1e400, -1e400, 1e-400, NaN, HUGE], "profiles": [PROFILE]}'
    path.write_text(text.replace("HUGE", huge).replace("PROFILE", json.dumps(good("a"))), encoding="utf-8")
    store = ProfileStore(path)
    assert names(store) == ["a"] and store.take_notices() == []
    store.save(Profile(name="b", addresses=("b",)))
    assert '"big": [\n    1e400,\n    -1e400,\n    1e-400,\n    NaN,\n    ' + huge in path.read_text(encoding="utf-8")


def test_unreadable_pins_are_kept_and_unknown_fields_survive(tmp_path):
    path = tmp_path / "trusted-certificates.json"
    hosts = {"pve1:8006": {"sha256": FP_A, "trusted_at": 1, "comment": "rack 4"},
             "pve2:8006": {"sha256": "not a fingerprint"}, "pve3:8006": "aa:bb", "pve4:8006": None}
    write(path, {"version": 1, "hosts": hosts, "extra": [1]})
    store = TrustStore(path)
    assert store.hosts() == {"pve1:8006": FP_A}
    store.trust("pve1", 8006, FP_B)
    store.trust("pve5", 8006, FP_C)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["extra"] == [1] and data["hosts"]["pve1:8006"]["comment"] == "rack 4"
    assert {k: data["hosts"][k] for k in ("pve2:8006", "pve3:8006", "pve4:8006")} == {
        k: hosts[k] for k in ("pve2:8006", "pve3:8006", "pve4:8006")}
    assert TrustStore(path).hosts() == {"pve1:8006": FP_B, "pve5:8006": FP_C}


# ------------------------------------------------------------------ a newer format


def test_a_newer_file_is_read_never_rewritten(tmp_path):
    path = tmp_path / "profiles.json"
    newer = {"version": 7, "profiles": [good("a", colour_scheme="new")], "servers": {"new": True}}
    write(path, newer)
    before = path.read_bytes()
    store = ProfileStore(path)
    assert names(store) == ["a"] and store.read_only
    assert [n.kind for n in store.take_notices()] == [cf.NEWER]
    with pytest.raises(cf.SaveFailed) as failed:
        store.save(Profile(name="b", addresses=("b",)))
    assert failed.value.notice.kind == cf.NEWER and failed.value.notice.version == 7
    assert names(store) == ["a", "b"]  # kept for this session
    with pytest.raises(cf.SaveFailed):
        store.remove("id-a")
    assert path.read_bytes() == before


def test_a_newer_file_whose_collection_changed_shape_is_not_moved_aside(tmp_path):
    path = tmp_path / "trusted-certificates.json"
    write(path, {"version": 2, "hosts": [{"host": "pve1", "sha256": FP_A}]})
    before = path.read_bytes()
    store = TrustStore(path)
    assert store.hosts() == {} and [n.kind for n in store.take_notices()] == [cf.NEWER]
    with pytest.raises(cf.SaveFailed):
        store.trust("pve1", 8006, FP_A)
    assert store.fingerprint("pve1", 8006) == FP_A and path.read_bytes() == before


# ------------------------------------------------------------------ two instances


def test_two_stores_in_one_process_merge(tmp_path):
    path = tmp_path / "profiles.json"
    first, second = ProfileStore(path), ProfileStore(path)
    a = Profile(name="a", addresses=("a",))
    b = Profile(name="b", addresses=("b",))
    first.save(a)
    second.save(b)  # second never read a: it must not drop it
    assert names(ProfileStore(path)) == ["a", "b"]
    assert names(second) == ["a", "b"]  # and it now shows it
    first.remove(a.id)
    first.save(Profile(name="c", addresses=("c",)))
    second.save(Profile(**{**b.__dict__, "name": "b2"}))
    assert names(ProfileStore(path)) == ["b2", "c"]  # the deletion held, no edit lost


def test_two_trust_stores_merge_pins(tmp_path):
    path = tmp_path / "trusted-certificates.json"
    first, second = TrustStore(path), TrustStore(path)
    first.trust("pve1", 8006, FP_A)
    second.trust("pve2", 8006, FP_B)
    first.forget("pve1", 8006)
    second.trust("pve3", 8006, FP_C)
    assert TrustStore(path).hosts() == {"pve2:8006": FP_B, "pve3:8006": FP_C}


SECOND_INSTANCE = """
import sys
from pathlib import Path
from virton_desktop.profiles import Profile, ProfileStore
from virton_desktop.trust import TrustStore
folder = Path(sys.argv[1])
ProfileStore(folder / "profiles.json").save(Profile(name="other", addresses=("other",), id="id-other"))
TrustStore(folder / "trusted-certificates.json").trust("other", 8006, sys.argv[2])
"""


def test_a_second_process_saving_in_between_loses_nothing(tmp_path):
    profiles, trust = ProfileStore(tmp_path / "profiles.json"), TrustStore(tmp_path / "trusted-certificates.json")
    profiles.save(Profile(name="mine", addresses=("mine",)))
    trust.trust("mine", 8006, FP_A)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-c", SECOND_INSTANCE, str(tmp_path), FP_B], check=True, env=env, timeout=60)
    profiles.save(Profile(name="mine too", addresses=("mine2",)))
    trust.trust("mine2", 8006, FP_C)
    assert names(ProfileStore(tmp_path / "profiles.json")) == ["mine", "mine too", "other"]
    assert TrustStore(tmp_path / "trusted-certificates.json").hosts() == {
        "mine:8006": FP_A, "mine2:8006": FP_C, "other:8006": FP_B}


HOLD_LOCK = """
import sys
from pathlib import Path
from virton_desktop import file_lock
with file_lock.exclusive(Path(sys.argv[1])):
    print("locked", flush=True)
    sys.stdin.read()
"""


def test_a_save_waits_for_the_lock_then_says_the_file_is_locked(tmp_path, monkeypatch):
    path = tmp_path / "profiles.json"
    store = ProfileStore(path)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert holder.stdout.readline().strip() == "locked"
        monkeypatch.setattr(file_lock, "WAIT_SECONDS", 0.1)
        with pytest.raises(cf.SaveFailed) as failed:
            store.save(Profile(name="waiting", addresses=("waiting",)))
        assert failed.value.notice.kind == cf.LOCKED
    finally:
        holder.communicate("", timeout=30)
    store.save(Profile(name="after", addresses=("after",)))
    assert names(ProfileStore(path)) == ["after", "waiting"]  # the one refused went with the next save


# ------------------------------------------------------------------ a file the system will not read


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file whatever its mode")
def test_a_file_that_cannot_be_read_is_left_alone(tmp_path):
    path = tmp_path / "profiles.json"
    write(path, {"version": 1, "profiles": [good("a")]})
    path.chmod(0)
    try:
        store = ProfileStore(path)
        assert [n.kind for n in store.take_notices()] == [cf.UNREADABLE]
        with pytest.raises(cf.SaveFailed):
            store.save(Profile(name="b", addresses=("b",)))
    finally:
        path.chmod(0o600)
    assert names(ProfileStore(path)) == ["a"]


# ------------------------------------------------------------------ the app starts, the user is told


def test_the_window_starts_on_damaged_files_and_says_where_they_went(qtbot, tmp_path, monkeypatch):
    from virton_desktop import profiles, trust
    from virton_desktop.ui.main_window import MainWindow

    monkeypatch.setattr(profiles, "config_dir", lambda: tmp_path)
    monkeypatch.setattr(trust, "config_dir", lambda: tmp_path)
    (tmp_path / profiles.FILE_NAME).write_bytes('{"version": 1, "profiles": [{"name": "서'.encode()[:-2])
    write(tmp_path / trust.FILE_NAME, {"version": 1, "hosts": {"pve1:8006": {"sha256": FP_A}, "pve2:8006": 7}})
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    told = [w.errors_bar.label.text()]  # both files in the one message shown
    [kept] = list(tmp_path.glob(profiles.FILE_NAME + ".damaged-*"))
    assert any(str(tmp_path / profiles.FILE_NAME) in t and str(kept) in t for t in told), told
    assert any(trust.FILE_NAME in t and "could not be read" in t and "not shown" in t for t in told), told
    assert w.connections.trust.fingerprint("pve1", 8006) == FP_A


def test_a_damaged_settings_file_is_kept_aside_before_anything_writes_it(qtbot):
    from PySide6.QtCore import QSettings

    from virton_desktop.ui.main_window import MainWindow

    path = Path(QSettings().fileName())
    path.parent.mkdir(parents=True, exist_ok=True)
    garbage = b"[ui]\nlanguage=ko\n\xff\xfe\x00[[[\n=\n[a\n"
    path.write_bytes(garbage)
    notice = cf.keep_damaged_settings_aside(QSettings())
    try:
        assert notice.kind == cf.KEPT_ASIDE and notice.kept_as.read_bytes() == garbage
        w = MainWindow()
        qtbot.addWidget(w)
        w.show()
        w.close()
        assert QSettings().status() == QSettings.Status.NoError
        assert cf.keep_damaged_settings_aside(QSettings()) is None
    finally:
        notice.kept_as.unlink()


def test_the_program_starts_with_every_file_damaged(tmp_path):
    """`virton-desktop --demo --screenshot` in a home whose profiles, pins and settings are all damaged."""
    home = tmp_path / "home"
    config = home / ".config" / "VirtOn"
    (config / "VirtOn Desktop").mkdir(parents=True)
    damaged = {config / "VirtOn Desktop" / "profiles.json": bytes(range(256)),
               config / "VirtOn Desktop" / "trusted-certificates.json": b'{"version": 1, "hosts": ["x"]}',
               config / "VirtOn Desktop.conf": b"[mainWindow]\ngeometry=\xff\xfe\n[[[\n"}
    for path, content in damaged.items():
        path.write_bytes(content)
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, "-m", "virton_desktop", "--demo", "--screenshot", str(tmp_path / "s.png")],
                          env=env, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    for path, content in damaged.items():
        [kept] = list(path.parent.glob(path.name + ".damaged-*"))
        assert kept.read_bytes() == content


def test_profile_manager_shows_what_another_instance_saved_and_refuses_a_newer_file(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from virton_desktop.profiles import SecretStore
    from virton_desktop.ui.connect.profile_manager import ProfileManager

    path = tmp_path / "profiles.json"
    mine = ProfileStore(path)
    ProfileStore(path).save(Profile(name="from the other window", addresses=("other",)))
    manager = ProfileManager(mine, SecretStore())
    qtbot.addWidget(manager)
    manager.show()
    assert [manager.list.item(i).text() for i in range(manager.list.count())] == ["from the other window"]
    write(path, {"version": 9, "profiles": [good("a")]})
    before = path.read_bytes()
    QTest.mouseClick(manager.new_button, Qt.MouseButton.LeftButton)
    QTest.keyClicks(manager.name, "Typed")
    manager.addresses.setFocus()
    QTest.keyClicks(manager.addresses, "typed.example.com")
    QTest.mouseClick(manager.save_button, Qt.MouseButton.LeftButton)
    assert "newer version" in manager.message.text() and manager.name.text() == "Typed"
    assert path.read_bytes() == before


def kept_whole(store, content: bytes | None) -> bool:
    """The file is as it was, or it was moved aside whole (a pipe or a directory: moved aside at all)."""
    notices = store.take_notices()
    if not notices:
        return content is not None and store.path.read_bytes() == content
    kept = notices[0].kept_as
    return (len(notices) == 1 and notices[0].kind == cf.KEPT_ASIDE and not os.path.lexists(store.path)
            and (content is None or kept.read_bytes() == content))


def next_beat(qtbot, beat) -> None:
    """Let the event loop run until the heartbeat ticks again (it measures the time spent before)."""
    ticks = len(beat.gaps)
    qtbot.waitUntil(lambda: len(beat.gaps) > ticks, timeout=5000)


def test_file_probes_under_a_heartbeat(qtbot, tmp_path):
    """Every kind of damage, to both files at once, with a 10 ms GUI heartbeat: nothing raises,
    the damage is kept aside byte for byte. The worst stall joins the suite's printed figures."""
    from conftest import Heartbeat, record_stall

    probes = dict(DAMAGED_CONTENT)
    probes["9 MiB of zeros"] = bytes(9 * 1024 * 1024)
    run = survived = 0
    with Heartbeat() as beat:
        for n, (what, content) in enumerate(sorted(probes.items()) + [("a pipe", None), ("a directory", None)]):
            folder = tmp_path / str(n)
            folder.mkdir()
            for name in ("profiles.json", "trusted-certificates.json"):
                if what == "a pipe":
                    os.mkfifo(folder / name)  # opening it to read would block for ever
                elif what == "a directory":
                    (folder / name).mkdir()
                else:
                    (folder / name).write_bytes(content)
            run += 1
            stores = [ProfileStore(folder / "profiles.json"), TrustStore(folder / "trusted-certificates.json")]
            if all(kept_whole(store, content) for store in stores):
                survived += 1
            next_beat(qtbot, beat)
    record_stall("damaged config files ({0} kinds)".format(run), survived == run, beat.worst_ms)
    assert survived == run


def test_an_edit_writes_only_the_fields_it_changed(tmp_path):
    path = tmp_path / "profiles.json"
    ProfileStore(path).save(Profile(name="shared", addresses=("pve1",), id="id-s"))
    first, second = ProfileStore(path), ProfileStore(path)
    first.save(Profile(**{**first.get("id-s").__dict__, "name": "renamed here"}))
    second.save(Profile(**{**second.get("id-s").__dict__, "autoconnect": True}))
    final = ProfileStore(path).get("id-s")
    assert final.name == "renamed here" and final.autoconnect  # neither edit undid the other

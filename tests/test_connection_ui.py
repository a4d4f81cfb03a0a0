"""Profiles, secrets, certificate trust and cluster faults, through the main window."""

import logging
import os
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import Qt

from virton_desktop.demo import ServedDemo
from virton_desktop.models.instances import COL_NAME
from virton_desktop.profiles import KEYRING_SERVICE, Profile, ProfileStore, SecretStore
from virton_desktop.pve import api, errors
from virton_desktop.pve.power import Action
from virton_desktop.trust import TrustStore
from virton_desktop.ui.main_window import MainWindow

from conftest import Heartbeat, make_session, record_stall, remember_secret

PASSWORD_MARK = "correct-horse-battery-staple-42"
remember_secret(PASSWORD_MARK)


@pytest.fixture
def main(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    yield w
    for s in w.clusters.sessions():
        s.close()


def demo_profile(demo, name="demo", **kw):
    values = dict(user="root", realm="pam")
    values.update(kw)
    return Profile(name=name, addresses=("{0}:{1}".format(demo.host, demo.port),), **values)


def test_profile_file_round_trip_atomic_and_corrupt_kept_aside(tmp_path):
    path = tmp_path / "profiles.json"
    store = ProfileStore(path)
    p = Profile(name="Production", addresses=("pve1.example.com", "pve2.example.com:8007"), autoconnect=True)
    store.save(p)
    # no temp file left behind (the lock file stays: removing it would race with another instance)
    assert sorted(f.name for f in tmp_path.iterdir()) == ["profiles.json", "profiles.json.lock"]
    again = ProfileStore(path)
    assert again.all() == [p]
    assert again.get(p.id).endpoints() == [("pve1.example.com", 8006), ("pve2.example.com", 8007)]
    exported = again.export_json()
    imported = ProfileStore(tmp_path / "other.json").import_json(exported)
    assert imported[0].name == "Production" and imported[0].id != p.id and not imported[0].autoconnect
    path.write_text("{ not json")
    broken = ProfileStore(path)
    [notice] = broken.take_notices()
    assert broken.all() == [] and notice.kept_as is not None
    assert notice.kept_as.exists() and notice.kept_as.read_text() == "{ not json"


def test_secret_goes_to_the_keyring_never_to_a_file(qtbot, main, demo):
    demo.pve.users["alice@pve"] = PASSWORD_MARK
    profile = demo_profile(demo, name="alice", user="alice", realm="pve")
    main.connections.trust.trust(demo.host, demo.port, demo.fingerprint)
    main.connections.profiles.save(profile)
    with qtbot.waitSignal(main.first_data, timeout=15000):
        main.connections.connect_profile(profile, PASSWORD_MARK)
    assert keyring.get_password(KEYRING_SERVICE, profile.id) == PASSWORD_MARK
    main.close()
    home = Path(os.environ["HOME"])
    for path in home.rglob("*"):
        if path.is_file():
            assert PASSWORD_MARK.encode() not in path.read_bytes(), path


def test_no_keyring_keeps_secrets_in_memory_and_says_so(qtbot, main, demo, monkeypatch):
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    main.connections.secrets = SecretStore()
    assert not main.connections.secrets.persistent
    main.connections.trust.trust(demo.host, demo.port, demo.fingerprint)
    with qtbot.waitSignal(main.first_data, timeout=15000):
        main.connections.connect_profile(demo_profile(demo), demo.password)
    assert "kept in memory" in main.errors_bar.label.text()


def test_trust_on_first_use_then_a_changed_certificate_is_blocked(qtbot, main, demo):
    asked = []
    main.connections.ask_trust = lambda err, verdict=None: asked.append(err) or True
    profile = demo_profile(demo)
    main.connections.profiles.save(profile)
    with qtbot.waitSignal(main.first_data, timeout=15000):
        main.connections.connect_profile(profile, demo.password)
    assert isinstance(asked[0], errors.CertificateUnknown) and asked[0].fingerprint == demo.fingerprint
    assert TrustStore().fingerprint(demo.host, demo.port) == demo.fingerprint  # stored on disk
    # another certificate for the same host: blocked unless deliberately trusted
    main.connections.disconnect_profile(profile.id)
    main.connections.trust.trust(demo.host, demo.port, "ab:" * 31 + "cd")
    main.connections.ask_trust = lambda err, verdict=None: asked.append(err) or False
    main.connections.connect_profile(profile, demo.password)
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=10000)
    assert isinstance(asked[1], errors.CertificateMismatch) and asked[1].expected.startswith("ab:ab")
    qtbot.waitUntil(lambda: "has changed" in main.errors_bar.label.text(), timeout=5000)
    assert "demo" not in main.clusters.ids()


def test_two_clusters_at_once_in_one_filterable_list(qtbot, main, demo):
    with ServedDemo(time_scale=0, seed=3) as other:
        for served, name in ((demo, "alpha"), (other, "beta")):
            main.connections.trust.trust(served.host, served.port, served.fingerprint)
            profile = demo_profile(served, name=name)
            main.connections.profiles.save(profile)
            main.connections.connect_profile(profile, served.password)
        qtbot.waitUntil(lambda: {k[0] for k in (i.key for i in main.model.all_instances())} == {"alpha", "beta"},
                        timeout=15000)
        page = main.page
        assert page.cluster_filter.isVisible() or not page.cluster_filter.isHidden()
        assert not page.table.isColumnHidden(11)
        page.cluster_filter.setCurrentIndex(page.cluster_filter.findData("beta"))
        qtbot.waitUntil(lambda: {main.model.instance(r).cluster for r in range(main.model.rowCount())} == {"beta"},
                        timeout=3000)
        page.cluster_filter.setCurrentIndex(0)
        qtbot.keyClicks(page.search, "web1")
        qtbot.waitUntil(lambda: {main.model.instance(r).cluster for r in range(main.model.rowCount())}
                        == {"alpha", "beta"}, timeout=3000)
        for s in main.clusters.sessions():
            s.close()


def test_unreachable_cluster_greys_rows_shows_the_age_and_recovers(qtbot, window, demo):
    session = window.clusters.get("demo")
    session.set_poll_interval(0.2)
    demo.pve.flaky_network(drop_rate=1.0)
    qtbot.waitUntil(lambda: window.cluster_bar.isVisible(), timeout=15000)
    assert "Cannot reach" in window.cluster_bar.label.text() or "server" in window.cluster_bar.label.text()
    assert window.model.is_stale("demo")
    row = window.model.row_of(("demo", 100))
    assert window.model.index(row, COL_NAME).data(Qt.ItemDataRole.ForegroundRole) is not None
    demo.pve.flaky_network()
    qtbot.waitUntil(lambda: not window.model.is_stale("demo") and not window.cluster_bar.isVisible(), timeout=30000)


def test_logs_never_contain_secrets(qtbot, caplog, demo):
    caplog.set_level(logging.DEBUG)
    demo.pve.apitokens["root@pam!ci"] = remember_secret("9d1c2a3b-0000-4f5e-9d43-0d8cbb3a4a11")
    s = make_session(demo)
    with qtbot.waitSignal(s.instances_polled, timeout=10000):
        s.start()
    reply = s.run(api.vncproxy(api.GuestRef("pve1", "qemu", 100)))
    with qtbot.waitSignal(reply.finished, timeout=10000) as got:
        pass
    vnc_ticket = got.args[0]["ticket"]
    secrets = [demo.password, s.client.ticket, vnc_ticket, "9d1c2a3b-0000-4f5e-9d43-0d8cbb3a4a11"]
    s.close()
    from virton_desktop.pve.client import Credentials, PveClient
    from virton_desktop.session import ClusterSession

    t = ClusterSession("tok", PveClient(demo.host, demo.port, fingerprint=demo.fingerprint),
                       Credentials("root@pam", token_id="ci", token_secret=secrets[-1]))
    with qtbot.waitSignal(t.instances_polled, timeout=10000):
        t.start()
    t.close()
    text = caplog.text
    assert text  # something was logged at DEBUG (requests, urllib3, ours)
    for secret in secrets:
        assert secret not in text


def test_offline_node_guests_are_unknown_and_explain_why_nothing_is_offered(qtbot, window, demo):
    demo.pve.set_node_offline("pve3")
    session = window.clusters.get("demo")
    with qtbot.waitSignal(session.instances_polled, timeout=10000):
        session.refresh()
    inst = window.model.get(("demo", 110))
    assert inst.status == "unknown"
    row = window.model.row_of(("demo", 110))
    assert window.model.index(row, COL_NAME).data(Qt.ItemDataRole.ForegroundRole) is not None
    window.page.select(("demo", 110))
    texts = [a.text() for a in window.page.build_menu().actions()]
    assert any("pve3 is offline" in t for t in texts)
    assert not any(a.isEnabled() for a in window.power_actions.values())


def test_flaky_network_keeps_the_window_responsive_and_recovers(qtbot, window, demo):
    session = window.clusters.get("demo")
    session.set_poll_interval(0.2)
    polls = []
    session.instances_polled.connect(polls.append)
    demo.pve.flaky_network(drop_rate=0.2, seed=11)
    with Heartbeat() as heart:
        qtbot.waitUntil(lambda: len(polls) >= 10, timeout=40000)
        window.page.select(("demo", 101))
        window.power_actions[Action.START].trigger()
        demo.pve.flaky_network()
        qtbot.waitUntil(lambda: window.model.get(("demo", 101)).status == "running" or window.errors_bar.isVisible(),
                        timeout=20000)
        qtbot.waitUntil(lambda: session.state == "online" and not window.model.is_stale("demo"), timeout=20000)
    record_stall("a flaky network (20 % dropped)", True, heart.worst_ms)


# ----------------------------------------------------------------- connect at start


def _recording_keyring_reads(monkeypatch):
    """The threads the keyring's get_password is called on (the tests' in-memory keyring)."""
    import threading

    backend = keyring.get_keyring()
    threads = []
    read = backend.get_password

    def get_password(service, username):
        threads.append(threading.get_ident())
        return read(service, username)

    monkeypatch.setattr(backend, "get_password", get_password)
    return threads


def test_saved_clusters_connect_at_start_their_secrets_read_off_the_gui_thread(qtbot, main, demo, monkeypatch,
                                                                              tmp_path):
    import threading

    threads = _recording_keyring_reads(monkeypatch)
    main.connections.profiles = ProfileStore(tmp_path / "profiles.json")
    shown = []
    with ServedDemo(time_scale=0, seed=3) as other:
        for served, name in ((demo, "alpha"), (other, "beta")):
            profile = demo_profile(served, name=name, autoconnect=True)
            main.connections.profiles.save(profile)
            main.connections.trust.trust(served.host, served.port, served.fingerprint)
            keyring.set_password(KEYRING_SERVICE, profile.id, served.password)
        main.connections.secrets = SecretStore()  # nothing read yet, the keyring not chosen
        main.connections.ask_secret = lambda profile: pytest.fail("asked for a secret the keyring holds")
        assert main.connections.autoconnect(or_else=lambda: shown.append(1)) == 2
        qtbot.waitUntil(lambda: {i.cluster for i in main.model.all_instances()} == {"alpha", "beta"}, timeout=15000)
        assert len(threads) == 2 and threading.get_ident() not in threads  # one read each, none on the GUI thread
        assert shown == []  # the profile list is not put in front of clusters that connected
        for s in main.clusters.sessions():
            s.close()


def test_connect_at_start_shows_the_profiles_when_none_is_marked_or_none_can(qtbot, main, demo, tmp_path):
    main.connections.profiles = ProfileStore(tmp_path / "profiles.json")
    shown = []
    assert main.connections.autoconnect(or_else=lambda: shown.append("none marked")) == 0
    assert shown == ["none marked"]  # at once: nothing to read
    profile = demo_profile(demo, name="no-secret", autoconnect=True)  # no secret in the keyring
    main.connections.profiles.save(profile)
    asked = []
    main.connections.ask_secret = lambda p: asked.append(p.id) or ""  # the user cancels the prompt
    assert main.connections.autoconnect(or_else=lambda: shown.append("none started")) == 1
    qtbot.waitUntil(lambda: "none started" in shown, timeout=10000)
    assert asked == [profile.id] and main.clusters.sessions() == []


def test_secrets_read_ahead_are_given_from_memory_and_yield_to_changes(monkeypatch):
    import threading

    threads = _recording_keyring_reads(monkeypatch)
    for pid in ("p1", "p2", "p3"):
        keyring.set_password(KEYRING_SERVICE, pid, "stored-" + pid)
    store = SecretStore()
    store.set("p2", "typed", remember=False)  # given by the user this session: not read over
    read = threading.Event()
    store.read_ahead(["p1", "p2", "p3"], read.set)
    assert read.wait(10)
    assert threads and threading.get_ident() not in threads
    reads = len(threads)
    assert store.get("p1") == "stored-p1" and store.get("p2") == "typed" and len(threads) == reads  # from memory
    store.delete("p3")  # deleted after it was read: gone from memory too
    assert store.get("p3") == "" and keyring.get_password(KEYRING_SERVICE, "p3") is None
    store.set("p1", "changed", remember=True)
    assert store.get("p1") == "changed" and keyring.get_password(KEYRING_SERVICE, "p1") == "changed"


# ----------------------------------------------------------------- the pinned certificate kept


def test_the_pinned_certificate_is_kept_and_the_next_connection_does_not_fetch_it(qtbot, main, demo, monkeypatch,
                                                                                  tmp_path):
    from virton_desktop.pve import client as pve_client

    fetched = []
    fetch = pve_client.fetch_certificate
    monkeypatch.setattr(pve_client, "fetch_certificate", lambda host, port, *a: fetched.append((host, port))
                        or fetch(host, port, *a))
    main.connections.profiles = ProfileStore(tmp_path / "profiles.json")
    main.connections.trust = TrustStore(tmp_path / "trusted.json")
    main.connections.trust.trust(demo.host, demo.port, demo.fingerprint)  # pinned earlier, no certificate kept
    profile = demo_profile(demo)
    main.connections.profiles.save(profile)
    with qtbot.waitSignal(main.first_data, timeout=15000):
        main.connections.connect_profile(profile, demo.password)
    assert fetched == [(demo.host, demo.port)]  # fetched and checked before the password went out
    kept = TrustStore(tmp_path / "trusted.json").certificate(demo.host, demo.port)  # on disk now
    assert kept is not None and pve_client.fingerprint_of(kept) == demo.fingerprint
    main.connections.disconnect_profile(profile.id)
    main.connections.connect_profile(profile)
    qtbot.waitUntil(lambda: getattr(main.clusters.by_profile(profile.id), "state", "") == "online", timeout=15000)
    assert fetched == [(demo.host, demo.port)]  # not again: verified against the kept one from the start


def test_a_kept_certificate_the_host_no_longer_presents_is_a_changed_certificate(qtbot, main, demo, tmp_path):
    from virton_desktop.pve.client import fetch_certificate, fingerprint_of

    with ServedDemo(time_scale=0, seed=3) as other:  # the certificate kept from before: another one now
        old = fetch_certificate(other.host, other.port)
    trust = TrustStore(tmp_path / "trusted.json")
    trust.trust(demo.host, demo.port, fingerprint_of(old))
    assert trust.keep_certificate(demo.host, demo.port, old)
    main.connections.trust = trust
    main.connections.profiles = ProfileStore(tmp_path / "profiles.json")
    asked = []
    main.connections.ask_trust = lambda err, verdict=None: asked.append(err) or False
    main.connections.ask_repin = lambda err, verdict: asked.append(err) or False
    profile = demo_profile(demo)
    main.connections.profiles.save(profile)
    main.connections.connect_profile(profile, demo.password)
    qtbot.waitUntil(lambda: bool(asked), timeout=15000)
    changed = asked[0]
    assert isinstance(changed, errors.CertificateMismatch)
    assert changed.expected == fingerprint_of(old) and changed.fingerprint == demo.fingerprint
    assert not [p for m, p, _b in list(demo.pve.requests) if p.endswith("/access/ticket")]  # no password sent
    assert main.clusters.sessions() == []


def test_a_kept_certificate_is_used_only_if_it_is_the_pinned_one(tmp_path):
    import base64
    import json

    from virton_desktop.pve.client import fingerprint_of

    der_a, der_b = b"certificate A (DER)", b"certificate B (DER)"
    path = tmp_path / "trusted-certificates.json"
    path.write_text(json.dumps({"version": 1, "hosts": {
        "pve1:8006": {"sha256": fingerprint_of(der_a), "certificate": base64.b64encode(der_a).decode()},
        "pve2:8006": {"sha256": fingerprint_of(der_a), "certificate": base64.b64encode(der_b).decode()},  # edited
        "pve3:8006": {"sha256": fingerprint_of(der_a), "certificate": "not base64 at all!"},
    }}))
    store = TrustStore(path)
    assert store.certificate("pve1", 8006) == der_a
    assert store.certificate("pve2", 8006) is None and store.certificate("pve3", 8006) is None
    assert store.hosts() == {"pve1:8006": fingerprint_of(der_a), "pve2:8006": fingerprint_of(der_a),
                             "pve3:8006": fingerprint_of(der_a)}  # the pins themselves stand
    assert not store.keep_certificate("pve2", 8006, der_b)  # never one that is not the pinned one
    store.trust("pve1", 8006, fingerprint_of(der_b))  # a new certificate trusted: the old kept one goes
    assert TrustStore(path).certificate("pve1", 8006) is None
    assert store.keep_certificate("pve1", 8006, der_b) and TrustStore(path).certificate("pve1", 8006) == der_b

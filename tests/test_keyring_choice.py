"""Keyrings that do not protect secrets are never written to; a keyring failing at use never
fails a login: the secret stays in memory and the user is told why."""

from __future__ import annotations

import keyring
from keyring.backend import KeyringBackend
from test_connection_ui import demo_profile, main  # noqa: F401 - the window fixture

from virton_desktop.profiles import SecretStore, choose_keyring


class PlaintextFile(KeyringBackend):
    """Stands for keyrings.alt's PlaintextKeyring (secrets in ~/.local/share/python_keyring)."""

    priority = 1
    viable = False  # keyring registers every backend class: keep these out of its own discovery

    def __init__(self):
        super().__init__()
        self.written = {}

    def get_password(self, service, username):
        return self.written.get((service, username))

    def set_password(self, service, username, password):
        self.written[(service, username)] = password

    def delete_password(self, service, username):
        self.written.pop((service, username), None)


PlaintextFile.__module__ = "keyrings.alt.file"


class NoReply(KeyringBackend):
    """A Secret Service that stopped answering on D-Bus."""

    priority = 5
    viable = False

    def get_password(self, service, username):
        raise RuntimeError("org.freedesktop.DBus.Error.NoReply: Did not receive a reply")

    set_password = delete_password = get_password


class Keychain(PlaintextFile):
    priority = 3


Keychain.__module__ = "keyring.backends.SecretService"


def test_a_plaintext_backend_is_refused_and_named():
    backend, refused = choose_keyring(PlaintextFile())
    assert backend is None and refused == "keyrings.alt.file.PlaintextFile"


def test_a_chainer_uses_its_best_protecting_member_never_the_file():
    plain, chain_member = PlaintextFile(), Keychain()
    plain.priority = 10  # even when the file ranks higher
    # keyring's ChainerBackend discovers every installed backend; this one holds just these two.
    chainer = type("Chainer", (), {"priority": 10, "backends": [plain, chain_member]})()
    backend, refused = choose_keyring(chainer)
    assert backend is chain_member and refused.endswith("PlaintextFile")


def test_secrets_never_reach_a_plaintext_keyring(monkeypatch):
    plain = PlaintextFile()
    monkeypatch.setattr(keyring, "get_keyring", lambda: plain)
    store = SecretStore()
    store.set("p1", "s3cret-pw", remember=True)
    assert not store.persistent and store.get("p1") == "s3cret-pw"
    assert plain.written == {}


def test_a_keyring_failing_at_use_keeps_the_login_working_and_says_so(qtbot, main, demo, monkeypatch):  # noqa: F811
    monkeypatch.setattr(keyring, "get_keyring", lambda: NoReply())
    main.connections.secrets = SecretStore()
    assert main.connections.secrets.persistent  # it looked fine until used
    main.connections.trust.trust(demo.host, demo.port, demo.fingerprint)
    profile = demo_profile(demo)
    with qtbot.waitSignal(main.first_data, timeout=15000):
        main.connections.connect_profile(profile, demo.password)
    assert "keyring failed" in main.errors_bar.label.text() and "NoReply" in main.errors_bar.label.text()
    assert main.connections.secrets.get(profile.id) == demo.password  # kept in memory for the session


def test_a_plaintext_only_machine_is_told_why(qtbot, main, demo, monkeypatch):  # noqa: F811
    monkeypatch.setattr(keyring, "get_keyring", lambda: PlaintextFile())
    main.connections.secrets = SecretStore()
    main.connections.trust.trust(demo.host, demo.port, demo.fingerprint)
    with qtbot.waitSignal(main.first_data, timeout=15000):
        main.connections.connect_profile(demo_profile(demo), demo.password)
    assert "plain file" in main.errors_bar.label.text()


def test_the_keyring_is_chosen_when_first_needed(monkeypatch):
    """Finding the backends loads every keyring plugin (and may ask D-Bus): not on the way to
    the window, only when a secret or the keyring's state is first asked for."""
    asked = []
    monkeypatch.setattr(keyring, "get_keyring", lambda: asked.append(1) or Keychain())
    store = SecretStore()
    assert asked == []
    assert store.persistent and store.backend_name and not store.refused
    store.set("p1", "pw", remember=True)
    assert store.get("p1") == "pw" and asked == [1]


def test_the_keyring_is_loaded_when_a_secret_is_first_needed_not_at_start(tmp_path):
    """The keyring package (~30 ms) is imported by the secret store's first use: a start that
    needs no secret (the demo) never loads it. In a fresh process: the tests import it here."""
    import os
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent("""
        import os, sys
        from virton_desktop import app as app_module
        from virton_desktop.profiles import SecretStore

        started = app_module.start(app_module.parse_args(["--demo"]))
        print("AT START", "keyring" in sys.modules, flush=True)
        SecretStore().get("nobody")
        print("AT FIRST USE", "keyring" in sys.modules, flush=True)
        started.demo.stop()
        os._exit(0)
    """)
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_STATE_HOME=str(tmp_path / "state"),
               XDG_CACHE_HOME=str(tmp_path / "cache"), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert "AT START False" in done.stdout, done.stdout + done.stderr[-2000:]
    assert "AT FIRST USE True" in done.stdout, done.stdout + done.stderr[-2000:]


def test_a_keyring_that_cannot_even_be_loaded_leaves_secrets_in_memory_and_the_start_going(monkeypatch):
    """A broken keyring set-up (its backend raising when keyring looks for it) is no keyring:
    the read ahead of the clusters connecting at start still ends, and says why."""
    import threading

    def broken():
        raise RuntimeError("no such backend: the user's keyringrc names one not installed")

    monkeypatch.setattr(keyring, "get_keyring", broken)
    store = SecretStore()
    done = threading.Event()
    store.read_ahead(["p1"], done.set)
    assert done.wait(10)  # autoconnect goes on (and asks for the password)
    assert not store.persistent and "no such backend" in store.problem
    store.set("p1", "typed", remember=True)
    assert store.get("p1") == "typed"

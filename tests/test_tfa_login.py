"""Second factors as PVE asks for them: the challenge in the half ticket, TOTP, recovery keys
(each once), Yubico OTP, WebAuthn-only accounts, PVE 7's old format; the prompt typed into."""

import json
from urllib.parse import quote

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from virton_desktop.demo.auth import recovery_keys, totp, yubico_otp
from virton_desktop.profiles import Profile
from virton_desktop.pve import errors, tfa
from virton_desktop.pve.client import Credentials, PveClient
from virton_desktop.session import ClusterSession

from conftest import remember_secret

TOTP_SECRET = "JBSWY3DPEHPK3PXP"


@pytest.fixture
def tfa_demo(demo):
    demo.pve.vt_add_tfa_users(demo.password)  # the fixture changed the demo's password after start
    for user in ("tfa@pve", "yubikey@pve"):
        for key in recovery_keys(user):
            remember_secret(key)  # second factors are secrets too: never in a log
    return demo


def first_step(demo, user):
    client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
    with pytest.raises(errors.TfaRequired) as raised:
        client.login(user, demo.password)
    return client, raised.value


# ------------------------------------------------------------------ the challenge

def pve_ticket(challenge: dict) -> str:
    """A half ticket as PVE::Ticket::assemble_rsa_ticket builds it (uri_escape($data, ':'))."""
    data = "!tfa!" + json.dumps(challenge, separators=(",", ":"))
    return "PVE:{0}:6751A0C3::c2lnbmF0dXJl".format(data.replace(":", "%3A"))


def test_challenge_decoded_like_the_web_ui():
    got = tfa.parse_ticket(pve_ticket({"totp": True, "recovery": [0, 2, 5]}))
    assert got.methods == (tfa.Method.TOTP, tfa.Method.RECOVERY) and got.recovery_ids == (0, 2, 5)
    got = tfa.parse_ticket(pve_ticket({"yubico": True, "recovery": [1]}))
    assert got.methods == (tfa.Method.YUBICO, tfa.Method.RECOVERY)
    # encodeURIComponent-style escaping decodes too (the web UI uses decodeURIComponent)
    assert tfa.parse_ticket("PVE:!tfa!" + quote('{"totp":true}', safe="") + ":6751A0C3::sig").methods == (
        tfa.Method.TOTP,)


def test_security_key_only_and_used_up_recovery_keys_offer_nothing_to_type():
    webauthn = tfa.parse_ticket(pve_ticket({"webauthn": {"publicKey": {"challenge": "abc"}}}))
    assert webauthn.browser_only and webauthn.webauthn
    used_up = tfa.parse_ticket(pve_ticket({"recovery": []}))  # proxmox-tfa 4: configured, none left
    assert used_up.browser_only and used_up.recovery_used_up
    both = tfa.parse_ticket(pve_ticket({"totp": True, "webauthn": {"publicKey": {}}, "recovery": []}))
    assert both.methods == (tfa.Method.TOTP,)


@pytest.mark.parametrize("word, offered", [("available", True), ("low", True), ("unavailable", False), (True, True)])
def test_recovery_as_a_word_or_a_flag(word, offered):
    got = tfa.parse_ticket(pve_ticket({"totp": True, "recovery": word}))
    assert (tfa.Method.RECOVERY in got.methods) == offered and got.recovery_ids == ()


def test_old_or_damaged_half_tickets_ask_for_a_code():
    for ticket in ("PVE:tfa!root@pam:6751A0C3::sig", "PVE:!tfa!{not json:6751A0C3::sig", "PVE:!tfa![1]:0::s"):
        assert tfa.parse_ticket(ticket) == tfa.TOTP_ONLY


def test_answers_spelled_as_pve_reads_them():
    assert tfa.answer(tfa.Method.TOTP, " 123 456 ") == "totp:123456"
    assert tfa.answer(tfa.Method.RECOVERY, "ABCD-0123-4567-89EF") == "recovery:abcd-0123-4567-89ef"
    assert tfa.as_answer("123456") == "totp:123456" and tfa.as_answer("yubico:cc") == "yubico:cc"
    assert not tfa.valid(tfa.Method.TOTP, "١٢٣٤٥٦")  # Arabic-Indic digits are not a code
    assert not tfa.valid(tfa.Method.RECOVERY, "abcd-0123-4567")
    assert tfa.valid(tfa.Method.YUBICO, yubico_otp())


# ------------------------------------------------------------ against the demo

def test_recovery_key_logs_in_once(tfa_demo):
    keys = recovery_keys("tfa@pve")
    client, need = first_step(tfa_demo, "tfa@pve")
    assert need.challenge.methods == (tfa.Method.TOTP, tfa.Method.RECOVERY)
    assert need.challenge.recovery_ids == tuple(range(10))
    client.complete_tfa("tfa@pve", need.challenge_ticket, tfa.answer(tfa.Method.RECOVERY, keys[3]))
    assert client.logged_in and client.request("GET", "/version")["version"]

    again, need = first_step(tfa_demo, "tfa@pve")
    assert 3 not in need.challenge.recovery_ids and len(need.challenge.recovery_ids) == 9
    with pytest.raises(errors.AuthenticationFailed):
        again.complete_tfa("tfa@pve", need.challenge_ticket, tfa.answer(tfa.Method.RECOVERY, keys[3]))
    assert not again.logged_in


def test_totp_still_works(tfa_demo):
    client, need = first_step(tfa_demo, "tfa@pve")
    client.complete_tfa("tfa@pve", need.challenge_ticket, tfa.answer(tfa.Method.TOTP, totp(TOTP_SECRET)))
    assert client.logged_in


def test_yubico_otp_logs_in_and_a_replay_is_refused(tfa_demo):
    client, need = first_step(tfa_demo, "yubikey@pve")
    assert need.challenge.methods == (tfa.Method.YUBICO, tfa.Method.RECOVERY)
    otp = yubico_otp()
    client.complete_tfa("yubikey@pve", need.challenge_ticket, tfa.answer(tfa.Method.YUBICO, otp))
    assert client.logged_in
    again, need = first_step(tfa_demo, "yubikey@pve")
    with pytest.raises(errors.AuthenticationFailed):
        again.complete_tfa("yubikey@pve", need.challenge_ticket, tfa.answer(tfa.Method.YUBICO, otp))
    with pytest.raises(errors.AuthenticationFailed):  # a factor the challenge does not offer
        again.complete_tfa("yubikey@pve", need.challenge_ticket, tfa.answer(tfa.Method.TOTP, "123456"))


def test_webauthn_only_account_is_told_to_use_an_api_token(qtbot, tfa_demo):
    _client, need = first_step(tfa_demo, "webauthn@pve")
    assert need.challenge.browser_only and need.challenge.webauthn
    text = errors.describe(need)
    assert "security key" in text and "API token" in text and "pveum user token add webauthn@pve" in text

    session = ClusterSession("wa", PveClient(tfa_demo.host, tfa_demo.port, fingerprint=tfa_demo.fingerprint),
                             Credentials("webauthn@pve", password=tfa_demo.password))
    with qtbot.waitSignal(session.state_changed, timeout=10000,
                          check_params_cb=lambda st, e: st in ("failed", "tfa", "online")) as got:
        session.start()
    assert got.args[0] == "failed" and isinstance(got.args[1], errors.TfaRequired)  # no dead prompt
    session.close()


def test_login_without_new_format_is_refused_as_pve7_does(tfa_demo):
    url = "https://{0}:{1}/api2/json/access/ticket".format(tfa_demo.host, tfa_demo.port)
    old = requests.post(url, data={"username": "tfa@pve", "password": tfa_demo.password},
                        verify=tfa_demo.cafile, timeout=10)
    assert old.status_code == 401  # "old login api disabled, user has incompatible TFA entries"
    tfa_demo.pve.vt_totp_secrets["root@pam"] = TOTP_SECRET
    plain = requests.post(url, data={"username": "root@pam", "password": tfa_demo.password},
                          verify=tfa_demo.cafile, timeout=10).json()["data"]
    assert plain["NeedTFA"] == 1 and plain["ticket"].startswith("PVE:tfa!root@pam:")
    # our client sends new-format=1 and gets the challenge
    _client, need = first_step(tfa_demo, "tfa@pve")
    assert need.challenge_ticket.startswith(tfa.TICKET_PREFIX)


# ------------------------------------------------------------------ the prompt

def connect_profile(qtbot, demo, user):
    from virton_desktop.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    connections = window.connections
    connections.trust.trust(demo.host, demo.port, demo.fingerprint)
    name, _, realm = user.partition("@")
    profile = Profile(name="tfa", addresses=("{0}:{1}".format(demo.host, demo.port),), user=name, realm=realm,
                      remember_secret=False)
    connections.profiles.save(profile)
    connections.connect_profile(profile, demo.password)
    qtbot.waitUntil(lambda: profile.id in connections._tfa, timeout=10000)
    return window, connections._tfa[profile.id]


def test_prompt_takes_a_typed_recovery_key_and_says_when_one_is_spent(qtbot, tfa_demo):
    window, dialog = connect_profile(qtbot, tfa_demo, "tfa@pve")
    assert [dialog.method.itemData(i) for i in range(dialog.method.count())] == [tfa.Method.TOTP,
                                                                                 tfa.Method.RECOVERY]
    assert dialog.method.isVisible() and dialog.current is tfa.Method.TOTP
    dialog.method.setCurrentIndex(1)
    assert "0, 1, 2" in dialog.hint.text()
    key = recovery_keys("tfa@pve")[0]
    tfa_demo.pve.vt_recovery_keys["tfa@pve"][0] = None  # spent in another login meanwhile
    QTest.keyClicks(dialog.code, key[:10])
    assert not dialog.ok_button.isEnabled()
    QTest.keyClicks(dialog.code, key[10:])
    assert dialog.ok_button.isEnabled()
    session = window.clusters.sessions()[0]
    with qtbot.waitSignal(session.state_changed, timeout=10000, check_params_cb=lambda st, e: st == "tfa"):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.isEnabled() and dialog.message.isVisible(), timeout=5000)
    assert "already used" in dialog.message.text() and dialog.code.text() == ""
    assert dialog.current is tfa.Method.RECOVERY  # the user's choice survives
    # The fresh challenge of the next try no longer lists key 0: the prompt says so.
    assert "Unused keys: 1, 2, 3" in dialog.hint.text() and "opened: 0." in dialog.hint.text()
    QTest.keyClicks(dialog.code, recovery_keys("tfa@pve")[1].upper())
    with qtbot.waitSignal(session.instances_polled, timeout=15000):
        QTest.keyClick(dialog.code, Qt.Key.Key_Return)
    assert session.state == "online" and tfa_demo.pve.vt_recovery_keys["tfa@pve"][1] is None
    window.clusters.close_all()


def test_a_refused_answer_brings_the_fresh_challenge_into_the_open_prompt(qtbot, tfa_demo):
    """A key used in another login while the prompt is open: after one wrong code the prompt offers
    what the server's new challenge offers (the key shown as used), and once every key is used,
    no recovery key at all."""
    window, dialog = connect_profile(qtbot, tfa_demo, "tfa@pve")
    session = window.clusters.sessions()[0]
    elsewhere, need = first_step(tfa_demo, "tfa@pve")
    elsewhere.complete_tfa("tfa@pve", need.challenge_ticket, tfa.answer(tfa.Method.RECOVERY,
                                                                        recovery_keys("tfa@pve")[2]))
    dialog.method.setCurrentIndex(1)
    assert "Unused keys: 0, 1, 2, 3" in dialog.hint.text()  # what the prompt was opened with
    dialog.method.setCurrentIndex(0)
    QTest.keyClicks(dialog.code, "000000" if totp(TOTP_SECRET) != "000000" else "111111")
    with qtbot.waitSignal(session.state_changed, timeout=10000, check_params_cb=lambda st, e: st == "tfa"):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.isEnabled() and dialog.message.isVisible(), timeout=5000)
    assert dialog.current is tfa.Method.TOTP and "code was not accepted" in dialog.message.text()
    assert dialog.challenge.recovery_ids == (0, 1, 3, 4, 5, 6, 7, 8, 9)
    dialog.method.setCurrentIndex(1)
    assert "Unused keys: 0, 1, 3," in dialog.hint.text() and "opened: 2." in dialog.hint.text()

    keys = tfa_demo.pve.vt_recovery_keys["tfa@pve"]
    keys[:] = [None] * len(keys)  # every key used up elsewhere
    QTest.keyClicks(dialog.code, recovery_keys("tfa@pve")[0])
    with qtbot.waitSignal(session.state_changed, timeout=10000, check_params_cb=lambda st, e: st == "tfa"):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.isEnabled() and dialog.message.isVisible(), timeout=5000)
    assert dialog.method.count() == 1 and dialog.current is tfa.Method.TOTP and not dialog.method.isVisible()
    assert "recovery key was not accepted" in dialog.message.text()
    QTest.keyClicks(dialog.code, totp(TOTP_SECRET))
    with qtbot.waitSignal(session.instances_polled, timeout=15000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    window.clusters.close_all()


def test_prompt_takes_a_typed_totp_code(qtbot, tfa_demo):
    window, dialog = connect_profile(qtbot, tfa_demo, "tfa@pve")
    QTest.keyClicks(dialog.code, "12a3")
    assert dialog.code.text() == "12a3" and not dialog.ok_button.isEnabled()  # what was typed stays
    dialog.code.clear()
    session = window.clusters.sessions()[0]
    QTest.keyClicks(dialog.code, totp(TOTP_SECRET))
    with qtbot.waitSignal(session.instances_polled, timeout=15000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    window.clusters.close_all()


def test_prompt_for_a_yubikey_offers_no_totp(qtbot, tfa_demo):
    window, dialog = connect_profile(qtbot, tfa_demo, "yubikey@pve")
    assert dialog.current is tfa.Method.YUBICO
    session = window.clusters.sessions()[0]
    QTest.keyClicks(dialog.code, yubico_otp())
    with qtbot.waitSignal(session.instances_polled, timeout=15000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    window.clusters.close_all()


def test_webauthn_only_profile_gets_words_not_a_prompt(qtbot, tfa_demo):
    from virton_desktop.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    connections = window.connections
    connections.trust.trust(tfa_demo.host, tfa_demo.port, tfa_demo.fingerprint)
    profile = Profile(name="wa", addresses=("{0}:{1}".format(tfa_demo.host, tfa_demo.port),), user="webauthn",
                      realm="pve", remember_secret=False)
    connections.profiles.save(profile)
    with qtbot.waitSignal(connections.message, timeout=10000) as said:
        connections.connect_profile(profile, tfa_demo.password)
    assert "API token" in said.args[0] and not connections._tfa
    window.clusters.close_all()


def test_quick_connect_asks_for_the_second_factor_too(qtbot, tfa_demo):
    from virton_desktop.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    dialog = window.show_connect_dialog()
    QTest.keyClicks(dialog.address, "{0}:{1}".format(tfa_demo.host, tfa_demo.port))
    dialog.user.clear()
    QTest.keyClicks(dialog.user, "tfa@pve")
    dialog.password.setText(tfa_demo.password)
    dialog.fingerprint.setText(tfa_demo.fingerprint)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog._tfa is not None and dialog._tfa.isVisible(), timeout=10000)
    QTest.keyClicks(dialog._tfa.code, totp(TOTP_SECRET))
    with qtbot.waitSignal(window.clusters.added, timeout=15000):
        qtbot.mouseClick(dialog._tfa.ok_button, Qt.MouseButton.LeftButton)
    window.clusters.close_all()


# ------------------------------------------------------------------ the launcher's tfa login

def test_demo_login_tfa_is_asked_for_the_second_factor(qtbot, tfa_demo):
    """`--demo --user tfa`: the demo session (no profile) gets the prompt from Connections too."""
    from virton_desktop.demo.access import demo_credentials
    from virton_desktop.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    creds = demo_credentials("tfa", tfa_demo.password)
    assert creds["user"] == "tfa@pve"
    client = PveClient(tfa_demo.host, tfa_demo.port, fingerprint=tfa_demo.fingerprint)
    session = window.clusters.create("demo", [client], Credentials(creds["user"], password=creds["password"]))
    window.clusters.add(session)
    connections = window.connections
    qtbot.waitUntil(lambda: "demo" in connections._tfa, timeout=10000)
    dialog = connections._tfa["demo"]
    dialog.method.setCurrentIndex(dialog.method.findData(tfa.Method.RECOVERY))
    QTest.keyClicks(dialog.code, recovery_keys("tfa@pve")[4])
    with qtbot.waitSignal(session.instances_polled, timeout=15000) as polled:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    delta = polled.args[0]
    assert delta.full and len(delta.changed) > 0  # PVEAdmin on /: the demo's guests are listed
    assert "demo" not in connections._tfa and not dialog.isVisible()
    window.clusters.close_all()


def test_demo_process_hands_the_second_factor_to_the_launcher(qtbot):
    """The demo child tells the launcher tfa@pve's TOTP secret and recovery keys; the launcher
    prints them to stderr for the person trying the demo (not to a log)."""
    from virton_desktop.app import second_factor_note
    from virton_desktop.demo_process import DemoProcess

    demo = DemoProcess(time_scale=0, user="tfa")
    try:
        with qtbot.waitSignal(demo.ready, timeout=30000) as ready:
            demo.start()
    finally:
        demo.stop()
    info = ready.args[0]
    for key in recovery_keys("tfa@pve"):
        remember_secret(key)
    factor = info["second_factor"]
    assert info["user"] == "tfa@pve" and factor["user"] == "tfa@pve"
    assert factor["totp_secret"] == TOTP_SECRET and factor["recovery_keys"] == recovery_keys("tfa@pve")
    assert len(factor["totp_now"]) == 6
    note = second_factor_note(factor)
    assert TOTP_SECRET in note and recovery_keys("tfa@pve")[9] in note

"""Connections: TOTP, ticket renewal, failover, faults, trust store, profiles and secrets."""

import socket

from virton_desktop.demo.auth import totp
from virton_desktop.pve import errors
from virton_desktop.pve.client import Credentials, PveClient
from virton_desktop.session import ClusterSession

from conftest import make_session
from helpers import started

SECRET = "JBSWY3DPEHPK3PXP"


def wait_state(qtbot, session, wanted, start=False, timeout=10000):
    with qtbot.waitSignal(session.state_changed, timeout=timeout,
                          check_params_cb=lambda state, err: state in wanted) as got:
        if start:
            session.start()
    return got.args


def test_totp_login_asks_for_the_code_and_survives_a_wrong_one(qtbot, demo):
    demo.pve.vt_totp_secrets["root@pam"] = SECRET
    s = make_session(demo)
    state, err = wait_state(qtbot, s, {"tfa", "failed", "online"}, start=True)
    assert state == "tfa" and isinstance(err, errors.TfaRequired)
    assert "two-factor" in errors.describe(err)
    with qtbot.waitSignal(s.state_changed, timeout=10000, check_params_cb=lambda st, e: st in ("tfa", "online")) as got:
        s.submit_tfa("000000" if totp(SECRET) != "000000" else "111111")
    assert got.args[0] == "tfa" and isinstance(got.args[1], errors.AuthenticationFailed)
    with qtbot.waitSignal(s.instances_polled, timeout=10000):
        s.submit_tfa(totp(SECRET))
    assert s.state == "online"
    s.close()


def test_cancelled_totp_ends_the_login(qtbot, demo):
    demo.pve.vt_totp_secrets["root@pam"] = SECRET
    s = make_session(demo)
    wait_state(qtbot, s, {"tfa"}, start=True)
    with qtbot.waitSignal(s.state_changed, timeout=10000, check_params_cb=lambda st, e: st == "failed"):
        s.cancel_login()
    s.close()


def test_ticket_renewal_keeps_the_session(demo):
    client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
    client.login(demo.user, demo.password)
    first = client.ticket
    client.renew()
    assert client.ticket != first
    demo.pve.tickets.pop(first, None)  # the old one is gone; the new one works
    assert client.request("GET", "/version")["version"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_failover_to_the_next_address(qtbot, demo):
    dead = PveClient("127.0.0.1", free_port(), fingerprint=demo.fingerprint)
    live = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
    s = started(qtbot, ClusterSession("two", [dead, live], Credentials(demo.user, password=demo.password)))
    assert s.client is live and s.state == "online"
    s.close()


def test_unreachable_cluster_is_retried_not_given_up(qtbot, demo):
    s = ClusterSession("gone", PveClient("127.0.0.1", free_port(), fingerprint=demo.fingerprint),
                       Credentials(demo.user, password=demo.password))
    state, err = wait_state(qtbot, s, {"offline", "failed", "online"}, start=True)
    assert state == "offline" and isinstance(err, errors.ConnectionFailed)
    assert "Cannot reach the server" in errors.describe(err)
    s.close()


def test_lost_quorum_refuses_writes_with_a_clear_message(qtbot, session, demo):
    demo.pve.lose_quorum()
    inst = {i.vmid: i for i in session.first.changed}[101]
    reply = session.guest_action(inst, "start")
    with qtbot.waitSignal(reply.finished, timeout=10000) as got:
        pass
    assert isinstance(got.args[1], errors.NoQuorum)
    assert "lost quorum" in errors.describe(got.args[1])


def test_flaky_network_keeps_polling_and_recovers(qtbot, demo):
    demo.pve.flaky_network(drop_rate=0.2, seed=7)
    s = make_session(demo)
    s.set_poll_interval(0.2)
    polls = []
    s.instances_polled.connect(polls.append)
    s.start()
    qtbot.waitUntil(lambda: len(polls) >= 8, timeout=30000)
    demo.pve.flaky_network()
    polls.clear()
    qtbot.waitUntil(lambda: len(polls) >= 2 and s.state == "online", timeout=20000)
    s.close()

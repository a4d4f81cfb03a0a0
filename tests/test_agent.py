"""Guest agent data against the demo: the IP column for agent VMs and containers, search by address
and MAC, the not-running and hanging agents as states (GUI heartbeat recorded), a refresh after a
start, the rate limit and "never one request per guest per poll", Copy address, the guest page."""

import os
import re

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from virton_desktop.demo import agent as demo_agent
from virton_desktop.demo.served import ServedDemo
from virton_desktop.models.instances import COL_IP
from virton_desktop.pve import agent as A
from virton_desktop.pve.entities import RUNNING

from conftest import Heartbeat, make_session, record_stall

WEB1 = ("demo", 100)  # net0 tag=20: 10.20.0.120
NGINX = ("demo", 202)  # a running container on ip=dhcp


def _cell(window, key, role=Qt.ItemDataRole.DisplayRole):
    row = window.model.row_of(key)
    return window.model.data(window.model.index(row, COL_IP), role) if row >= 0 else None


def _agent_requests(demo):
    return [(m, p) for m, p, _body in list(demo.pve.requests) if "/agent/" in p or p.endswith("/interfaces")]


def _answered(window):
    """Every running guest (not a template) has an answer or a state."""
    return all(window.model.agent(i.key) is not None for i in window.model.all_instances()
               if i.status == RUNNING and not i.template)


def test_pve_agent_parsing_filters_as_agent_ip_view():
    answer = {"result": [
        {"name": "lo", "hardware-address": "00:00:00:00:00:00",
         "ip-addresses": [{"ip-address": "127.0.0.1", "ip-address-type": "ipv4", "prefix": 8}]},
        {"name": "ens18", "hardware-address": "BC:24:11:AA:BB:CC", "ip-addresses": [
            {"ip-address": "fe80::1", "ip-address-type": "ipv6", "prefix": 64},
            {"ip-address": "2001:db8::5", "ip-address-type": "ipv6", "prefix": 64},
            {"ip-address": "169.254.3.4", "ip-address-type": "ipv4", "prefix": 16},
            {"ip-address": "10.0.0.5", "ip-address-type": "ipv4", "prefix": 24}]},
        "garbage"]}
    info = A.AgentInfo(A.AgentState.OK, A.qga_interfaces(answer), "web1", "Debian")
    assert info.addresses == ("10.0.0.5", "2001:db8::5")
    assert info.first_address == "10.0.0.5"
    assert "bc:24:11:aa:bb:cc" in info.search_text() and "fe80::1" in info.search_text()
    lxc = A.lxc_interfaces([{"name": "eth0", "hwaddr": "bc:24:11:00:00:01", "inet": "10.1.1.1/24",
                             "inet6": "fe80::2/64"}])
    assert A.shown_addresses(lxc) == ("10.1.1.1",)
    assert A.agent_enabled("1") and A.agent_enabled("enabled=1,fstrim_cloned_disks=1")
    assert not A.agent_enabled("0") and not A.agent_enabled(None) and not A.agent_enabled("enabled=0")
    assert A.os_name({"result": {"name": "Ubuntu", "version": "24.04"}}) == "Ubuntu 24.04"


def test_ip_column_filled_for_agent_vms_and_containers(qtbot, window, demo):
    qtbot.waitUntil(lambda: _cell(window, WEB1) == "10.20.0.120", timeout=15000)
    qtbot.waitUntil(lambda: _cell(window, NGINX) == demo_agent.lease(202), timeout=15000)
    tip = _cell(window, WEB1, Qt.ItemDataRole.ToolTipRole)
    assert "2001:db8:14::78" in tip and "web1" in tip and "Debian" in tip
    assert "fe80" not in tip and "127.0.0.1" not in tip  # link-local and loopback left out
    qtbot.waitUntil(lambda: window.model.agent(("demo", demo_agent.DOCKER_VMID)) is not None, timeout=15000)
    docker = window.model.agent(("demo", demo_agent.DOCKER_VMID))
    assert "172.17.0.1" in docker.addresses and docker.first_address.startswith("10.40.")
    stopped = window.model.row_of(("demo", 101))
    assert window.model.data(window.model.index(stopped, COL_IP)) == ""  # not running: nothing asked


def test_model_with_agent_data_under_qtmodeltester(qtbot, qtmodeltester, window):
    qtbot.waitUntil(lambda: _answered(window), timeout=30000)
    qtmodeltester.check(window.model)
    window.model.set_agent(WEB1, None)  # the guest stopped: the cell empties, the model stays sound
    assert _cell(window, WEB1) == ""
    qtmodeltester.check(window.model)


def test_search_finds_a_guest_by_address_and_mac(qtbot, window, demo):
    qtbot.waitUntil(lambda: _cell(window, WEB1) == "10.20.0.120", timeout=15000)
    qtbot.waitUntil(lambda: _cell(window, NGINX) == demo_agent.lease(202), timeout=15000)
    search = window.page.search
    QTest.keyClicks(search, "10.20.0.120")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=5000)
    assert window.model.instance(0).key == WEB1
    mac = re.search(r"=([0-9A-Fa-f:]{17})", demo.pve.guest(202).config["net0"]).group(1).lower()
    search.clear()
    QTest.keyClicks(search, mac)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.model.instance(0).key == NGINX, timeout=5000)


def test_agent_not_running_and_hanging_are_states_without_stalls(qtbot, window):
    with Heartbeat() as beat:
        qtbot.waitUntil(lambda: _cell(window, ("demo", demo_agent.NOT_RUNNING_VMID)) == "agent not running",
                        timeout=15000)
        qtbot.waitUntil(lambda: _cell(window, ("demo", demo_agent.HANGING_VMID)) == "agent not answering",
                        timeout=15000)
    record_stall("agent: one not running, one hanging", True, beat.worst_ms)
    assert window.model.agent(("demo", demo_agent.HANGING_VMID)).state == A.AgentState.TIMEOUT
    assert "not running" in _cell(window, ("demo", demo_agent.NOT_RUNNING_VMID), Qt.ItemDataRole.ToolTipRole)
    assert window.errors_bar.isHidden()  # a state in the list, never an error message


def test_never_one_request_per_guest_per_poll(qtbot, window, demo):
    qtbot.waitUntil(lambda: _answered(window), timeout=30000)
    before = len(_agent_requests(demo))
    for _ in range(3):
        with qtbot.waitSignal(window.clusters.polled, timeout=10000):
            window.clusters.get("demo").refresh()
    assert len(_agent_requests(demo)) == before


def test_rate_limit_honoured(qtbot, window, demo):
    feed = window.agent_actions.feed
    # Start over with a tight budget: every guest due again.
    feed.per_minute, feed.concurrency = 5, 1
    feed._started.clear()
    base = len(_agent_requests(demo))
    sent = feed.sent
    for inst in window.model.all_instances():
        if inst.status == RUNNING and not inst.template:
            feed.refresh(inst.key)
    qtbot.waitUntil(lambda: feed.sent - sent >= 5 and feed.in_flight("demo") == 0, timeout=15000)
    for _ in range(20):
        feed.pump()
        qtbot.waitUntil(lambda: feed.in_flight("demo") == 0, timeout=5000)
    # A guest's requests go one after another in its slot: at most 4 (status, interfaces, host
    # name, OS) beyond the budget; the demo saw no agent request the feed did not count (its
    # status/current reads are not counted here: the window's other parts read that too).
    assert feed.sent - sent <= 5 + 3
    assert 0 < len(_agent_requests(demo)) - base <= feed.sent - sent


def test_guests_out_of_sight_trickle_slower_than_the_shown_ones(qtbot, window, demo):
    feed = window.agent_actions.feed
    qtbot.waitUntil(lambda: _answered(window), timeout=30000)
    qtbot.waitUntil(lambda: feed.in_flight("demo") == 0, timeout=15000)
    running = [i.key for i in window.model.all_instances() if i.status == RUNNING and not i.template]
    shown = running[:2]
    feed.visible = lambda: shown
    feed.background_per_minute = 1
    feed._background.clear()
    feed._started.clear()
    asked = []
    real_step = feed._step
    feed._step = lambda session, inst, now: (asked.append(inst.key), real_step(session, inst, now))
    for key in running:
        feed.refresh(key)
    for _ in range(len(running) + 5):
        feed.pump()
        qtbot.waitUntil(lambda: feed.in_flight("demo") == 0, timeout=5000)
    assert set(shown) <= set(asked)  # the shown ones at the full rate
    assert len([k for k in asked if k not in shown]) == 1  # of the rest, one this minute


def test_the_trickle_is_one_budget_for_every_cluster_taken_in_turn(qtbot, window, demo):
    """Ten clusters must not trickle ten times as much: the unseen guests of all clusters share
    one budget a minute, and each cluster gets its turn (not the first one all of it)."""
    with ServedDemo(time_scale=0, index=1) as served:
        other = make_session(served, name=served.name)
        with qtbot.waitSignal(other.instances_polled, timeout=15000):
            window.clusters.add(other)
        feed = window.agent_actions.feed
        clusters = ("demo", served.name)
        qtbot.waitUntil(lambda: all(feed.in_flight(c) == 0 for c in clusters), timeout=15000)
        feed.visible = lambda: ()
        feed.background_per_minute = 1  # one a "minute": room for one at a time
        feed._started.clear()
        asked = []
        real_step = feed._step
        feed._step = lambda session, inst, now: (asked.append(inst.key), real_step(session, inst, now))
        for inst in window.model.all_instances():
            if inst.status == RUNNING and not inst.template:
                feed.refresh(inst.key)
        for _ in range(4):
            feed._background.clear()  # a minute later
            for _ in range(3):
                feed.pump()
                qtbot.waitUntil(lambda: all(feed.in_flight(c) == 0 for c in clusters), timeout=5000)
        guests = set(asked)  # a guest's later requests step it again
        assert len(guests) == 4
        assert sorted(key[0] for key in guests) == sorted(clusters * 2)  # in turn: two each
        other.close()


def test_a_list_is_walked_once_no_other_first_list_is_awaited(qtbot, window, demo):
    """While another cluster's first list is awaited, the lists that come are not walked for
    agents yet (their requests would wait anyway, first_lists.py); once none is awaited, they
    are, a list per turn, and their running guests become due."""
    feed = window.agent_actions.feed
    with ServedDemo(time_scale=0, index=1) as served:
        still_connecting = window.clusters.first_lists.expect()  # a third cluster, not listed yet
        other = make_session(served, name=served.name)
        with qtbot.waitSignal(other.instances_polled, timeout=15000):
            window.clusters.add(other)
        running = {inst.key for inst in window.model.instances_of(served.name)
                   if inst.status == RUNNING and not inst.template}
        assert running and not running & set(feed._due)
        still_connecting.arrived()
        qtbot.waitUntil(lambda: running <= set(feed._due), timeout=5000)
        other.close()


def test_a_cluster_removed_while_its_list_is_held_is_forgotten_and_the_feed_goes_on(qtbot, window, demo):
    feed = window.agent_actions.feed
    with ServedDemo(time_scale=0, index=1) as served:
        still_connecting = window.clusters.first_lists.expect()
        other = make_session(served, name=served.name)
        with qtbot.waitSignal(other.instances_polled, timeout=15000):
            window.clusters.add(other)
        assert (feed._polled, served.name) in feed._held
        feed._taking = True  # its walk already asked for, as pump does
        QTimer.singleShot(0, feed, feed._take_held)
        window.clusters.remove(served.name)
        assert (feed._polled, served.name) not in feed._held
        still_connecting.arrived()
        qtbot.waitUntil(lambda: not feed._held and not feed._taking, timeout=5000)
        sent = feed.sent
        feed.refresh(WEB1)  # the feed still sends
        qtbot.waitUntil(lambda: feed.sent > sent, timeout=5000)


def test_refresh_after_start(qtbot, window, demo):
    qtbot.waitUntil(lambda: _cell(window, WEB1) == "10.20.0.120", timeout=15000)
    session = window.clusters.get("demo")
    session.guest_action(window.model.get(WEB1), "stop")
    qtbot.waitUntil(lambda: window.model.get(WEB1).status != RUNNING and _cell(window, WEB1) == "", timeout=15000)
    demo.pve.guest(100).agent["interfaces"][1]["ip-addresses"][0]["ip-address"] = "10.20.0.99"
    asked = len(_agent_requests(demo))
    session.guest_action(window.model.get(WEB1), "start")
    qtbot.waitUntil(lambda: _cell(window, WEB1) == "10.20.0.99", timeout=15000)
    assert len(_agent_requests(demo)) > asked


def test_copy_address_and_ssh_from_the_row_menu(qtbot, window):
    qtbot.waitUntil(lambda: _cell(window, WEB1) == "10.20.0.120", timeout=15000)
    window.page.select(WEB1)
    menu = window.page.build_menu()
    copy = next(a for a in menu.actions() if a.objectName() == "menu-copy-address")
    assert copy.isEnabled()
    copy.trigger()
    assert QGuiApplication.clipboard().text() == "10.20.0.120"
    ssh = next(a for a in menu.actions() if a.objectName() == "menu-ssh")
    assert ssh.isEnabled() and "root@10.20.0.120" in ssh.toolTip()
    window.page.select(("demo", demo_agent.NOT_RUNNING_VMID))
    menu = window.page.build_menu()
    assert not next(a for a in menu.actions() if a.objectName() == "menu-copy-address").isEnabled()


def test_ssh_command_from_the_settings(qtbot, window):
    from PySide6.QtCore import QSettings

    qtbot.waitUntil(lambda: _cell(window, WEB1) == "10.20.0.120", timeout=15000)
    dialog = window.agent_actions.open_ssh_settings()
    assert dialog.user.text() == "root" and dialog.command.text() == ""
    dialog.command.clear()
    QTest.keyClicks(dialog.command, "true %u@%a")
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert QSettings().value("agent/sshCommand") == "true %u@%a"
    assert QSettings().value("agent/sshUser") is None  # unchanged: not written
    window.agent_actions.open_ssh("10.20.0.120")
    assert window.agent_actions.opened[-1] == "true root@10.20.0.120"


def test_guest_page_shows_interfaces_hostname_and_os(qtbot, window):
    qtbot.waitUntil(lambda: _cell(window, WEB1) == "10.20.0.120", timeout=15000)
    window.open_detail(window.model.get(WEB1))
    page = window.detail
    qtbot.waitUntil(lambda: page.agent_form.text("hostname") == "web1", timeout=5000)
    assert "Debian" in page.agent_form.text("os")
    ens = page.agent_table.row("ens18")
    assert ens[1].startswith("bc:24:11") and "10.20.0.120/24" in ens[2] and "fe80::" in ens[2]


@pytest.mark.skipif(not os.environ.get("VIRTON_SCREENSHOTS"), reason="screenshots for docs/ only on request")
def test_screenshot_ip_column(qtbot, window):
    """docs/ip-column.png (opt-in, as the other screenshot tests)."""
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: _answered(window), timeout=30000)
    window.page.select(WEB1)
    window.grab().save(os.path.join(os.path.dirname(__file__), "..", "docs", "ip-column.png"))


def test_a_big_first_list_joins_the_agent_schedule_a_part_per_turn(qtbot, window, monkeypatch):
    """A first list is taken into the schedule at most WALK_STEP guests a turn of the event loop
    (one cluster of 10,000 walked at once held the window ~30-40 ms right after the start)."""
    from virton_desktop.core import agent_feed

    feed = window.agent_actions.feed
    monkeypatch.setattr(agent_feed, "WALK_STEP", 4)
    with ServedDemo(time_scale=0, index=1) as served:
        walked = []
        taking = feed._guests_changed
        monkeypatch.setattr(feed, "_guests_changed", lambda keys: walked.append(len(keys)) or taking(keys))
        other = make_session(served, name=served.name)
        with qtbot.waitSignal(other.instances_polled, timeout=15000):
            window.clusters.add(other)
        guests = list(window.model.instances_of(served.name))
        running = {i.key for i in guests if i.status == RUNNING and not i.template}
        assert len(guests) > 8 and len(running) > 4
        qtbot.waitUntil(lambda: running <= set(feed._uptime), timeout=5000)  # every running guest scheduled
        parts = -(-len(guests) // 4)  # the walk's steps come first (later polls name the guests they change)
        assert parts >= 3 and max(walked[:parts]) <= 4 and sum(walked[:parts]) == len(guests), walked
        other.close()

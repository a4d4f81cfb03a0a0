"""The detail page against the demo cluster: every section shows the server's config, the
buttons follow the state, it follows the guest live, and its polling stops when closed."""

import pytest

from virton_desktop.pve.power import Action
from virton_desktop.ui.guests.gauges import GaugePanel, Health, health

from helpers import api, make_model, open_page, unnamed_widgets


@pytest.fixture
def model(session):
    return make_model(session)


def test_vm_sections_show_the_server_config(qtbot, session, model):
    page = open_page(qtbot, session, model, 102)
    cfg = api(qtbot, session, "GET", "/nodes/pve1/qemu/102/config")
    # Summary
    assert page.summary.text("status") == "● Running"
    assert page.summary.text("node") == "pve1"
    assert page.summary.text("tags").split() == ["db", "prod"]
    assert page.summary.text("template") == "no"
    # System
    assert page.system.text("ostype").startswith("Linux 7.x – 2.6 kernel")
    assert page.system.text("boot") == "scsi0 → ide2 → net0"
    assert page.system.text("bios") == "SeaBIOS"
    # Resources
    assert page.resources.text("sockets") == str(cfg["sockets"])
    assert page.resources.text("cores") == str(cfg["cores"]) == "8"
    assert page.resources.text("vcpus") == "8"
    cpu = page.resources.text("cpu")
    assert cpu.startswith("x86-64-v2-AES") and "AES-NI exposed" in cpu
    assert page.resources.text("memory") == "16.0 GiB"
    # Network: two NICs with VLAN tags, MAC and bridge as the server has them
    rows = page.network.rows
    assert [r[0] for r in rows] == ["net0", "net1"]
    for row, key in zip(rows, ("net0", "net1"), strict=True):
        mac = cfg[key].split(",")[0].split("=")[1]
        assert row[1] == "virtio" and row[2] == mac and row[3] == "vmbr1"
    assert [r[4] for r in rows] == ["30", "50"]
    assert [r[5] for r in rows] == ["on", "off"]
    # Disks: two disks and the CD drive
    disks = {r[0]: r for r in page.disks.rows}
    assert set(disks) == {"ide2", "scsi0", "scsi1"}
    assert disks["scsi0"][4] == "64 GiB" and disks["scsi1"][4] == "200 GiB"
    assert disks["scsi1"][2] == "local-lvm" and disks["scsi1"][1] == "SCSI disk"
    assert "iothread=1" in disks["scsi1"][5]
    assert disks["ide2"][1] == "CD/DVD drive"
    assert not page.pending_area.isVisibleTo(page)


def test_windows_vm_shows_uefi_and_its_special_disks(qtbot, session, model):
    page = open_page(qtbot, session, model, 106)
    assert page.system.text("bios") == "OVMF (UEFI)"
    assert page.system.text("machine") == "q35 (10.0)"
    assert page.system.text("ostype").startswith("Windows 11")
    kinds = {r[0]: r[1] for r in page.disks.rows}
    assert kinds["efidisk0"] == "EFI vars disk" and kinds["tpmstate0"] == "TPM state"


def test_container_sections(qtbot, session, model):
    page = open_page(qtbot, session, model, 204)
    assert page.system.text("ostype").startswith("Ubuntu")
    assert page.resources.text("cores") == "2"
    assert page.resources.text("memory") == "4.0 GiB"
    assert page.resources.text("swap") == "512.0 MiB"
    (nic,) = page.network.rows
    assert nic[0] == "net0 (eth0)" and nic[1] == "veth" and nic[6] == "dhcp"
    disks = {r[0]: r for r in page.disks.rows}
    assert disks["rootfs"][4] == "32 GiB" and "at /" in disks["rootfs"][5]
    assert disks["mp0"][4] == "50 GiB" and "/var/lib/postgresql" in disks["mp0"][5]


def test_pending_changes_are_marked(qtbot, session, model):
    page = open_page(qtbot, session, model, 102)
    api(qtbot, session, "PUT", "/nodes/pve1/qemu/102/config", {"cores": 12})
    with qtbot.waitSignal(page.config_loaded, timeout=10000):
        page.reload_config()
    assert "→ 12 (after restart)" in page.resources.text("cores")
    assert page.pending_box.rows == [["cores", "8", "→", "12"]]
    assert page.pending_area.isVisibleTo(page)
    assert page.reboot_pending_button.isVisibleTo(page)


def test_buttons_follow_the_state(qtbot, session, model):
    running = open_page(qtbot, session, model, 102)
    b = running.power_buttons
    assert not b[Action.START].isEnabled() and b[Action.SHUTDOWN].isEnabled() and b[Action.STOP].isEnabled()
    assert not running.console_button.isEnabled()  # no console handler yet
    running.console_available = True
    assert running.console_button.isEnabled()
    with qtbot.waitSignal(running.console_requested) as got:
        running.console_button.click()
    assert got.args == [(session.name, 102)]
    stopped = open_page(qtbot, session, model, 101)
    assert stopped.power_buttons[Action.START].isEnabled()
    assert not stopped.power_buttons[Action.SHUTDOWN].isEnabled()
    locked = open_page(qtbot, session, model, 105)
    assert not any(btn.isEnabled() for btn in locked.power_buttons.values())
    assert "locked" in locked.power_buttons[Action.SHUTDOWN].toolTip()
    with qtbot.waitSignal(stopped.back_requested):
        stopped.back_button.click()
    with qtbot.waitSignal(stopped.open_in_window_requested) as got:
        stopped.window_button.click()
    assert got.args == [(session.name, 101)]


def test_page_follows_the_guest_live(qtbot, session, model):
    page = open_page(qtbot, session, model, 101)
    with qtbot.waitSignal(page.config_loaded, timeout=15000):
        page.power_buttons[Action.START].click()
    qtbot.waitUntil(lambda: page.summary.text("status") == "● Running", timeout=15000)
    assert page.power_buttons[Action.SHUTDOWN].isEnabled()
    assert page.status_chip.text().strip().endswith("Running")


def test_gauge_health_thresholds():
    assert health(0.10) is Health.NORMAL
    assert health(0.7999) is Health.NORMAL
    assert health(0.80) is Health.WARNING
    assert health(0.9499) is Health.WARNING
    assert health(0.95) is Health.CRITICAL
    assert health(1.0) is Health.CRITICAL
    assert health(0.5, running=False) is Health.STOPPED
    assert health(None) is Health.STOPPED


def test_gauges_show_words_for_each_threshold(qtbot, session):
    panel = GaugePanel(session)
    qtbot.addWidget(panel)
    gib = 1024 ** 3
    panel.apply({"status": "running", "cpu": 0.85, "cpus": 4, "mem": int(3.9 * gib), "maxmem": 4 * gib})
    assert (panel.cpu.health, panel.cpu.health_text) == (Health.WARNING, "Warning")
    assert (panel.mem.health, panel.mem.health_text) == (Health.CRITICAL, "Critical")
    panel.apply({"status": "running", "cpu": 0.2, "cpus": 4, "mem": gib, "maxmem": 4 * gib})
    assert panel.cpu.health_text == panel.mem.health_text == "Normal"
    panel.apply({"status": "stopped", "cpu": 0, "maxmem": 4 * gib})
    assert panel.cpu.health is Health.STOPPED and panel.cpu.health_text == "Stopped"


def test_gauges_read_status_current_while_open(qtbot, session, model, demo):
    page = open_page(qtbot, session, model, 102, show=True)
    with qtbot.waitSignal(page.gauges.updated, timeout=10000):
        pass
    assert page.gauges.cpu.health is not Health.STOPPED
    assert page.gauges.mem.detail.endswith("of 16.0 GiB")


def _polls(demo, vmid):
    return sum(1 for method, path, *_ in list(demo.pve.requests)
               if path.endswith("/qemu/{0}/status/current".format(vmid)) or
               path.endswith("/qemu/{0}/rrddata".format(vmid)))


def test_closing_the_page_stops_its_polling(qtbot, session, model, demo):
    page = open_page(qtbot, session, model, 100, show=True)
    page.gauges.poller._timer.setInterval(10)  # poll fast to see it repeat
    page.charts.poller._timer.setInterval(10)
    qtbot.waitUntil(lambda: page.gauges.poller.sent >= 3 and page.charts.poller.sent >= 2, timeout=15000)
    qtbot.waitUntil(lambda: _polls(demo, 100) >= 5, timeout=10000)
    assert page.polling
    page.close()
    assert not page.polling
    assert not page.gauges.poller.in_flight and not page.charts.poller.in_flight
    sent = page.gauges.poller.sent + page.charts.poller.sent
    qtbot.wait(200)  # a request already on its way when the page closed reaches the server
    before = _polls(demo, 100)
    qtbot.wait(300)  # many poll intervals pass: nothing more is asked
    assert page.gauges.poller.sent + page.charts.poller.sent == sent
    assert _polls(demo, 100) == before


def test_hidden_page_does_not_poll_and_resumes_when_shown(qtbot, session, model):
    page = open_page(qtbot, session, model, 100)
    assert not page.polling  # never shown
    page.show()
    assert page.polling
    page.hide()
    assert not page.polling
    page.show()
    assert page.polling
    page.close()


def test_one_request_in_flight_per_poller(qtbot, session, model):
    page = open_page(qtbot, session, model, 100, show=True)
    poller = page.gauges.poller
    qtbot.waitUntil(lambda: not poller.in_flight, timeout=10000)
    poller.poll()
    sent = poller.sent
    assert poller.in_flight
    poller.poll()  # a tick while the answer is out is skipped
    poller.poll()
    assert poller.sent == sent
    page.close()


@pytest.mark.parametrize("vmid", [102, 204])
def test_every_interactive_widget_is_named(qtbot, session, model, vmid):
    page = open_page(qtbot, session, model, vmid, show=True)
    assert not unnamed_widgets(page)
    settings = page.open_settings()
    qtbot.waitUntil(lambda: bool(settings.config), timeout=10000)
    settings.add_nic()
    for i in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(i)
        assert not unnamed_widgets(settings), i
    settings.reject()
    delete = page.open_delete()
    assert not unnamed_widgets(delete)
    delete.reject()
    page.close()


def test_page_as_a_window_of_its_own(qtbot, session, model):
    from virton_desktop.ui.guests.detail_page import DetailPage
    page = DetailPage(session, model, (session.name, 204), show_back=False)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: bool(page.config), timeout=10000)
    assert not page.back_button.isVisible()
    assert page.windowTitle().startswith("postgres-dev (204)")
    assert page.polling
    page.close()
    assert not page.polling


def test_template_shows_no_usage_and_does_not_poll(qtbot, session, model):
    page = open_page(qtbot, session, model, 9000, show=True)
    assert page.summary.text("template") == "yes"
    assert not page.live_box.isVisible() and not page.trends_box.isVisible()
    assert not page.polling
    assert {r[0]: r[1] for r in page.disks.rows}["ide2"] == "Cloud-init drive"
    page.close()


def test_snapshot_and_backup_tabs_are_built_when_shown_and_stop_the_gauges(qtbot, window):
    page = window.open_detail(window.model.get(("demo", 102)))
    qtbot.waitUntil(lambda: page.polling, timeout=5000)
    page.tabs.setCurrentIndex(1)
    assert page.snapshots_view is not None and page.tabs.currentWidget() is page.snapshots_view
    assert not page.polling
    page.tabs.setCurrentIndex(2)
    assert page.backups_view is not None and page.tabs.currentWidget() is page.backups_view
    page.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.polling, timeout=5000)
    window.close_detail()


def test_rows_are_found_by_stable_ids_in_any_language(qtbot, session, model):
    from PySide6.QtCore import QCoreApplication

    from virton_desktop import i18n

    app = QCoreApplication.instance()
    i18n.install(app, "ko")
    try:
        page = open_page(qtbot, session, model, 102)
    finally:
        i18n.remove(app)
    assert list(page.resources.values) == ["sockets", "cores", "vcpus", "cpu", "memory", "balloon"]
    assert page.resources.text("memory") == "16.0 GiB" and page.summary.text("template") == "아니요"
    assert page.network.ids == ["net0", "net1"]
    assert page.disks.row("scsi1")[1:5] == ["SCSI 디스크", "local-lvm", "vm-102-disk-1", "200 GiB"]

"""HA as Proxmox VE really does it: the resource configs and service states of pve-ha-manager's own
regression tests (tests/data/pve-answers/pve-ha-manager.json, provenance in its README), read and
shown by the app, and the HA dialog against the demo writing what PVE's web UI writes
(pve-manager www/manager6/ha/ResourceEdit.js + PVE.Utils.delete_if_default).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import test_ha_manage
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from test_ha_manage import make_actions, wait_dialog_ready, writes

from virton_desktop.pve import ha, ha_config
from virton_desktop.pve.ha_config import HaSettings, HaStatus

DATA = json.loads((Path(__file__).parent / "data" / "pve-answers" / "pve-ha-manager.json").read_text())
CONFIGS = DATA["service_configs"]


def pve_reads(config: dict) -> dict:
    """pve-ha-manager Config.pm `read_and_check_resources_config`: what a config means to the HA stack."""
    d = dict(config)
    d["state"] = "started" if d.get("state") in (None, "enabled") else d["state"]
    for key in ("failback", "max_restart", "max_relocate"):
        d.setdefault(key, 1)
    return d


def read_answer(sid: str, config: dict) -> dict:
    """GET /cluster/ha/resources/{sid} (API2/HA/Resources.pm `api_copy_config`): the config as written."""
    return {**config, "sid": sid, "type": sid.split(":")[0], "digest": "0" * 40}


# ------------------------------------------------------------------ reading (no Qt)


@pytest.mark.parametrize("case", CONFIGS, ids=lambda c: "{0}:{1}".format(c["source"].split("/")[2], c["sid"]))
def test_every_real_resource_config_means_what_pve_means(case):
    meant = pve_reads(case["config"])
    got = HaSettings.from_resource(read_answer(case["sid"], case["config"]))
    assert got.state == meant["state"]
    assert (got.max_restart, got.max_relocate) == (int(meant["max_restart"]), int(meant["max_relocate"]))
    assert got.failback is bool(int(meant["failback"]))
    assert got.group == case["config"].get("group", "") and got.comment == case["config"].get("comment", "")
    assert ha_config.update_params(got, got) == {}  # read and saved untouched: nothing to write


def test_booleans_read_as_pve_schema_reads_them():
    # pve-common JSONSchema: a boolean is 1/0, true/false, yes/no, on/off.
    for written, meant in (("0", False), (0, False), ("off", False), ("no", False), (1, True), ("yes", True)):
        assert HaSettings.from_resource({"sid": "vm:100", "failback": written}).failback is meant


def test_status_entries_of_real_configs():
    """API2/HA/Status.pm: `request_state` is the config's `state` as written (`enabled` an alias)."""
    entries = [{"id": "quorum", "type": "quorum", "status": "OK"}]
    for case in CONFIGS:
        entry = {"id": "service:" + case["sid"], "type": "service", "sid": case["sid"], "node": "node1",
                 "state": "started", "crm_state": "started", "status": "{0} (node1, started)".format(case["sid"])}
        if "state" in case["config"]:
            entry["request_state"] = case["config"]["state"]
        entry.update((k, case["config"][k]) for k in ("max_restart", "max_relocate", "group", "failback")
                     if k in case["config"])
        entries.append(entry)
        service = HaStatus.from_answer(entries).services[case["sid"]]
        meant = pve_reads(case["config"])
        assert service.request_state == meant["state"]
        assert (service.max_restart, service.max_relocate) == (int(meant["max_restart"]), int(meant["max_relocate"]))
    assert HaStatus.from_answer([{"type": "service", "sid": "100", "node": "n"}]).by_vmid()[100].node == "n"


# ------------------------------------------------------------------ states in words


ALL_STATES = sorted({s["state"] for s in DATA["crm_states"]} | set(DATA["valid_service_states"])
                    | set(DATA["verbose_states"]) | set(DATA["request_states"]))


@pytest.mark.parametrize("state", ALL_STATES)
def test_every_pve_state_is_shown_in_words(state):
    text = ha.state_text(state)
    assert text and text != state and "None" not in text and "'" not in text
    assert ha.state_help(state)


def test_enabled_is_started_and_the_unknown_is_shown_as_it_is():
    assert ha.state_text("enabled") == ha.state_text("started")
    assert ha.state_text("some-future-state") == "some-future-state"
    assert ha.state_text("") == "" and ha.state_text(None) == ""


# ------------------------------------------------------------------ what to send (no Qt)


def test_changes_send_what_the_web_ui_sends():
    """ResourceEdit.js onGetValues: `delete_if_default` for failback, max_restart, max_relocate."""
    loaded = HaSettings.from_resource({"sid": "vm:101", "state": "started", "failback": 0, "max_restart": "0"})
    assert ha_config.update_params(loaded, HaSettings(max_restart=0)) == {"delete": "failback"}
    assert ha_config.update_params(loaded, HaSettings(failback=False)) == {"delete": "max_restart"}
    assert ha_config.update_params(HaSettings(), HaSettings(failback=False)) == {"failback": 0}
    assert ha_config.create_params("vm:1", HaSettings(failback=False)) == {"sid": "vm:1", "state": "started",
                                                                          "failback": 0}


# ------------------------------------------------------------------ the dialog on the demo


ha_cluster = test_ha_manage.ha_demo  # the demo cluster with its HA resources, as test_ha_manage has it


def _open(qtbot, session, ha_actions, conf):
    guest = session.demo.pve.guest(120)
    guest.vt_ha_conf = dict(conf)
    inst = next(i for i in session.first.changed if i.vmid == 120)
    ha_actions.open_dialog(inst)
    return wait_dialog_ready(qtbot, ha_actions)


def _save(qtbot, dialog):
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)


def test_dialog_on_every_real_form_saves_nothing_untouched_and_one_change_as_one_key(qtbot, ha_cluster):
    session = ha_cluster
    _actions, ha_actions = make_actions(session)
    path = "/cluster/ha/resources/vm:120"
    for case in CONFIGS:
        conf = case["config"]
        session.demo.pve.vt_ha_groups_migrated = "group" not in conf  # groups: PVE 8
        dialog = _open(qtbot, session, ha_actions, conf)
        meant = pve_reads(conf)
        assert dialog.state.currentData() == meant["state"]
        assert dialog.max_restart.value() == int(meant["max_restart"])
        assert dialog.failback.isChecked() is bool(int(meant["failback"]))
        before = len(session.demo.pve.vt_ha_writes)
        _save(qtbot, dialog)
        assert len(session.demo.pve.vt_ha_writes) == before, case  # nothing written untouched

        dialog = _open(qtbot, session, ha_actions, conf)
        QTest.keyClicks(dialog.comment, "db")
        _save(qtbot, dialog)
        assert writes(session, "PUT", path)[-1] == {"sid": "vm:120", "comment": "db"}, case

        dialog = _open(qtbot, session, ha_actions, conf)
        dialog.max_relocate.selectAll()
        new = "4" if int(meant["max_relocate"]) != 4 else "5"
        QTest.keyClicks(dialog.max_relocate, new)
        _save(qtbot, dialog)
        assert writes(session, "PUT", path)[-1] == {"sid": "vm:120", "max_relocate": int(new)}, case
    session.demo.pve.vt_ha_groups_migrated = True


def test_dialog_deletes_an_emptied_comment_and_a_default_put_back(qtbot, ha_cluster):
    session = ha_cluster
    _actions, ha_actions = make_actions(session)
    path = "/cluster/ha/resources/vm:120"
    dialog = _open(qtbot, session, ha_actions, {"state": "started", "failback": 0, "max_restart": "0",
                                                 "comment": "db"})
    dialog.comment.selectAll()
    QTest.keyClick(dialog.comment, Qt.Key.Key_Delete)
    _save(qtbot, dialog)
    assert writes(session, "PUT", path)[-1] == {"sid": "vm:120", "delete": "comment"}

    dialog = _open(qtbot, session, ha_actions, session.demo.pve.guest(120).vt_ha_conf)
    dialog.max_restart.selectAll()
    QTest.keyClicks(dialog.max_restart, "1")  # back to PVE's default: the web UI deletes it
    _save(qtbot, dialog)
    assert writes(session, "PUT", path)[-1] == {"sid": "vm:120", "delete": "max_restart"}

    dialog = _open(qtbot, session, ha_actions, session.demo.pve.guest(120).vt_ha_conf)
    assert not dialog.failback.isChecked()
    qtbot.mouseClick(dialog.failback, Qt.MouseButton.LeftButton)
    _save(qtbot, dialog)
    assert writes(session, "PUT", path)[-1] == {"sid": "vm:120", "delete": "failback"}
    assert "failback" not in session.demo.pve.guest(120).vt_ha_conf

    dialog = _open(qtbot, session, ha_actions, session.demo.pve.guest(120).vt_ha_conf)
    qtbot.mouseClick(dialog.failback, Qt.MouseButton.LeftButton)
    _save(qtbot, dialog)
    assert writes(session, "PUT", path)[-1] == {"sid": "vm:120", "failback": 0}

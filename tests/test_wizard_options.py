"""The wizards' server lists are loaded through catalogued operations, whose answers are checked.

A list whose answer has the wrong shape ends in the error state with `errors.BadAnswer` (and the
page says so), never as a half-filled combo box.
"""

import dataclasses

from virton_desktop.pve import api, errors
from virton_desktop.pve.shapes import STR, Obj
from virton_desktop.ui.wizards.options import OptionState, ServerOptions, storage_names


def _loaded(qtbot, options, key):
    qtbot.waitUntil(lambda: not options.loading(key), timeout=10000)
    return options.get(key)


def test_a_list_loads_through_its_op(qtbot, session):
    options = ServerOptions(session)
    changes = []
    options.changed.connect(changes.append)
    options.load("iso", api.storages("pve1", "iso"), storage_names)
    assert options.get("iso").state == OptionState.LOADING and options.in_flight("iso")
    option = _loaded(qtbot, options, "iso")
    assert option.state == OptionState.OK == "ok"
    assert "local" in options.items("iso") and changes == ["iso", "iso"]
    assert options.state_text("iso") == ""


def test_a_wrong_shaped_answer_ends_in_the_error_state(qtbot, session):
    # A real endpoint (the node's storages answer a list) catalogued with a wrong shape (one object).
    op = dataclasses.replace(api.storages("pve1", "iso"), answer=Obj({"storage": STR}))
    options = ServerOptions(session)
    transformed = []
    options.load("iso", op, lambda data: transformed.append(data) or data)
    option = _loaded(qtbot, options, "iso")
    assert option.state == OptionState.ERROR == "error"
    assert isinstance(option.error, errors.BadAnswer) and option.error.path == op.path
    assert not transformed and options.items("iso") == []
    assert "Could not load the list" in options.state_text("iso")
    assert options.issue("iso") is not None


def test_a_newer_load_makes_the_older_answer_stale(qtbot, session):
    options = ServerOptions(session)
    options.load("storages", api.storages("pve1", "iso"), lambda data: ["first"])
    options.load("storages", api.storages("pve2", "images"), lambda data: ["second"])
    qtbot.waitUntil(lambda: options.get("storages").state == OptionState.OK, timeout=10000)
    assert options.items("storages") == ["second"]

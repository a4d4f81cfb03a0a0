"""The cluster registry (core/clusters.py) against the demo cluster: its signals, one registry
for every way of connecting, the instance model it feeds, and closing in any order."""

import pytest
from PySide6.QtCore import Qt

from virton_desktop.core.clusters import Clusters
from virton_desktop.models.instances import InstanceModel
from virton_desktop.profiles import Profile
from virton_desktop.pve.entities import STOPPED
from virton_desktop.ui.main_window import MainWindow

from conftest import make_session


@pytest.fixture
def model():
    return InstanceModel()


@pytest.fixture
def clusters(qtbot, demo, model):
    """A registry feeding `model`, with the demo cluster added, after its first list reached the model."""
    registry = Clusters(model)
    with qtbot.waitSignal(registry.polled, timeout=15000):
        registry.add(make_session(demo))
    yield registry
    registry.close_all()


def test_added_state_changed_and_removed(qtbot, demo, model):
    registry = Clusters(model)
    session = make_session(demo)
    with qtbot.waitSignal(registry.added, timeout=5000) as added, \
            qtbot.waitSignal(registry.state_changed, timeout=15000,
                             check_params_cb=lambda cluster, state, error: state == "online") as online:
        registry.add(session)
    assert added.args == [session] and online.args == ["demo", "online", None]
    assert registry.get("demo") is session and registry.ids() == ["demo"] and registry.sessions() == [session]
    qtbot.waitUntil(lambda: registry.last_poll("demo") is not None, timeout=15000)
    assert any(inst.cluster == "demo" for inst in model.all_instances())
    with qtbot.waitSignal(registry.removed, timeout=5000) as removed:
        registry.remove("demo")
    assert removed.args == ["demo"]
    assert registry.get("demo") is None and registry.ids() == [] and registry.last_poll("demo") is None
    assert not any(inst.cluster == "demo" for inst in model.all_instances())
    qtbot.waitUntil(lambda: session.state == "closed", timeout=5000)


def test_guest_changed_for_a_guest_a_power_action_stopped(qtbot, clusters, model):
    running = model.get(("demo", 100))
    assert running.status == "running"
    session = clusters.get("demo")
    with qtbot.waitSignal(clusters.guest_changed, timeout=15000,
                          check_params_cb=lambda key: key == ("demo", 100) and model.get(key).status == STOPPED):
        session.guest_action(running, "stop")


def test_guest_changed_for_a_removed_guest(qtbot, clusters, model, demo):
    assert model.get(("demo", 112)) is not None
    demo.pve.vms.remove(demo.pve.vm(112))
    with qtbot.waitSignal(clusters.guest_changed, timeout=15000, check_params_cb=lambda key: key == ("demo", 112)):
        clusters.get("demo").refresh()
    assert model.get(("demo", 112)) is None


def test_the_model_goes_stale_while_the_cluster_is_offline(qtbot, clusters, model, demo):
    session = clusters.get("demo")
    session.set_poll_interval(0.2)
    assert not model.is_stale("demo")
    demo.pve.flaky_network(drop_rate=1.0)
    with qtbot.waitSignal(clusters.state_changed, timeout=15000,
                          check_params_cb=lambda cluster, state, error: state == "offline"):
        pass
    assert model.is_stale("demo")
    demo.pve.flaky_network()
    with qtbot.waitSignal(clusters.polled, timeout=30000):
        pass
    assert not model.is_stale("demo")


def test_profile_connect_and_quick_connect_land_in_one_registry(qtbot, demo):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    connections = window.connections
    connections.trust.trust(demo.host, demo.port, demo.fingerprint)
    profile = Profile(name="alpha", addresses=("{0}:{1}".format(demo.host, demo.port),), user="root", realm="pam")
    connections.profiles.save(profile)
    with qtbot.waitSignal(window.clusters.added, timeout=5000):
        connections.connect_profile(profile, demo.password)

    dialog = window.show_connect_dialog()
    dialog.address.setText("{0}:{1}".format(demo.host, demo.port))
    dialog.name.setText("beta")
    dialog.password.setText(demo.password)
    dialog.fingerprint.setText(demo.fingerprint)
    with qtbot.waitSignal(window.clusters.added, timeout=15000):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)

    clusters = window.clusters
    assert clusters.ids() == ["alpha", "beta"]
    assert clusters.by_profile(profile.id) is clusters.get("alpha")
    assert clusters.get("alpha").profile_id == profile.id and clusters.get("beta").profile_id is None
    assert connections.connected_ids() == {profile.id}
    qtbot.waitUntil(lambda: window.page.cluster_filter.findData("beta") >= 0, timeout=15000)
    with qtbot.waitSignal(clusters.removed, timeout=5000) as removed:
        connections.disconnect_profile(profile.id)
    assert removed.args == ["alpha"] and clusters.ids() == ["beta"] and connections.connected_ids() == set()
    clusters.close_all()


def _close_and_delete(qtbot, widget) -> None:
    gone = []
    widget.destroyed.connect(lambda *_: gone.append(True))
    widget.close()
    widget.deleteLater()
    qtbot.waitUntil(lambda: bool(gone), timeout=5000)


def test_closing_the_window_while_the_clusters_dialog_is_open_raises_nothing(qtbot):
    window = MainWindow()
    window.show()
    window.show_profile_manager()
    _close_and_delete(qtbot, window)  # pytest-qt fails the test on an exception in a slot


def test_the_clusters_dialog_follows_the_registry_and_lets_go_when_closed_first(qtbot, demo):
    window = MainWindow()
    window.show()
    profile = Profile(name="demo", addresses=("{0}:{1}".format(demo.host, demo.port),), user="root", realm="pam")
    window.connections.trust.trust(demo.host, demo.port, demo.fingerprint)
    window.connections.profiles.save(profile)
    manager = window.show_profile_manager()
    with qtbot.waitSignal(window.clusters.added, timeout=5000):
        window.connections.connect_profile(profile, demo.password)
    assert manager.connected == {profile.id}
    _close_and_delete(qtbot, manager)
    with qtbot.waitSignal(window.clusters.removed, timeout=5000):
        window.connections.disconnect_profile(profile.id)
    _close_and_delete(qtbot, window)


def test_a_state_change_applies_its_own_clusters_waiting_polls_not_the_others(qtbot, demo, model):
    """Polls are applied one per turn of the event loop; a cluster's state change first applies
    what of that cluster still waits (its state comes after them), and leaves the other
    clusters' to their turns (at start, ten first lists applied together held the window)."""
    from dataclasses import replace

    from virton_desktop.demo.served import ServedDemo
    from virton_desktop.session import InstanceDelta, SessionState

    registry = Clusters(model)
    with ServedDemo(time_scale=0, index=1) as served:
        first, second = make_session(demo), make_session(served, name=served.name)
        try:
            for session in (first, second):
                with qtbot.waitSignal(registry.polled, timeout=15000):
                    registry.add(session)

            def renamed(session, name):
                inst = sorted(model.instances_of(session.name), key=lambda i: i.vmid)[0]
                return InstanceDelta(cluster=session.name, full=False, changed=(replace(inst, name=name),),
                                     removed=()), inst.key

            a1, a_key = renamed(first, "a-one")
            a2, _ = renamed(first, "a-two")
            before = model.get(a_key).name
            b1, b_key = renamed(second, "b-one")
            first.instances_polled.emit(a1)  # each waits for a turn of its own
            first.instances_polled.emit(a2)
            second.instances_polled.emit(b1)
            second.state_changed.emit(SessionState.ONLINE, None)
            assert model.get(b_key).name == "b-one"  # before its state
            assert model.get(a_key).name in (before, "a-one")  # the other cluster's wait for their turns
            qtbot.waitUntil(lambda: model.get(a_key).name == "a-two", timeout=5000)
        finally:
            registry.close_all()


def test_a_poll_is_announced_before_the_model_changes(qtbot, clusters, model):
    """`applying` comes before a poll changes the model, `polled` after: the window holds the
    list's repaints on the first (MainWindow._applying), before the change asks for one."""
    from dataclasses import replace

    from virton_desktop.session import InstanceDelta

    session = clusters.get("demo")
    seen = []
    clusters.applying.connect(lambda name: seen.append(("applying", name, model.rowCount())))
    clusters.polled.connect(lambda name: seen.append(("polled", name, model.rowCount())))
    before = model.rowCount()
    newcomer = replace(sorted(model.instances_of("demo"), key=lambda i: i.vmid)[0], vmid=99999, name="newcomer")
    listed = tuple(model.instances_of("demo")) + (newcomer,)
    with qtbot.waitSignal(clusters.polled, timeout=5000):
        session.instances_polled.emit(InstanceDelta("demo", True, listed, ()))
    assert seen == [("applying", "demo", before), ("polled", "demo", before + 1)]

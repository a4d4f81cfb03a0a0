"""The guest list's node filter follows the model's nodes as clusters come and go: only the nodes
that changed are inserted or removed, in the model's (natural) order, and the node chosen stays
chosen while it exists."""

from PySide6.QtWidgets import QVBoxLayout, QWidget

from virton_desktop.models.instances import InstanceModel
from virton_desktop.pve.entities import Instance
from virton_desktop.session import InstanceDelta
from virton_desktop.ui.guests.actions import GuestActions
from virton_desktop.ui.guests.instance_list import InstanceListPage


def _cluster(name: str, nodes: list[str], base: int) -> InstanceDelta:
    guests = tuple(Instance(cluster=name, vmid=base + i, name="g{0}".format(i), type="qemu", node=node,
                            status="running") for i, node in enumerate(nodes))
    return InstanceDelta(name, True, guests, ())


def _offered(page) -> list[str]:
    combo = page.node_filter
    return [combo.itemData(i) for i in range(1, combo.count())]


def test_nodes_come_and_go_in_order_and_the_choice_stays(qtbot):
    model = InstanceModel()
    window = QWidget()
    page = InstanceListPage(model, GuestActions(lambda cluster: None, window), window)
    QVBoxLayout(window).addWidget(page)
    qtbot.addWidget(window)
    model.apply(_cluster("a", ["pve2", "pve10", "pve1"], 100))
    assert _offered(page) == model.nodes() == ["pve1", "pve2", "pve10"]
    page.node_filter.setCurrentIndex(page.node_filter.findData("pve10"))
    inserted = []
    page.node_filter.model().rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.apply(_cluster("b", ["b-pve1", "pve3", "pve11"], 1000))   # between and after the others
    assert _offered(page) == model.nodes() == ["b-pve1", "pve1", "pve2", "pve3", "pve10", "pve11"]
    assert len(inserted) == 3                                        # the three new ones only
    assert page.node_filter.currentData() == "pve10"
    assert model.filter.nodes == frozenset({"pve10"}) and model.rowCount() == 1
    model.remove_cluster("a")
    assert _offered(page) == model.nodes() == ["b-pve1", "pve3", "pve11"]
    assert page.node_filter.currentIndex() == 0                      # its node went: all nodes again,
    assert not model.filter.nodes and model.rowCount() == 3        # and the list says so too
    model.apply(_cluster("a", ["pve1"], 100))
    assert _offered(page) == model.nodes() == ["b-pve1", "pve1", "pve3", "pve11"]

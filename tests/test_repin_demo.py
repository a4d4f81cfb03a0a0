"""A node's certificate rotated on the demo cluster: verified through the other node and re-pinned
with one click, or (interception, a single address) still blocked behind the manual check."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QLabel

from virton_desktop.demo.rotation import NodeAddress
from virton_desktop.profiles import Profile
from virton_desktop.pve import errors
from virton_desktop.pve.repin import Outcome
from virton_desktop.trust import TrustStore
from virton_desktop.ui.connect.certificate_dialog import CertificateDialog
from virton_desktop.ui.connect.repin_dialog import RepinDialog
from virton_desktop.ui.main_window import MainWindow

DOCS = Path(__file__).resolve().parent.parent / "docs"
QM_KO = DOCS.parent / "virton_desktop" / "resources" / "translations" / "virton_desktop_ko.qm"


@pytest.fixture
def main(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    yield w
    for s in w.clusters.sessions():
        s.close()


@pytest.fixture
def pve2(demo):
    """Node pve2 of the demo cluster at an address of its own (127.0.0.2), trusted as it is now."""
    return NodeAddress(demo, "pve2")


def two_address_profile(main, demo, pve2):
    """pve2's address first, so the login meets its certificate; both pinned as first trusted."""
    main.connections.trust.trust(pve2.host, pve2.port, pve2.fingerprint)
    main.connections.trust.trust(demo.host, demo.port, demo.fingerprint)
    profile = Profile(name="demo", addresses=(pve2.address, "{0}:{1}".format(demo.host, demo.port)),
                      user="root", realm="pam")
    main.connections.profiles.save(profile)
    return profile


@pytest.mark.parametrize("custom, served_file", [(True, "pveproxy-ssl.pem"), (False, "pve-ssl.pem")])
def test_a_renewed_certificate_confirmed_by_the_other_node_is_repinned_with_one_click(qtbot, main, demo, pve2, custom,
                                                                                     served_file):
    profile = two_address_profile(main, demo, pve2)
    old = pve2.fingerprint
    # an ACME/custom certificate (pveproxy-ssl.pem) or a reinstall (a new pve-ssl.pem), known to the cluster
    new = pve2.rotate(custom)
    manual, offered = [], []
    main.connections.ask_trust = lambda err, verdict=None: manual.append(verdict) or False

    def one_click(error, verdict):
        dialog = RepinDialog(verdict, error.expected, main)
        qtbot.addWidget(dialog)
        dialog.show()
        offered.append((error, verdict, dialog))
        qtbot.mouseClick(dialog.repin_button, Qt.MouseButton.LeftButton)
        return dialog.result() == RepinDialog.DialogCode.Accepted

    main.connections.ask_repin = one_click
    with qtbot.waitSignal(main.first_data, timeout=20000):
        main.connections.connect_profile(profile, demo.password)
    assert manual == [] and len(offered) == 1
    error, verdict, dialog = offered[0]
    assert isinstance(error, errors.CertificateMismatch) and error.expected == old
    assert verdict.outcome is Outcome.CONFIRMED
    assert (verdict.node, verdict.witness, verdict.presented, verdict.filename) == ("pve2", "pve1", new,
                                                                                     served_file)
    how = dialog.findChild(QLabel, "repinHow")
    assert "pve2" in how.text() and "pve1" in how.text()
    # only pve2's pin was replaced, on disk too; the session runs through the re-pinned address
    assert TrustStore().fingerprint(pve2.host, pve2.port) == new
    assert TrustStore().fingerprint(demo.host, demo.port) == demo.fingerprint
    session = main.clusters.by_profile(profile.id)
    assert session is not None and (session.client.host, session.client.port) == (pve2.host, pve2.port)


def test_a_certificate_the_cluster_does_not_know_stays_blocked_as_a_possible_interception(qtbot, main, demo, pve2):
    profile = two_address_profile(main, demo, pve2)
    old = pve2.fingerprint
    presented = pve2.intercept()
    asked, repins = [], []
    main.connections.ask_repin = lambda err, verdict: repins.append(verdict) or True
    main.connections.ask_trust = lambda err, verdict=None: asked.append((err, verdict)) or False
    main.connections.connect_profile(profile, demo.password)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=20000)
    error, verdict = asked[0]
    assert repins == [] and verdict.outcome is Outcome.DIFFERENT
    assert (verdict.presented, verdict.reported, verdict.witness) == (presented, old, "pve1")
    qtbot.waitUntil(lambda: "has changed" in main.errors_bar.label.text(), timeout=5000)
    assert main.clusters.by_profile(profile.id) is None
    assert TrustStore().fingerprint(pve2.host, pve2.port) == old  # nothing re-pinned
    # the manual check says why, in the warning colour, and still wants the box ticked
    dialog = CertificateDialog(error.host, error.port, error.fingerprint, error.expected, main, verdict)
    qtbot.addWidget(dialog)
    assert "interception" in dialog.reason.text() and "still has the certificate you trusted" in dialog.reason.text()
    assert not dialog.trust_button.isEnabled()
    if os.environ.get("VIRTON_SCREENSHOTS"):
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.grab().save(str(DOCS / "certificate-interception.png"))


def test_a_single_address_falls_back_to_the_manual_check(qtbot, main, demo, pve2):
    main.connections.trust.trust(pve2.host, pve2.port, pve2.fingerprint)
    profile = Profile(name="demo", addresses=(pve2.address,), user="root", realm="pam")
    main.connections.profiles.save(profile)
    pve2.rotate()
    asked = []
    main.connections.ask_repin = lambda err, verdict: pytest.fail("nothing confirmed the certificate")
    main.connections.ask_trust = lambda err, verdict=None: asked.append(verdict) or False
    main.connections.connect_profile(profile, demo.password)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=20000)
    assert asked[0].outcome is Outcome.NO_OTHER_ADDRESS
    assert main.clusters.by_profile(profile.id) is None


@pytest.mark.skipif(not os.environ.get("VIRTON_SCREENSHOTS"), reason="screenshots for docs/ only on request")
def test_the_repin_dialog_screenshot(qtbot, demo, pve2):
    """VIRTON_SCREENSHOTS=1: docs/certificate-repin.png (and -ko), the offer after a confirmed renewal."""
    from virton_desktop.pve.client import Credentials, PveClient
    from virton_desktop.pve.repin import verify

    old = pve2.fingerprint
    new = pve2.rotate()
    verdict = verify(pve2.host, pve2.port, new, [PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)],
                     Credentials(demo.user, password=demo.password))
    for lang in ("en", "ko"):
        translator = QTranslator()
        if lang == "ko":
            assert translator.load(str(QM_KO))
            QCoreApplication.installTranslator(translator)
        try:
            dialog = RepinDialog(verdict, old)
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            dialog.grab().save(str(DOCS / ("certificate-repin.png" if lang == "en" else "certificate-repin-ko.png")))
        finally:
            QCoreApplication.removeTranslator(translator)

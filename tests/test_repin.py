"""pve/repin.py over real certificates/info and /cluster/status answers (tests/data/pve-answers/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from virton_desktop.pve import repin
from virton_desktop.pve.repin import Outcome

ANSWERS = json.loads((Path(__file__).parent / "data" / "pve-answers" / "certificates-info.json").read_text())
MEMBERS = ANSWERS["cluster_status_go"]
PRESENTED = "33:" * 31 + "33"


def test_the_served_certificate_is_the_custom_one_when_present_wherever_it_is_listed():
    assert repin.served_certificate(ANSWERS["acme_node"])["issuer"] == "/C=US/O=Example Authority"
    assert repin.served_certificate(ANSWERS["homelab_node"])["fingerprint"] == "12:34:12:34:56"
    assert repin.served_certificate(reversed(ANSWERS["three_files_go"]))["filename"] == "pveproxy-ssl.pem"
    # without a custom certificate pveproxy serves the cluster-issued one; the root CA never
    assert repin.served_certificate(ANSWERS["acme_node"][:2])["filename"] == "pve-ssl.pem"
    assert repin.served_certificate(ANSWERS["acme_node"][:1]) is None
    assert repin.served_certificate([]) is None
    assert repin.served_certificate(["not an object", {"no": "filename"}]) is None


@pytest.mark.parametrize("host, node", [
    ("10.0.29.111", "pve2"), ("10.0.30.111", "pve1"), ("pve3", "pve3"), ("PVE2.example.org", "pve2"),
    ("10.0.29.1", None), ("pve", None), ("[::1]", None), ("prod", None),  # the cluster entry is no node
])
def test_the_changed_address_is_found_among_the_nodes(host, node):
    assert repin.node_at(host, MEMBERS) == node


def test_the_witness_is_the_node_marked_local():
    assert repin.local_node(MEMBERS) == "pve1"
    assert repin.local_node(MEMBERS[:1]) == ""


def judge(info, host="10.0.29.111", presented=PRESENTED, members=MEMBERS):
    asked = []
    verdict = repin.judge(host, 8006, presented, members, lambda node: asked.append(node) or info)
    return verdict, asked


def test_the_same_fingerprint_reported_by_another_node_confirms_the_change():
    verdict, asked = judge(ANSWERS["three_files_go"], presented=PRESENTED.replace(":", "").lower())
    assert asked == ["pve2"]
    assert verdict.confirmed and verdict.outcome is Outcome.CONFIRMED
    assert (verdict.node, verdict.witness, verdict.filename) == ("pve2", "pve1", "pveproxy-ssl.pem")
    assert verdict.presented == verdict.reported == PRESENTED  # one normalized form


def test_a_different_fingerprint_is_no_confirmation():
    verdict, _ = judge(ANSWERS["three_files_go"], presented="22:" * 31 + "22")  # pve-ssl.pem is not served
    assert verdict.outcome is Outcome.DIFFERENT and not verdict.confirmed
    assert verdict.reported == PRESENTED


def test_the_certificate_details_come_with_the_verdict():
    info = [dict(ANSWERS["homelab_node"][1], fingerprint=PRESENTED.upper())]
    verdict, _ = judge(info)
    assert verdict.confirmed
    assert (verdict.subject, verdict.issuer, verdict.notafter) == (
        "CN=pve1.example.net", "C=US,O=Let's Encrypt,CN=R11", 1790115438)


@pytest.mark.parametrize("name", ["filename_only", "acme_node", "homelab_node"])
def test_a_served_certificate_without_a_usable_fingerprint_is_not_reported(name):
    # filename_only: nothing but a name; acme_node: no fingerprints quoted; homelab_node: short placeholders
    verdict, _ = judge(ANSWERS[name])
    assert verdict.outcome is Outcome.NOT_REPORTED and not verdict.confirmed


def test_a_one_node_cluster_cannot_confirm_anything():
    verdict, asked = judge(ANSWERS["three_files_go"], host="10.0.30.111", members=MEMBERS[:2])
    assert verdict.outcome is Outcome.ONE_NODE and asked == []


def test_an_address_of_no_node_is_not_guessed():
    verdict, asked = judge(ANSWERS["three_files_go"], host="192.0.2.99")
    assert verdict.outcome is Outcome.UNKNOWN_NODE and asked == []


def test_a_node_cannot_vouch_for_itself():
    verdict, asked = judge(ANSWERS["three_files_go"], host="10.0.30.111")
    assert verdict.outcome is Outcome.NO_WITNESS and asked == []


def test_without_another_address_nothing_is_asked():
    verdict = repin.verify("10.0.29.111", 8006, PRESENTED, [], None)
    assert verdict.outcome is Outcome.NO_OTHER_ADDRESS

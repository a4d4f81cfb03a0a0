"""A client given the pinned host's certificate (the demo's, from its file) does not fetch it;
one that does not match the fingerprint is not trusted, and the host's is fetched as always."""

import ssl

import pytest

from virton_desktop.demo.served import ServedDemo
from virton_desktop.pve import client as client_module
from virton_desktop.pve import errors
from virton_desktop.pve.client import Credentials, PveClient


def _der(demo) -> bytes:
    with open(demo.cafile, encoding="ascii") as pem:
        return ssl.PEM_cert_to_DER_cert(pem.read())


@pytest.fixture
def fetched(monkeypatch):
    seen = []
    real = client_module.fetch_certificate
    monkeypatch.setattr(client_module, "fetch_certificate",
                        lambda host, port, timeout=5.0: (seen.append(port), real(host, port, timeout))[1])
    return seen


def test_a_known_certificate_is_not_fetched(demo, fetched):
    client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint, certificate=_der(demo))
    client.authenticate(Credentials(demo.user, password=demo.password))
    assert client.request("GET", "/version")["version"]
    assert client.lane().request("GET", "/version")["version"]  # the lane's too
    assert fetched == []


def test_a_certificate_that_is_not_the_pinned_one_is_not_trusted(demo, fetched):
    with ServedDemo(time_scale=0, index=1) as other:
        client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint, certificate=_der(other))
        client.authenticate(Credentials(demo.user, password=demo.password))
        assert fetched == [demo.port]  # fetched and checked as without it
        # The other's certificate with the other's fingerprint, served by this host: refused.
        wrong = PveClient(demo.host, demo.port, fingerprint=other.fingerprint, certificate=_der(other))
        with pytest.raises(errors.CertificateMismatch):
            wrong.authenticate(Credentials(demo.user, password=demo.password))


def test_the_demos_certificate_is_read_from_its_file_or_left_to_the_fetch(demo, tmp_path):
    from virton_desktop.app import _certificate_in

    assert _certificate_in(demo.cafile) == _der(demo)
    damaged = tmp_path / "damaged.pem"
    damaged.write_text("not a certificate")
    for path in (None, "", str(tmp_path / "missing.pem"), str(damaged)):
        assert _certificate_in(path) is None

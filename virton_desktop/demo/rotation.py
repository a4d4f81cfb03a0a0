"""Node certificates and a node certificate rotation scenario for the demo cluster.

- ``GET /nodes/{node}/certificates/info`` answers as pve-manager ``PVE/API2/Certificates.pm``
  does: one entry per certificate file of the node (``pve-ssl.pem``, and ``pveproxy-ssl.pem``
  once a custom or ACME certificate was installed), with PVE's fields as pve-common
  ``PVE::Certificate::get_certificate_info`` writes them (fingerprint in upper-case hex pairs,
  subject and issuer in OpenSSL's one-line ``/CN=…`` form, epoch dates). The demo has no
  cluster CA, so ``pve-root-ca.pem`` is left out. Nodes without an address of their own report
  the certificate of the demo's main listener.
- ``NodeAddress(served, "pve2")`` serves a second address of the same cluster (another loopback
  address, 127.0.0.2) standing for node pve2, with its own certificate; ``/cluster/status``
  then gives each served node its address as ``ip`` and marks the node whose address answered
  ``local``. ``rotate()`` renews that node's certificate (served and reported by the cluster, as
  after an ACME renewal); ``intercept()`` makes the address present a certificate the node does
  not have (someone in the middle: the cluster still reports the old one).
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import ssl

from aiohttp import web
from fakepve.certs import make_cert

PEM_FILES = ("pve-root-ca.pem", "pve-ssl.pem", "pveproxy-ssl.pem")  # PVE's order


def _one_line(name) -> str:
    """OpenSSL's X509_NAME_oneline form, which PVE shows: /CN=…/O=…"""
    return "".join("/{0}={1}".format(a.rfc4514_attribute_name, a.value) for a in name)


def certificate_info(filename: str, certfile: str) -> dict:
    """One entry of certificates/info for the PEM certificate in `certfile`."""
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.serialization import Encoding

    with open(certfile, "rb") as handle:
        pem = handle.read()
    cert = x509.load_pem_x509_certificate(pem)
    digest = hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest().upper()
    try:
        names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        san = [str(v) for kind in (x509.DNSName, x509.IPAddress) for v in names.get_values_for_type(kind)]
    except x509.ExtensionNotFound:
        san = []
    key = cert.public_key()
    key_type = "id-ecPublicKey" if isinstance(key, ec.EllipticCurvePublicKey) else (
        "rsaEncryption" if isinstance(key, rsa.RSAPublicKey) else "unknown")
    return {"filename": filename, "fingerprint": ":".join(digest[i:i + 2] for i in range(0, 64, 2)),
            "subject": _one_line(cert.subject), "issuer": _one_line(cert.issuer),
            "notbefore": int(cert.not_valid_before_utc.timestamp()),
            "notafter": int(cert.not_valid_after_utc.timestamp()), "san": san, "pem": pem.decode(),
            "public-key-type": key_type, "public-key-bits": key.key_size}


class DemoCertificatesMixin:
    """certificates/info per node, and each served node's address in /cluster/status."""

    @property
    def vt_node_certificates(self):
        """node -> {file name: PEM certificate file}; absent nodes report the main listener's."""
        return self.__dict__.setdefault("_vt_node_certificates", {})

    @property
    def vt_node_addresses(self):
        """node -> the address it is served at (its `ip` in /cluster/status)."""
        return self.__dict__.setdefault("_vt_node_addresses", {})

    def _routes_virton_certificates(self):
        return [("GET", "/nodes/{node}/certificates/info", self._vt_certificates_info)]

    async def _vt_certificates_info(self, v, user):
        files = self.vt_node_certificates.get(v["node"]) or {"pve-ssl.pem": self.vt_certfile}
        return [certificate_info(name, files[name]) for name in PEM_FILES if files.get(name)]

    async def _cluster_status(self, request):
        answer = await super()._cluster_status(request)
        if not self.vt_node_addresses:
            return answer
        here = (request.transport.get_extra_info("sockname") or ("",))[0] if request.transport else ""
        data = json.loads(answer.body)["data"]
        for member in data:
            if member.get("type") == "node" and member["name"] in self.vt_node_addresses:
                member["ip"] = self.vt_node_addresses[member["name"]]
                member["local"] = 1 if member["ip"] == here else 0
        return web.json_response({"data": data})

    async def vt_listen(self, sock, certfile, keyfile):
        """Serve the same API on `sock` too, with another certificate; returns its TLS context."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(certfile, keyfile)
        await web.SockSite(self.runner, sock, ssl_context=context).start()
        return context


class NodeAddress:
    """Another address of a served demo cluster, standing for one of its nodes (see the module doc)."""

    def __init__(self, served, node: str = "pve2", host: str = "127.0.0.2"):
        self.served, self.node, self.host = served, node, host
        pve = served.pve
        self._serial = 0
        certfile, keyfile, self.fingerprint = self._new_certificate()
        pve.vt_node_addresses[sorted(pve.nodes)[0]] = served.host
        pve.vt_node_addresses[node] = host
        pve.vt_node_certificates[node] = {"pve-ssl.pem": certfile}
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, 0))
        self.port = sock.getsockname()[1]
        self._context = served.call(pve.vt_listen(sock, certfile, keyfile))

    @property
    def address(self) -> str:
        return "{0}:{1}".format(self.host, self.port)

    def _new_certificate(self):
        self._serial += 1
        name = "virton-{0}-{1}".format(self.node, self._serial)
        certfile, keyfile, der = make_cert(os.path.dirname(self.served.cafile), name=name, hosts=(self.host,))
        digest = hashlib.sha256(der).hexdigest()
        return certfile, keyfile, ":".join(digest[i:i + 2] for i in range(0, 64, 2))

    def _present(self, certfile, keyfile):
        async def load():  # on the demo's loop: no handshake sees half a change
            self._context.load_cert_chain(certfile, keyfile)
        self.served.call(load())

    def rotate(self, custom: bool = True) -> str:
        """The node's certificate is renewed (custom/ACME: pveproxy-ssl.pem; a reinstall: pve-ssl.pem).
        Returns the new fingerprint."""
        certfile, keyfile, self.fingerprint = self._new_certificate()
        self.served.pve.vt_node_certificates[self.node]["pveproxy-ssl.pem" if custom else "pve-ssl.pem"] = certfile
        self._present(certfile, keyfile)
        return self.fingerprint

    def intercept(self) -> str:
        """The address presents a certificate the node does not have; returns its fingerprint."""
        certfile, keyfile, presented = self._new_certificate()
        self._present(certfile, keyfile)
        return presented

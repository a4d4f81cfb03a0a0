"""The create wizards' input rules: each rule with a failing and a passing case."""

import base64
import string
import struct

from hypothesis import given
from hypothesis import strategies as st

from virton_desktop.pve import validate as v

NAME_OK = st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?", fullmatch=True)


@given(NAME_OK)
def test_names_of_letters_digits_hyphens_pass(name):
    assert v.check_name(name) is None


@given(st.text(min_size=1, max_size=20).filter(lambda s: any(not (c.isascii() and (c.isalnum() or c == "-"))
                                                             for c in s)))
def test_names_with_other_characters_fail(name):
    issue = v.check_name(name)
    assert issue is not None and not issue.warning


def test_name_rules():
    assert v.check_name("web-01") is None
    assert v.check_name("web_01").args == ("_",)
    assert v.check_name("web 01") is not None
    assert v.check_name("-web") is not None and v.check_name("web-") is not None
    assert v.check_name("a" * 63) is None and v.check_name("a" * 64) is not None
    assert v.check_name("") is not None and v.check_name("", required=False) is None
    assert v.check_name("wéb") is not None
    assert "_" in v.check_name("a_b").text()


def test_vmid():
    assert v.check_vmid("100") is None and v.check_vmid("999999999") is None
    for bad in ("", "99", "abc", "1000000000", "-5"):
        assert v.check_vmid(bad) is not None


def test_password_policy():
    assert v.check_password("Tr0ub4dor&3") is None
    assert v.check_password("abcDEF12") is None  # three kinds
    assert v.check_password("Ab1!") is not None  # short
    assert v.check_password("abcdefgh1") is not None  # two kinds
    assert v.check_password("") is not None
    assert v.check_password("Mywebhost1!", "webhost") is not None
    assert v.check_password("Mywebhost1!", "db1") is None
    assert v.check_password_confirm("a", "a") is None and v.check_password_confirm("a", "b") is not None


@given(st.text(alphabet=string.ascii_letters + string.digits + "!@#$%", min_size=0, max_size=30))
def test_strength_agrees_with_policy(password):
    score = v.password_strength(password)
    assert 0 <= score <= 4
    if v.check_password(password) is not None:
        assert score <= 2
    assert v.strength_label(score)


def test_strength_grows_with_length_and_variety():
    assert v.password_strength("") == 0
    assert v.password_strength("abc") < v.password_strength("abcDEF12") < v.password_strength("c0rrect-Horse-battery!")


@given(st.integers(1, 4094))
def test_vlan_in_range_passes(tag):
    assert v.check_vlan(str(tag)) is None


def test_vlan_rules():
    assert v.check_vlan("") is None
    for bad in ("0", "4095", "ten", "-1", "1.5"):
        assert v.check_vlan(bad) is not None


def test_memory():
    assert v.check_memory(2048) is None
    warning = v.check_memory(256)
    assert warning is not None and warning.warning
    error = v.check_memory(8)
    assert error is not None and not error.warning


def test_disk_size():
    assert v.check_disk_size(32) is None and v.check_disk_size(0.5) is None
    assert v.check_disk_size(0) is not None and v.check_disk_size(10 ** 7) is not None


def test_mac():
    assert v.check_mac("") is None and v.check_mac("BC:24:11:2A:3B:4C") is None
    assert v.check_mac("BC:24:11:2A:3B") is not None
    assert v.check_mac("01:00:5E:00:00:01") is not None  # multicast
    assert v.check_mac("zz:24:11:2a:3b:4c") is not None


def test_ipv4_cidr_and_gateway():
    assert v.check_cidr("10.0.0.5/24") is None
    for bad in ("10.0.0.5", "10.0.0.300/24", "10.0.0.0/24", "10.0.0.255/24", "2001:db8::5/64", ""):
        assert v.check_cidr(bad) is not None, bad
    assert v.check_gateway("10.0.0.1", "10.0.0.5/24") is None
    assert v.check_gateway("", "10.0.0.5/24") is None
    assert v.check_gateway("10.0.0.5", "10.0.0.5/24") is not None
    assert v.check_gateway("10.0.1.1", "10.0.0.5/24").warning
    assert not v.check_gateway("gateway", "10.0.0.5/24").warning


def test_ipv6_cidr_and_gateway():
    assert v.check_cidr("2001:db8::5/64", 6) is None
    assert v.check_cidr("10.0.0.5/24", 6) is not None
    assert v.check_cidr("2001:db8::zz/64", 6) is not None
    assert v.check_gateway("2001:db8::1", "2001:db8::5/64", 6) is None
    assert v.check_gateway("10.0.0.1", "2001:db8::5/64", 6) is not None


@given(st.ip_addresses())
def test_any_ip_is_a_dns_server(address):
    assert v.check_dns_servers(str(address)) is None


def test_dns_servers():
    assert v.check_dns_servers("") is None
    assert v.check_dns_servers("1.1.1.1, 9.9.9.9 2620:fe::fe") is None
    assert v.split_servers("1.1.1.1, 9.9.9.9") == ["1.1.1.1", "9.9.9.9"]
    assert v.check_dns_servers("1.1.1.1 dns.google").args == ("dns.google",)
    assert v.check_dns_servers("1.1.1.1 1.0.0.1 8.8.8.8 8.8.4.4").warning


def test_domain():
    assert v.check_domain("") is None and v.check_domain("example.com") is None
    assert v.check_domain("exa mple.com") is not None and v.check_domain("-x.com") is not None


def test_mount_path():
    assert v.check_mount_path("/data") is None and v.check_mount_path("/srv/www") is None
    for bad in ("", "data", "/", "/a/../b", "/a b", "/a,b"):
        assert v.check_mount_path(bad) is not None, bad


def _key(kind):
    blob = struct.pack(">I", len(kind)) + kind.encode() + b"\x00" * 32
    return "{0} {1} me@host".format(kind, base64.b64encode(blob).decode())


def test_ssh_keys():
    good = _key("ssh-ed25519")
    assert v.check_ssh_keys("") is None
    assert v.check_ssh_keys(good + "\n\n" + _key("ssh-rsa")) is None
    # PVE runs ssh-keygen -l on every non-empty line: a comment line is refused, and DSA on PVE 9.
    assert v.check_ssh_keys("# mine\n" + good).args == (1,)
    assert v.check_ssh_keys(good + "\n" + _key("ssh-dss")).args == (2,)
    assert "DSA" in v.check_ssh_keys(_key("ssh-dss")).message
    assert v.check_ssh_keys(good + "\nhello world").args == (2,)
    assert v.check_ssh_keys("ssh-ed25519 notbase64!!") is not None
    assert v.check_ssh_keys(_key("ssh-rsa").replace("ssh-rsa ", "ssh-ed25519 ", 1)) is not None
    # ssh-keygen -l skips an authorized_keys line's options (OpenSSH ssh-keygen.c do_fingerprint:
    # up to the first blank outside double quotes, \" no quote), so PVE takes such a key, and
    # pve-manager's CloudInit.js lists it "with options".
    assert v.check_ssh_keys('from="10.0.0.0/8",command="echo \\"a b\\"",no-pty ' + good) is None
    assert v.public_key('no-pty ' + good) == tuple(good.split()[:2])
    assert v.check_ssh_keys('from="10.0.0.0/8 ' + good) is not None  # the quote never closes
    assert v.check_ssh_keys("no-pty ssh-ed25519 notbase64") is not None
    assert "DSA" in v.check_ssh_keys("no-pty " + _key("ssh-dss")).message

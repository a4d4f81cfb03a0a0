"""The layout tables (pve/keymaps.py) and the .vv builder (pve/spice.py): pure, no Qt."""

import string

import pytest

from virton_desktop.pve import keymaps, spice
from virton_desktop.pve.keymaps import ALTGR, SHIFT

MUST_HAVE = ("en-us", "de", "de-ch", "fr", "cz", "en-gb", "es", "it")


def only(text, layout):
    plan = keymaps.plan(text, layout)
    assert plan.refused == ()
    return [s.keys for s in plan.strokes]


@pytest.mark.parametrize("layout", keymaps.LAYOUT_NAMES)
def test_every_table_has_rows_of_the_right_length_and_types_letters_and_digits(layout):
    chars, _dead = keymaps.table(layout)   # raises on a row of the wrong length
    for char in string.ascii_letters + string.digits + " \n\t":
        assert keymaps.strokes_for(char, layout) is not None, (layout, char)
    assert len(chars) > 60


def test_the_layouts_asked_for_are_there():
    assert set(MUST_HAVE) <= set(keymaps.LAYOUT_NAMES)


def test_us_types_all_of_ascii_on_the_keys_printed_on_them():
    only(string.printable.replace("\r", "").replace("\x0b", "").replace("\x0c", ""), "en-us")
    assert only("a", "en-us") == [((ord("a"), "KeyA"),)]
    assert only("@", "en-us") == [(SHIFT, (ord("@"), "Digit2"))]


@pytest.mark.parametrize("layout", ["de", "de-ch", "cz"])
def test_qwertz_layouts_swap_y_and_z(layout):
    assert only("z", layout) == [((ord("z"), "KeyY"),)]
    assert only("Y", layout) == [(SHIFT, (ord("Y"), "KeyZ"))]


def test_german_shifted_altgr_and_umlaut_keys():
    assert only("@", "de") == [(ALTGR, (ord("@"), "KeyQ"))]
    assert only("\"", "de") == [(SHIFT, (ord("\""), "Digit2"))]
    assert only("ü", "de") == [((0xFC, "BracketLeft"),)]
    assert only("{", "de") == [(ALTGR, (ord("{"), "Digit7"))]


def test_accents_without_a_key_of_their_own_use_a_dead_key():
    # é on German: dead acute (the key right of ß), then e.
    assert only("é", "de") == [((0xFE51, "Equal"),), ((ord("e"), "KeyE"),)]
    # ô on French: dead circumflex, then o; é has its own key there.
    assert only("ô", "fr") == [((0xFE52, "BracketLeft"),), ((ord("o"), "KeyO"),)]
    assert only("é", "fr") == [((0xE9, "Digit2"),)]
    # ^ on German is the dead circumflex followed by Space.
    assert only("^", "de") == [((0xFE52, "Backquote"),), ((0x20, "Space"),)]


def test_french_digits_need_shift():
    assert only("1", "fr") == [(SHIFT, (ord("1"), "Digit1"))]
    assert only("a", "fr") == [((ord("a"), "KeyQ"),)]


def test_characters_a_layout_cannot_type_are_named_once():
    plan = keymaps.plan("señor ñ ☃", "de")
    assert plan.refused == ("ñ", "☃")
    assert keymaps.plan("señor", "es").refused == ()


def test_unknown_keyboard_options_fall_back_to_us():
    assert keymaps.layout_for(None) == "en-us"
    assert keymaps.layout_for("ja") == "en-us"      # PVE knows it; we have no table
    assert keymaps.layout_for("de-ch") == "de-ch"


ANSWER = {
    "secure-attention": "Ctrl+Alt+Ins", "toggle-fullscreen": "Shift+F11", "release-cursor": "Ctrl+Alt+R",
    "type": "spice", "title": "VM 111 - monitoring", "host": "pvespiceproxy:abc:111:pve3::def",
    "proxy": "http://pve.example.com:3128", "tls-port": 61000, "host-subject": "OU=PVE Cluster Node,CN=pve3",
    "ca": "-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n", "password": "s3cret",
    "delete-this-file": 1,
}


def test_vv_file_is_a_virt_viewer_section_of_key_value_lines():
    text = spice.vv_text(ANSWER)
    lines = text.splitlines()
    assert lines[0] == "[virt-viewer]"
    assert "tls-port=61000" in lines and "delete-this-file=1" in lines and "password=s3cret" in lines
    assert "ca=-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n" in lines
    assert len(lines) == 1 + len(ANSWER)


def test_vv_file_refuses_injected_lines_and_escapes_a_raw_ca():
    with pytest.raises(spice.SpiceConfigError):
        spice.vv_text({**ANSWER, "title": "x\nhost=evil"})
    with pytest.raises(spice.SpiceConfigError):
        spice.vv_text({**ANSWER, "type": "vnc"})
    with pytest.raises(spice.SpiceConfigError):
        spice.vv_text({k: v for k, v in ANSWER.items() if k != "password"})
    text = spice.vv_text({**ANSWER, "ca": "A\nB\n", "unknown-key": "dropped"})
    assert "ca=A\\nB\\n" in text.splitlines() and "unknown-key" not in text


@pytest.mark.parametrize("vga, yes", [("qxl", True), ("qxl3,memory=32", True), ("type=qxl2", True),
                                      ("virtio", True), ("std", False), (None, False), ("serial0", False)])
def test_which_displays_speak_spice(vga, yes):
    assert spice.has_spice({"vga": vga} if vga else {}) is yes


def test_vnc_clipboard_option():
    assert spice.has_vnc_clipboard({"vga": "std,clipboard=vnc"})
    assert not spice.has_vnc_clipboard({"vga": "qxl"})

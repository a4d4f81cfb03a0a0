"""Tags in every form PVE reads them, written through the tag editors against the demo.

A guest's `tags` (qemu-server QemuServer.pm / pve-container Config.pm: format `pve-tag-list`) is
read by pve-common's split_list (ParseUtils.pm: `,` and `;` are blanks, any run of blanks - `\\s`,
tabs too - separates) and each tag must match `pve-tag` (JSONSchema.pm pve_verify_tag:
`[a-z0-9_][a-z0-9_\\-\\+\\.]*`, any case). PVE writes the list with `;`, as pve-guest-common's
get_unique_tags (GuestHelpers.pm) makes it from what a write sends: duplicates dropped, lower case
unless the datacenter's `tag-style` has `case-sensitive`, sorted (by lower case unless
case-sensitive) unless its `ordering` is `config`.

For guests whose tags are written `a;b`, `a,b`, `a b`, with a tab, in mixed case, with duplicates
and in mixed forms, under each tag-style, through the editors the main window opens (typed with
QTest.keyClicks): opening shows the guest's tags; saving untouched writes nothing; adding or
removing one tag writes `tags` alone, to what PVE stores of the guest's tags with that change
(every other tag kept, with its case where the cluster is case-sensitive); a tag already there
writes nothing. What PVE's pattern refuses is refused before anything is sent: nothing typed or
pasted carries `;`, `,`, `=`, a blank or a line break into the value written.
"""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget
from test_tags_ui import _config, _open_editor, _save, _tag_writes

FORMS = {  # vmid: tags as the config holds them
    900: "alpha;beta",  # as PVE writes them
    901: "alpha,beta",  # older configs
    902: "alpha beta",
    903: "alpha\tbeta",  # any blank (\s)
    904: "Alpha;BETA;gamma",  # mixed case (a case-sensitive cluster keeps it)
    905: "beta;alpha;beta;ALPHA",  # duplicates, one only by case
    906: "zeta, alpha;Beta  gamma",  # mixed separators, not sorted
}
ADD, REMOVE, AGAIN = 0, 10, 20  # each form three times: a tag added, one removed, one already there
STYLES = {  # datacenter.cfg tag-style (the demo's colours and shape kept)
    "default": {},
    "ordering-config": {"ordering": "config"},
    "case-sensitive": {"case-sensitive": 1},
    "case-sensitive-ordering-config": {"case-sensitive": 1, "ordering": "config"},
}


def split_list(text: str) -> list[str]:
    """pve-common src/PVE/ParseUtils.pm split_list (the string is no Perl utf8 one: \\s is ASCII)."""
    if "\0" in text:
        return text.split("\0")
    return [t for t in re.split(r"[ \t\n\r\f\v]+", re.sub(r"[,;]", " ", text)) if t]


def unique_tags(tags: list[str], style: dict) -> str:
    """pve-guest-common src/PVE/GuestHelpers.pm get_unique_tags: what PVE stores of a write."""
    case_sensitive = bool(style.get("case-sensitive"))
    if style.get("ordering") != "config":
        tags = sorted(tags, key=None if case_sensitive else str.lower)
    out: list[str] = []
    for tag in tags:
        tag = tag if case_sensitive else tag.lower()
        if tag not in out:
            out.append(tag)
    return ";".join(out)


@pytest.fixture
def tagged(request, demo):
    """The demo datacenter with the tag-style `request.param`, and a stopped VM per form and edit."""
    demo.pve.vt_datacenter["tag-style"].pop("ordering", None)
    demo.pve.vt_datacenter["tag-style"].update(STYLES[request.param])
    for vmid, raw in FORMS.items():
        for edit in (ADD, REMOVE, AGAIN):
            demo.pve.add_vm(vmid + edit, name="tags-{0}".format(vmid + edit), node="pve1",
                            config={"name": "tags-{0}".format(vmid + edit), "memory": "512", "tags": raw})
    return STYLES[request.param]


def style_loaded(qtbot, window, style):
    loaded = window.tag_actions.options.style
    qtbot.waitUntil(lambda: bool(loaded("demo").color_map) and loaded("demo").case_sensitive == bool(
        style.get("case-sensitive")) and loaded("demo").ordering == style.get("ordering", "alphabetical"),
        timeout=10000)


def item(dialog, text):
    listing = dialog.findChild(QListWidget, "tagList")
    return next(listing.item(i) for i in range(listing.count()) if listing.item(i).text() == text)


@pytest.mark.parametrize("tagged", list(STYLES), indirect=True)
def test_one_tag_added_or_removed_writes_tags_alone_as_pve_stores_them(qtbot, tagged, window, demo):
    style = tagged
    style_loaded(qtbot, window, style)
    fold = (lambda t: t) if style.get("case-sensitive") else str.lower
    for vmid, raw in FORMS.items():
        tags = split_list(raw)
        # shown: the guest's tags as PVE reads them
        dialog = _open_editor(qtbot, window, vmid + ADD)
        assert sorted(dialog.current_tags()) == sorted(set(tags)), raw
        if style.get("ordering") == "config":
            assert dialog.current_tags() == list(dict.fromkeys(tags))
        # untouched: nothing to save, and saving anyway writes nothing
        assert not dialog.save_button.isEnabled()
        demo.pve.vt_writes.clear()
        with qtbot.waitSignal(dialog.finished, timeout=10000):
            dialog.save()
        assert _tag_writes(demo) == []
        # one tag added
        dialog = _open_editor(qtbot, window, vmid + ADD)
        QTest.keyClicks(dialog.findChild(QLineEdit, "tagNew"), "New-tag")
        QTest.keyClick(dialog.findChild(QLineEdit, "tagNew"), Qt.Key.Key_Return)
        _save(qtbot, dialog)
        (_m, _p, form), = _tag_writes(demo)
        assert set(form) == {"tags", "digest"}
        assert _config(demo, vmid + ADD)["tags"] == unique_tags(tags + ["New-tag"], style), raw
        # one tag removed (beta in one of its spellings): every spelling PVE takes for it goes
        demo.pve.vt_writes.clear()
        dialog = _open_editor(qtbot, window, vmid + REMOVE)
        gone = next(t for t in dialog.current_tags() if t.lower() == "beta")
        dialog.findChild(QListWidget, "tagList").setCurrentItem(item(dialog, gone))
        QTest.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
        _save(qtbot, dialog)
        (_m, _p, form), = _tag_writes(demo)
        assert set(form) == {"tags", "digest"}
        assert _config(demo, vmid + REMOVE)["tags"] == unique_tags([t for t in tags if fold(t) != fold(gone)], style)
        # a tag already there (for a case-insensitive cluster: in any case) writes nothing
        demo.pve.vt_writes.clear()
        dialog = _open_editor(qtbot, window, vmid + AGAIN)
        QTest.keyClicks(dialog.findChild(QLineEdit, "tagNew"), tags[-1] if style.get("case-sensitive")
                        else tags[-1].swapcase())
        with qtbot.waitSignal(dialog.finished, timeout=10000):
            dialog.save()
        assert _tag_writes(demo) == [], raw


@pytest.mark.parametrize("tagged", ["case-sensitive"], indirect=True)
def test_a_case_sensitive_cluster_takes_a_tag_differing_only_in_case(qtbot, tagged, window, demo):
    style_loaded(qtbot, window, tagged)
    dialog = _open_editor(qtbot, window, 900 + ADD)  # alpha;beta
    QTest.keyClicks(dialog.findChild(QLineEdit, "tagNew"), "ALPHA")
    QTest.keyClick(dialog.findChild(QLineEdit, "tagNew"), Qt.Key.Key_Return)
    assert sorted(dialog.current_tags()) == ["ALPHA", "alpha", "beta"]
    _save(qtbot, dialog)
    assert _config(demo, 900 + ADD)["tags"] == "ALPHA;alpha;beta"
    # renamed in place to a spelling only the case tells apart
    dialog = _open_editor(qtbot, window, 904 + ADD)  # Alpha;BETA;gamma
    item(dialog, "gamma").setText("alpha")
    assert "alpha" in dialog.current_tags() and dialog.rename_message.isHidden()
    _save(qtbot, dialog)
    assert _config(demo, 904 + ADD)["tags"] == "Alpha;BETA;alpha"


@pytest.mark.parametrize("tagged", ["default"], indirect=True)
def test_a_selection_writes_each_guest_once_with_its_other_tags_kept(qtbot, tagged, window, demo):
    style_loaded(qtbot, window, tagged)
    vmids = [vmid + ADD for vmid in FORMS]
    dialog = _open_editor(qtbot, window, *vmids)
    QTest.keyClicks(dialog.findChild(QLineEdit, "tagsToAdd"), "gamma")
    QTest.keyClicks(dialog.findChild(QLineEdit, "tagsToRemove"), "ALPHA")
    demo.pve.vt_writes.clear()
    _save(qtbot, dialog)
    written = sorted(int(p.split("/")[-2]) for _m, p, _f in _tag_writes(demo))
    assert written == vmids and all(set(f) == {"tags", "digest"} for _m, _p, f in _tag_writes(demo))
    for vmid, raw in FORMS.items():
        expected = unique_tags([t for t in split_list(raw) if t.lower() != "alpha"] + ["gamma"], tagged)
        assert _config(demo, vmid + ADD)["tags"] == expected


REFUSED = ["bad=1", "a;b=c", "x,y=z", "-lead", ".dot", "+plus", "ü", "a\u00a0b", "tag\nvalue=1"]


@pytest.mark.parametrize("tagged", ["default"], indirect=True)
def test_what_pves_pattern_refuses_is_refused_before_sending(qtbot, tagged, window, demo):
    style_loaded(qtbot, window, tagged)
    demo.pve.vt_writes.clear()
    dialog = _open_editor(qtbot, window, 900 + ADD)
    field = dialog.findChild(QLineEdit, "tagNew")
    for text in REFUSED:
        field.clear()
        if not text.isascii() or "\n" in text:  # typed through an input method, or pasted
            QApplication.clipboard().setText(text)
            field.paste()
        else:
            QTest.keyClicks(field, text)
        assert field.text() == text and dialog.input.blocking(), text
        assert not dialog.save_button.isEnabled() and not dialog.add_button.isEnabled()
        QTest.keyClick(field, Qt.Key.Key_Return)
        dialog.save()  # even when called: nothing goes out
        assert dialog.current_tags() == ["alpha", "beta"]
    for text in REFUSED:  # a rename in place
        item(dialog, "beta").setText(text)
        assert dialog.current_tags() == ["alpha", "beta"] and not dialog.rename_message.isHidden()
    dialog.reject()
    bulk = _open_editor(qtbot, window, 900 + ADD, 901 + ADD)
    for name in ("tagsToAdd", "tagsToRemove"):
        for text in REFUSED:
            bulk.findChild(QLineEdit, name).clear()
            QApplication.clipboard().setText(text)
            bulk.findChild(QLineEdit, name).paste()
            assert not bulk.save_button.isEnabled(), text
        bulk.findChild(QLineEdit, name).clear()
    bulk.reject()
    assert _tag_writes(demo) == []
    # blanks and line breaks pasted between tags separate them (split_list), as ; and , do
    dialog = _open_editor(qtbot, window, 900 + ADD)
    QApplication.clipboard().setText("one\ttwo\nthree\n")
    dialog.findChild(QLineEdit, "tagNew").paste()
    assert not dialog.input.blocking()
    _save(qtbot, dialog)
    (_m, _p, form), = _tag_writes(demo)
    assert form["tags"] == "alpha;beta;one;three;two"
    assert _config(demo, 900 + ADD)["tags"] == "alpha;beta;one;three;two"


@pytest.mark.parametrize("tagged", ["case-sensitive"], indirect=True)
def test_a_write_before_the_clusters_tag_style_is_known_keeps_the_case(qtbot, tagged, window, demo):
    """The tag options have not answered (or could not be read): the app must not lower-case the
    guest's other tags on PVE's defaults; PVE stores what it stores of what was written."""
    from virton_desktop.pve import tags as T
    from virton_desktop.ui.tags.tag_writer import TagWriter

    vmid = 904 + ADD  # Alpha;BETA;gamma
    inst = next(i for i in window.model.instances_of("demo") if i.vmid == vmid)
    writer = TagWriter(window.clusters.get, lambda cluster: T.TagStyle(known=False))
    with qtbot.waitSignal(writer.finished, timeout=10000) as done:
        writer.write([(inst, lambda tags: T.retag(tags, add=["db"], style=T.TagStyle(known=False)))])
    assert done.args[0].written == [inst]
    assert _config(demo, vmid)["tags"] == unique_tags(["Alpha", "BETA", "gamma", "db"], tagged) == "Alpha;BETA;db;gamma"

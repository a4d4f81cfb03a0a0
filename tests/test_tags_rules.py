"""pve.tags against PVE's own code: format, default colours (values from running the JS of
proxmox-widget-toolkit Utils.js stringToRGB/getTextContrastClass under node), the colour map,
order, PVE's stored form, and who may set which tag."""

import pytest

from virton_desktop.models.instance_filter import InstanceFilter, has_tags, tag_criterion
from virton_desktop.pve import tags
from virton_desktop.pve.tags import TagAccess, TagStyle

# node: stringToRGB(t), getTextContrastClass(rgb) of the widget toolkit's Utils.js, verbatim.
JS_COLOURS = {
    "prod": ((122.70000000000002, 213, 105.20000000000002), "dark"),
    "dev": ((76.50000000000001, 91.20000000000002, 252.89999999999998), "light"),
    "web": ((210.2, 191.3, 250.10000000000002), "dark"),
    "db": ((239.60000000000002, 121.30000000000001, 119.9), "light"),
    "k8s": ((133.20000000000002, 138.8, 134.60000000000002), "light"),
    "team-a": ((230.5, 238.2, 248), "dark"),
    "windows": ((153.5, 129.70000000000002, 116.4), "light"),
    "Prod": ((145.10000000000002, 103.80000000000001, 79.30000000000001), "light"),
}


@pytest.mark.parametrize("tag", sorted(JS_COLOURS))
def test_default_colour_is_pves_hash(tag):
    rgb, contrast = JS_COLOURS[tag]
    assert tags.string_to_rgb(tag) == pytest.approx(rgb, abs=1e-9)
    assert tags.light_text(tags.string_to_rgb(tag)) == (contrast == "light")
    bg, fg = TagStyle().colors(tag)
    assert bg == tuple(int(c + 0.5) for c in rgb)  # CSS rounding of rgb(76.5, ...)
    assert fg == (tags.WHITE if contrast == "light" else tags.BLACK)


def test_colour_map_from_options():
    style = TagStyle.from_options({"tag-style": {"color-map": "prod:c0392b:ffffff;dev:2e86c1;bad:xyz",
                                                 "shape": "dense", "ordering": "config"}})
    assert style.colors("prod") == ((0xC0, 0x39, 0x2B), (255, 255, 255))
    assert style.colors("dev") == ((0x2E, 0x86, 0xC1), tags.WHITE)  # no text colour: by luminance
    assert "bad" not in style.color_map
    assert (style.shape, style.ordering) == ("dense", "config")
    # an older answer: the option as datacenter.cfg's property string
    assert TagStyle.from_options({"tag-style": "shape=none,color-map=a:000000"}).shape == "none"
    assert TagStyle.from_options({}).shape == "circle"  # PVE's default


def test_format_split_and_order():
    assert tags.split("prod;web, db  x") == ("prod", "web", "db", "x")
    assert all(tags.is_valid(t) for t in ("prod", "_x", "a.b-c+d", "K8S"))
    assert not any(tags.is_valid(t) for t in ("-x", ".x", "a b", "ü", "a;b", ""))
    assert TagStyle().ordered(("web", "DB", "api")) == ("api", "DB", "web")
    assert TagStyle(ordering="config").ordered(("web", "DB")) == ("web", "DB")


def test_split_and_pattern_as_pve_reads_a_tag_list():
    # pve-common src/PVE/ParseUtils.pm split_list: `,` `;` and any run of blanks separate (\s:
    # tabs and line breaks too); a string holding NUL is split on NUL alone.
    assert tags.split("a\tb\nc ,; d\r\ne") == ("a", "b", "c", "d", "e")
    assert tags.split("a\0b c") == ("a", "b c")
    assert tags.split("a\u00a0b") == ("a\u00a0b",)  # not a blank to Perl on PVE's byte strings
    # JSONSchema.pm pve_verify_tag over a tag split_list gave: no blank or line break is in it;
    # Python's `$` (as Perl's) also matches before a final line break, so the whole tag is held.
    assert not tags.is_valid("prod\n") and not tags.is_valid("a\tb")
    # pve-guest-common GuestHelpers.pm get_unique_tags: case tells tags apart only when the
    # datacenter's tag-style is case-sensitive
    sensitive = TagStyle(case_sensitive=True)
    assert tags.retag(("alpha", "beta"), add=("ALPHA",), style=sensitive) == ("ALPHA", "alpha", "beta")
    assert tags.retag(("alpha", "beta"), add=("ALPHA",)) == ("alpha", "beta")
    assert tags.retag(("Alpha", "alpha", "beta"), remove=("alpha",), style=sensitive) == ("Alpha", "beta")


def test_retag_as_pve_stores_it():
    config = TagStyle(ordering="config")
    assert tags.retag(("zeta", "prod", "web"), add=("new",), remove=("PROD",), style=config) == ("zeta", "web", "new")
    assert tags.retag(("zeta", "prod"), add=("Alpha",)) == ("alpha", "prod", "zeta")
    assert not tags.changed(("Prod", "web"), ("web", "prod"))  # alphabetical: the same set
    assert tags.changed(("prod", "web"), ("web", "prod"), config)
    assert tags.update_params((), "abc") == {"delete": "tags", "digest": "abc"}
    assert tags.update_params(("a", "b"), None) == {"tags": "a;b"}


def test_access_rules():
    full = TagAccess.from_options({"user-tag-access": {"user-allow": "existing", "user-allow-list": ["team-a"]},
                                   "registered-tags": ["prod"], "allowed-tags": ["team-a", "web"]})
    assert full.known and full.refusal("prod", privileged=False) == tags.REGISTERED
    assert full.refusal("prod", privileged=True) is None
    assert full.refusal("web", privileged=False) is None
    assert full.refusal("brand-new", privileged=False) == tags.NOT_ALLOWED
    assert full.completions(("web", "prod", "db"), privileged=False) == ["team-a", "web"]
    assert full.completions(("web", "db"), privileged=True) == ["db", "prod", "team-a", "web"]
    hidden = TagAccess.from_options({"allowed-tags": ["web"]})  # no Sys.Audit: the rules are not shown
    assert not hidden.known and hidden.refusal("other", privileged=False) == tags.UNSURE
    # a tag seen on a guest but not allowed: registered, or the cluster allows only a list
    assert hidden.refusal("prod", privileged=False, visible={"prod", "web"}) == tags.NOT_ALLOWED
    assert TagAccess.from_options({"user-tag-access": "user-allow=none"}).refusal("x", False) == tags.NO_TAGS


def test_filter_criterion_is_reusable():
    wanted = tag_criterion(["Prod", "web"])
    assert has_tags(("web", "PROD", "x"), wanted) and not has_tags(("web",), wanted)
    f = InstanceFilter(tags=wanted)
    assert not f.is_empty() and InstanceFilter(tags=wanted | {"db"}).narrows(f)
    assert not f.narrows(InstanceFilter(tags=wanted | {"db"}))


def test_a_style_not_known_yet_leaves_the_folding_to_pve():
    """Before GET /cluster/options has answered, the cluster may be case-sensitive: a write sends
    the tags as written (no lower-casing, no sorting, only exact duplicates dropped) and PVE's
    get_unique_tags folds them by the datacenter's real tag-style (pve-guest-common GuestHelpers.pm)."""
    unknown = TagStyle(known=False)
    assert unknown.unique(["Prod", "web", "Prod", "prod"]) == ("Prod", "web", "prod")
    assert tags.retag(["Prod", "web"], add=["db"], style=unknown) == ("Prod", "web", "db")
    assert tags.retag(["Prod", "web"], remove=["web"], style=unknown) == ("Prod",)
    assert unknown == TagStyle()  # what is shown meanwhile: PVE's defaults

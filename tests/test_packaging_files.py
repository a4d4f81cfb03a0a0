"""Desktop integration files: the .desktop entry, the AppStream metainfo, the icon set.

The validators (desktop-file-validate from desktop-file-utils, appstreamcli from appstream)
are run when installed (`.ci/run` installs them through `scripts/dev.py setup`); the
structural checks below run everywhere.
"""

import configparser
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from virton_desktop import __version__

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "virton_desktop" / "resources"
DESKTOP = RESOURCES / "virton-desktop.desktop"
METAINFO = RESOURCES / "io.github.virton.VirtonDesktop.metainfo.xml"
ICONS = RESOURCES / "icons"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_keys():
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "VirtOn Desktop"
    assert entry["Exec"].split()[0] == "virton-desktop"
    assert entry["Icon"] == "virton-desktop"  # a theme name, installed under hicolor by the .deb
    assert entry["Terminal"] == "false"
    categories = entry["Categories"].rstrip(";").split(";")
    assert "System" in categories  # a main category
    assert entry["Categories"].endswith(";") and entry["Keywords"].endswith(";")
    assert "GenericName[ko]" in entry and "Comment[ko]" in entry


def test_desktop_file_name_matches_the_app():
    """Qt reports the desktop file name to Wayland/X11; it must name this file."""
    app_py = (ROOT / "virton_desktop" / "app.py").read_text(encoding="utf-8")
    assert 'setDesktopFileName("virton-desktop")' in app_py


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate not installed (apt-get install desktop-file-utils)")
def test_desktop_file_validate():
    out = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and not out.stdout.strip(), out.stdout + out.stderr


def test_metainfo_required_elements():
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == METAINFO.name.removesuffix(".metainfo.xml")
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "AGPL-3.0-or-later"
    assert root.findtext("name") == "VirtOn Desktop"
    assert root.findtext("summary")
    assert root.find("description/p") is not None
    launchable = root.find("launchable")
    assert launchable.get("type") == "desktop-id" and launchable.text == DESKTOP.name
    assert root.findtext("provides/binary") == "virton-desktop"
    assert root.find("content_rating").get("type") == "oars-1.1"
    versions = [r.get("version") for r in root.findall("releases/release")]
    assert versions and versions[0] == __version__  # newest first, the version we ship


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli not installed (apt-get install appstream)")
def test_appstreamcli_validate():
    out = subprocess.run(["appstreamcli", "validate", "--no-net", "--explain", str(METAINFO)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr


def test_icon_set_is_complete():
    assert (ICONS / "virton-desktop.svg").is_file()
    for size in ICON_SIZES:
        png = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "virton-desktop.png"
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", png
        width, height = struct.unpack(">II", data[16:24])  # IHDR
        assert (width, height) == (size, size), png


def test_windows_icon_has_several_sizes():
    data = (ICONS / "virton-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    sizes = set()
    for i in range(count):
        width, _h, _c, _r, _planes, _bpp, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i:22 + 16 * i])
        sizes.add(width or 256)
        assert offset + length <= len(data)
        if width == 0:  # 256 px: PNG, as Windows stores it
            assert data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n"
        else:  # a 32-bit bitmap of twice the height (colour rows + AND mask)
            size, w, h, _planes, bpp = struct.unpack("<IiiHH", data[offset:offset + 16])
            assert (size, w, h, bpp) == (40, width, 2 * width, 32)
    assert {16, 32, 48, 256} <= sizes

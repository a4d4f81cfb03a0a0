"""The wheel, i.e. what `pip install .` and `pipx install .` put on a machine, is the whole app.

The installers carry the data files through PyInstaller (smoke-tested by packaging/linux/);
a pip/pipx install gets only what setuptools' package-data puts in the wheel: the translations'
.qm files, noVNC, xterm.js, the console page, the icons, the desktop entry. A file missing
there breaks only pipx users, at run time, so the wheel is built here and read back.

Built from a copy of the sources, so that setuptools' build/ and egg-info never land in the
working tree (a stale build/lib would also leak deleted modules into later wheels); pip builds
it in an isolated environment with the setuptools pyproject.toml asks for, from the package
index pip is configured with (the same one `scripts/dev.py setup` installs from). About 3 s.
"""

import configparser
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from virton_desktop import __version__

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "virton_desktop"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(PACKAGE, src / PACKAGE.name, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-input", "--disable-pip-version-check",
         "-q", "-w", str(out), str(src)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = out.glob("virton_desktop-*.whl")
    with zipfile.ZipFile(built) as archive:
        yield archive


def _source_files() -> set[str]:
    return {path.relative_to(ROOT).as_posix() for path in PACKAGE.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts}


def test_every_file_of_the_package_is_in_the_wheel(wheel):
    names = set(wheel.namelist())
    missing = sorted(_source_files() - names)
    assert not missing, "not in the wheel: {0}".format(missing[:20])
    # The data files the app opens at run time, by kind, so that an empty source tree cannot pass.
    for needed in ("virton_desktop/resources/translations/virton_desktop_ko.qm",
                   "virton_desktop/resources/virton-desktop.desktop",
                   "virton_desktop/resources/io.github.virton.VirtonDesktop.metainfo.xml",
                   "virton_desktop/resources/icons/virton-desktop.svg"):
        assert needed in names
    for folder in ("novnc", "xterm", "console"):
        assert any(name.startswith("virton_desktop/resources/{0}/".format(folder)) for name in names), folder


def test_the_wheel_holds_the_app_and_its_metadata_only(wheel):
    dist_info = "virton_desktop-{0}.dist-info/".format(__version__)
    stray = [name for name in wheel.namelist()
             if not name.startswith(("virton_desktop/", dist_info)) or "__pycache__" in name]
    assert not stray  # no tests/, packaging/, scripts/ or byte code


def test_the_wheel_installs_the_command(wheel):
    dist_info = "virton_desktop-{0}.dist-info/".format(__version__)
    entry_points = configparser.ConfigParser()
    entry_points.read_string(wheel.read(dist_info + "entry_points.txt").decode())
    assert entry_points["console_scripts"]["virton-desktop"] == "virton_desktop.app:main"
    metadata = wheel.read(dist_info + "METADATA").decode()
    assert "\nVersion: {0}\n".format(__version__) in metadata
    assert "\nLicense-Expression: AGPL-3.0-or-later\n" in metadata
    assert dist_info + "licenses/LICENSE" in wheel.namelist()

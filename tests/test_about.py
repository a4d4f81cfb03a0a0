"""About dialog: version, the app's licence, every component's licence (checked against the
installed packages' metadata), the licence text, the application icon; `--version`."""

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QTabWidget, QTextBrowser, QTreeWidget

from virton_desktop import __version__
from virton_desktop.ui.about_dialog import (
    BUNDLED_PACKAGES,
    MAIN_COMPONENTS,
    AboutDialog,
    application_icon,
)

ROOT = Path(__file__).resolve().parent.parent

# What the issue asks the About dialog to name, and the licence each one is under.
REQUIRED = {
    "Qt for Python": "LGPL-3.0-only",
    "Qt WebEngine": "LGPL-3.0-only",
    "noVNC": "MPL-2.0",
    "fakepve": "AGPL-3.0-or-later",
    "urllib3": "MIT",
    "pyqtgraph": "MIT",
    "keyring": "MIT",
}

# Old-style METADATA (a classifier or a free-text License field) -> SPDX ids it stands for.
CLASSIFIER_SPDX = {
    "License :: OSI Approved :: MIT License": {"MIT"},
    "License :: OSI Approved :: BSD License": {"BSD-2-Clause", "BSD-3-Clause"},
    "License :: OSI Approved :: Apache Software License": {"Apache-2.0"},
    "License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)": {"MPL-2.0"},
}
FREE_TEXT_SPDX = {"Apache 2.0": "Apache-2.0"}


@pytest.fixture
def dialog(qtbot):
    d = AboutDialog()
    qtbot.addWidget(d)
    return d


def test_version_is_shown_and_matches_the_package(dialog):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert __version__ == project["version"] == "0.1.0"
    assert dialog.version_label.text() == "Version 0.1.0"
    assert "VirtOn Desktop" in dialog.windowTitle()


def test_command_line_version():
    out = subprocess.run([sys.executable, "-m", "virton_desktop", "--version"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "virton-desktop 0.1.0"


def test_notice_states_agpl_and_source_availability(dialog):
    text = dialog.notice.toPlainText()
    assert "GNU Affero General Public License" in text
    assert "AGPL-3.0-or-later" in text
    assert "version 3" in text and "any later version" in text
    assert "source code" in text
    assert "Lesser General Public License" in text  # Qt's LGPL: libraries replaceable
    assert "Chromium" in text


def test_every_required_component_is_listed_with_its_license(dialog):
    shown = dialog.component_licenses()
    for prefix, spdx in REQUIRED.items():
        matches = [name for name in shown if name.startswith(prefix)]
        assert matches, "About lists no " + prefix
        assert all(shown[name] == spdx for name in matches), (prefix, {n: shown[n] for n in matches})


def _declared(dist_name: str) -> set[str]:
    """SPDX expressions a distribution's METADATA declares (License-Expression, License, classifiers)."""
    md = metadata.metadata(dist_name)
    declared = set()
    for field in ("License-Expression", "License"):
        value = (md.get(field) or "").strip()
        if value and "\n" not in value and len(value) < 120:  # some put the whole licence text here
            declared.add(FREE_TEXT_SPDX.get(value, value))
    for classifier in md.get_all("Classifier") or []:
        declared |= CLASSIFIER_SPDX.get(classifier, set())
    return declared


def _agrees(shown: str, declared: set[str]) -> bool:
    for expression in declared:
        if shown == expression:
            return True
        # A choice ("LGPL-3.0-only OR GPL-2.0-only OR ..."): we use it under the one we name.
        if " OR " in expression and " " not in shown and shown in expression.split(" OR "):
            return True
    return False


@pytest.mark.parametrize("component", [c for c in MAIN_COMPONENTS + BUNDLED_PACKAGES if c.dist],
                         ids=lambda c: c.name)
def test_license_agrees_with_installed_metadata(component):
    declared = _declared(component.dist)
    assert declared, component.dist + " declares no licence in its METADATA"
    assert _agrees(component.license, declared), (component.name, component.license, declared)


def test_every_installed_runtime_dependency_is_listed():
    """Walk the runtime requirements from our own dependencies: each distribution is named."""
    listed = {_norm(c.dist) for c in MAIN_COMPONENTS + BUNDLED_PACKAGES if c.dist}
    listed |= {"pyside6-essentials", "pyside6-addons", "shiboken6", "jaraco-classes", "jaraco-context",
               "backports-tarfile", "lazy-importer"}  # under a group entry, or a build-time shim
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    todo = [_requirement_name(r) for r in project["dependencies"]]
    seen = set()
    while todo:
        name = todo.pop()
        if _norm(name) in seen:
            continue
        seen.add(_norm(name))
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue  # a platform-specific dependency (e.g. pywin32-ctypes) not installed here
        for req in requires:
            marker = req.split(";", 1)[1] if ";" in req else ""
            if "extra ==" in marker and 'extra == "crypto"' not in marker:
                continue
            if "win32" in marker or "darwin" in marker:
                continue
            todo.append(_requirement_name(req))
    missing = sorted(n for n in seen if n not in listed and _installed(n))
    assert not missing, "not in the About dialog: " + ", ".join(missing)


def _requirement_name(req: str) -> str:
    return re.split(r"[\s;<>=!\[~(]", req.strip(), maxsplit=1)[0]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _installed(name: str) -> bool:
    try:
        metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return False
    return True


def test_component_purposes_are_extracted_for_translation(tmp_path):
    """lupdate only sees QT_TRANSLATE_NOOP with a literal context: every purpose must reach the .ts."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed beside " + sys.executable)
    ts = tmp_path / "about.ts"
    out = subprocess.run([str(lupdate), str(ROOT / "virton_desktop" / "ui" / "about_dialog.py"), "-ts", str(ts)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    text = ts.read_text(encoding="utf-8")
    for component in MAIN_COMPONENTS:
        assert "<source>{0}</source>".format(component.purpose) in text, component.purpose


def test_license_text_tab_has_the_agpl(dialog):
    text = dialog.license_view.toPlainText()
    assert "GNU AFFERO GENERAL PUBLIC LICENSE" in text
    assert "Version 3" in text


def test_tabs_and_buttons_are_named(dialog):
    for cls in (QTabWidget, QTextBrowser, QTreeWidget, QAbstractButton):
        for widget in dialog.findChildren(cls):
            if widget.objectName().startswith("qt_"):  # Qt's own internals (tab scroll buttons)
                continue
            if isinstance(widget, QAbstractButton) and not widget.isVisibleTo(dialog):
                continue
            assert widget.objectName(), widget
            assert widget.accessibleName() or widget.text(), widget.objectName()


def test_application_icon_has_all_sizes(qapp):
    icon = application_icon()
    sizes = {s.width() for s in icon.availableSizes()}
    assert {16, 22, 24, 32, 48, 64, 128, 256, 512} <= sizes
    assert not icon.pixmap(48, 48).toImage().isNull()

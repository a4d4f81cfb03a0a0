"""About VirtOn Desktop: name, version, the app's licence and the licences of what it ships.

`AboutDialog(parent).exec()` from Help > About. `application_icon()` is the window icon
(the PNG sizes rendered from the SVG by packaging/make_icons.py).

The licence table is static on purpose: the installers carry the packages without their
dist-info metadata, so nothing could be read at run time. `tests/test_about.py` compares
every entry that names a distribution (`dist`) with that distribution's installed METADATA,
so a dependency that changes its licence fails a test instead of going unnoticed.
Colours come from the palette only (light and dark schemes alike).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, qVersion
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from .. import __version__
from . import kit
from .app_icon import ICON_DIR, PACKAGE_DIR, application_icon

__all__ = ["ICON_DIR", "PACKAGE_DIR", "AboutDialog", "application_icon"]

CONTEXT = "AboutDialog"
APP_NAME = "VirtOn Desktop"  # a proper name: not translated
APP_LICENSE = "AGPL-3.0-or-later"


@dataclass(frozen=True)
class Component:
    name: str  # proper name, shown as is
    license: str  # SPDX expression, shown as is
    purpose: str = ""  # English, marked for translation (context AboutDialog)
    dist: str | None = None  # Python distribution whose METADATA states `license`


# What the app is made of; the first group of the Components tab. The context of
# QT_TRANSLATE_NOOP is written out: pyside6-lupdate skips a call whose context is a variable.
MAIN_COMPONENTS: tuple[Component, ...] = (
    Component("Qt for Python (PySide6, Shiboken)", "LGPL-3.0-only",
              QT_TRANSLATE_NOOP("AboutDialog", "Python bindings of Qt"), "PySide6"),
    Component("Qt 6", "LGPL-3.0-only",
              QT_TRANSLATE_NOOP("AboutDialog", "Windows, widgets and networking"),
              "PySide6_Essentials"),
    Component("Qt WebEngine (Chromium)", "LGPL-3.0-only",
              QT_TRANSLATE_NOOP("AboutDialog", "Web view of the consoles"),
              "PySide6_Addons"),
    Component("noVNC 1.7.0", "MPL-2.0", QT_TRANSLATE_NOOP("AboutDialog", "Console (VNC client)")),
    Component("pako", "MIT", QT_TRANSLATE_NOOP("AboutDialog", "Compression for noVNC")),
    Component("xterm.js 6.0.0 (+ fit 0.11.0, search 0.16.0)", "MIT",
              QT_TRANSLATE_NOOP("AboutDialog", "Terminal console (xterm.js)")),
    Component("fakepve", "AGPL-3.0-or-later", QT_TRANSLATE_NOOP("AboutDialog", "Demo cluster"), "fakepve"),
    Component("urllib3", "MIT", QT_TRANSLATE_NOOP("AboutDialog", "HTTPS connections"), "urllib3"),
    Component("pyqtgraph", "MIT", QT_TRANSLATE_NOOP("AboutDialog", "Charts"), "pyqtgraph"),
    Component("keyring", "MIT", QT_TRANSLATE_NOOP("AboutDialog", "Passwords in the system keychain"), "keyring"),
    Component("msgspec", "BSD-3-Clause", QT_TRANSLATE_NOOP("AboutDialog", "Fast JSON decoding"), "msgspec"),
    Component("Python", "PSF-2.0", QT_TRANSLATE_NOOP("AboutDialog", "Interpreter (in the installers)")),
)

# Libraries the ones above pull in; the installers contain them too.
BUNDLED_PACKAGES: tuple[Component, ...] = (
    Component("aiohttp", "Apache-2.0 AND MIT", dist="aiohttp"),
    Component("aiohappyeyeballs", "PSF-2.0", dist="aiohappyeyeballs"),
    Component("aiosignal", "Apache-2.0", dist="aiosignal"),
    Component("attrs", "MIT", dist="attrs"),
    Component("certifi", "MPL-2.0", dist="certifi"),
    Component("cffi", "MIT-0", dist="cffi"),
    Component("colorama", "BSD-3-Clause", dist="colorama"),
    Component("cryptography", "Apache-2.0 OR BSD-3-Clause", dist="cryptography"),
    Component("frozenlist", "Apache-2.0", dist="frozenlist"),
    Component("idna", "BSD-3-Clause", dist="idna"),
    Component("importlib-metadata", "Apache-2.0", dist="importlib-metadata"),
    Component("jaraco.classes, jaraco.context, jaraco.functools", "MIT", dist="jaraco.functools"),
    Component("jeepney", "MIT", dist="jeepney"),
    Component("more-itertools", "MIT", dist="more-itertools"),
    Component("multidict", "Apache-2.0", dist="multidict"),
    Component("NumPy", "BSD-3-Clause AND 0BSD AND MIT AND Zlib AND CC0-1.0", dist="numpy"),
    Component("propcache", "Apache-2.0", dist="propcache"),
    Component("pycparser", "BSD-3-Clause", dist="pycparser"),
    Component("SecretStorage", "BSD-3-Clause", dist="SecretStorage"),
    Component("typing-extensions", "PSF-2.0", dist="typing-extensions"),
    Component("yarl", "Apache-2.0", dist="yarl"),
    Component("zipp", "MIT", dist="zipp"),
)



def license_text() -> str | None:
    """The full AGPL text: LICENSE beside the package (source tree, bundle) or in its metadata."""
    candidate = PACKAGE_DIR.parent / "LICENSE"
    try:
        return candidate.read_text(encoding="utf-8")
    except OSError:
        pass
    try:
        from importlib import metadata

        dist = metadata.distribution("virton-desktop")
        for name in ("licenses/LICENSE", "LICENSE"):
            text = dist.read_text(name)
            if text:
                return text
    except Exception:  # noqa: BLE001 - any failure only means: no text to show
        pass
    return None


class AboutDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(kit.fmt(self.tr("About %1"), APP_NAME))
        self.resize(760, 540)

        icon = QLabel(self)
        icon.setObjectName("aboutIcon")
        icon.setPixmap(application_icon().pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(APP_NAME, self)
        title.setObjectName("aboutTitle")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        self.version_label = QLabel(kit.fmt(self.tr("Version %1"), __version__), self)
        self.version_label.setObjectName("aboutVersion")
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.version_label.setAccessibleName(self.tr("Version"))
        summary = QLabel(self.tr("A desktop client for Proxmox VE clusters."), self)
        summary.setObjectName("aboutSummary")
        summary.setWordWrap(True)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        for label in (title, self.version_label, summary):
            heading.addWidget(label)
        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(icon)
        top.addLayout(heading, 1)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("aboutTabs")
        self.tabs.setAccessibleName(self.tr("About"))
        self.notice = QTextBrowser(self)
        self.notice.setObjectName("aboutNotice")
        self.notice.setAccessibleName(self.tr("License notice"))
        self.notice.setOpenExternalLinks(True)
        self.notice.setHtml(self._notice_html())
        self.tabs.addTab(self.notice, self.tr("License"))
        self.components = self._components_tree()
        self.tabs.addTab(self.components, self.tr("Components"))
        self.license_view = QPlainTextEdit(self)
        self.license_view.setObjectName("aboutLicenseText")
        self.license_view.setAccessibleName(self.tr("GNU Affero General Public License text"))
        self.license_view.setReadOnly(True)
        self.license_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        text = license_text()
        self.license_view.setPlainText(text if text is not None else self.tr(
            "The license text is not installed. It is at https://www.gnu.org/licenses/agpl-3.0.html"))
        self.tabs.addTab(self.license_view, self.tr("License text"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("aboutButtons")
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("aboutClose")
        close.setAccessibleName(self.tr("Close"))
        self.about_qt_button = buttons.addButton(self.tr("About Qt"), QDialogButtonBox.ButtonRole.ActionRole)
        self.about_qt_button.setObjectName("aboutQt")
        self.about_qt_button.setAccessibleName(self.tr("About Qt"))
        self.about_qt_button.clicked.connect(lambda: QApplication.aboutQt())
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def _notice_html(self) -> str:
        paragraphs = [
            self.tr("Copyright © the VirtOn Desktop developers."),
            kit.fmt(self.tr("%1 is free software: you can redistribute it and/or modify it under the terms of "
                            "the GNU Affero General Public License as published by the Free Software Foundation, "
                            "either version 3 of the License, or (at your option) any later version "
                            "(SPDX: %2)."), APP_NAME, APP_LICENSE),
            self.tr("It is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; "
                    "without even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR "
                    "PURPOSE. See the License text tab for details."),
            kit.fmt(self.tr("Source code: you are entitled to the complete corresponding source code of this "
                            "version (%1), under the same license, from whoever gave you this program; it "
                            "includes the scripts that build the installers. If you change the program and "
                            "let others use it, you must offer them your source code too."), __version__),
            kit.fmt(self.tr("It uses Qt %1 through Qt for Python under the GNU Lesser General Public License "
                            "version 3: the Qt libraries are separate shared libraries in the installation "
                            "and can be replaced by your own build. Qt WebEngine contains Chromium, whose "
                            "parts are under BSD-3-Clause and other open-source licenses listed in Qt's "
                            "documentation. The Components tab lists every component and its license."),
                    qVersion()),
        ]
        return "".join("<p>{0}</p>".format(html.escape(p)) for p in paragraphs)

    def _components_tree(self) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setObjectName("aboutComponents")
        tree.setAccessibleName(self.tr("Components and their licenses"))
        tree.setColumnCount(3)
        tree.setHeaderLabels([self.tr("Component"), self.tr("License"), self.tr("Used for")])
        tree.setRootIsDecorated(True)
        tree.setUniformRowHeights(True)
        groups = (
            (self.tr("Main components"), MAIN_COMPONENTS),
            (self.tr("Libraries they use (in the installers)"), BUNDLED_PACKAGES),
        )
        for caption, components in groups:
            group = QTreeWidgetItem(tree, [caption])
            group.setFirstColumnSpanned(True)
            for component in components:
                purpose = QCoreApplication.translate(CONTEXT, component.purpose) if component.purpose else ""
                item = QTreeWidgetItem(group, [component.name, component.license, purpose])
                item.setToolTip(1, component.license)
                item.setToolTip(2, purpose)
            group.setExpanded(True)
        tree.resizeColumnToContents(0)
        tree.resizeColumnToContents(1)
        # The longest licence expression (NumPy's) would push "Used for" out of sight: cap it.
        tree.setColumnWidth(1, min(tree.columnWidth(1), tree.fontMetrics().horizontalAdvance("M") * 16))
        tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        return tree

    def component_licenses(self) -> dict[str, str]:
        """Component name -> licence as shown (for tests and accessibility checks)."""
        shown = {}
        for g in range(self.components.topLevelItemCount()):
            group = self.components.topLevelItem(g)
            for c in range(group.childCount()):
                shown[group.child(c).text(0)] = group.child(c).text(1)
        return shown

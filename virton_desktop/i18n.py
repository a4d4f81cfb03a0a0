"""The UI language: which one to speak, and the Qt translators that speak it.

English is the source language of every `tr()` text; Korean is a full translation. The
setting `ui/language` ("system", "en" or "ko") picks one; "system" (the default) follows
the system locale's UI languages and falls back to English. `install(app)` loads our
`virton_desktop_<lang>.qm` (beside this module, in resources/translations) and Qt's own
`qtbase_<lang>.qm` (the standard dialogs' and context menus' texts), installs them on the
application and returns the language. Call it right after the QApplication exists and
before any widget is made: widgets translate their texts once, when they are built.

pyside6-lupdate names a message's context after the class or variable the `tr` call is
written on, while PySide6 looks a text up under the class of the object at run time. The
two differ for texts written in a base class (`CreateWizardBase` vs `CreateVmWizard`) or
called through another object (`dialog.tr`, `widget.tr`). A last-resort translator
(`_AnyContext`) therefore retries a missed text under the contexts the .ts file files it
under, so such texts are still translated.

Qt Core only (no widgets): the language menu lives in `ui/language_menu.py`.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

log = logging.getLogger(__name__)

SETTING = "ui/language"
SYSTEM = "system"
LANGUAGES = ("en", "ko")  # ISO 639-1 codes of the languages the UI speaks
CHOICES = (SYSTEM,) + LANGUAGES
FALLBACK = "en"
TRANSLATIONS = Path(__file__).resolve().parent / "resources" / "translations"

_installed: list[QTranslator] = []  # kept referenced: Qt does not own installed translators


def saved_choice(settings: QSettings | None = None) -> str:
    """The user's choice from the settings: "system", "en" or "ko" (anything else: "system")."""
    value = str((settings or QSettings()).value(SETTING, SYSTEM) or SYSTEM)
    return value if value in CHOICES else SYSTEM


def save_choice(choice: str, settings: QSettings | None = None) -> None:
    if choice not in CHOICES:
        raise ValueError("unknown UI language: " + choice)
    (settings or QSettings()).setValue(SETTING, choice)


def system_language(locale: QLocale | None = None) -> str:
    """The first of the locale's UI languages that the UI speaks (e.g. ko-KR -> "ko"), else English."""
    locale = locale or QLocale.system()
    for name in locale.uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return FALLBACK


def choose_language(override: str | None = None, settings: QSettings | None = None,
                    locale: QLocale | None = None) -> str:
    """The language to speak: `override` (e.g. --lang), else the setting, else the system's."""
    choice = override if override in CHOICES else saved_choice(settings)
    return system_language(locale) if choice == SYSTEM else choice


def install(app: QCoreApplication | None = None, override: str | None = None,
            settings: QSettings | None = None) -> str:
    """Install the translators for the chosen language on `app`; return the language ("en"/"ko").

    Replaces translators installed by an earlier call. A missing .qm file is logged and
    skipped: the UI then shows the English source texts.
    """
    app = app or QCoreApplication.instance()
    lang = choose_language(override, settings)
    remove(app)
    # Dates, day names and numbers follow the UI language too (the system's own locale
    # when it speaks that language, with its region's conventions).
    QLocale.setDefault(QLocale.system() if system_language() == lang else QLocale(lang))

    ours = QTranslator(app)
    if not ours.load(str(TRANSLATIONS / "virton_desktop_{0}.qm".format(lang))):
        log.warning("no translation file for %s in %s", lang, TRANSLATIONS)
        ours = None
    qt = None
    if lang != "en":  # Qt's own texts are English without a translation
        qt = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if not qt.load("qtbase_" + lang, qt_dir):
            log.warning("Qt's own translation qtbase_%s.qm is not in %s", lang, qt_dir)
            qt = None
    # Qt asks the translator installed last first: ours, then Qt's, then the context retry.
    if ours is not None:
        retry = _AnyContext(ours, TRANSLATIONS / "virton_desktop_{0}.ts".format(lang), app)
        for translator in (retry, qt, ours):
            if translator is not None and app.installTranslator(translator):
                _installed.append(translator)
    elif qt is not None and app.installTranslator(qt):
        _installed.append(qt)
    return lang


def remove(app: QCoreApplication | None = None) -> None:
    """Take the translators of `install` off again (the UI speaks the English source texts)."""
    app = app or QCoreApplication.instance()
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()


def contexts_by_source(ts: Path) -> dict[str, list[str]]:
    """Source text -> the contexts a Qt Linguist .ts file translates it in (unfinished ones left out)."""
    index: dict[str, list[str]] = {}
    root = ET.parse(ts).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
                continue
            index.setdefault(message.findtext("source") or "", []).append(name)
    return index


class _AnyContext(QTranslator):
    """Asks `primary` again under the contexts where the .ts file has the missed text."""

    def __init__(self, primary: QTranslator, ts: Path, parent=None):
        super().__init__(parent)
        self._primary = primary
        try:
            self._contexts = contexts_by_source(ts)
        except (OSError, ET.ParseError) as exc:  # the .ts is optional at run time
            log.warning("translation source %s not readable (%s): texts whose context differs "
                        "at run time stay English", ts, exc)
            self._contexts = {}

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return not self._contexts

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401 - Qt override
        for other in self._contexts.get(source_text, ()):
            if other != context:
                text = self._primary.translate(other, source_text, disambiguation, n)
                if text:
                    return text
        return None  # a null QString: "not found" (an empty str would be taken as the translation)

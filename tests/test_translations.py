"""Translations: the Korean .ts is complete and current, and the main window speaks Korean / English.

- the Korean .ts has a finished, non-empty translation for every message, with the source's
  `%1`/`%n` placeholders and `&` accelerators, and the checked-in .qm files are compiled from it;
- a fresh `pyside6-lupdate` over the sources finds no text the .ts lacks (a new `tr()` text
  fails here until it is translated: run `scripts/update_translations.py`, translate, rerun);
- with the Korean translator installed before the window is built, no English word is left in
  the main window's visible widgets apart from names (products, units, the demo's guests, nodes,
  tags, users); with English, no Hangul shows;
- the language follows the setting, else the system locale (LANG=ko_KR.UTF-8 gives Korean).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QWidget,
)

from virton_desktop import i18n

from conftest import make_session

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "virton_desktop" / "resources" / "translations"
KO_TS = TRANSLATIONS / "virton_desktop_ko.ts"
SCRIPT = ROOT / "scripts" / "update_translations.py"

PLACEHOLDER = re.compile(r"%(?:\d|n)")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Proper names and units that stay as they are in Korean UI text.
NAMES = {
    "VirtOn", "Desktop", "Proxmox", "VE", "PVE", "VM", "CT", "VMID", "QEMU", "LXC", "KVM", "CPU", "vCPU",
    "ID", "GiB", "MiB", "KiB", "TiB", "B", "MB", "s", "HA", "OS", "ISO", "DNS", "IPv4", "IPv6", "IP", "MAC", "SSH",
    "English",  # the language menu names each language in itself
}


def _messages(ts: Path):
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name") or "", message


# ------------------------------------------------------------------ the .ts files


def test_korean_ts_is_complete_with_placeholders_and_accelerators():
    problems = []
    count = 0
    for context, message in _messages(KO_TS):
        count += 1
        source = message.findtext("source") or ""
        translation = message.find("translation")
        where = "{0}: {1!r}".format(context, source[:60])
        if translation.get("type") in ("unfinished", "vanished", "obsolete"):
            problems.append(where + " is " + translation.get("type"))
            continue
        forms = (translation.findall("numerusform") if message.get("numerus") == "yes" else [translation])
        for form in forms:
            text = form.text or ""
            if not text.strip():
                problems.append(where + " has an empty translation")
            missing = set(PLACEHOLDER.findall(source)) - set(PLACEHOLDER.findall(text))
            if missing:
                problems.append(where + " lacks " + ", ".join(sorted(missing)))
            if re.search(r"&\w", source) and not re.search(r"&\w", text):
                problems.append(where + " lacks its & accelerator")
    assert count > 900
    assert not problems, "\n".join(problems)


def test_no_source_text_is_missing_from_the_korean_ts():
    """`update_translations.py --check` runs lupdate into a copy and fails on anything untranslated."""
    run = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, ("New or changed tr() texts lack a Korean translation: run "
                                 "scripts/update_translations.py, translate, run it again.\n" + run.stdout + run.stderr)
    assert "ko: " in run.stdout and " 0 unfinished" in run.stdout


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_checked_in_qm_is_compiled_from_the_ts(tmp_path, lang):
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease is not beside this interpreter")
    fresh = tmp_path / "fresh.qm"
    subprocess.run([str(lrelease), "-nounfinished", str(TRANSLATIONS / "virton_desktop_{0}.ts".format(lang)),
                    "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == (TRANSLATIONS / "virton_desktop_{0}.qm".format(lang)).read_bytes(), \
        "the .qm is stale: run scripts/update_translations.py"


# ------------------------------------------------------------ choosing the language


def test_language_follows_the_setting_then_the_system_locale():
    settings = QSettings()
    korean, english, german = QLocale("ko_KR"), QLocale("en_US"), QLocale("de_DE")
    assert i18n.choose_language(settings=settings, locale=korean) == "ko"
    assert i18n.choose_language(settings=settings, locale=german) == "en"  # not spoken: English
    i18n.save_choice("en", settings)
    assert i18n.choose_language(settings=settings, locale=korean) == "en"
    i18n.save_choice("ko", settings)
    assert i18n.choose_language(settings=settings, locale=english) == "ko"
    assert i18n.choose_language("system", settings=settings, locale=english) == "en"  # --lang wins
    settings.setValue(i18n.SETTING, "klingon")
    assert i18n.saved_choice(settings) == "system"


def test_korean_system_locale_gives_korean_with_qt_translations():
    """A fresh process with LANG=ko_KR.UTF-8 and no setting chooses Korean; Qt's qtbase_ko loads too."""
    code = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "app = QCoreApplication(sys.argv)\n"
        "app.setOrganizationName('VirtOn'); app.setApplicationName('VirtOn Desktop Tests LANG')\n"
        "from virton_desktop import i18n\n"
        "print(i18n.install(app))\n"
        "print(QCoreApplication.translate('InstanceModel', 'Running'))\n"
        "print(QCoreApplication.translate('QLineEdit', '&Copy'))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANGUAGE", "LANG")}
    env.update(LANG="ko_KR.UTF-8", PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[:3] == ["ko", "실행 중", "복사(&C)"], run.stdout


# ------------------------------------------------------------ the main window's texts


def _strip(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text or "")  # rich text
    text = re.sub(r"\(&\w\)", "", text)  # Korean accelerators: 파일(&F)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _menu_texts(menu: QMenu, where: str):
    yield where + " menu", menu.title()
    for action in menu.actions():
        if action.isVisible() and not action.isSeparator():
            if action.menu() is not None:
                yield from _menu_texts(action.menu(), where + " > " + _strip(action.text()))
            else:
                yield where + " > action", action.text()


def visible_texts(window, cells: bool = True) -> list[tuple[str, str]]:
    """(where, text) for every text a user sees in the window; `cells`: with the tables' cells."""
    texts = [("window title", window.windowTitle())]
    for action in window.menuBar().actions():
        if action.menu() is not None:
            texts += list(_menu_texts(action.menu(), "menu bar"))
    for w in window.findChildren(QWidget):
        if not w.isVisible():
            continue
        name = type(w).__name__ + " " + (w.objectName() or "?")
        if isinstance(w, QLabel):
            texts.append((name, w.text()))
        elif isinstance(w, QAbstractButton):
            texts.append((name, w.text()))
        elif isinstance(w, QLineEdit):
            texts.append((name + " placeholder", w.placeholderText()))
            texts.append((name, w.text()))
        elif isinstance(w, QComboBox):
            texts += [(name + " item", w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QGroupBox):
            texts.append((name, w.title()))
        elif isinstance(w, QDockWidget):
            texts.append((name + " title", w.windowTitle()))
        elif isinstance(w, QTabBar):
            texts += [(name + " tab", w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            header = getattr(w, "horizontalHeader", None) or getattr(w, "header", None)
            hv = header() if header else None
            columns = [c for c in range(model.columnCount()) if hv is None or not hv.isSectionHidden(c)]
            for col in columns:
                texts.append((name + " header", str(model.headerData(col, Qt.Orientation.Horizontal) or "")))
                delegate = w.itemDelegateForColumn(col)
                if isinstance(getattr(delegate, "text", None), str):  # painted buttons ("Actions ▾")
                    texts.append((name + " button", delegate.text))
            for row in range(min(model.rowCount(), 200) if cells else 0):
                for col in columns:
                    texts.append((name + " cell", str(model.index(row, col).data() or "")))
    texts.append(("status bar", window.statusBar().currentMessage()))
    return [(where, _strip(text)) for where, text in texts if text]


def data_names(window, users=()) -> set[str]:
    """Words that come from the cluster and are shown as they are: names of guests, nodes and
    clusters, tags, users, and the server's own texts (lock names, task exit messages)."""
    names = set(window.clusters.ids()) | set(users)
    for inst in window.model.all_instances():
        names |= {inst.name, inst.node, inst.lock, *inst.tags}
    for task in window.task_panel.model.tasks():
        names |= {task.user, task.exitstatus, task.node}
    return {part for name in names if name for part in re.split(r"[^A-Za-z0-9_.@!+'-]+", name)}


def english_words(text: str, allowed: set[str]) -> list[str]:
    words = []
    for word in re.findall(r"[A-Za-z0-9][A-Za-z0-9_.@!+'-]*", text):
        word = word.rstrip(".-'")
        if any(ch.isdigit() for ch in word) or not re.search(r"[A-Za-z]", word):
            continue  # values: sizes, ids, dates, pve1, k8s-node-1
        if word in allowed or word in NAMES:
            continue
        words.append(word)
    return words


def _open_window(qtbot, demo, lang: str):
    """The main window on the demo cluster, built after the translators for `lang` were installed."""
    from virton_desktop.ui.main_window import MainWindow

    QSettings().setValue(i18n.SETTING, lang)
    assert i18n.install(QCoreApplication.instance()) == lang
    w = MainWindow()
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.first_data, timeout=15000):
        w.clusters.add(make_session(demo))
    w.demo_user = demo.user  # the login shown in the status bar
    w.resize(1400, 860)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def translated_window(qtbot, demo, request):
    w = _open_window(qtbot, demo, request.param)
    yield w
    for s in w.clusters.sessions():
        s.close()
    i18n.remove(QCoreApplication.instance())  # the other tests see the English source texts


@pytest.mark.parametrize("translated_window", ["ko"], indirect=True)
def test_main_window_in_korean_shows_no_english_words(translated_window):
    w = translated_window
    texts = visible_texts(w)
    assert len(texts) > 60
    allowed = data_names(w, users=[w.demo_user])
    leftovers = [(where, text, words) for where, text in texts if (words := english_words(text, allowed))]
    assert not leftovers, "English left in the Korean main window:\n" + "\n".join(
        "{0}: {1!r} -> {2}".format(*item) for item in leftovers)
    shown = {text for _, text in texts}
    for korean in ("파일", "인스턴스", "보기", "언어", "이름", "상태", "노드", "메모리", "작업 ▾"):
        assert korean in shown, korean


@pytest.mark.parametrize("translated_window", ["ko"], indirect=True)
def test_backups_section_in_korean_shows_no_english_words(qtbot, translated_window):
    """The cluster-wide Backups section: controls and headers (the cells hold file names and notes)."""
    w = translated_window
    w.sections.setCurrentIndex(1)
    qtbot.waitUntil(lambda: w.backups_page.model.rowCount() > 0, timeout=15000)
    texts = visible_texts(w, cells=False)
    allowed = data_names(w, users=[w.demo_user])
    leftovers = [(where, text, words) for where, text in texts if (words := english_words(text, allowed))]
    assert not leftovers, "English left in the Korean Backups section:\n" + "\n".join(
        "{0}: {1!r} -> {2}".format(*item) for item in leftovers)
    shown = {text for _, text in texts}
    for korean in ("백업 생성", "복원", "파일명", "모든 상태", "모든 유형"):
        assert korean in shown, korean


def test_texts_filed_under_another_context_are_translated_all_the_same():
    """lupdate files `dialog.tr(...)` under "" and base-class texts under the base; Qt asks for the
    run-time class. The context retry of i18n finds them."""
    app = QCoreApplication.instance()
    try:
        assert i18n.install(app, "ko") == "ko"
        assert QCoreApplication.translate("SettingsDialog", "Model of %1") == "%1 모델"
        assert QCoreApplication.translate("CreateVmWizard", "Create") == "생성"
        assert QCoreApplication.translate("SomeSubclass", "%n snapshot(s)", None, 3) == "스냅샷 3개"
        assert QCoreApplication.translate("Anything", "No such text") == "No such text"
    finally:
        i18n.remove(app)
    assert QCoreApplication.translate("InstanceModel", "Running") == "Running"


@pytest.mark.parametrize("translated_window", ["en"], indirect=True)
def test_main_window_in_english_shows_no_hangul(translated_window):
    texts = visible_texts(translated_window)
    hangul = [(where, text) for where, text in texts if HANGUL.search(text) and text != "한국어"]
    assert not hangul, hangul
    shown = {text for _, text in texts}
    for english in ("File", "Guest", "View", "Name", "Status", "Node", "Memory", "Actions ▾"):
        assert english in shown, english


def test_language_menu_saves_the_choice_for_the_next_start(window):
    from PySide6.QtGui import QAction

    actions = {a.data(): a for a in window.findChildren(QAction) if a.objectName().startswith("action-language-")}
    assert set(actions) == {"system", "en", "ko"}
    assert actions["system"].isChecked()
    assert actions["ko"].text() == "한국어" and actions["en"].text() == "English"
    actions["ko"].trigger()
    assert QSettings().value(i18n.SETTING) == "ko"
    assert actions["ko"].isChecked() and not actions["system"].isChecked()
    assert "next time" in window.statusBar().currentMessage()
    assert i18n.choose_language() == "ko"


def test_lang_option_overrides_the_setting_for_one_run():
    from virton_desktop.app import parse_args

    assert parse_args(["--lang", "ko"]).lang == "ko"
    assert parse_args([]).lang is None
    i18n.save_choice("ko")
    assert i18n.choose_language(parse_args(["--lang", "en"]).lang) == "en"
    assert QSettings().value(i18n.SETTING) == "ko"  # not saved

#!/usr/bin/env python3
"""Extract the UI texts into the Qt Linguist files and compile them.

    python scripts/update_translations.py           lupdate + lrelease, print unfinished counts
    python scripts/update_translations.py --check   write nothing; exit 1 when a Korean message
                                                    is unfinished or missing from the .ts

Sources are every `virton_desktop/**/*.py`, listed one by one (pyside6-lupdate does not walk
a directory for Python). Korean (`virton_desktop_ko.ts`) holds every message; English, the
source language, holds only the `%n` plural messages (`-pluralonly`), which need
"1 guest" / "2 guests". Locations are left out of the .ts files (`-locations none`) so that
an edit elsewhere in a source file does not rewrite the translation files.

After adding or changing a `tr()` text: run this, translate the new Korean messages with Qt
Linguist (`pyside6-linguist virton_desktop/resources/translations/virton_desktop_ko.ts`) using
the terms in GLOSSARY.md beside it, then run this again to compile the .qm files.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "virton_desktop"
TRANSLATIONS = PACKAGE / "resources" / "translations"
# language -> (Qt target language, extra lupdate options)
LANGUAGES = {"ko": ("ko_KR", []), "en": ("en", ["-pluralonly"])}
REQUIRED = "ko"  # --check fails when this language is incomplete


def ts_path(lang: str) -> Path:
    return TRANSLATIONS / "virton_desktop_{0}.ts".format(lang)


def qm_path(lang: str) -> Path:
    return TRANSLATIONS / "virton_desktop_{0}.qm".format(lang)


def sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def tool(name: str) -> str:
    """pyside6-lupdate / -lrelease: beside this interpreter (a venv), else on PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if not found:
        sys.exit("update_translations: {0} not found (pip install PySide6)".format(name))
    return found


def lupdate(lang: str, ts: Path) -> None:
    target, extra = LANGUAGES[lang]
    cmd = [tool("pyside6-lupdate"), *map(str, sources()), "-no-obsolete", "-locations", "none",
           "-source-language", "en", "-target-language", target, *extra, "-ts", str(ts)]
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-nounfinished", str(ts), "-qm", str(qm)],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def unfinished(ts: Path) -> tuple[int, list[str]]:
    """(number of messages, source texts without a finished translation)."""
    root = ET.parse(ts).getroot()
    messages = root.findall("./context/message")
    missing = []
    for m in messages:
        tr = m.find("translation")
        forms = tr.findall("numerusform") if m.get("numerus") == "yes" else [tr]
        if tr.get("type") in ("unfinished", "vanished", "obsolete") or any(not (f.text or "") for f in forms):
            missing.append(m.findtext("source") or "")
    return len(messages), missing


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true",
                    help="write nothing; fail when a Korean message is unfinished or missing")
    args = ap.parse_args(argv)
    failed = False
    with tempfile.TemporaryDirectory(prefix="virton-i18n-") as tmp:
        for lang in LANGUAGES:
            ts = ts_path(lang)
            if args.check:  # update a copy: new source texts show up there as unfinished
                work = Path(tmp) / ts.name
                if ts.exists():
                    shutil.copyfile(ts, work)
                lupdate(lang, work)
            else:
                TRANSLATIONS.mkdir(parents=True, exist_ok=True)
                lupdate(lang, ts)
                lrelease(ts, qm_path(lang))
                work = ts
            total, missing = unfinished(work)
            print("{0}: {1} messages, {2} unfinished".format(lang, total, len(missing)))
            if lang == REQUIRED and missing:
                failed = args.check
                for text in missing[:50]:
                    print("  unfinished: " + text.replace("\n", "\\n")[:100])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

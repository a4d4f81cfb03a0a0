#!/usr/bin/env python3
"""Developer entry point for VirtOn Desktop: setup, demo, test.

    python3 scripts/dev.py setup            system packages + .venv + pip install -e '.[dev]'
    python3 scripts/dev.py demo [args...]   setup, then virton-desktop --demo [args...]
    python3 scripts/dev.py test [args...]   setup, then ruff check and pytest headless (offscreen Qt)
    python3 scripts/dev.py package          setup + the [package] extra, then build the Linux
                                            bundle and .deb (packaging/linux/build.sh), smoke-test
                                            them (smoke.sh), build an RPM of the same bundle
                                            (rpm.sh) and smoke-test it (smoke_rpm.sh), an AppDir
                                            of it (appimage.sh), then `pipx install` the sources
                                            (packaging/pipx_smoke.sh); the scripts share
                                            packaging/common.sh

Standard library only: it has to run on a fresh Debian/Ubuntu machine that has
nothing but python3 (no pip, maybe no venv module).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
VENV_PY = VENV / "bin" / "python"
STAMP = VENV / ".virton-install-stamp"  # sha256 of pyproject.toml at the last good install
PACKAGE_STAMP = VENV / ".virton-package-stamp"  # the same, for the [package] extra

# Shared libraries the PySide6 wheels' Qt needs at run time. Derived with
# `readelf -d`/`ldd` on the Qt libraries behind QtCore/Gui/Widgets/Network/
# WebEngine*/OpenGL/Svg/PrintSupport/DBus/Test, libexec/QtWebEngineProcess and
# the offscreen, xcb, xcb-gl, wayland, compose/ibus, tls, imageformat and
# iconengine plugins, mapped to packages with `dpkg -S`. The wheels bundle ICU;
# Qt 6 no longer uses xinerama. "a|b": the first name the archive has wins
# (Debian 13 and Ubuntu 24.04 renamed some libraries to ...t64).
QT_PACKAGES = [
    "libgl1", "libegl1", "libgbm1", "libdrm2", "libxshmfence1",
    "libglib2.0-0t64|libglib2.0-0", "libfontconfig1", "libfreetype6", "libexpat1",
    "libdbus-1-3", "libnss3", "libnspr4", "libasound2t64|libasound2", "libudev1",
    "libgssapi-krb5-2", "libbrotli1", "libzstd1", "zlib1g",
    "libxkbcommon0", "libxkbcommon-x11-0", "libxkbfile1", "xkb-data",
    "libx11-6", "libx11-xcb1", "libxext6", "libxfixes3", "libxcomposite1",
    "libxdamage1", "libxrandr2", "libxtst6",
    "libxcb1", "libxcb-cursor0", "libxcb-dri3-0", "libxcb-glx0", "libxcb-icccm4",
    "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0", "libxcb-render0",
    "libxcb-render-util0", "libxcb-shape0", "libxcb-shm0", "libxcb-sync1",
    "libxcb-util1", "libxcb-xfixes0", "libxcb-xkb1",
    "libwayland-client0", "libwayland-cursor0", "libwayland-egl1",  # for Wayland desktops
]
# The UI is bilingual (English/Korean): Hangul needs a CJK font, Latin a basic one.
FONT_PACKAGES = ["fontconfig", "fonts-dejavu-core", "fonts-noto-cjk"]
# Tests of another feature boot QEMU.
QEMU_PACKAGES = ["qemu-system-x86"]
# Validators of the .desktop file and the AppStream metainfo (tests and the package smoke
# test run them); PyInstaller needs objdump (binutils) to build the bundle.
PACKAGING_PACKAGES = ["desktop-file-utils", "appstream", "binutils"]

# Headless test environment. Chromium (inside QtWebEngine) refuses to start as
# root with its sandbox on and takes the whole process down, and there is no
# GPU: both flags are needed for QWebEngineView to render offscreen.
TEST_ENV = {
    "QT_QPA_PLATFORM": "offscreen",
    "QTWEBENGINE_DISABLE_SANDBOX": "1",
    "QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu",
}


class Failure(Exception):
    """A step failed; the message says what to do (printed without traceback)."""


def log(msg: str, tag: str = "setup") -> None:
    print(f"[{tag}] {msg}", file=sys.stderr, flush=True)


def run(cmd: list[str], what: str, **kw) -> None:
    try:
        rc = subprocess.call(cmd, **kw)
    except OSError as e:
        raise Failure(f"{what} failed: {e}") from None
    if rc != 0:
        raise Failure(f"{what} failed (exit code {rc}): {' '.join(cmd)}")


# --- system packages ---------------------------------------------------------

def installed_packages(names: list[str]) -> set[str]:
    """Which of names dpkg reports as installed."""
    out = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${Status}\n", *names],
        capture_output=True, text=True,  # unknown names go to stderr, ignored
    ).stdout
    return {line.split()[0] for line in out.splitlines() if line.endswith(" installed")}


def missing_packages(wanted: list[str]) -> list[str]:
    """Entries of wanted (with "a|b" alternatives) of which nothing is installed."""
    have = installed_packages([n for entry in wanted for n in entry.split("|")])
    return [e for e in wanted if not any(n in have for n in e.split("|"))]


def resolve_alternative(entry: str) -> str:
    """First name of "a|b" that the archive can install (needs apt-get update first)."""
    names = entry.split("|")
    for name in names[:-1]:
        out = subprocess.run(["apt-cache", "policy", name], capture_output=True, text=True).stdout
        if "Candidate:" in out and "Candidate: (none)" not in out:
            return name
    return names[-1]


def apt_install(entries: list[str]) -> None:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    log("apt-get update")
    run(["apt-get", "update", "-qq"], "apt-get update", env=env, stdin=subprocess.DEVNULL)
    pkgs = [resolve_alternative(e) for e in entries]
    log(f"apt-get install {' '.join(pkgs)}")
    run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *pkgs],
        "apt-get install", env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)


def can_apt() -> bool:
    return os.geteuid() == 0 and bool(shutil.which("apt-get"))


def ensure_system_packages() -> None:
    if not shutil.which("dpkg-query"):
        log("not a Debian/Ubuntu system: install Qt 6 runtime libraries, Noto CJK fonts "
            "and qemu-system-x86 with your package manager")
        return
    missing = missing_packages(QT_PACKAGES + FONT_PACKAGES + QEMU_PACKAGES + PACKAGING_PACKAGES)
    if not missing:
        log("system packages: all present")
        return
    if can_apt():
        apt_install(missing)
        return
    names = " ".join(resolve_alternative(e) for e in missing)  # apt-cache works without root
    log(f"missing system packages (needs root): {' '.join(missing)}")
    log(f"  run: sudo apt-get install --no-install-recommends {names}")
    log("  continuing without them")


# --- virtualenv ----------------------------------------------------------------

def venv_works() -> bool:
    return VENV_PY.exists() and subprocess.call(
        [str(VENV_PY), "-c", "import pip"], stderr=subprocess.DEVNULL) == 0


def create_venv() -> None:
    if venv_works():
        return
    shutil.rmtree(VENV, ignore_errors=True)  # half-made or broken: start over
    log(f"creating {VENV.relative_to(ROOT)} with {sys.executable}")
    rc = subprocess.call([sys.executable, "-m", "venv", str(VENV)], stdout=subprocess.DEVNULL)
    if rc == 0 and venv_works():
        return
    # Debian's python3 ships without ensurepip unless python3-venv is installed.
    shutil.rmtree(VENV, ignore_errors=True)
    if not (shutil.which("dpkg-query") and can_apt()):
        raise Failure("could not create a virtualenv; install python3-venv "
                      "(sudo apt-get install python3-venv) and run again")
    apt_install(["python3-venv"])
    run([sys.executable, "-m", "venv", str(VENV)], "python3 -m venv", stdout=subprocess.DEVNULL)


def pip_install() -> None:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == digest:
        log("python packages: up to date (pyproject.toml unchanged)")
        return
    pip = [str(VENV_PY), "-m", "pip", "-q", "--disable-pip-version-check", "--no-input"]
    log("upgrading pip")
    run([*pip, "install", "--upgrade", "pip"], "pip upgrade")
    log("pip install -e '.[dev]' (first time downloads PySide6, a few hundred MB)")
    run([*pip, "install", "-e", ".[dev]"], "pip install", cwd=ROOT)
    STAMP.write_text(digest + "\n")


def setup() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - run by the machine's python3, which may be older
        raise Failure(f"Python >= 3.11 needed, this is {sys.version.split()[0]}")
    ensure_system_packages()
    create_venv()
    pip_install()
    log("done")


# --- commands --------------------------------------------------------------------

def cmd_demo(args: list[str]) -> int:
    setup()
    exe = VENV / "bin" / "virton-desktop"
    if not exe.exists():
        raise Failure(f"{exe} is missing: the package's entry point did not install")
    env = dict(os.environ)
    if os.geteuid() == 0:
        # Chromium (QtWebEngine, used by the console) will not start as root with its sandbox.
        env.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM")):
        log("no DISPLAY/WAYLAND_DISPLAY: the window needs a screen (try xvfb-run)", "demo")
    os.execve(str(exe), [str(exe), "--demo", *args], env)


def cmd_test(args: list[str]) -> int:
    setup()
    # The linter first (a second or two): a finding fails the run like a failing test.
    lint = [str(VENV_PY), "-m", "ruff", "check", "."]
    log(" ".join(lint[2:]), "test")
    rc = subprocess.call(lint, cwd=ROOT)
    if rc != 0:
        log("FAILED: ruff found problems (`ruff check --fix .` repairs the fixable ones)", "test")
        return rc
    env = dict(os.environ)
    for key, value in TEST_ENV.items():
        env.setdefault(key, value)  # a developer may override, e.g. QT_QPA_PLATFORM=xcb
    cmd = [str(VENV_PY), "-m", "pytest", *args]
    log(" ".join(cmd[2:]), "test")
    cores = _core_files()
    rc = subprocess.call(cmd, cwd=ROOT, env=env, preexec_fn=_allow_core_dump)
    if rc < 0:
        _explain_crash(-rc, cores)
    if rc == 5:  # pytest: no tests collected; an empty run must not look green
        log("FAILED: pytest collected no tests", "test")
        return 1
    return rc


def _allow_core_dump() -> None:
    """In the pytest child: a crash leaves a core file (see _explain_crash)."""
    import resource

    try:
        resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    except (ValueError, OSError):
        pass


def _core_files() -> set[Path]:
    return set(ROOT.glob("core")) | set(ROOT.glob("core.[0-9]*"))


def _explain_crash(signum: int, cores_before: set[Path]) -> None:
    """pytest died from a signal. faulthandler prints the Python stacks, but not when a thread
    other than the main one overflowed its stack (its handler has no stack left to run on): then
    the run ends in silence. The core file's native stacks, through gdb when there is one, say
    where; the core itself (gigabytes with Chromium inside) is deleted afterwards."""
    log(f"FAILED: pytest was killed by signal {signum}", "test")
    new = sorted(_core_files() - cores_before, key=lambda p: p.stat().st_mtime)
    gdb = shutil.which("gdb")
    if not new or not gdb:
        log("no core file to read (kernel.core_pattern: "
            + Path("/proc/sys/kernel/core_pattern").read_text().strip() + "; gdb: " + (gdb or "missing") + ")",
            "test")
        return
    core = new[-1]
    try:
        out = subprocess.run([gdb, "-batch", "-nx", "-iex", "set auto-load safe-path /", "-ex", "bt 40",
                              "-ex", "py-bt", "-ex", "info threads",
                              str(VENV_PY), str(core)], capture_output=True, text=True, timeout=300).stdout
        log("the crashing thread's native stack (gdb):\n" + out[-12000:], "test")
    except (OSError, subprocess.SubprocessError) as err:
        log(f"gdb could not read {core}: {err}", "test")
    finally:
        for path in new:
            path.unlink(missing_ok=True)


def cmd_package(args: list[str]) -> int:
    if args:
        print("package takes no arguments (DEB_COMPRESSION/DEB_LEVEL in the environment)", file=sys.stderr)
        return 2
    setup()
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not (PACKAGE_STAMP.exists() and PACKAGE_STAMP.read_text().strip() == digest):
        log("pip install -e '.[package]' (PyInstaller)", "package")
        run([str(VENV_PY), "-m", "pip", "-q", "--disable-pip-version-check", "--no-input",
             "install", "-e", ".[package]"], "pip install", cwd=ROOT)
        PACKAGE_STAMP.write_text(digest + "\n")
    env = dict(os.environ, PYTHON=str(VENV_PY))
    scripts = [f"linux/{name}" for name in ("build.sh", "smoke.sh", "rpm.sh", "smoke_rpm.sh", "appimage.sh")]
    for script in scripts + ["pipx_smoke.sh"]:
        started = time.monotonic()
        run(["bash", str(ROOT / "packaging" / script)], script, cwd=ROOT, env=env)
        log(f"{script}: {time.monotonic() - started:.0f} s", "package")
    return 0


def main(argv: list[str]) -> int:
    commands = {"setup": lambda a: setup() or 0, "demo": cmd_demo, "test": cmd_test, "package": cmd_package}
    if not argv or argv[0] not in commands:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    if argv[0] == "setup" and argv[1:]:
        print("setup takes no arguments", file=sys.stderr)
        return 2
    try:
        return commands[argv[0]](argv[1:])
    except Failure as e:
        log(f"ERROR: {e}", argv[0])
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

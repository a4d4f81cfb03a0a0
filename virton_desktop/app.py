"""Command line, QApplication set-up and the Qt event loop."""

from __future__ import annotations

# Only what parsing the command line needs, before the demo child is started (`start`): with
# --demo every module imported before it delays the child's start by its import (logging and
# dataclasses here were ~20-25 ms of it), and the child's line is what the start waits for.
import argparse
import gc
import os
import sys

from . import __version__

SCREENSHOT_TIMEOUT_MS = 30_000
SCREENSHOT_SETTLE_MS = 400  # let the first layout and the column widths settle before grabbing


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="virton-desktop", description="Desktop client for Proxmox VE clusters.")
    ap.add_argument("--version", action="version", version="%(prog)s " + __version__)
    ap.add_argument("--demo", action="store_true", help="start a demo cluster and connect to it")
    ap.add_argument("--guests", type=int, default=None, help="with --demo: this many guests over 50 nodes")
    ap.add_argument("--demo-activity", action="store_true",
                    help="with --demo: another user (alice@pve) changes guests before the app logs in")
    ap.add_argument("--clusters", type=int, default=1,
                    help="with --demo: this many demo clusters (demo, demo-2, ...), to migrate between")
    ap.add_argument("--latency", type=float, default=0.0, help="with --demo: seconds added to every answer")
    ap.add_argument("--user", choices=("root", "operator", "auditor", "developer", "token", "empty", "tfa"),
                    default="root",
                    help="with --demo: log in as root (default), an operator limited to a pool, an auditor, "
                         "a developer of the pool, a privilege-separated token, a token without rights, or "
                         "tfa@pve, which asks for a second factor (its demo TOTP secret and recovery keys are "
                         "printed to stderr)")
    ap.add_argument("--screenshot", metavar="PATH", help="save the main window as PNG once data is shown, then exit")
    ap.add_argument("--debug", action="store_true", help="log requests and state changes to stderr")
    ap.add_argument("--lang", choices=("system", "en", "ko"), default=None,
                    help="UI language for this run (default: the View > Language setting, else the system's)")
    ap.add_argument("--theme", choices=("system", "light", "dark"), default=None,
                    help="colours for this run (default: the View > Theme setting, else the system's scheme)")
    return ap.parse_args(argv)


def prepare_qt_environment() -> None:
    """Qt settings read from the environment once, set before the QApplication exists.

    QT_NO_GUI_THREADPOOL: Qt's raster engine hands every fill of 96 or more scan lines (a scroll
    bar's groove, a table column's background) to a thread pool of its own and waits for it;
    the hand-off costs far more than such a fill. Measured in the guest list at 10,000 guests
    (2 cores): the scroll bar repainted in 1.2 ms with the pool and 0.09 ms without, a keystroke
    in the search box 14 ms and 11 ms. Qt only asks whether the variable is set.
    """
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


# glibc's mallopt: requests of this size and more are mapped from the OS and given back when freed.
M_MMAP_THRESHOLD = -3
LARGE_BLOCK = 128 * 1024


def return_large_blocks() -> bool:
    """Fix glibc's threshold for memory mapped per request (its default, 128 KB): glibc raises
    it each time such a block is freed (up to 32 MB), and from then on the large short-lived
    buffers (an answer of 3.5 MB, its decoded rows, the last-known list's text every minute)
    come from the heap, which keeps them in the process after they are freed. Measured at
    10,000 guests after a minute with the window open: RSS 201 MB, 194 MB with the threshold
    fixed. True when set (Linux with glibc)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        return ctypes.CDLL("libc.so.6").mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK) == 1
    except (OSError, AttributeError):  # another C library (musl has no mallopt)
        return False


def skip_pyside_feature_scan() -> bool:
    """Spare every later import PySide6's scan for its `__feature__` switches (snake_case,
    true_property, which this program never selects): after each import PySide6 reads the whole
    source of the new module (`inspect.getsource`, ~350 modules and ~12 MB of text here) only to
    see whether it says "PySide6". Our own modules use PySide6; any other is left out of the
    switching, which is what the scan concludes for a module without a source file. Measured,
    five alternated pairs (2 cores): the app's CPU until its window 0.584 -> 0.557 s (medians).
    Left as it is when this PySide6 has no such function (its internals may change). True when
    replaced."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_pyside
    return True


def _uses_pyside(module) -> bool:
    return getattr(module, "__name__", "").partition(".")[0] in ("virton_desktop", "PySide6")


def forget_imported_sources() -> None:
    """Drop the source text Python keeps for tracebacks (`linecache`). PySide6's import hook
    reads the whole source of every module imported after it (`inspect.getsource`, to see
    whether it uses PySide6's `__feature__`), and `linecache` keeps it: ~350 files, ~150,000
    lines, ~12 MB for the life of the program, where `skip_pyside_feature_scan` could not spare
    it. A traceback reads its lines again from disk."""
    import linecache

    linecache.clearcache()


def _init_webengine() -> None:
    """Let QtWebEngine start later: it shares OpenGL contexts, which must be said before the
    QApplication exists. QtWebEngine itself is loaded, and the console's URL scheme registered
    (ui/console/console_page.py), when the first console opens: loaded at start it held ~30 MB
    of every run's memory and ~0.1 s of its start, consoles open or not."""
    from PySide6.QtCore import QCoreApplication, Qt

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


class Started:
    """The running application as `start` builds it, before its event loop runs (a plain class:
    app.py imports no dataclasses before the demo child is started)."""

    __slots__ = ("app", "window", "demo", "exit_code")

    def __init__(self, app, window, demo=None, exit_code: dict | None = None):
        self.app = app  # QApplication
        self.window = window  # MainWindow
        self.demo = demo  # DemoProcess with --demo
        self.exit_code = {"value": 0} if exit_code is None else exit_code


def main(argv: list[str] | None = None) -> int:
    return run(start(parse_args(argv)))


def start(args: argparse.Namespace) -> Started:
    """Everything up to the shown window (benchmarks/app_scale.py measures from here)."""
    # The demo child first: it builds its cluster on the other core while this one imports Qt
    # and builds the window (its `ready` is delivered by the event loop, after the window is
    # wired to it).
    demo_child = _spawn_demo(args) if args.demo else None
    # The cyclic collector is the GUI thread's from the QApplication on (gui_gc), automatic
    # collection off; off from here already, so the start's imports (PySide6, the window's
    # ~300 modules: ~40 collections, ~6 ms) do not run it. What they make lives as long as the
    # program, and is set aside for good once the window is built (collector.freeze below).
    gc.disable()
    return_large_blocks()
    from . import logs

    log_path = logs.install(args.debug)
    earlier_crash = logs.enable_crash_record()
    prepare_qt_environment()
    _init_webengine()  # the first import of PySide6
    skip_pyside_feature_scan()

    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication

    from .pve import errors

    app = QApplication(sys.argv[:1])
    from .gui_gc import GuiThreadCollector

    collector = GuiThreadCollector(app)  # cycles holding Qt objects are freed on the GUI thread only
    demo = _take_demo(demo_child, app) if demo_child is not None else None
    app.setApplicationName("VirtOn Desktop")
    app.setApplicationDisplayName("VirtOn Desktop")
    app.setOrganizationName("VirtOn")
    app.setOrganizationDomain("virton.example")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("virton-desktop")
    from .ui.app_icon import application_icon

    app.setWindowIcon(application_icon())
    from PySide6.QtCore import QSettings

    from .config_files import keep_damaged_settings_aside

    settings_notice = keep_damaged_settings_aside(QSettings())  # before anything reads or writes settings
    from . import i18n

    i18n.install(app, args.lang)  # before any widget: widgets translate their texts when built
    errors.install_translator(QCoreApplication.translate)
    from .ui.theme import Theme, saved_choice

    Theme.of(app).apply(args.theme or saved_choice(QSettings()))  # before any widget reads a colour

    from .ui.crash_dialog import CrashHandler, crash_notice
    from .ui.main_window import MainWindow

    crash_handler = CrashHandler(log_path, app)
    crash_handler.install()
    window = MainWindow()
    first_lists = window.clusters.first_lists  # Qt-free: the collector may outlive the window
    collector.waiting = lambda: first_lists.awaited() > 0
    crash_handler.window = window
    if earlier_crash is not None:
        window.errors_bar.show_message(crash_notice(earlier_crash))
    if settings_notice is not None:
        from .ui.file_messages import describe

        shown = [] if window.errors_bar.isHidden() else [window.errors_bar.label.text()]  # the other files'
        window.errors_bar.show_message("\n".join([describe(settings_notice)] + shown))
    exit_code = {"value": 0}

    if args.screenshot:
        _arrange_screenshot(app, window, args.screenshot, exit_code)
    else:  # screenshots show the same window every time
        window.session_restore.start()
        window.last_known.start()
    if demo is not None:
        _connect_demo(demo, app, window, args, exit_code)
    elif not args.screenshot:
        # Saved clusters marked "connect at start" reconnect; with none, show the cluster list.
        QTimer.singleShot(0, lambda: window.connections.autoconnect(or_else=window.show_profile_manager))

    window.show()
    forget_imported_sources()
    collector.freeze()
    return Started(app, window, demo, exit_code)


def run(started: Started) -> int:
    """The event loop until the window closes, then every worker waited for."""
    try:
        started.app.exec()
    finally:
        if started.demo is not None:
            started.demo.stop()
    from .session import wait_for_workers

    if not wait_for_workers(1000):
        # A worker still blocked (it cannot be, its connections are cut; this is the last line of
        # defence): destroying a running QThread aborts the process, so leave without destructors.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(started.exit_code["value"])
    return started.exit_code["value"]


def _spawn_demo(args):
    from .demo_child import spawn  # no Qt: the child starts before PySide6 is imported

    return spawn(guests=args.guests, latency=args.latency, user=args.user, clusters=max(1, args.clusters),
                 activity=args.demo_activity)


def _take_demo(child, app):
    from .demo_process import DemoProcess

    demo = DemoProcess(child=child, parent=app)
    demo.start()
    return demo


def _connect_demo(demo, app, window, args, exit_code) -> None:
    from urllib.parse import urlsplit

    from .core.turns import one_per_turn
    from .demo_process import clusters_of
    from .pve.client import Credentials, PveClient
    from .ui import kit

    def connect(cluster: dict) -> None:
        url = urlsplit(cluster["url"])
        client = PveClient(url.hostname, url.port, fingerprint=cluster["fingerprint"],
                           certificate=_certificate_in(cluster.get("cafile")))
        credentials = Credentials(cluster["user"], password=cluster.get("password", ""),
                                  token_id=cluster.get("token_id", ""), token_secret=cluster.get("token_secret", ""))
        window.clusters.add(window.clusters.create(cluster["name"], [client], credentials))

    def ready(info: dict) -> None:
        one_per_turn(clusters_of(info), connect, window)  # ten clusters: no ~100 ms stall
        if info.get("second_factor"):
            print(second_factor_note(info["second_factor"]), file=sys.stderr, flush=True)

    def failed(detail: str) -> None:
        window.errors_bar.show_message(kit.fmt(window.tr("The demo cluster could not be started: %1"), detail))
        if args.screenshot:
            print("virton-desktop: demo cluster failed: " + detail, file=sys.stderr)
            exit_code["value"] = 1
            app.quit()

    demo.ready.connect(ready)
    demo.failed.connect(failed)


def _certificate_in(path: str | None) -> bytes | None:
    """The demo cluster's certificate from the file it names (its line's `cafile`), or None: the
    client then fetches it, as from any cluster, and either way pins the line's fingerprint."""
    import ssl

    try:
        with open(path or "", encoding="ascii") as pem:
            return ssl.PEM_cert_to_DER_cert(pem.read())
    except (OSError, ValueError):
        return None


def second_factor_note(factor: dict) -> str:
    """The demo's second factor for the person trying `--demo --user tfa`, for the terminal only
    (stderr, never a log): fixed demo values, like the demo's passwords."""
    lines = ["virton-desktop: the demo's {0} asks for a second factor after its password.".format(
        factor.get("user", ""))]
    if factor.get("totp_secret"):
        lines.append("  TOTP secret for an authenticator app: {0} (the code now: {1})".format(
            factor["totp_secret"], factor.get("totp_now", "")))
    if factor.get("recovery_keys"):
        lines.append("  Recovery keys (each works once while this demo runs): " + ", ".join(factor["recovery_keys"]))
    return "\n".join(lines)


def _arrange_screenshot(app, window, path: str, exit_code: dict) -> None:
    """Save the window once the first guest list is on screen (or give up after 30 s)."""
    from PySide6.QtCore import QTimer

    window.resize(1400, 860)

    def grab() -> None:
        if window.grab().save(path, "PNG"):
            print(path)
        else:
            print("virton-desktop: could not write " + path, file=sys.stderr)
            exit_code["value"] = 1
        window.close()
        app.quit()

    def give_up() -> None:
        print("virton-desktop: no data within {0} s; screenshot not taken".format(SCREENSHOT_TIMEOUT_MS // 1000),
              file=sys.stderr)
        exit_code["value"] = 1
        window.close()
        app.quit()

    window.first_data.connect(lambda: QTimer.singleShot(SCREENSHOT_SETTLE_MS, grab))
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, give_up)

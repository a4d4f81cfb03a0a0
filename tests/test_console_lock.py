"""The console page is locked: only our bundled page, nothing remote or local, the ticket only for it.

Against the demo cluster, headless QtWebEngine, like tests/test_console.py (whose helpers this
file reuses). A page that tried to leave is spent: each such test opens its own console of a
guest and closes it at the end.
"""

import logging

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineSettings
from PySide6.QtWidgets import QMainWindow
from test_console import guest, js, spin_until, started_session

from virton_desktop.demo import ServedDemo
from virton_desktop.ui.console import scheme
from virton_desktop.ui.console.console_manager import ConsoleManager
from virton_desktop.ui.console.console_page import ConsoleRequestGuard

OFF = ("LocalContentCanAccessRemoteUrls", "LocalContentCanAccessFileUrls", "JavascriptCanOpenWindows",
       "PluginsEnabled", "PdfViewerEnabled", "NavigateOnDropEnabled")


@pytest.fixture(scope="module")
def lab(qapp):
    """One demo cluster, one session and a console manager for the module."""
    demo = ServedDemo(time_scale=0)
    session = started_session(demo)
    main = QMainWindow()
    manager = ConsoleManager(main)
    yield demo, session, manager
    manager.close_all()
    session.close()
    main.deleteLater()
    demo.close()


def connected(manager, session, vmid):
    pane = manager.open(session, guest(session, vmid))
    spin_until(lambda: pane.view.state == "connected", 30)
    return pane


def settle(view, script):
    """Run `script` (which sets window.__vt_result) on the page and wait for that result."""
    js(view, "window.__vt_result = null")
    view.page.runJavaScript(script)
    spin_until(lambda: js(view, "window.__vt_result") is not None)
    return js(view, "window.__vt_result")


def no_ticket_after(demo, session, pane):
    """Ask the spent console to connect again: nothing reaches the page, no ticket is issued."""
    vmid = pane.instance.vmid
    opened = demo.pve.vt_console_opened.get(vmid, 0)
    sent = []
    pane.view.bridge.connectTo.connect(lambda url, password: sent.append(url))
    pane.act_connect.trigger()
    assert pane.view.state == "failed" and "tried to open another page" in pane.view.message
    assert pane.view.page.url() == scheme.PAGE_URL and not pane.view.page.trusted
    # Whatever is still in flight: a poll later, still nothing was sent or opened.
    replies = []
    session.refresh()
    session.poll_finished.connect(replies.append)
    spin_until(lambda: replies)
    assert sent == [] and demo.pve.vt_console_opened.get(vmid, 0) == opened


def test_the_page_is_our_scheme_with_the_risky_settings_off(lab):
    demo, session, manager = lab
    pane = connected(manager, session, 100)
    page = pane.view.page
    assert page.url() == scheme.PAGE_URL and page.trusted
    assert js(pane.view, "location.href") == scheme.PAGE_URL.toString()
    settings = page.settings()
    for name in OFF:
        assert not settings.testAttribute(getattr(QWebEngineSettings.WebAttribute, name)), name
    # The page may open exactly the socket it was handed: this guest's, on this node.
    assert page.sockets == {("wss", "127.0.0.1", demo.port, "/api2/json/nodes/pve1/qemu/100/vncwebsocket")}


def test_the_page_reads_no_local_file_and_nothing_remote(lab, caplog):
    demo, session, manager = lab
    pane = connected(manager, session, 100)
    caplog.set_level(logging.INFO, logger="virton_desktop")
    for target in ("file:///etc/passwd", scheme.PAGE_URL.resolved(QUrl("../../")).toString() + "../etc/passwd",
                   "https://127.0.0.1:{0}/api2/json/cluster/resources".format(demo.port)):
        fetched = settle(pane.view, "fetch({0!r}).then(r => r.text())".format(target)
                         + ".then(t => { window.__vt_result = 'read ' + t.length },"
                           " e => { window.__vt_result = 'refused' })")
        assert fetched == "refused", target
        xhr = settle(pane.view, "(() => { const x = new XMLHttpRequest(); x.open('GET', " + repr(target) + ");"
                                " x.onload = () => { window.__vt_result = 'read ' + x.responseText.length };"
                                " x.onerror = () => { window.__vt_result = 'refused' }; x.send(); })()")
        assert xhr == "refused", target
    # A websocket the page was not handed (another path on the node: the session's cookie
    # would go along) is blocked by the profile's guard.
    other = "wss://127.0.0.1:{0}/api2/json/nodes/pve1/qemu/101/vncwebsocket".format(demo.port)
    socket = settle(pane.view, "(() => { const s = new WebSocket(" + repr(other) + ");"
                               " s.onopen = () => { window.__vt_result = 'open' };"
                               " s.onerror = () => { window.__vt_result = 'refused' }; })()")
    assert socket == "refused"
    assert any("blocked a request for " + other in r.getMessage() for r in caplog.records)
    # None of that spent the page: it is still ours and connected.
    assert pane.view.page.trusted and pane.view.state == "connected"


@pytest.mark.parametrize("attempt, refusal", [
    ("window.location = 'file:///etc/passwd'", "Not allowed to load local resource: file:///etc/passwd"),
    ("document.body.insertAdjacentHTML('beforeend', '<form id=vtform method=post action=\"https://example.org/\">"
     "<input name=a value=b></form>'); document.getElementById('vtform').submit()", "form-action"),
])
def test_navigations_chromium_refuses_itself_never_happen(lab, caplog, attempt, refusal):
    demo, session, manager = lab
    pane = connected(manager, session, 100)
    caplog.set_level(logging.INFO, logger="virton_desktop")
    pane.view.page.runJavaScript(attempt)
    # Refused (file:// by Chromium, the form by the page's policy) before it becomes a
    # navigation: the page is not spent.
    spin_until(lambda: any(refusal in r.getMessage() for r in caplog.records))
    assert pane.view.page.url() == scheme.PAGE_URL and pane.view.page.trusted
    assert js(pane.view, "location.href") == scheme.PAGE_URL.toString()


@pytest.mark.parametrize("attempt", [
    "window.location = 'https://example.org/'",
    "document.body.insertAdjacentHTML('beforeend', '<a id=vtlink href=\"https://example.org/\">x</a>');"
    " document.getElementById('vtlink').click()",
])
def test_a_navigation_from_the_page_is_refused_and_the_bridge_goes_quiet(lab, attempt):
    demo, session, manager = lab
    pane = connected(manager, session, 102)
    page = pane.view.page
    page.runJavaScript(attempt)
    spin_until(lambda: page.is_tampered)
    assert page.url() == scheme.PAGE_URL and js(pane.view, "location.href") == scheme.PAGE_URL.toString()
    assert pane.view.state == "failed" and page.sockets == set()
    # The bridge answers no more: a page event reaches nothing.
    statuses = []
    pane.view.bridge.status.connect(lambda *args: statuses.append(args))
    pane.view.bridge.statusChanged("connected", "")
    assert statuses == []
    no_ticket_after(demo, session, pane)
    manager.close(pane.key)


def test_window_open_opens_nothing(lab):
    demo, session, manager = lab
    pane = connected(manager, session, 102)
    opened = js(pane.view, "window.open('https://example.org/') === null")
    assert opened is True
    assert pane.view.page.url() == scheme.PAGE_URL
    # Without a user's click Chromium blocks the pop-up itself; with one it asks the page for
    # a window, which is refused and spends the page.
    assert pane.view.page.createWindow(QWebEnginePage.WebWindowType.WebBrowserTab) is None
    assert pane.view.page.is_tampered and pane.view.state == "failed"
    no_ticket_after(demo, session, pane)
    manager.close(pane.key)


def test_the_guard_allows_only_our_files_and_handed_sockets():
    guard = ConsoleRequestGuard()
    assert guard.allows(scheme.PAGE_URL)
    assert guard.allows(QUrl("virton-console://app/novnc/core/rfb.js"))
    for refused in ("virton-console://app/console/../../app.py", "virton-console://app/translations/x.qm",
                    "virton-console://other/console/console.html", "file:///etc/passwd",
                    "https://example.org/", "wss://example.org/", "http://127.0.0.1/", "qrc:/x"):
        assert not guard.allows(QUrl(refused)), refused
    assert scheme.served_file(QUrl("virton-console://app/novnc/%2E%2E/console/console.js")) is None


def test_page_errors_are_logged_without_the_ticket_they_quote(lab, caplog):
    demo, session, manager = lab
    pane = connected(manager, session, 100)
    caplog.set_level(logging.INFO, logger="virton_desktop")
    pane.view.page.javaScriptConsoleMessage(
        QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel,
        "WebSocket connection to 'wss://pve1:8006/api2/json/nodes/pve1/qemu/100/vncwebsocket?port=5900&"
        "vncticket=PVEVNC:not-for-logs' failed: closed? yes", 1, "console.js")
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "vncwebsocket' failed: closed? yes" in logged and "not-for-logs" not in logged

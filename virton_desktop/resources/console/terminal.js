// VirtOn Desktop terminal page: one xterm.js terminal on a PVE termproxy websocket.
//
// Python (ui/console/terminal_view.py) publishes a QObject "bridge" over QWebChannel:
//   its signals are commands for this page (connectTo, disconnectNow, typeText = paste,
//   focusScreen, setFontSize, findText), its slots receive our events (pageReady,
//   statusChanged, resolutionChanged = columns and rows, firstFrame = the server said OK).
// Queries that return a value (the selection, the buffer's text for tests) are plain functions
// on window.vt, called with QWebEnginePage.runJavaScript.
//
// The protocol (pve-xtermjs src/main.js and PVE's termproxy): the first message is
// "user:ticket\n"; the server answers "OK" and then sends the terminal's raw output. We send
// "0:LEN:DATA" for input (LEN in UTF-8 bytes), "1:COLS:ROWS:" for a resize and "2" as a ping.

import { Terminal } from "../xterm/xterm.mjs";
import { FitAddon } from "../xterm/addon-fit/addon-fit.mjs";
import { SearchAddon } from "../xterm/addon-search/addon-search.mjs";

const PING_MS = 30000;
const encoder = new TextEncoder();
let bridge = null;
let socket = null;
let ready = false;       // the server said OK: input and resizes go out
let ping = null;
let sent = [];           // the frames sent since the last connect (tests read them)

// lineHeight above 1: at 1.0 the DOM renderer clips underscores at the bottom of the cell.
const term = new Terminal({
    cursorBlink: true, fontSize: 14, lineHeight: 1.15, scrollback: 5000, allowProposedApi: true,
    fontFamily: "'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace",
    theme: { background: "#1e1e1e", selectionBackground: "#4a6b8a", selectionInactiveBackground: "#3d5670" },
});
// Every match marked, the current one brighter (the search addon's decorations).
const MATCHES = { decorations: {
    matchBackground: "#5c5c2e", matchOverviewRuler: "#8a8a45",
    activeMatchBackground: "#b58900", activeMatchColorOverviewRuler: "#b58900",
} };
const fit = new FitAddon();
const search = new SearchAddon();
term.loadAddon(fit);
term.loadAddon(search);
term.open(document.getElementById("terminal"));
// Ctrl+Shift+C/V/F are the window's copy, paste and find (Python's shortcuts): not the guest's.
term.attachCustomKeyEventHandler((e) => !(e.ctrlKey && e.shiftKey && ["C", "V", "F"].includes(e.key.toUpperCase())));

function emit(name, ...args) {
    if (bridge && bridge[name]) { bridge[name](...args); }
}

function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send(frame);
        sent.push(frame);
    }
}

function sendResize() {
    if (ready) { send("1:" + term.cols + ":" + term.rows + ":"); }
    emit("resolutionChanged", term.cols, term.rows);
}

term.onData((data) => {
    if (ready) { send("0:" + encoder.encode(data).length + ":" + data); }
});
term.onResize(() => sendResize());

// While the view is hidden (before "OK") the page is a few pixels wide: keep xterm.js's 80x24
// then, or the banner would be wrapped at two columns.
function refit() {
    const size = fit.proposeDimensions();
    if (size && size.cols >= 20 && size.rows >= 4) { fit.fit(); }
}
new ResizeObserver(() => refit()).observe(document.getElementById("terminal"));

function connectTo(url, hello) {
    disconnectNow();
    sent = [];
    emit("statusChanged", "connecting", "");
    let ws;
    try {
        ws = new WebSocket(url, "binary");
    } catch (err) {
        emit("statusChanged", "disconnected", String(err));
        return;
    }
    ws.binaryType = "arraybuffer";
    socket = ws;
    ws.onopen = () => { if (ws === socket) { ws.send(hello); } };
    ws.onmessage = (event) => {
        if (ws !== socket) { return; }
        const data = typeof event.data === "string" ? encoder.encode(event.data) : new Uint8Array(event.data);
        if (!ready) {
            if (data.length >= 2 && data[0] === 0x4f && data[1] === 0x4b) {   // "OK"
                ready = true;
                term.reset();
                emit("statusChanged", "connected", "");
                emit("firstFrame");
                refit();
                sendResize();
                term.focus();
                ping = setInterval(() => send("2"), PING_MS);
                if (data.length > 2) { term.write(data.slice(2)); }
            }
            return;
        }
        term.write(data);
    };
    ws.onclose = (event) => {
        if (ws !== socket) { return; }
        const before = ready;
        stop();
        // Closed before "OK": PVE refused the ticket (or the user) in its handshake.
        emit("statusChanged", "disconnected", before ? (event.wasClean ? "clean" : "dropped") : "security:refused");
    };
}

function stop() {
    if (ping) { clearInterval(ping); }
    ping = null;
    socket = null;
    ready = false;
}

function disconnectNow() {
    const ws = socket;
    stop();           // its close event is ours, not a drop: ignored above
    if (ws) {
        try { ws.close(); } catch (err) { /* already closed */ }
    }
}

function paste(text) {
    if (ready) { term.paste(text); }
}

function setFontSize(size) {
    term.options.fontSize = size;
    refit();
}

// Forward or backward from the selection; true when found (the match is selected).
function findText(text, forward) {
    if (!text) { search.clearDecorations(); term.clearSelection(); return false; }
    return forward ? search.findNext(text, MATCHES) : search.findPrevious(text, MATCHES);
}

window.vt = {
    connectTo, disconnectNow, paste, setFontSize, findText,
    state() {
        return { connected: ready, cols: term.cols, rows: term.rows, fontSize: term.options.fontSize };
    },
    selection() { return term.getSelection(); },
    // The whole buffer (scrollback and screen) as lines, trailing blanks trimmed.
    text() {
        const buffer = term.buffer.active, lines = [];
        for (let i = 0; i < buffer.length; i++) { lines.push(buffer.getLine(i).translateToString(true)); }
        while (lines.length && !lines[lines.length - 1]) { lines.pop(); }
        return lines.join("\n");
    },
    sent() { return sent.slice(); },
};

new QWebChannel(qt.webChannelTransport, (channel) => {
    bridge = channel.objects.bridge;
    bridge.connectTo.connect(connectTo);
    bridge.disconnectNow.connect(disconnectNow);
    bridge.typeText.connect(paste);
    bridge.focusScreen.connect(() => term.focus());
    bridge.setFontSize.connect(setFontSize);
    bridge.findText.connect((text, forward) => emit("searchResult", findText(text, forward)));
    bridge.pageReady();
});

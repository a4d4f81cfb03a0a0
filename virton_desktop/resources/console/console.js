// VirtOn Desktop console page: one noVNC RFB connection, driven from Python.
//
// Python (ui/console/console_view.py) publishes a QObject "bridge" over QWebChannel:
//   its signals are commands for this page (connectTo, disconnectNow, sendCombo, typeStrokes, typeText,
//   setScaleMode, focusScreen), its slots receive our events (pageReady, statusChanged,
//   desktopNameChanged, resolutionChanged, firstFrame, bell).
// Queries that return a value (screenshot, pixel statistics for tests) are plain functions
// on window.vt, called with QWebEnginePage.runJavaScript.

import RFB from "../novnc/core/rfb.js";
import KeyTable from "../novnc/core/input/keysym.js";
import keysyms from "../novnc/core/input/keysymdef.js";

const screen = document.getElementById("screen");
let bridge = null;
let rfb = null;
let scaleMode = "fit";     // "fit": scale to the window; "native": 1:1 with scroll bars
let frames = 0;            // framebuffer updates drawn since the last connect
let width = 0, height = 0;

function emit(name, ...args) {
    if (bridge && bridge[name]) { bridge[name](...args); }
}

function applyScale() {
    if (!rfb) { return; }
    rfb.scaleViewport = scaleMode === "fit";
    rfb.clipViewport = false;
    rfb.resizeSession = false;
}

function watchDisplay(client) {
    // noVNC has no public "frame drawn" or "size changed" event: wrap the two private hooks
    // every framebuffer update and every DesktopSize goes through.
    const display = client._display;
    const flip = display.flip.bind(display);
    display.flip = (...args) => {
        const result = flip(...args);
        if (client !== rfb) { return result; }
        frames += 1;
        if (frames === 1) { emit("firstFrame"); }
        return result;
    };
    const resize = client._resize.bind(client);
    client._resize = (w, h) => {
        resize(w, h);
        if (client !== rfb) { return; }
        width = w; height = h;
        emit("resolutionChanged", w, h);
    };
}

function connectTo(url, password) {
    disconnectNow();
    frames = 0; width = 0; height = 0;
    emit("statusChanged", "connecting", "");
    let client;
    try {
        client = new RFB(screen, url, {
            credentials: { password: password },
            wsProtocols: ["binary"],
            shared: true,
        });
    } catch (err) {
        emit("statusChanged", "disconnected", String(err));
        return;
    }
    rfb = client;
    client.background = "#1e1e1e";
    client.focusOnClick = true;
    applyScale();
    watchDisplay(client);
    let failure = "";
    client.addEventListener("connect", () => {
        if (client === rfb) { emit("statusChanged", "connected", ""); client.focus(); }
    });
    client.addEventListener("securityfailure", (e) => {
        failure = "security:" + (e.detail.reason || String(e.detail.status));
    });
    client.addEventListener("credentialsrequired", () => {
        // The ticket is the only password we have; asking again cannot help.
        failure = "security:credentials";
        client.disconnect();
    });
    client.addEventListener("disconnect", (e) => {
        if (client !== rfb) { return; }
        rfb = null;
        emit("statusChanged", "disconnected", failure || (e.detail.clean ? "clean" : "dropped"));
    });
    client.addEventListener("desktopname", (e) => {
        if (client === rfb) { emit("desktopNameChanged", e.detail.name || ""); }
    });
    client.addEventListener("bell", () => emit("bell"));
}

function disconnectNow() {
    const client = rfb;
    rfb = null;       // its disconnect event is ours, not a drop: ignored above
    if (client) {
        try { client.disconnect(); } catch (err) { /* already closed */ }
    }
    while (screen.firstChild) { screen.removeChild(screen.firstChild); }
}

// combo: [[keysym, code], ...] pressed in order, released in reverse order.
function sendCombo(json) {
    if (!rfb) { return; }
    const keys = JSON.parse(json);
    for (const [sym, code] of keys) { rfb.sendKey(sym, code, true); }
    for (const [sym, code] of keys.slice().reverse()) { rfb.sendKey(sym, code, false); }
}

// strokes: [combo, ...] typed on the guest's layout. Their scancodes only reach the guest once
// QEMU has announced extended key events (a pseudo-rectangle that may arrive after the first
// frame); typed earlier they would go as keysyms and QEMU would map them through its own keymap,
// so wait for the announcement a little while, in order, before typing.
const strokeQueue = [];
let strokeWait = null;

function typeStrokes(json) {
    if (!rfb) { return; }
    strokeQueue.push(...JSON.parse(json));
    flushStrokes(Date.now() + 3000);
}

function flushStrokes(deadline) {
    if (strokeWait !== null) { return; }
    if (!rfb) { strokeQueue.length = 0; return; }
    if (!rfb._qemuExtKeyEventSupported && Date.now() < deadline) {
        strokeWait = setTimeout(() => { strokeWait = null; flushStrokes(deadline); }, 40);
        return;
    }
    while (strokeQueue.length) { sendCombo(JSON.stringify(strokeQueue.shift())); }
}

const SHIFTED = "~!@#$%^&*()_+{}|:\"<>?";

function typeText(text) {
    if (!rfb) { return; }
    for (const ch of text) {
        if (ch === "\r") { continue; }
        if (ch === "\n") { rfb.sendKey(KeyTable.XK_Return, "Enter"); continue; }
        if (ch === "\t") { rfb.sendKey(KeyTable.XK_Tab, "Tab"); continue; }
        const sym = keysyms.lookup(ch.codePointAt(0));
        const shift = (ch >= "A" && ch <= "Z") || SHIFTED.includes(ch);
        if (shift) { rfb.sendKey(KeyTable.XK_Shift_L, "ShiftLeft", true); }
        rfb.sendKey(sym, null);
        if (shift) { rfb.sendKey(KeyTable.XK_Shift_L, "ShiftLeft", false); }
    }
}

// The guest's clipboard, where the VM has `clipboard=vnc` (noVNC's extended clipboard).
function pasteText(text) {
    if (rfb) { rfb.clipboardPasteFrom(text); }
}

function setScaleMode(mode) {
    scaleMode = mode === "native" ? "native" : "fit";
    applyScale();
}

function canvas() {
    return screen.querySelector("canvas");
}

// Queries for Python (runJavaScript): return plain JSON-able values.
window.vt = {
    connectTo, disconnectNow, sendCombo, typeStrokes, typeText, setScaleMode, pasteText,
    state() {
        return { connected: rfb !== null && rfb._rfbConnectionState === "connected",
                 frames: frames, width: width, height: height, scale: scaleMode };
    },
    screenshot() {
        return rfb && frames ? rfb.toDataURL("image/png") : "";
    },
    // How much of the framebuffer is drawn: the share of non-black pixels and the number of
    // distinct colours on a sample grid, plus a checksum that changes when the screen does.
    pixels() {
        if (!rfb || !width || !height) { return { width: 0, height: 0, lit: 0, colours: 0, sum: 0 }; }
        const data = rfb.getImageData().data;
        const colours = new Set();
        let lit = 0, n = 0, sum = 0;
        const stepX = Math.max(1, Math.floor(width / 64)), stepY = Math.max(1, Math.floor(height / 48));
        for (let y = 0; y < height; y += stepY) {
            for (let x = 0; x < width; x += stepX) {
                const i = (y * width + x) * 4;
                const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
                colours.add(rgb);
                if (rgb !== 0) { lit += 1; }
                sum = (sum * 31 + rgb) % 1000000007;
                n += 1;
            }
        }
        return { width: width, height: height, lit: lit / n, colours: colours.size, sum: sum };
    },
    pixel(x, y) {
        if (!rfb || !width) { return null; }
        const d = rfb.getImageData().data, i = (y * width + x) * 4;
        return [d[i], d[i + 1], d[i + 2], d[i + 3]];
    },
    hasCanvas() { return canvas() !== null; },
};

new QWebChannel(qt.webChannelTransport, (channel) => {
    bridge = channel.objects.bridge;
    bridge.connectTo.connect(connectTo);
    bridge.disconnectNow.connect(disconnectNow);
    bridge.sendCombo.connect(sendCombo);
    bridge.typeStrokes.connect(typeStrokes);
    bridge.typeText.connect(typeText);
    bridge.setScaleMode.connect(setScaleMode);
    bridge.focusScreen.connect(() => { if (rfb) { rfb.focus(); } });
    bridge.pageReady();
});

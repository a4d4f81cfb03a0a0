// VirtOn Desktop console wall: view-only, throttled noVNC connections in a grid, one page.
//
// Python (ui/console/console_wall.py) publishes a QObject "bridge" over QWebChannel: its
// signals are commands (setTiles, setTileText, connectTile, disconnectTile, disconnectAll),
// its slots receive our events (pageReady, tileStatus, tileFrame, tileActivated). Labels and
// messages are set as textContent only: guest names are plain text here too.
//
// One page for every tile: one renderer process and one compositor for the whole wall
// instead of one per guest (DESIGN.md "Console wall" has the measurements).

import RFB from "../novnc/core/rfb.js";
import { encodings } from "../novnc/core/encodings.js";

// Throttling: at most one framebuffer update request per tile every FRAME_MS, low JPEG
// quality and high compression (Tight), and no continuous updates (the server would then
// push frames as fast as it likes).
const FRAME_MS = 250;
const QUALITY = 2;
const COMPRESSION = 6;

const grid = document.getElementById("grid");
let bridge = null;
const tiles = new Map();       // id -> tile
const bySocket = new WeakMap(); // noVNC Websock -> tile

function emit(name, ...args) {
    if (bridge && bridge[name]) { bridge[name](...args); }
}

const requestUpdate = RFB.messages.fbUpdateRequest;
RFB.messages.fbUpdateRequest = (sock, incremental, x, y, w, h) => {
    const tile = bySocket.get(sock);
    if (!incremental || !tile) { return requestUpdate(sock, incremental, x, y, w, h); }
    if (tile.timer !== null) { return undefined; }
    const wait = Math.max(0, tile.lastRequest + FRAME_MS - performance.now());
    tile.timer = setTimeout(() => {
        tile.timer = null;
        if (tile.rfb === null || tile.rfb._sock !== sock || sock.readyState !== "open") { return; }
        tile.lastRequest = performance.now();
        requestUpdate(sock, true, x, y, w, h);
    }, wait);
    return undefined;
};

const sendEncodings = RFB.messages.clientEncodings;
RFB.messages.clientEncodings = (sock, list) => {
    const keep = bySocket.has(sock) ? list.filter((e) => e !== encodings.pseudoEncodingContinuousUpdates) : list;
    return sendEncodings(sock, keep);
};

function element(tag, cls, parent) {
    const el = document.createElement(tag);
    el.className = cls;
    parent.appendChild(el);
    return el;
}

// specs: [{id, label}], in order; columns: the grid's column count.
function setTiles(json, columns) {
    disconnectAll();
    tiles.clear();
    while (grid.firstChild) { grid.removeChild(grid.firstChild); }
    const specs = JSON.parse(json);
    const rows = Math.max(1, Math.ceil(specs.length / Math.max(1, columns)));
    grid.style.gridTemplateColumns = "repeat(" + Math.max(1, columns) + ", minmax(0, 1fr))";
    grid.style.gridTemplateRows = "repeat(" + rows + ", minmax(0, 1fr))";
    for (const spec of specs) {
        const el = element("div", "tile", grid);
        el.dataset.kind = "off";
        const label = element("div", "label", el);
        const name = element("span", "name", label);
        name.textContent = spec.label;
        const state = element("span", "state", label);
        const screen = element("div", "screen", el);
        const message = element("div", "message", screen);
        const tile = { id: spec.id, el, state, screen, message, rfb: null, frames: 0, width: 0, height: 0,
                       timer: null, lastRequest: 0 };
        el.title = spec.label;
        // Capture phase: noVNC's own handlers on the canvas never see (or stop) the click.
        el.addEventListener("click", (e) => { e.stopPropagation(); emit("tileActivated", tile.id); }, true);
        tiles.set(spec.id, tile);
    }
}

// kind: live | connecting | off | refused (the colour); the texts come translated from Python.
function setTileText(id, kind, stateText, messageText) {
    const tile = tiles.get(id);
    if (!tile) { return; }
    tile.el.dataset.kind = kind;
    tile.state.textContent = stateText;
    tile.message.textContent = messageText;
}

function connectTile(id, url, password) {
    const tile = tiles.get(id);
    if (!tile) { return; }
    disconnectTile(id);
    tile.frames = 0; tile.width = 0; tile.height = 0; tile.lastRequest = 0;
    let client;
    try {
        client = new RFB(tile.screen, url, { credentials: { password: password }, wsProtocols: ["binary"], shared: true });
    } catch (err) {
        emit("tileStatus", id, "disconnected", String(err));
        return;
    }
    tile.rfb = client;
    bySocket.set(client._sock, tile);
    client.viewOnly = true;
    client.focusOnClick = false;
    client.scaleViewport = true;
    client.clipViewport = false;
    client.resizeSession = false;
    client.showDotCursor = false;
    client.qualityLevel = QUALITY;
    client.compressionLevel = COMPRESSION;
    client.background = "#1e1e1e";
    const display = client._display;
    const flip = display.flip.bind(display);
    display.flip = (...args) => {
        const result = flip(...args);
        if (client === tile.rfb) {
            tile.frames += 1;
            if (tile.frames === 1) { emit("tileFrame", id); }
        }
        return result;
    };
    const resize = client._resize.bind(client);
    client._resize = (w, h) => {
        resize(w, h);
        if (client === tile.rfb) { tile.width = w; tile.height = h; }
    };
    let failure = "";
    client.addEventListener("connect", () => {
        if (client === tile.rfb) { emit("tileStatus", id, "connected", ""); }
    });
    client.addEventListener("securityfailure", (e) => {
        failure = "security:" + (e.detail.reason || String(e.detail.status));
    });
    client.addEventListener("credentialsrequired", () => {
        failure = "security:credentials";
        client.disconnect();
    });
    client.addEventListener("disconnect", (e) => {
        if (client !== tile.rfb) { return; }
        tile.rfb = null;
        emit("tileStatus", id, "disconnected", failure || (e.detail.clean ? "clean" : "dropped"));
    });
}

function disconnectTile(id) {
    const tile = tiles.get(id);
    if (!tile) { return; }
    const client = tile.rfb;
    tile.rfb = null;   // its disconnect event is ours, not a drop: ignored above
    if (tile.timer !== null) { clearTimeout(tile.timer); tile.timer = null; }
    if (client) {
        try { client.disconnect(); } catch (err) { /* already closed */ }
    }
    for (const child of Array.from(tile.screen.children)) {
        if (child !== tile.message) { tile.screen.removeChild(child); }
    }
}

function disconnectAll() {
    for (const id of tiles.keys()) { disconnectTile(id); }
}

// Queries for Python and the tests (runJavaScript): plain JSON-able values.
window.wall = {
    tiles() {
        const out = [];
        for (const tile of tiles.values()) {
            const canvas = tile.screen.querySelector("canvas");
            let lit = 0;
            if (tile.rfb && tile.width && tile.height) {
                const data = tile.rfb.getImageData().data;
                for (let i = 0; i < data.length; i += 4 * 97) {
                    if (data[i] | data[i + 1] | data[i + 2]) { lit += 1; }
                }
            }
            out.push({ id: tile.id, kind: tile.el.dataset.kind, state: tile.state.textContent,
                       message: tile.message.textContent, label: tile.el.querySelector(".name").textContent,
                       connected: tile.rfb !== null && tile.rfb._rfbConnectionState === "connected",
                       viewOnly: tile.rfb !== null && tile.rfb.viewOnly, frames: tile.frames,
                       width: tile.width, height: tile.height, canvas: canvas !== null, lit: lit });
        }
        return out;
    },
    click(id) {
        const tile = tiles.get(id);
        if (tile) { tile.el.click(); }
    },
};

new QWebChannel(qt.webChannelTransport, (channel) => {
    bridge = channel.objects.bridge;
    bridge.setTiles.connect(setTiles);
    bridge.setTileText.connect(setTileText);
    bridge.connectTile.connect(connectTile);
    bridge.disconnectTile.connect(disconnectTile);
    bridge.disconnectAll.connect(disconnectAll);
    bridge.pageReady();
});

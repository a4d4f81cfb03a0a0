#!/usr/bin/env bash
# Build an AppImage (any glibc >= the build machine's Linux) of the bundle packaging/linux/build.sh made.
#
#   packaging/linux/appimage.sh            the AppDir, smoke-tested (--version, --demo --screenshot)
#   APPIMAGETOOL=/path/to/appimagetool packaging/linux/appimage.sh
#                                          ... and dist/virton-desktop-<version>-<arch>.AppImage of it,
#                                          smoke-tested the same way (--appimage-extract-and-run: no FUSE
#                                          needed)
#
# appimagetool comes from github.com/AppImage/appimagetool (not in Debian's archive): the GitHub
# workflow downloads it; .ci/run does not build AppImages (that machine cannot reach GitHub).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
NAME=virton-desktop
APPID=io.github.virton.VirtonDesktop
RES="$ROOT/virton_desktop/resources"
BUNDLE="$ROOT/dist/$NAME"
APPDIR="$ROOT/build/AppDir"

log() { echo "[appimage] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ -x "$BUNDLE/$NAME" ] || die "no bundle at $BUNDLE (run packaging/linux/build.sh first)"
VERSION="$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
ARCH="$(uname -m)"

rm -rf "$APPDIR"
mkdir -p "$APPDIR/usr/lib" "$APPDIR/usr/share/applications" "$APPDIR/usr/share/metainfo" \
    "$APPDIR/usr/share/icons/hicolor/scalable/apps"
cp -al "$BUNDLE" "$APPDIR/usr/lib/$NAME" 2>/dev/null || cp -a "$BUNDLE" "$APPDIR/usr/lib/$NAME"
cat > "$APPDIR/AppRun" <<'RUN'
#!/bin/sh
# The AppImage's entry point: the PyInstaller bundle inside the mounted image.
HERE="$(dirname "$(readlink -f "$0")")"
exec "$HERE/usr/lib/virton-desktop/virton-desktop" "$@"
RUN
chmod 0755 "$APPDIR/AppRun"
install -m 0644 "$RES/$NAME.desktop" "$APPDIR/$NAME.desktop"
install -m 0644 "$RES/$NAME.desktop" "$APPDIR/usr/share/applications/$NAME.desktop"
install -m 0644 "$RES/$APPID.metainfo.xml" "$APPDIR/usr/share/metainfo/$APPID.appdata.xml"
install -m 0644 "$RES/icons/hicolor/256x256/apps/$NAME.png" "$APPDIR/$NAME.png"
install -m 0644 "$RES/icons/$NAME.svg" "$APPDIR/usr/share/icons/hicolor/scalable/apps/$NAME.svg"
ln -sf "$NAME.png" "$APPDIR/.DirIcon"

smoke() {  # smoke <command...>: --version, then a non-blank --demo screenshot offscreen
    local work got
    work="$(mktemp -d)"
    got="$("$@" --version)"
    [ "$got" = "$NAME $VERSION" ] || die "--version printed '$got'"
    HOME="$work" XDG_CONFIG_HOME="$work/c" XDG_STATE_HOME="$work/s" \
        QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 QTWEBENGINE_CHROMIUM_FLAGS=--disable-gpu \
        timeout 120 "$@" --demo --screenshot "$work/shot.png" >"$work/run.log" 2>&1 \
        || { cat "$work/run.log" >&2; die "$* exited with an error"; }
    "$PYTHON" "$ROOT/packaging/check_screenshot.py" "$work/shot.png" || die "blank screenshot from $*"
    rm -rf "$work"
}
smoke "$APPDIR/AppRun"
log "AppDir: build/AppDir, AppRun smoke-tested"

if [ -n "${APPIMAGETOOL:-}" ]; then
    OUT="$ROOT/dist/$NAME-$VERSION-$ARCH.AppImage"
    ARCH="$ARCH" APPIMAGE_EXTRACT_AND_RUN=1 "$APPIMAGETOOL" --no-appstream "$APPDIR" "$OUT" >&2
    chmod 0755 "$OUT"
    smoke "$OUT" --appimage-extract-and-run
    log "$(basename "$OUT") ($(du -h "$OUT" | cut -f1)) smoke-tested"
    echo "$OUT"
fi

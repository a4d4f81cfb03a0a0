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
TAG=appimage
# shellcheck source=packaging/common.sh
source "$(dirname "$0")/../common.sh"
APPDIR="$ROOT/build/AppDir"

[ -x "$BUNDLE/$NAME" ] || die "no bundle at $BUNDLE (run packaging/linux/build.sh first)"
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

smoke_run "$APPDIR/AppRun"
log "AppDir: build/AppDir, AppRun smoke-tested"

if [ -n "${APPIMAGETOOL:-}" ]; then
    OUT="$ROOT/dist/$NAME-$VERSION-$ARCH.AppImage"
    ARCH="$ARCH" APPIMAGE_EXTRACT_AND_RUN=1 "$APPIMAGETOOL" --no-appstream "$APPDIR" "$OUT" >&2
    chmod 0755 "$OUT"
    smoke_run "$OUT" --appimage-extract-and-run
    log "$(basename "$OUT") ($(du -h "$OUT" | cut -f1)) smoke-tested"
    echo "$OUT"
fi

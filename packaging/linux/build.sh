#!/usr/bin/env bash
# Build the Linux one-folder bundle and a .deb of it.
#
#   packaging/linux/build.sh
#
# Needs a Python with the app and the [package] extra (PyInstaller) installed:
# $PYTHON, else .venv/bin/python (what `python3 scripts/dev.py package` sets up).
#
# Output:
#   dist/virton-desktop/                         the bundle (run dist/virton-desktop/virton-desktop)
#   dist/virton-desktop_<version>_<arch>.deb     installs it:
#       /opt/virton-desktop/                     the bundle
#       /usr/bin/virton-desktop                  -> /opt/virton-desktop/virton-desktop
#       /usr/share/applications/virton-desktop.desktop
#       /usr/share/icons/hicolor/{16x16..512x512,scalable}/apps/virton-desktop.{png,svg}
#       /usr/share/metainfo/io.github.virton.VirtonDesktop.metainfo.xml
#       /usr/share/doc/virton-desktop/copyright
# No maintainer scripts: dpkg's file triggers (hicolor-icon-theme, desktop-file-utils,
# shared-mime-info) refresh the icon cache and the desktop database.
#
# DEB_COMPRESSION / DEB_LEVEL (default zstd, 9) go to dpkg-deb -Z / -z. Measured on 2 cores
# with a 500 MB bundle: zstd 9: 22 s, 181 MB; xz 6: 308 s, 153 MB; gzip 9: 87 s, 206 MB.
# zstd needs dpkg >= 1.21.18 to install, which every system new enough for the bundle's
# glibc has (Debian 12, Ubuntu 23.04 and later).
TAG=package
# shellcheck source=packaging/common.sh
source "$(dirname "$0")/../common.sh"
COMPRESSION="${DEB_COMPRESSION:-zstd}"
LEVEL="${DEB_LEVEL:-9}"

[ -x "$PYTHON" ] || die "no Python at $PYTHON (set PYTHON, or run: python3 scripts/dev.py package)"
"$PYTHON" -c "import PyInstaller" 2>/dev/null \
    || die "PyInstaller is missing: $PYTHON -m pip install -e '.[package]'"
command -v dpkg-deb >/dev/null || die "dpkg-deb is missing (a Debian/Ubuntu system builds the .deb)"

ARCH="$(dpkg --print-architecture)"
GLIBC="$(getconf GNU_LIBC_VERSION | awk '{print $2}')"  # the bundle's Python and libraries need at least this

# --- 1. the PyInstaller bundle --------------------------------------------------------
log "PyInstaller: dist/$NAME/ (version $VERSION)"
start=$SECONDS
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
    "$ROOT/packaging/pyinstaller/$NAME.spec"
[ -x "$BUNDLE/$NAME" ] || die "PyInstaller produced no $BUNDLE/$NAME"
log "bundle built in $((SECONDS - start)) s, $(du -sh "$BUNDLE" | cut -f1)"

# --- 2. the package tree ----------------------------------------------------------------
STAGE="$ROOT/build/deb/${NAME}_${VERSION}_${ARCH}"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
    "$STAGE/usr/share/metainfo" "$STAGE/usr/share/doc/$NAME" "$STAGE/usr/share/icons/hicolor/scalable/apps"
cp -a "$BUNDLE" "$STAGE/opt/$NAME"
ln -s "/opt/$NAME/$NAME" "$STAGE/usr/bin/$NAME"
install -m 0644 "$RES/$NAME.desktop" "$STAGE/usr/share/applications/$NAME.desktop"
install -m 0644 "$RES/$APPID.metainfo.xml" "$STAGE/usr/share/metainfo/$APPID.metainfo.xml"
install -m 0644 "$RES/icons/$NAME.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/$NAME.svg"
for png in "$RES"/icons/hicolor/*/apps/$NAME.png; do
    size="$(basename "$(dirname "$(dirname "$png")")")"
    install -D -m 0644 "$png" "$STAGE/usr/share/icons/hicolor/$size/apps/$NAME.png"
done
{
    echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    echo "Upstream-Name: VirtOn Desktop"
    echo "Comment: /opt/$NAME contains Qt (LGPL-3.0), Qt WebEngine with Chromium, noVNC (MPL-2.0),"
    echo " Python and Python packages under their own licences; Help > About lists them all."
    echo ""
    echo "Files: *"
    echo "Copyright: the VirtOn Desktop developers"
    echo "License: AGPL-3.0-or-later"
    sed -e 's/^$/./' -e 's/^/ /' "$ROOT/LICENSE"
} > "$STAGE/usr/share/doc/$NAME/copyright"
# Normal permissions whatever the umask was; PyInstaller's executables keep their x bit.
find "$STAGE" -type d -exec chmod 0755 {} +
find "$STAGE" -type f ! -perm -u+x -exec chmod 0644 {} +
find "$STAGE" -type f -perm -u+x -exec chmod 0755 {} +

# Depends: what the bundle's libraries need and PyInstaller does not copy (measured with
# readelf -d over every ELF file of the bundle: libc, GL/EGL/GBM, DRM, xcb core + dri3,
# Wayland client libraries) and fontconfig's configuration with one Latin font.
# The subset of scripts/dev.py's QT_PACKAGES that the bundle does not carry itself.
DEPENDS="libc6 (>= $GLIBC), libgl1, libegl1, libgbm1, libdrm2, libxcb1, libxcb-dri3-0,"
DEPENDS="$DEPENDS libwayland-client0, libwayland-cursor0, libwayland-egl1,"
DEPENDS="$DEPENDS fontconfig-config, fonts-dejavu-core | fonts-noto-core | fonts-liberation2"
RECOMMENDS="fonts-noto-cjk, xkb-data"  # Hangul for the Korean UI; keyboard layouts on Wayland
cat > "$STAGE/DEBIAN/control" <<EOF
Package: $NAME
Version: $VERSION
Architecture: $ARCH
Maintainer: VirtOn Desktop developers <virton-desktop@localhost>
Installed-Size: $(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
Depends: $DEPENDS
Recommends: $RECOMMENDS
Section: admin
Priority: optional
Description: desktop client for Proxmox VE clusters
 VirtOn Desktop lists the virtual machines and containers of Proxmox VE
 clusters in one live table, runs power actions as Proxmox VE tasks and
 follows them in a task panel, without a web browser. A built-in demo
 cluster (virton-desktop --demo) shows it without a server.
 .
 This package contains a self-contained build (Python, Qt 6 with
 Qt WebEngine) installed under /opt/virton-desktop.
EOF

# --- 3. the .deb ---------------------------------------------------------------------------
DEB="$ROOT/dist/${NAME}_${VERSION}_${ARCH}.deb"
log "dpkg-deb ($COMPRESSION -$LEVEL): $(basename "$DEB")"
start=$SECONDS
dpkg-deb --build --root-owner-group -Z"$COMPRESSION" -z"$LEVEL" "$STAGE" "$DEB" >/dev/null
rm -rf "$STAGE"  # a second copy of the bundle: half a gigabyte
log "package built in $((SECONDS - start)) s, $(du -h "$DEB" | cut -f1)"
echo "$DEB"

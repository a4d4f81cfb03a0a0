#!/usr/bin/env bash
# Smoke test of the .deb that packaging/linux/build.sh made (and so of the bundle in it).
#
#   packaging/linux/smoke.sh [path/to/virton-desktop_<version>_<arch>.deb]
#
# 1. dpkg-deb --info / --contents: control fields; every installed path is there; every file
#    of virton_desktop/resources (noVNC, console page, translations, icons) made it into the bundle.
# 2. desktop-file-validate and appstreamcli validate --no-net on the files as packaged
#    (installs desktop-file-utils and appstream with apt-get when missing and root).
# 3. No library of the bundle lacks a dependency on this system (ldd), apart from the
#    optional GTK 3 platform theme plugin; the Depends resolve in the apt archive (simulated).
# 4. The packaged binary prints its --version, then runs --demo --screenshot offscreen
#    and writes a PNG that is not blank (packaging/check_screenshot.py with $PYTHON's Qt,
#    default .venv/bin/python).
TAG=smoke
# shellcheck source=packaging/common.sh
source "$(dirname "$0")/../common.sh"

DEB="${1:-$(ls -t "$ROOT"/dist/${NAME}_*.deb 2>/dev/null | head -1 || true)}"
[ -n "$DEB" ] && [ -f "$DEB" ] || fail "no .deb in dist/ (run packaging/linux/build.sh first)"
log "$(basename "$DEB") ($(du -h "$DEB" | cut -f1))"

# --- tools ---------------------------------------------------------------------------------------
need=()
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
command -v appstreamcli >/dev/null || need+=(appstream)
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        log "apt-get install ${need[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
            || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }
    else
        fail "missing ${need[*]}: sudo apt-get install ${need[*]}"
    fi
fi

# --- 1. package metadata and contents -----------------------------------------------------------
dpkg-deb --info "$DEB" >/dev/null || fail "dpkg-deb --info cannot read the package"
[ "$(dpkg-deb -f "$DEB" Package)" = "$NAME" ] || fail "Package is not $NAME"
[ "$(dpkg-deb -f "$DEB" Version)" = "$VERSION" ] || fail "Version is not $VERSION"
[ "$(dpkg-deb -f "$DEB" Architecture)" = "$(dpkg --print-architecture)" ] || fail "wrong Architecture"
depends="$(dpkg-deb -f "$DEB" Depends)"
for lib in libc6 libgl1 libegl1 libgbm1 libxcb1 fontconfig-config; do
    grep -q "\b$lib\b" <<<"$depends" || fail "Depends lacks $lib: $depends"
done

CONTENTS="$(mktemp)"
WORK="$(mktemp -d)"
trap 'rm -rf "$CONTENTS" "$WORK"' EXIT
dpkg-deb --contents "$DEB" | awk '{ $1=$2=$3=$4=$5=""; sub(/^ +/, ""); print }' > "$CONTENTS"
expect() { grep -qxF -- "$1" "$CONTENTS" || fail "the package lacks $1"; }
expect "./opt/$NAME/$NAME"
expect "./usr/bin/$NAME -> /opt/$NAME/$NAME"
expect "./usr/share/applications/$NAME.desktop"
expect "./usr/share/metainfo/$APPID.metainfo.xml"
expect "./usr/share/doc/$NAME/copyright"
expect "./usr/share/icons/hicolor/scalable/apps/$NAME.svg"
for size in 16 22 24 32 48 64 128 256 512; do
    expect "./usr/share/icons/hicolor/${size}x${size}/apps/$NAME.png"
done
INTERNAL="./opt/$NAME/_internal"
expect "$INTERNAL/LICENSE"
expect "$INTERNAL/PySide6/Qt/libexec/QtWebEngineProcess"
expect "$INTERNAL/PySide6/Qt/resources/qtwebengine_resources.pak"
expect "$INTERNAL/PySide6/Qt/translations/qtbase_ko.qm"
expect "$INTERNAL/PySide6/Qt/translations/qtwebengine_locales/ko.pak"
expect_resources "$CONTENTS" "$INTERNAL"
log "dpkg-deb --info/--contents: ok ($(wc -l < "$CONTENTS") entries)"

# --- 2. desktop entry and AppStream metadata as packaged --------------------------------------
dpkg-deb -x "$DEB" "$WORK/root"
validate_metadata "$WORK/root"

# --- 3. shared libraries ----------------------------------------------------------------------
APP="$WORK/root/opt/$NAME"
libpath="$APP/_internal:$APP/_internal/PySide6/Qt/lib"
unresolved="$(find "$APP" -type f \( -name '*.so*' -o -perm -u+x \) ! -name '*.py' \
        ! -path '*/platformthemes/libqgtk3.so' -print0 \
    | while IFS= read -r -d '' elf; do
          [ "$(head -c 4 "$elf")" = $'\x7fELF' ] || continue
          LD_LIBRARY_PATH="$libpath" ldd "$elf" 2>/dev/null | grep 'not found' | sed "s|^|${elf#"$APP"/}: |"
      done || true)"
[ -z "$unresolved" ] || fail "libraries not found on this system (add their packages to Depends):
$unresolved"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    apt-get install --simulate -qq "$DEB" >"$WORK/apt.log" 2>&1 \
        || { cat "$WORK/apt.log" >&2; fail "the Depends do not resolve in the apt archive"; }
    log "libraries: all resolve; Depends: resolvable (apt-get --simulate)"
else
    log "libraries: all resolve; Depends not simulated (needs root and apt lists)"
fi

# --- 4. run it ------------------------------------------------------------------------------------
SHOT_COPY="$ROOT/dist/smoke-screenshot.png" smoke_run "$APP/$NAME"
log "the screenshot: dist/smoke-screenshot.png"
log "passed"

#!/usr/bin/env bash
# Smoke test of the RPM that packaging/linux/rpm.sh made (the .deb's smoke test, smoke.sh, has
# already checked the bundle's libraries; this checks the RPM as a package and runs it).
#
#   packaging/linux/smoke_rpm.sh [path/to/virton-desktop-<version>-1.<arch>.rpm]
#
# 1. rpm -qp: Name, Version, Arch, License; the Requires name sonames (never a library the
#    bundle carries itself); every installed path is listed; every resource file is in it.
# 2. rpm itself installs it into an empty root (rpm --root, a fresh database, --nodeps since
#    that root has no glibc), then verifies it (rpm -V: every file as packaged).
# 3. desktop-file-validate and appstreamcli validate --no-net on the files as installed.
# 4. The installed binary prints its --version, then runs --demo --screenshot offscreen and
#    writes a PNG that is not blank (packaging/check_screenshot.py).
# 5. rpmlint (Debian's package rpmlint, installed with apt-get when missing and root) with
#    virton-desktop.rpmlintrc, which filters out and explains what a prebuilt bundle under /opt
#    is bound to trigger; what it still reports is printed, not fatal (rpmlint's checks change
#    between versions: Debian 12 has 2.4, the workflow's Ubuntu 24.04 2.5).
TAG=smoke-rpm
# shellcheck source=packaging/common.sh
source "$(dirname "$0")/../common.sh"

RPM="${1:-$(ls -t "$ROOT"/dist/$NAME-*.rpm 2>/dev/null | head -1 || true)}"
[ -n "$RPM" ] && [ -f "$RPM" ] || fail "no .rpm in dist/ (run packaging/linux/rpm.sh first)"
command -v rpm >/dev/null || fail "rpm is missing (packaging/linux/rpm.sh installs it)"
log "$(basename "$RPM") ($(du -h "$RPM" | cut -f1))"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# --- 1. metadata and contents --------------------------------------------------------------------
field() { rpm -qp --qf "%{$1}" "$RPM"; }
[ "$(field NAME)" = "$NAME" ] || fail "Name is not $NAME"
[ "$(field VERSION)" = "$VERSION" ] || fail "Version is not $VERSION"
[ "$(field ARCH)" = "$(uname -m)" ] || fail "Arch is $(field ARCH)"
[ "$(field LICENSE)" = "AGPL-3.0-or-later" ] || fail "License is $(field LICENSE)"
requires="$(rpm -qp --requires "$RPM")"
for need in 'glibc >= ' 'libGL.so.1()(64bit)' 'libEGL.so.1()(64bit)' 'libgbm.so.1()(64bit)' \
        'libxcb.so.1()(64bit)' fontconfig; do
    grep -qF -- "$need" <<<"$requires" || fail "Requires lacks $need: $requires"
done
# A library of the bundle among the Requires would make the package uninstallable.
! grep -qE 'libQt6|libpython|libicu|libshiboken|libpyside' <<<"$requires" \
    || fail "Requires names libraries the bundle carries: $requires"
! rpm -qp --provides "$RPM" | grep -q '\.so' || fail "the package provides the bundle's libraries"

CONTENTS="$WORK/contents"
rpm -qlp "$RPM" > "$CONTENTS"
expect() { grep -qxF -- "$1" "$CONTENTS" || fail "the package lacks $1"; }
expect "/opt/$NAME/$NAME"
expect "/usr/bin/$NAME"
expect "/usr/share/applications/$NAME.desktop"
expect "/usr/share/metainfo/$APPID.metainfo.xml"
expect "/usr/share/licenses/$NAME/LICENSE"
expect "/usr/share/icons/hicolor/scalable/apps/$NAME.svg"
for size in 16 22 24 32 48 64 128 256 512; do
    expect "/usr/share/icons/hicolor/${size}x${size}/apps/$NAME.png"
done
INTERNAL="/opt/$NAME/_internal"
expect "$INTERNAL/PySide6/Qt/libexec/QtWebEngineProcess"
expect "$INTERNAL/PySide6/Qt/translations/qtbase_ko.qm"
expect_resources "$CONTENTS" "$INTERNAL"
# The package owns its own directories, never the system's.
owned_dirs="$(rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' "$RPM" | awk '/^d/ {print $2}')"
! grep -qxE '/usr|/usr/bin|/usr/share|/usr/share/applications|/opt' <<<"$owned_dirs" \
    || fail "the package owns a system directory"
log "rpm -qp metadata, Requires and contents: ok ($(wc -l < "$CONTENTS") entries)"

# --- 2. installed by rpm itself, then verified ----------------------------------------------------
INSTROOT="$WORK/root"
mkdir -p "$INSTROOT"
rpm --root "$INSTROOT" --initdb
rpm --root "$INSTROOT" --install --nodeps --noplugins "$RPM" >"$WORK/install.log" 2>&1 \
    || { cat "$WORK/install.log" >&2; fail "rpm --install into an empty root"; }
rpm --root "$INSTROOT" -q "$NAME" >/dev/null || fail "rpm -q does not find the installed package"
verify="$(rpm --root "$INSTROOT" -V --nodeps --noplugins "$NAME" 2>&1 || true)"
[ -z "$verify" ] || fail "rpm -V after installing: $verify"
[ "$(readlink "$INSTROOT/usr/bin/$NAME")" = "../../opt/$NAME/$NAME" ] || fail "/usr/bin/$NAME is not the link"
log "rpm --install into an empty root and rpm -V: ok"

# --- 3. desktop entry and AppStream metadata as installed ---------------------------------------
if command -v desktop-file-validate >/dev/null && command -v appstreamcli >/dev/null; then
    validate_metadata "$INSTROOT"
else
    log "desktop-file-validate/appstreamcli not installed: skipped (smoke.sh installs them)"
fi
if ! command -v rpmlint >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "apt-get install rpmlint"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rpmlint >/dev/null 2>&1 \
        || log "rpmlint could not be installed: skipped"
fi
if command -v rpmlint >/dev/null; then
    rpmlint -r "$ROOT/packaging/linux/$NAME.rpmlintrc" "$RPM" >"$WORK/rpmlint.log" 2>&1 || true
    findings="$(grep -E "^${NAME}[^ ]*: [EW]: " "$WORK/rpmlint.log" || true)"
    if [ -z "$findings" ]; then
        log "rpmlint with $NAME.rpmlintrc:$(grep -m1 -o ' [0-9]* errors, [0-9]* warnings' "$WORK/rpmlint.log" \
            || echo ' no findings')"
    else
        log "rpmlint: $(grep -c . <<<"$findings") unexplained findings (informational):"
        sed 's/^/    /' <<<"$findings" >&2
    fi
else
    log "rpmlint not installed: skipped"
fi

# --- 4. run it ------------------------------------------------------------------------------------
smoke_run "$INSTROOT/usr/bin/$NAME"  # through the command's link, as a user starts it
log "passed"

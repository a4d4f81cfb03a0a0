#!/usr/bin/env bash
# Build an RPM (Fedora, RHEL, openSUSE) of the bundle packaging/linux/build.sh made.
#
#   packaging/linux/rpm.sh
#
# Reuses dist/virton-desktop/ (no second PyInstaller run) and installs the same tree as the .deb:
#   /opt/virton-desktop/, /usr/bin/virton-desktop -> ../../opt/virton-desktop/virton-desktop,
#   the desktop entry, the AppStream metainfo, the hicolor icons, the licence.
# Output: dist/virton-desktop-<version>-1.<arch>.rpm
#
# rpmbuild is in Debian's archive (package rpm): installed with apt-get when missing and root.
# The package's Requires name shared libraries by soname (libGL.so.1()(64bit), ...), which
# Fedora, RHEL and openSUSE all provide under their own package names; rpm's automatic
# dependency scan is off because it would list every library the bundle carries itself.
TAG=rpm
# shellcheck source=packaging/common.sh
source "$(dirname "$0")/../common.sh"

[ -x "$BUNDLE/$NAME" ] || die "no bundle at $BUNDLE (run packaging/linux/build.sh first)"
if ! command -v rpmbuild >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        log "apt-get install rpm"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq --no-install-recommends rpm >/dev/null 2>&1 \
            || { apt-get update -qq && apt-get install -y -qq --no-install-recommends rpm >/dev/null; }
    else
        die "rpmbuild is missing: sudo apt-get install rpm (or dnf install rpm-build)"
    fi
fi

ARCH="$(uname -m)"
GLIBC="$(getconf GNU_LIBC_VERSION | awk '{print $2}')"  # the bundle's Python and libraries need at least this

TOP="$ROOT/build/rpm"
STAGE="$TOP/stage"
rm -rf "$TOP"
mkdir -p "$TOP/SPECS" "$TOP/RPMS" "$TOP/BUILD" "$STAGE/opt" "$STAGE/usr/bin" \
    "$STAGE/usr/share/applications" "$STAGE/usr/share/metainfo" "$STAGE/usr/share/licenses/$NAME" \
    "$STAGE/usr/share/icons/hicolor/scalable/apps"
# Hard links where the file system allows: the stage is a second view of half a gigabyte.
cp -al "$BUNDLE" "$STAGE/opt/$NAME" 2>/dev/null || cp -a "$BUNDLE" "$STAGE/opt/$NAME"
# Relative, as Fedora and openSUSE want it (rpmlint: symlink-should-be-relative).
ln -s "../../opt/$NAME/$NAME" "$STAGE/usr/bin/$NAME"
install -m 0644 "$RES/$NAME.desktop" "$STAGE/usr/share/applications/$NAME.desktop"
install -m 0644 "$RES/$APPID.metainfo.xml" "$STAGE/usr/share/metainfo/$APPID.metainfo.xml"
install -m 0644 "$RES/icons/$NAME.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/$NAME.svg"
for png in "$RES"/icons/hicolor/*/apps/$NAME.png; do
    size="$(basename "$(dirname "$(dirname "$png")")")"
    install -D -m 0644 "$png" "$STAGE/usr/share/icons/hicolor/$size/apps/$NAME.png"
done
install -m 0644 "$ROOT/LICENSE" "$STAGE/usr/share/licenses/$NAME/LICENSE"

# The file list, generated: directories the package owns (never /usr, /usr/share, ... which
# the filesystem package owns), then every file and link. Quoted, with % doubled and glob
# characters escaped: the bundle has names with spaces and brackets.
FILES="$TOP/files.list"
quote() { sed -e 's/%/%%/g' -e 's/[][*?]/\\&/g' -e 's/^/"/' -e 's/$/"/'; }
{
    (cd "$STAGE" && find "opt/$NAME" -type d | sort | sed 's|^|/|' | quote | sed 's|^|%dir |')
    (cd "$STAGE" && find . ! -type d ! -path "./usr/share/licenses/*" | sort | sed 's|^\.||' | quote)
    echo "%license \"/usr/share/licenses/$NAME/LICENSE\""
} > "$FILES"

# The %changelog entry's date: the last commit's (the same package from the same sources), else today.
DATE="$(LC_ALL=C git -C "$ROOT" log -1 --format=%cd --date=format:'%a %b %d %Y' 2>/dev/null \
    || LC_ALL=C date -u '+%a %b %d %Y')"
sed -e "s|@VERSION@|$VERSION|g" -e "s|@GLIBC@|$GLIBC|" -e "s|@STAGE@|$STAGE|" -e "s|@FILES@|$FILES|" \
    -e "s|@DATE@|$DATE|" \
    "$ROOT/packaging/linux/$NAME.spec.in" > "$TOP/SPECS/$NAME.spec"

log "rpmbuild: $NAME-$VERSION-1.$ARCH.rpm"
start=$SECONDS
rpmbuild -bb --quiet --target "$ARCH" \
    --define "_topdir $TOP" --define "_buildrootdir $TOP/BUILDROOT" \
    "$TOP/SPECS/$NAME.spec" >"$TOP/rpmbuild.log" 2>&1 \
    || { cat "$TOP/rpmbuild.log" >&2; die "rpmbuild failed"; }
RPM="$(find "$TOP/RPMS" -name "$NAME-$VERSION-1.*.rpm" | head -1)"
[ -n "$RPM" ] || die "rpmbuild wrote no package"
mv "$RPM" "$ROOT/dist/"
RPM="$ROOT/dist/$(basename "$RPM")"
rm -rf "$TOP"  # the stage and the build root: more copies of the bundle
log "package built in $((SECONDS - start)) s, $(du -h "$RPM" | cut -f1)"
echo "$RPM"

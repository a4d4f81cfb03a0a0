# shellcheck shell=bash disable=SC2034  # the names are for the scripts that source this
# Sourced by the packaging scripts (packaging/linux/*.sh, packaging/pipx_smoke.sh): the paths
# and names every package shares, logging, and the checks every smoke test makes the same way.
# The script sets TAG (its log prefix) before sourcing; it runs from the repository's root.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
NAME=virton-desktop
APPID=io.github.virton.VirtonDesktop
RES="$ROOT/virton_desktop/resources"
BUNDLE="$ROOT/dist/$NAME"  # the PyInstaller bundle packaging/linux/build.sh makes
VERSION="$(sed -n 's/^version = "\(.*\)"$/\1/p' pyproject.toml | head -1)"  # [project]'s, the first such line

log() { echo "[$TAG] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
fail() { log "FAILED: $*"; exit 1; }

# expect_resources <listing> <prefix>: every resource file of the source tree (noVNC, the console
# page, .qm, icons, ...) is a line "<prefix>/virton_desktop/resources/..." of the listing file.
expect_resources() {
    local listing="$1" prefix="$2" file rel missing=0
    while IFS= read -r -d '' file; do
        rel="${file#"$ROOT"/}"
        grep -qxF -- "$prefix/$rel" "$listing" || { log "not in the package: $rel"; missing=1; }
    done < <(find "$RES" -type f ! -path "*/__pycache__/*" -print0)
    [ "$missing" = 0 ] || fail "resources missing from the package (packaging/pyinstaller/$NAME.spec)"
}

# validate_metadata <root>: the desktop entry and AppStream metainfo as installed under <root>.
validate_metadata() {
    local root="$1" out
    out="$(desktop-file-validate "$root/usr/share/applications/$NAME.desktop" 2>&1)" \
        && [ -z "$out" ] || fail "desktop-file-validate: $out"
    out="$(appstreamcli validate --no-net "$root/usr/share/metainfo/$APPID.metainfo.xml" 2>&1)" \
        || { echo "$out" >&2; fail "appstreamcli validate"; }
    log "desktop-file-validate, appstreamcli validate --no-net: ok"
}

# smoke_run <command...>: --version prints this version, and --demo --screenshot (offscreen, in a
# fresh HOME) writes a non-blank PNG, kept as $SHOT_COPY when that is set.
smoke_run() {
    local work got start elapsed_ms
    work="$(mktemp -d)"
    got="$("$@" --version)"
    [ "$got" = "$NAME $VERSION" ] || fail "--version printed '$got'"
    start=$(date +%s%N)
    HOME="$work" XDG_CONFIG_HOME="$work/c" XDG_STATE_HOME="$work/s" XDG_DATA_HOME="$work/d" \
        QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 QTWEBENGINE_CHROMIUM_FLAGS=--disable-gpu \
        timeout 120 "$@" --demo --screenshot "$work/shot.png" >"$work/run.log" 2>&1 \
        || { cat "$work/run.log" >&2; rm -rf "$work"; fail "$* exited with an error"; }
    elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    "$PYTHON" "$ROOT/packaging/check_screenshot.py" "$work/shot.png" \
        || { rm -rf "$work"; fail "the screenshot of $* is blank or unreadable"; }
    [ -z "${SHOT_COPY:-}" ] || cp "$work/shot.png" "$SHOT_COPY"
    rm -rf "$work"
    log "--version ok; --demo --screenshot: a non-blank PNG in $((elapsed_ms / 1000)).$(printf %03d $((elapsed_ms % 1000))) s"
}

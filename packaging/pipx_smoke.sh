#!/usr/bin/env bash
# Smoke test of what the README tells pipx users: `pipx install .` of this source tree, then the
# installed command prints its --version and writes a non-blank --demo --screenshot offscreen.
#
#   packaging/pipx_smoke.sh
#
# All in a temporary directory, removed afterwards: PIPX_HOME and PIPX_BIN_DIR, and the copy of
# the sources pipx installs (setuptools builds in the tree it is given: its build/ would land
# here, and a stale build/lib leaks deleted modules into later wheels). pipx from PATH, else
# pip-installed into a virtualenv of $PYTHON. Dependencies come from the package index pip is
# configured with (on a machine that ran `scripts/dev.py setup`, pip's cache has them).
# tests/test_wheel.py checks the wheel's contents file by file; this checks that it installs and runs.
TAG=pipx
# shellcheck source=packaging/common.sh
source "$(dirname "$0")/common.sh"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if command -v pipx >/dev/null; then
    PIPX=(pipx)
else
    "$PYTHON" -m venv "$WORK/pipx-venv"
    "$WORK/pipx-venv/bin/python" -m pip install -q --disable-pip-version-check --no-input pipx \
        >"$WORK/pip.log" 2>&1 || { cat "$WORK/pip.log" >&2; fail "pip install pipx"; }
    PIPX=("$WORK/pipx-venv/bin/pipx")
fi

mkdir "$WORK/src"
tar -C "$ROOT" --exclude=__pycache__ -cf - pyproject.toml README.md LICENSE virton_desktop | tar -C "$WORK/src" -xf -
export PIPX_HOME="$WORK/pipx" PIPX_BIN_DIR="$WORK/bin" PIPX_MAN_DIR="$WORK/man"
start=$SECONDS
"${PIPX[@]}" install --python "$PYTHON" "$WORK/src" >"$WORK/install.log" 2>&1 \
    || { cat "$WORK/install.log" >&2; fail "pipx install"; }
log "pipx install: $((SECONDS - start)) s"

APP="$WORK/bin/$NAME"
[ -x "$APP" ] || fail "pipx installed no $NAME command"
smoke_run "$APP"
log "passed"

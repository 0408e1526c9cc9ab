#!/usr/bin/env bash
# Install the tools the benchmark compares irlint with, pinned, into bench/.tools/ (gitignored):
#   - Vale, built from the Go module proxy with `go install` into bench/.tools/bin/vale;
#   - proselint from PyPI into its own virtual environment, bench/.tools/proselint-venv.
# Idempotent: a tool whose pinned version is already installed is left alone.
#
# Vale's module moved from github.com/errata-ai/vale/v3 to github.com/vale-cli/vale/v3 (v3.20.0 on). v3.22.0 is the
# newest release whose dependencies the proxy serves in full: v3.23.0 to v3.26.0 need a pseudo-version of
# github.com/andybalholm/cascadia that the proxy refuses. It needs Go 1.25.7 or newer (the machine has 1.26).
set -euo pipefail

VALE_MODULE="github.com/vale-cli/vale/v3"
VALE_VERSION="v3.22.0"
PROSELINT_VERSION="0.16.0"
PYTHON="${PYTHON:-python3}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tools="$here/.tools"
mkdir -p "$tools/bin"

vale="$tools/bin/vale"
if [[ -x "$vale" ]] && [[ "$("$vale" --version 2>/dev/null)" == "vale version ${VALE_VERSION#v}" ]]; then
  echo "vale ${VALE_VERSION#v}: already installed ($vale)"
else
  command -v go >/dev/null 2>&1 || { echo "install-tools: go not found on PATH (Vale is built with go install)" >&2; exit 1; }
  echo "vale ${VALE_VERSION#v}: go install $VALE_MODULE/cmd/vale@$VALE_VERSION"
  # -X main.version makes `vale --version` report the release, as the release build does.
  GOBIN="$tools/bin" GOFLAGS="${GOFLAGS:-} -buildvcs=false" \
    go install -ldflags "-X main.version=${VALE_VERSION#v}" "$VALE_MODULE/cmd/vale@$VALE_VERSION"
  "$vale" --version
fi

venv="$tools/proselint-venv"
marker="$venv/.installed-$PROSELINT_VERSION"
if [[ -f "$marker" && -x "$venv/bin/proselint" ]]; then
  echo "proselint $PROSELINT_VERSION: already installed ($venv)"
else
  echo "proselint $PROSELINT_VERSION: pip install into $venv"
  rm -rf "$venv"
  "$PYTHON" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "proselint==$PROSELINT_VERSION"
  touch "$marker"
fi

#!/usr/bin/env bash
# Provision the headless browser that tests/test_html_report.py drives: Debian's `chromium` and `chromium-driver`,
# which put /usr/bin/chromium and /usr/bin/chromedriver in place (Selenium is pointed at both; it downloads nothing).
#
# Idempotent and quiet: when both binaries are there it returns at once and prints nothing. Otherwise it runs
# `apt-get update` and `apt-get install` (as root, or through sudo when that is available without a password),
# shows apt's output only if it fails, and exits non-zero with a one-line reason on stderr.
set -euo pipefail

die() { echo "provision-chromium: $*" >&2; exit 1; }

chromium="${IRLINT_CHROMIUM:-/usr/bin/chromium}"
driver="${IRLINT_CHROMEDRIVER:-/usr/bin/chromedriver}"

have_both() { [[ -x "$chromium" && -x "$driver" ]]; }

if have_both; then
  exit 0
fi

command -v apt-get >/dev/null 2>&1 \
  || die "$chromium or $driver is missing and apt-get is not available: install Chromium and its WebDriver by hand"

if [[ "$(id -u)" -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  die "$chromium or $driver is missing and installing them needs root: run \`apt-get install chromium chromium-driver\` as root"
fi

export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

if ! "${as_root[@]}" apt-get update -qq >"$log" 2>&1; then
  cat "$log" >&2
  die "apt-get update failed (output above)"
fi
if ! "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium chromium-driver >"$log" 2>&1; then
  cat "$log" >&2
  die "apt-get install chromium chromium-driver failed (output above)"
fi

have_both || die "apt-get installed chromium and chromium-driver, but $chromium or $driver is still missing"

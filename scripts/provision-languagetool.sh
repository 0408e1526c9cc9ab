#!/usr/bin/env bash
# Provision a local LanguageTool HTTP server for English from Maven Central.
#
# Installs every runtime jar of org.languagetool:languagetool-server and
# language-en (plus language-es/-ca/-pt, which the server needs to start),
# at the version pinned in scripts/languagetool/pom.xml, into
#   ${IRLINT_LANGUAGETOOL_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/irlint/languagetool/<VERSION>}
# and prints that directory as the only line on stdout. Start the server with
#   java -Xmx512m -cp "<dir>/*" org.languagetool.server.HTTPServer --port 8081 --allow-origin '*'
# It listens on loopback only unless --public is given: never give it.
# The first /v2/check after start takes a few seconds (rules load lazily).
#
# Idempotent: a `.complete` marker holding the version is written only after
# every jar is in place; when it is there the script returns at once without
# running Maven. A run that died half-way leaves no marker and is redone.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pom="$here/languagetool/pom.xml"

die() { echo "provision-languagetool: $*" >&2; exit 1; }

[[ -f "$pom" ]] || die "missing $pom"
command -v java >/dev/null 2>&1 || die "java not found on PATH (LanguageTool needs Java 17 or newer)"

# The pinned version lives in the pom, in one line: <languagetool.version>X</languagetool.version>
version="$(sed -n 's:.*<languagetool.version>\(.*\)</languagetool.version>.*:\1:p' "$pom" | head -n 1)"
[[ -n "$version" ]] || die "no <languagetool.version> in $pom"

dest="${IRLINT_LANGUAGETOOL_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/irlint/languagetool/$version}"
marker="$dest/.complete"

is_complete() { [[ -f "$marker" && "$(<"$marker")" == "$version" ]]; }

# Fast path: already provisioned.
if is_complete; then
  echo "$dest"
  exit 0
fi

command -v mvn >/dev/null 2>&1 || die "mvn not found on PATH (needed once to fetch the LanguageTool jars)"

mkdir -p "$dest"
# Serialise concurrent runs (e.g. parallel test workers); re-check after the wait.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$dest/.lock"
  flock 9
  if is_complete; then
    echo "$dest"
    exit 0
  fi
fi

rm -f "$marker"
# Drop jars from an earlier, unfinished or different-version attempt.
find "$dest" -maxdepth 1 -type f -name '*.jar' -delete

# Maven's own output goes to a log that is shown only if it fails, so that
# stdout carries only the install path.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! mvn -q -B -f "$pom" \
    dependency:copy-dependencies \
    -Dlanguagetool.version="$version" \
    -Dlt.outputDirectory="$dest" >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  die "mvn failed to fetch LanguageTool $version into $dest (output above)"
fi

ls "$dest"/languagetool-server-"$version".jar "$dest"/language-en-"$version".jar >/dev/null 2>&1 \
  || die "LanguageTool $version jars missing in $dest after mvn"

# Write the marker atomically, last.
printf '%s' "$version" >"$marker.tmp"
mv -f "$marker.tmp" "$marker"
echo "$dest"

#!/usr/bin/env bash
# Trunk post-build hook: fills the service worker's precache list and version from the files
# of this build. Runs in Trunk's staging folder, before the build replaces dist/.
set -euo pipefail
cd "${TRUNK_STAGING_DIR:?this script is run by trunk as a build hook}"

# Every output but the worker itself, as paths relative to it (and so to the app's folder).
# Not the .br/.gz copies: the browser fetches the plain names and the host picks the encoding.
mapfile -t files < <(find . -type f ! -name sw.js ! -name '*.map' ! -name '*.br' ! -name '*.gz' -printf '%P\n' | LC_ALL=C sort)
# The version changes whenever any byte of the app changes.
version=$(cat -- "${files[@]}" | sha256sum | cut -c1-16)
list=$(printf '  "%s",\n' "${files[@]}")

awk -v version="$version" -v list="$list" '
  /__PRECACHE_LIST__/ { print list; next }
  { gsub(/__BUILD_VERSION__/, version); print }
' sw.js > sw.js.tmp
mv sw.js.tmp sw.js
echo "precache: ${#files[@]} files, version $version"

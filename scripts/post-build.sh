#!/usr/bin/env bash
# Trunk post-build hook: finishes the build in Trunk's staging folder, in this order:
#   0. the wasm split at its lazy screens, replacing Trunk's wasm and JS glue (split-wasm.mjs),
#      and the report page with its own small wasm, in report/ (build-report.mjs);
#   1. the Content-Security-Policy, hashing the final inline scripts (scripts/csp.mjs);
#   2. the service worker's precache list and version, over the finished files (precache.sh);
#   3. .br and .gz copies of the wasm, JS and CSS, release builds only (scripts/compress.mjs).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
stage="${TRUNK_STAGING_DIR:?this script is run by trunk as a build hook}"
node "$here/split-wasm.mjs" "$stage"
node "$here/build-report.mjs" "$stage"
node "$here/csp.mjs" "$stage"
bash "$here/precache.sh"
# Development builds are rebuilt on every save and served uncompressed: skip the seconds brotli
# takes on their big wasm.
if [ "${TRUNK_PROFILE:-}" = "release" ]; then
  node "$here/compress.mjs" "$stage"
fi

#!/usr/bin/env bash
# Prints first-load figures (Lighthouse's mobile profile against the release build served
# gzip-compressed, next to their targets), the transferred sizes, and the triage queue's load,
# search, filter and save times with 1,000 and 5,000 issues, measured in headless Chromium,
# the steering report's preparation with 2,000 issues,
# and the time of a first team sync of 10,000 events against pouchdb-server on loopback.
# Figures, not a pass/fail test.
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
ensure_test_tools
cd "$ROOT"
trunk build --release
bash scripts/size-report.sh
node tests/bench/lighthouse.mjs
node tests/bench/benchmark.mjs
node tests/bench/service-desk-benchmark.mjs
node tests/bench/steering-benchmark.mjs
node tests/bench/sync-benchmark.mjs

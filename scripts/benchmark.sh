#!/usr/bin/env bash
# Prints load, search, filter and save times of the triage queue with 1,000 and 5,000 issues,
# measured in headless Chromium against the release build. Figures, not a pass/fail test.
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
ensure_test_tools
cd "$ROOT"
trunk build --release
node tests/bench/benchmark.mjs

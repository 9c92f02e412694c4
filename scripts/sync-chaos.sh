#!/usr/bin/env bash
# The long team sync chaos run, outside CI's time budget: 10 devices, 1,000 changes each
# (issues, events, head fields, workshop decisions, holidays), each device running the
# browser's own sync loop on a simulated clock through random offline spells, server restarts
# and lost answers; afterwards every device and the model server must hold identical data
# with nothing lost or applied twice, within 5 s of simulated time after the last reconnect.
# CI runs a short version (3 devices x 40 changes, and five seeds of 4 x 25) inside
# `cargo test`. Set CHAOS_SEED to replay a run; the seed is printed.
#
#   scripts/sync-chaos.sh                 # 10 devices x 1,000 changes
#   CHAOS_DEVICES=4 CHAOS_CHANGES=200 scripts/sync-chaos.sh
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
ensure_rust
cd "$ROOT"
export CHAOS_DEVICES="${CHAOS_DEVICES:-10}" CHAOS_CHANGES="${CHAOS_CHANGES:-1000}"
export CHAOS_SEED="${CHAOS_SEED:-$(date +%s)}"
cargo test --locked --profile chaos --lib sync::chaos_tests::devices_changing -- --nocapture

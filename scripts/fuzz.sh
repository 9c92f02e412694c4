#!/usr/bin/env bash
# The long fuzz run of every door a record comes in by (issue 28): backup files, share links,
# stored records, team-database documents and CSV imports, each on 1,000,000 generated inputs
# (raw bytes, and valid records edited at and past the bounds of `domain::bounds`), with the
# screens run on whatever a door accepts. Prints per door the cases run, the seed and every
# distinct panic, freeze (longer than FUZZ_TIMEOUT_MS) or oversized allocation, shrunk to the
# edits that matter, then a summary table. The inputs are written under FUZZ_OUT.
#
# CI runs the property tests in `cargo test` (src/fuzz_tests.rs) and may run this script short:
#
#   scripts/fuzz.sh                          # 1,000,000 cases per door (hours)
#   FUZZ_CASES=20000 scripts/fuzz.sh         # the short run
#   FUZZ_DOORS="share csv" FUZZ_SEED=1719400000 scripts/fuzz.sh
#   FUZZ_DOORS=stored FUZZ_SEED=... FUZZ_REPLAY=1234 scripts/fuzz.sh   # one case again
#   FUZZ_SWEEP=1 scripts/fuzz.sh             # every field of every base at each bound, once
#   FUZZ_SEED=S FUZZ_FROM=500000 FUZZ_CASES=500000 scripts/fuzz.sh   # cases 500000-999999 of S
#
# A case's input depends only on the seed and its number, so a million can be run in parts
# (on two cores at once, or on different days): FUZZ_FROM is the first case (0).
#
# Also: FUZZ_TIMEOUT_MS (3000), FUZZ_MAX_FREEZES (20: a frozen input runs on beside the run,
# and the next freeze waits up to FUZZ_STUCK_WAIT_S for it), FUZZ_MAX_INPUT_MB (12),
# FUZZ_ALLOC_LIMIT_MB (1024), FUZZ_OUT.
#
# It exits non-zero when anything was found. A run the process does not survive (a stack
# overflow) is located to its case through the progress file and resumed after it.
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
ensure_rust
cd "$ROOT"

export FUZZ_CASES="${FUZZ_CASES:-1000000}"
export FUZZ_SEED="${FUZZ_SEED:-$(date +%s)}"
export FUZZ_TIMEOUT_MS="${FUZZ_TIMEOUT_MS:-3000}"
export FUZZ_OUT="${FUZZ_OUT:-${CARGO_TARGET_DIR:-$ROOT/target}/fuzz}"
FROM="${FUZZ_FROM:-0}"
DOORS="${FUZZ_DOORS:-backup share stored team csv}"
TEST=fuzz_tests::fuzz_long_run
mkdir -p "$FUZZ_OUT"

say "Building the optimised test binary (profile fuzz)"
cargo test --locked --profile fuzz --lib --no-run

run_door() { # door first cases [extra env...]
  local door=$1 first=$2 cases=$3
  shift 3
  env FUZZ_DOOR="$door" FUZZ_FIRST="$first" FUZZ_CASES="$cases" "$@" \
    cargo test --locked --profile fuzz --lib "$TEST" -- --exact --ignored --nocapture 2>&1
}

if [ -n "${FUZZ_REPLAY:-}" ]; then
  for door in $DOORS; do run_door "$door" 0 1; done
  exit 0
fi

summary=()
status=0
for door in $DOORS; do
  say "Door $door: $FUZZ_CASES cases from case $FROM, seed $FUZZ_SEED"
  log="$FUZZ_OUT/$door-$FUZZ_SEED-from-$FROM.log"
  : >"$log"
  first=$FROM deaths=0
  end=$((first + FUZZ_CASES))
  cases_run=0 accepted=0 failed=0 distinct=0 elapsed=0 note=""
  start=$(date +%s)
  while [ "$first" -lt "$end" ]; do
    left=$((end - first))
    segment="$FUZZ_OUT/$door-$FUZZ_SEED-from-$FROM.segment"
    run_door "$door" "$first" "$left" | tee "$segment" | grep -v '^\(running\|test \|$\)' || true
    cat "$segment" >>"$log"
    line=$(grep '^FUZZ-SUMMARY' "$segment" || true)
    if [ -n "$line" ]; then
      field() { printf '%s\n' "$line" | sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
      cases_run=$((cases_run + $(field cases)))
      accepted=$((accepted + $(field accepted)))
      failed=$((failed + $(field failed)))
      distinct=$((distinct + $(field distinct)))
      note=$(printf '%s\n' "$line" | sed -n 's/.*stopped="\(.*\)".*/\1/p')
      break
    fi
    # The process died: find the case through the progress file, note it, go on after it.
    progress=$(sed -n 's/.*case=\([0-9]*\).*/\1/p' "$FUZZ_OUT/$door.progress" 2>/dev/null || echo "$first")
    run_door "$door" "$progress" 256 FUZZ_CHECKPOINT_EVERY=1 >>"$log" || true
    dead=$(sed -n 's/.*case=\([0-9]*\).*/\1/p' "$FUZZ_OUT/$door.progress")
    run_door "$door" 0 1 FUZZ_REPLAY="$dead" >>"$log" 2>&1 || true
    echo "  [$door] the process died at case $dead (seed $FUZZ_SEED); input: $FUZZ_OUT/$door-$FUZZ_SEED-case-$dead.input"
    echo "  [$door] the process died at case $dead" >>"$log"
    cases_run=$((cases_run + dead - first + 1))
    failed=$((failed + 1))
    distinct=$((distinct + 1))
    deaths=$((deaths + 1))
    first=$((dead + 1))
    if [ "$deaths" -ge 5 ]; then
      note="stopped after 5 deaths"
      break
    fi
  done
  elapsed=$(($(date +%s) - start))
  [ "$failed" -gt 0 ] && status=1
  summary+=("$(printf '%-8s %10s %10s %8s %9s %8ss  %s' "$door" "$cases_run" "$accepted" "$failed" "$distinct" "$elapsed" "$note")")
done

say "Summary (seed $FUZZ_SEED, from case $FROM, time limit $FUZZ_TIMEOUT_MS ms, inputs and logs in $FUZZ_OUT)"
printf '%-8s %10s %10s %8s %9s %9s  %s\n' door cases accepted failed distinct elapsed note
printf '%s\n' "${summary[@]}"
exit "$status"

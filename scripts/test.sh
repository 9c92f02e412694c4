#!/usr/bin/env bash
# Runs every test layer of Handrail, installing what is missing first:
#   1. domain, routing and storage rules natively (cargo test), plus clippy;
#   2. storage and components in headless Chromium (wasm-bindgen-test);
#   3. user journeys end to end in Chromium against the release build (Playwright);
# and ends by printing the app's transferred size.
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
ensure_test_tools
cd "$ROOT"

say "1/3 Rules, natively (cargo test)"
cargo test --locked -- --show-output
cargo clippy --locked --all-targets -- -D warnings
# The release build's lazy parts (the `split` feature) compile only for the browser.
cargo clippy --locked --target wasm32-unknown-unknown --features split -- -D warnings

say "2/3 Storage and components in headless Chromium (wasm-bindgen-test)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER=/usr/bin/chromedriver \
WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/tests/webdriver.json" \
  cargo test --locked --target wasm32-unknown-unknown --test browser --test share_browser --test intake_browser

say "3/3 User journeys in Chromium against the release build (Playwright)"
trunk build --release
npx playwright test --config tests/e2e/playwright.config.mjs

bash "$ROOT/scripts/size-report.sh"

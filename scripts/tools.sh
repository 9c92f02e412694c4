# Installs what building and testing Handrail need, skipping whatever is already present at the
# right version. Sourced by scripts/serve.sh and scripts/test.sh; safe to run again and again.
#
#   ensure_build_tools  Rust toolchain + wasm target, trunk, wasm-bindgen-cli, wasm-split-cli,
#                       wasm-opt (npm)
#   ensure_test_tools   the above, plus Chromium and its driver

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.22.1"
BINARYEN_VERSION="132"
WASM_SPLIT_VERSION="0.2.4"

# cargo-installed tools and the npm tools (wasm-opt from binaryen) come first on PATH, so the
# pinned versions win over anything else installed on the machine.
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf '\n==> %s\n' "$*"; }

# Runs apt-get as root, or through sudo when there is one.
apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Please install as root: $*" >&2; return 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}

ensure_rust() {
  if ! command -v rustup >/dev/null; then
    echo "rustup is missing: install it from https://rustup.rs and run this again." >&2
    return 1
  fi
  local channel
  channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' "$ROOT/rust-toolchain.toml")
  if rustup run "$channel" rustc --version >/dev/null 2>&1 &&
     rustup target list --installed --toolchain "$channel" | grep -qx wasm32-unknown-unknown; then
    return 0
  fi
  say "Installing Rust $channel with the wasm32 target"
  rustup toolchain install "$channel" --profile minimal \
    --target wasm32-unknown-unknown --component rustfmt,clippy
}

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_trunk() {
  if trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then return 0; fi
  say "Installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
  (cd "$ROOT" && cargo install --locked "trunk@$TRUNK_VERSION")
}

ensure_wasm_bindgen() {
  local version
  version=$(wasm_bindgen_version)
  if wasm-bindgen --version 2>/dev/null | grep -q " $version\$" &&
     wasm-bindgen-test-runner --version 2>/dev/null | grep -q " $version\$"; then
    return 0
  fi
  say "Installing wasm-bindgen-cli $version (about 4 minutes)"
  # Not --locked: one of its locked dependencies is no longer on the registry.
  (cd "$ROOT" && cargo install --force "wasm-bindgen-cli@$version")
}

# Splits the release wasm at its lazy screens (scripts/split-wasm.mjs).
ensure_wasm_split() {
  # It has no --version: ask cargo which version it installed.
  if command -v wasm-split-cli >/dev/null &&
     cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    return 0
  fi
  say "Installing wasm-split-cli $WASM_SPLIT_VERSION (about 2 minutes)"
  (cd "$ROOT" && cargo install --locked --force --features build-binary "wasm_split_cli_support@$WASM_SPLIT_VERSION")
}

ensure_node() {
  if command -v node >/dev/null && command -v npm >/dev/null; then return 0; fi
  say "Installing Node.js and npm"
  apt_install nodejs npm
}

# npm packages: wasm-opt (binaryen), Playwright, axe-core, Lighthouse and pouchdb-server (the
# team database of the sync tests), exactly as package-lock.json says.
ensure_npm_packages() {
  ensure_node
  local stamp="$ROOT/node_modules/.installed-lock"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$ROOT/package-lock.json"; then return 0; fi
  say "Installing npm packages (wasm-opt, Playwright, axe-core, Lighthouse, pouchdb-server)"
  # Playwright's own browser download cannot work offline; the system Chromium is used instead.
  (cd "$ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  cp "$ROOT/package-lock.json" "$stamp"
}

# Debian's wasm-opt (binaryen 108) builds a wasm that dies in the browser with
# "WebAssembly.Table.set(): Argument 1 is invalid for table". Refuse anything but ours.
check_wasm_opt() {
  local found
  found=$(command -v wasm-opt || true)
  if [ "$found" != "$ROOT/node_modules/.bin/wasm-opt" ] ||
     ! wasm-opt --version | grep -q "version $BINARYEN_VERSION"; then
    echo "Refusing to build: expected wasm-opt $BINARYEN_VERSION from node_modules, found ${found:-none}." >&2
    return 1
  fi
}

ensure_build_tools() {
  ensure_rust
  ensure_npm_packages
  check_wasm_opt
  ensure_wasm_bindgen
  ensure_wasm_split
  ensure_trunk
}

ensure_browser() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then return 0; fi
  say "Installing Chromium and ChromeDriver"
  apt_install chromium chromium-driver
}

ensure_test_tools() {
  ensure_build_tools
  ensure_browser
}

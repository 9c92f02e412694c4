#!/usr/bin/env bash
# Builds Handrail and serves it at http://127.0.0.1:8080, rebuilding on every change.
# Installs the build tools first if they are missing.
#   scripts/serve.sh            development build (no service worker, fast rebuilds)
#   scripts/serve.sh --release  the optimised build, with the offline service worker
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
ensure_build_tools
cd "$ROOT"
say "Serving Handrail at http://127.0.0.1:8080 (Ctrl+C stops)"
exec trunk serve "$@"

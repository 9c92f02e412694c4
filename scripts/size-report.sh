#!/usr/bin/env bash
# Prints the app's download sizes: see scripts/size-report.mjs.
set -euo pipefail
exec node "$(dirname "${BASH_SOURCE[0]}")/size-report.mjs" "$@"

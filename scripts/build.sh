#!/usr/bin/env bash
# Builds the release version of Handrail into dist/, ready for any static host.
# The output uses relative URLs, so the same dist/ works at a site's root and under a sub-path.
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
ensure_build_tools
cd "$ROOT"
trunk build --release "$@"
bash "$ROOT/scripts/size-report.sh"

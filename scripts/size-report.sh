#!/usr/bin/env bash
# Prints what a browser downloads for the app (wasm + JS + CSS, gzip -9) as figures.
# Budget for the finished product: 250 KB gzip. Reported, not enforced.
set -euo pipefail
dist="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/dist}"
total=0
printf '\n%-40s %10s %10s\n' "file" "bytes" "gzip"
for file in "$dist"/*.wasm "$dist"/*.js "$dist"/*.css; do
  [ -e "$file" ] || continue
  raw=$(wc -c < "$file")
  gz=$(gzip -9c "$file" | wc -c)
  total=$((total + gz))
  printf '%-40s %10d %10d\n' "$(basename "$file")" "$raw" "$gz"
done
printf 'Transferred size of the app (wasm + JS + CSS, gzip): %d bytes (%.1f KB; budget 250 KB)\n' \
  "$total" "$(awk -v b="$total" 'BEGIN { print b / 1024 }')"

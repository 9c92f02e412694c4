#!/usr/bin/env bash
# Prints what a browser downloads for the app (wasm + JS + CSS) as figures: raw, gzip and brotli,
# from the build's own .gz/.br copies (what a host serving them sends), or gzip -9 without them.
# Budget for the finished product: 250 KB gzip. Reported, not enforced.
set -euo pipefail
dist="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/dist}"
total=0
total_br=0
printf '\n%-40s %10s %10s %10s\n' "file" "bytes" "gzip" "brotli"
for file in "$dist"/*.wasm "$dist"/*.js "$dist"/*.css; do
  [ -e "$file" ] || continue
  # Only browsers too old for the app fetch this one.
  [ "$(basename "$file")" = unsupported.js ] && continue
  raw=$(wc -c < "$file")
  if [ -e "$file.gz" ]; then gz=$(wc -c < "$file.gz"); else gz=$(gzip -9c "$file" | wc -c); fi
  if [ -e "$file.br" ]; then br=$(wc -c < "$file.br"); else br=$gz; fi
  total=$((total + gz))
  total_br=$((total_br + br))
  printf '%-40s %10d %10d %10s\n' "$(basename "$file")" "$raw" "$gz" "$([ -e "$file.br" ] && echo "$br" || echo -)"
done
printf 'Transferred size of the app (wasm + JS + CSS): gzip %d bytes (%.1f KB; budget 250 KB), brotli %.1f KB\n' \
  "$total" "$(awk -v b="$total" 'BEGIN { print b / 1024 }')" "$(awk -v b="$total_br" 'BEGIN { print b / 1024 }')"
# The wasm alone, next to its target: 430 KB gzip for the single-user core; share links (20 KB),
# the workshop mode and team sync (60 KB) state their own cost on top (see the README).
for file in "$dist"/*.wasm; do
  [ -e "$file" ] || continue
  if [ -e "$file.gz" ]; then gz=$(wc -c < "$file.gz"); else gz=$(gzip -9c "$file" | wc -c); fi
  printf 'wasm, gzip: %.1f KB (target: 430 KB for the single-user core, plus each later feature%s own cost)\n' \
    "$(awk -v b="$gz" 'BEGIN { print b / 1024 }')" "'s"
done

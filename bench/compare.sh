#!/usr/bin/env bash
# Runs the search benchmark (bench/run.sh) for two builds of manabi, alternating A B A B … so that both
# meet the same machine noise, and keeps each run's table. Each run measures nginx beside Manabi, so
# every row carries its own ratio. Usage:
#   A=/path/to/old/manabi B=.build/release/manabi ROUNDS=2 bench/compare.sh
# Other variables pass through to run.sh (DURATION, CONNECTIONS, MANABI_SEARCH_CACHE, …).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
: "${A:?set A to the first manabi binary}" "${B:?set B to the second manabi binary}"
ROUNDS="${ROUNDS:-2}"
RESULTS="$ROOT/bench/out/compare"
mkdir -p "$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for side in A B; do
    bin="${!side}"
    echo "== round $round, $side: $bin" >&2
    SKIP_BUILD=1 MANABI_BIN="$bin" "$ROOT/bench/run.sh" >/dev/null
    # run.sh names the checked-out commit; say which binary this run measured.
    sed "s|^- date: .*|& — binary $side: $bin|" "$ROOT/bench/out/results.md" >"$RESULTS/round$round-$side.md"
  done
done
for file in "$RESULTS"/round*.md; do echo "### $(basename "$file" .md)"; grep -E '^\|' "$file"; echo; done

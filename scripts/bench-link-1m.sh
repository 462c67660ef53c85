#!/usr/bin/env bash
# Measures `ringer link` on N synthetic records (default 1,000,000): wall
# time and peak resident memory, median of RUNS runs (default 3).
#
#   scripts/bench-link-1m.sh [N] [RUNS]
#
# It needs GNU time (/usr/bin/time, Debian package "time").
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
runs=${2:-3}
work=${TMPDIR:-/tmp}/ringer-bench
mkdir -p "$work"
go build -o "$work/ringer" ./cmd/ringer
if [ ! -s "$work/synth-$n.jsonl" ]; then
  "$work/ringer" synth --n "$n" --seed 1 --out "$work/synth-$n.jsonl" --labels "$work/synth-$n.labels.csv"
fi
ls -l "$work/synth-$n.jsonl"
walls=(); rss=()
for i in $(seq "$runs"); do
  /usr/bin/time -f '%e %M' -o "$work/time.txt" \
    "$work/ringer" link "$work/synth-$n.jsonl" --out "$work/clusters-$n.csv" 2> "$work/link.log"
  read -r w m < "$work/time.txt"
  walls+=("$w"); rss+=("$m")
  echo "run $i: wall ${w}s, peak RSS $((m / 1024)) MiB"
done
tail -n 3 "$work/link.log"
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median wall $(median "${walls[@]}")s, median peak RSS $(( $(median "${rss[@]}") / 1024 )) MiB over $runs runs of $n records"
"$work/ringer" eval clusters --labels "$work/synth-$n.labels.csv" "$work/clusters-$n.csv"

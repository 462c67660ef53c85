#!/usr/bin/env bash
# Measures `ringer link` on N synthetic records (default 1,000,000): wall
# time, CPU time (user + system) and peak resident memory, median of RUNS
# runs (default 3), with the load average before each run: on a shared
# machine wall time follows the load, CPU time much less.
#
#   scripts/bench-link-1m.sh [N] [RUNS]
#
# It needs GNU time (/usr/bin/time, Debian package "time"). The synthetic
# input is made once and kept in ${TMPDIR:-/tmp}/ringer-bench; the binary
# and the logs of one invocation go in a directory of their own there, so
# that two people measuring at once do not overwrite each other's.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
runs=${2:-3}
work=${TMPDIR:-/tmp}/ringer-bench
mkdir -p "$work"
own=$(mktemp -d "$work/run.XXXXXX")
trap 'rm -rf "$own"' EXIT
go build -o "$own/ringer" ./cmd/ringer
if [ ! -s "$work/synth-$n.jsonl" ]; then
  "$own/ringer" synth --n "$n" --seed 1 --out "$work/synth-$n.jsonl.tmp" --labels "$work/synth-$n.labels.csv.tmp"
  mv "$work/synth-$n.labels.csv.tmp" "$work/synth-$n.labels.csv"
  mv "$work/synth-$n.jsonl.tmp" "$work/synth-$n.jsonl"
fi
ls -l "$work/synth-$n.jsonl"
walls=(); rss=(); cpus=()
for i in $(seq "$runs"); do
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -f '%e %M %U %S' -o "$own/time.txt" \
    "$own/ringer" link "$work/synth-$n.jsonl" --out "$own/clusters.csv" 2> "$own/link.log"
  read -r w m u s < "$own/time.txt"
  c=$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.1f", u + s}')
  walls+=("$w"); rss+=("$m"); cpus+=("$c")
  echo "run $i: wall ${w}s, CPU ${c}s, peak RSS $((m / 1024)) MiB (load average before: $load)"
done
tail -n 3 "$own/link.log"
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median wall $(median "${walls[@]}")s, median CPU $(median "${cpus[@]}")s, median peak RSS $(( $(median "${rss[@]}") / 1024 )) MiB over $runs runs of $n records"
"$own/ringer" eval clusters --labels "$work/synth-$n.labels.csv" "$own/clusters.csv"

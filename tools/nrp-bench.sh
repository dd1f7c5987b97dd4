#!/bin/sh
# Solves benchmark instances (Curtois & Qu .txt files) with the release
# binary and prints the README's NRP table: objective, bound, gap to the
# bound, gap to the best-known value (instances/nrp/best_known.csv).
# Usage: tools/nrp-bench.sh DIR [SECONDS] [FIRST] [LAST]
#   DIR: folder of InstanceN.txt (e.g. ../shared/benchmarks/nrp)
#   defaults: 60 s, Instances 1 to 24; 2 threads, --gap 0, seed 0.
set -e
dir=$1
limit=${2:-60}
first=${3:-1}
last=${4:-24}
[ -d "$dir" ] || { echo "usage: $0 DIR [SECONDS] [FIRST] [LAST]" >&2; exit 2; }
cd "$(dirname "$0")/.."
root=$(pwd)
[ -n "$ROTA_BIN" ] || cargo build --release --quiet
bin=${ROTA_BIN:-$root/target/release/rota}
tmp=$(mktemp -d)
echo "| instance | best-known | rota objective | bound | gap to bound | vs best-known | status | seconds | peak MiB |"
echo "|---|---|---|---|---|---|---|---|---|"
i=$first
while [ "$i" -le "$last" ]; do
    name=Instance$i
    f=$dir/$name.txt
    i=$((i + 1))
    [ -f "$f" ] || continue
    "$bin" import nrp "$f" --out "$tmp/$name" >/dev/null 2>&1 || { echo "| $name | (import failed) |"; continue; }
    /usr/bin/time -f "%M" -o "$tmp/$name.mem" "$bin" solve "$tmp/$name" --out "$tmp/$name.out" \
        --time-limit "$limit" --threads 2 --gap 0 --seed 0 --quiet >/dev/null 2>&1 || true
    python3 - "$tmp/$name.out/summary.json" "$name" "$root/instances/nrp/best_known.csv" "$tmp/$name.mem" <<'PY'
import csv, json, os, sys
path, name, best_path, mem_path = sys.argv[1:5]
best = {r["instance"]: float(r["best_known_upper"]) for r in csv.DictReader(open(best_path))}
bk = best.get(name)
mem = open(mem_path).read().split()[-1] if os.path.exists(mem_path) else ""
mem = f"{int(mem) / 1024:.0f}" if mem.isdigit() else ""
if not os.path.exists(path):
    print(f"| {name} | {bk:.0f} | no planning | | | | | | {mem} |")
    sys.exit()
s = json.load(open(path))
z = s["objective"]
bound = "" if s.get("bound") is None else f'{s["bound"]:.1f}'
gap = "" if s.get("gap") is None else f'{100 * s["gap"]:.2f} %'
vs = "" if bk is None else f"{100 * (z - bk) / bk:+.1f} %"
print(f'| {name} | {bk:.0f} | {z:.0f} | {bound} | {gap} | {vs} | {s["status"]} | {s["seconds"]:.1f} | {mem} |')
PY
done
rm -rf "$tmp"

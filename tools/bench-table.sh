#!/bin/sh
# Prints the README's results table: solves every shipped instance with the
# release binary (default options unless given, e.g. --time-limit 60) and
# reads each summary.json. Usage: tools/bench-table.sh (default options,
# --threads 2, 60 s limit).
set -e
cd "$(dirname "$0")/.."
cargo build --release --quiet
tmp=$(mktemp -d)
echo "| instance | agents | days | variables | constraints | status | objective | bound | gap | seconds |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for dir in instances/tiny-* instances/demo-cardio; do
    [ -f "$dir/instance.toml" ] || continue
    name=$(basename "$dir")
    case "$name" in *infeasible*) continue ;; esac
    ./target/release/rota solve "$dir" --out "$tmp/$name" --quiet --threads 2 >/dev/null 2>&1 || { echo "| $name | (failed) |"; continue; }
    python3 - "$tmp/$name/summary.json" "$name" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
c = s["counts"]
gap = "" if s.get("gap") is None else f'{100 * s["gap"]:.2f} %'
bound = "" if s.get("bound") is None else f'{s["bound"]:.2f}'
print(f'| {sys.argv[2]} | {c["agents"]} | {c["days"]} | {c["variables"]} | {c["constraints"]} | {s["status"]} | {s["objective"]:.2f} | {bound} | {gap} | {s["seconds"]:.1f} |')
PY
done
rm -rf "$tmp"

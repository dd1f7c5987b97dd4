#!/bin/sh
# The scale ladder of the README: generates S (20 agents x 1 week),
# M (80 x 4), L (250 x 4) and XL (500 x 13) with `rota generate --seed 1`
# (XL a summer quarter, `--start 2027-06-07`, with its leave campaign),
# solves each with the release binary (2 threads, seed 0) and prints model
# size, time to the first planning and to a 1 % gap, final gap and peak
# memory (model build times: `cargo bench --bench pipeline -- ladder`).
# Usage: tools/ladder.sh [SECONDS] [SECONDS_XL] [RUNGS...]
#   defaults: 60 s for S, M, L; 600 s for XL; all four rungs.
set -e
limit=${1:-60}
limit_xl=${2:-600}
shift 2 2>/dev/null || shift $#
rungs=${*:-S M L XL}
cd "$(dirname "$0")/.."
root=$(pwd)
[ -n "$ROTA_BIN" ] || cargo build --release --quiet
bin=${ROTA_BIN:-$root/target/release/rota}
tmp=$(mktemp -d)
echo "| rung | agents × weeks | variables | constraints | first planning s | time to 1 % gap s | objective | bound | final gap | seconds | peak MiB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for rung in $rungs; do
    case $rung in
        S) a=20; w=1; t=$limit; start=2027-01-04 ;;
        M) a=80; w=4; t=$limit; start=2027-01-04 ;;
        L) a=250; w=4; t=$limit; start=2027-01-04 ;;
        XL) a=500; w=13; t=$limit_xl; start=2027-06-07 ;;
        *) continue ;;
    esac
    "$bin" generate --agents $a --weeks $w --seed 1 --start $start --out "$tmp/$rung" >/dev/null
    # Non-terminal progress lines: one per improvement, with elapsed time and gap.
    /usr/bin/time -f "%M" -o "$tmp/$rung.mem" "$bin" solve "$tmp/$rung" --out "$tmp/$rung.out" \
        --time-limit "$t" --threads 2 --seed 0 2>"$tmp/$rung.log" >/dev/null || true
    python3 - "$tmp/$rung.out/summary.json" "$rung" "$a × $w" "$tmp/$rung.mem" "$tmp/$rung.log" <<'PY'
import json, os, re, sys
path, rung, size, mem_path, log_path = sys.argv[1:6]
mem = open(mem_path).read().split()[-1] if os.path.exists(mem_path) else ""
mem = f"{int(mem) / 1024:.0f}" if mem.isdigit() else ""
first, one = "", ""
for line in open(log_path, errors="replace"):
    m = re.match(r"rota: +([0-9.]+) s .*incumbent ([0-9.]+)", line)
    if m and not first:
        first = m.group(1)
    g = re.search(r"gap ([0-9.]+) %", line)
    if m and g and float(g.group(1)) <= 1.0 and not one:
        one = m.group(1)
if not os.path.exists(path):
    print(f"| {rung} | {size} | | | {first} | | no planning | | | | {mem} |")
    sys.exit()
s = json.load(open(path))
c = s["counts"]
bound = "" if s.get("bound") is None else f'{s["bound"]:.1f}'
gap = "" if s.get("gap") is None else f'{100 * s["gap"]:.2f} %'
if s["status"] == "optimal" and not one:
    one = f'{s["seconds"]:.1f}'
print(f'| {rung} | {size} | {c["variables"]} | {c["constraints"]} | {first} | {one} | {s["objective"]:.1f} | {bound} | {gap} | {s["seconds"]:.1f} | {mem} |')
PY
done
rm -rf "$tmp"

#!/usr/bin/env bash
# Peak memory of a district's review build (issue 11, scope 5), krufolio against an older
# krufolio binary in alternating runs. Nothing here asserts: it prints and writes figures.
#
#   bash benches/review_memory.sh SITE OUT BIN [BASELINE_BIN] [RUNS]
#
# SITE: a generated district, e.g. `python3 benches/district.py target/bench/review2000
#   --pages 200 --portfolios 2000 --artefacts 40 --media full --photo-size 1024x768`.
# OUT: the output folder (kept between runs: after the first build each run is an unchanged
#   rebuild, the case a district meets every day). For a cold build remove OUT, the folder
#   `.OUT.krufolio-prev` beside it and SITE/.krufolio-cache first, and use RUNS=1.
# Each run: `/usr/bin/time` peak RSS and wall time; the medians go to
#   target/bench/review_memory.tsv. Every binary builds into the same OUT, so the
#   comparison also checks that neither writes a file the other did not.
set -euo pipefail

site=${1:?site folder}
# krufolio reads a relative --output from the site root: pass it absolute.
out=$(realpath -m "${2:?output folder}")
bin=${3:?krufolio binary}
base=${4:-}
runs=${5:-3}
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }

tsv=target/bench/review_memory.tsv
mkdir -p target/bench
: >"$tsv.raw"

one() { # label binary
  local log
  log=$(mktemp)
  /usr/bin/time -f '%M %e' -o "$log.time" "$2" --root "$site" build --audience review --output "$out" >"$log" 2>&1 \
    || { cat "$log" >&2; exit 1; }
  read -r kb secs <"$log.time"
  local wrote
  wrote=$(grep -o 'wrote [0-9]* of [0-9]* files' "$log" || true)
  if [ -z "$wrote" ] || [ ! -f "$out/.krufolio-output.json" ] || [ ! -f "$out/index.html" ]; then
    echo "$1: the build did not write its output ($out):" >&2; cat "$log" >&2; exit 1
  fi
  printf '%s\t%s\t%s\t%s\n' "$1" "$kb" "$secs" "$wrote" | tee -a "$tsv.raw"
  rm -f "$log" "$log.time"
}

for i in $(seq "$runs"); do
  one krufolio "$bin"
  [ -n "$base" ] && one baseline "$base"
done

python3 - "$tsv.raw" "$tsv" <<'EOF'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
with open(sys.argv[2], "w") as out:
    out.write("binary\truns\tpeak RSS MB (median)\tpeak RSS MB (all)\twall s (median)\n")
    for who in dict.fromkeys(r[0] for r in rows):
        mine = [r for r in rows if r[0] == who]
        mb = [int(r[1]) / 1000 for r in mine]  # GNU time: KB
        secs = [float(r[2]) for r in mine]
        line = f"{who}\t{len(mine)}\t{statistics.median(mb):.0f}\t{', '.join(f'{m:.0f}' for m in mb)}\t{statistics.median(secs):.1f}"
        out.write(line + "\n")
        print(line)
EOF

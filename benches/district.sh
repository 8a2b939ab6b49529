#!/usr/bin/env bash
# The district benchmark (issue #11): krufolio beside Hugo (+ the Pagefind CLI)
# on the same generated Thai site. Usage and the recorded figures: BENCHMARKS.md.
#
#   benches/district.sh            full run (release build, 2,000 and 10,000 pages, medians of 5)
#   benches/district.sh --smoke    CI: tiny sites, one run each, checks exit codes and outputs
#
# Options: --runs R (timed runs per measure, default 5), --pages N (default 2000),
# --big N (the scaling row, default 10000), --portfolios M (lint, default 2000),
# --bin PATH (a krufolio binary instead of `cargo build --release`), --no-serve,
# --no-media, --slow (also the rows with search on that took 15+ minutes before
# #11: the 2,000-page rebuild and the big site),
# --zola PATH (a Zola binary: Zola is not in Debian; adds the rows against Zola),
# --baseline PATH (another krufolio binary, measured in the same rotation in the Zola rows),
# --only REGEX (measure only the matching rows, on the sites already generated;
# appends to results.tsv), --report (print the table of results.tsv again).
# Installs nothing: a missing tool is named with its package and the run stops.
# Times are measured, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

smoke=0 runs=5 pages=2000 big=10000 lint_n=2000 bin="" serve=1 media=1
media_portfolios=20 artefacts=15 photo=2048x1536 slow=0 only="" report=0 zola="" baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --runs) runs=$2; shift ;;
    --pages) pages=$2; shift ;;
    --big) big=$2; shift ;;
    --portfolios) lint_n=$2; shift ;;
    --bin) bin=$2; shift ;;
    --zola) zola=$2; shift ;;
    --baseline) baseline=$2; shift ;;
    --no-serve) serve=0 ;;
    --no-media) media=0 ;;
    --slow) slow=1 ;;
    --only) only=$2; shift ;;
    --report) report=1 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "district.sh: ไม่รู้จักตัวเลือก / unknown option: $1 (ดู / see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ $smoke = 1 ]; then
  runs=1 pages=40 big=120 lint_n=20 media_portfolios=1 artefacts=15 photo=640x480
fi

# ---- tools: check and name what is missing ------------------------------------
missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$1 ($2)"); }
need python3 "apt-get install python3"
need hugo "apt-get install hugo"
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (apt-get install time)")
PAGEFIND=$REPO/benches/node_modules/.bin/pagefind
[ -x "$PAGEFIND" ] || missing+=("pagefind (npm ci --prefix benches)")
if [ $media = 1 ]; then
  need ffmpeg "apt-get install ffmpeg"
  need exiftool "apt-get install libimage-exiftool-perl"
fi
if [ $serve = 1 ]; then
  need node "apt-get install nodejs"
  [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=("chromium (apt-get install chromium)")
  [ -d "$REPO/tests/tools/node_modules/playwright-core" ] ||
    missing+=("playwright-core (npm ci --prefix tests/tools)")
fi
[ -z "$zola" ] || [ -x "$zola" ] || missing+=("zola at $zola (cargo build --release in a Zola checkout)")
[ -z "$baseline" ] || [ -x "$baseline" ] || missing+=("krufolio baseline at $baseline")
if [ ${#missing[@]} -gt 0 ]; then
  echo "district.sh: ขาดเครื่องมือ / missing tools:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  echo "ติดตั้งแล้วเรียกใหม่ หรือข้ามด้วย --no-serve / --no-media / install them and rerun, or skip with --no-serve / --no-media" >&2
  exit 2
fi

# ---- krufolio --------------------------------------------------------------------
[ $report = 1 ] && bin=${bin:-$REPO/target/release/krufolio}
if [ -z "$bin" ]; then
  if [ $smoke = 1 ]; then
    cargo build --locked --quiet  # CI has just built the debug binary for the tests
    bin=$REPO/target/debug/krufolio
  else
    cargo build --release --locked --quiet
    bin=$REPO/target/release/krufolio
  fi
fi
KF=$(realpath "$bin")
W=$REPO/target/bench
[ $smoke = 1 ] && W=$REPO/target/bench-smoke
mkdir -p "$W"
RESULTS=$W/results.tsv
[ -z "$only" ] && [ $report = 0 ] && : > "$RESULTS"
started=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

gen() { python3 "$REPO/benches/district.py" "$@" --cache "$REPO/target/bench-cache"; }
if [ -n "$only" ] || [ $report = 1 ]; then
  gen() { [ -d "$1/content" ] || { echo "district.sh: ยังไม่มีเว็บไซต์ทดสอบ $1 เรียกครั้งแรกโดยไม่ใส่ --only / no generated site $1: run once without --only" >&2; exit 2; }; }
fi
echo "== generate ==" >&2
gen "$W/kf" --pages "$pages" --hugo "$W/hugo" ${zola:+--zola "$W/zola"}
gen "$W/kf-min" --pages "$pages" --templates minimal
gen "$W/kf-search" --pages "$pages" --search on
gen "$W/kf-big" --pages "$big" --hugo "$W/hugo-big"
gen "$W/lint" --pages 0 --portfolios "$lint_n" --artefacts "$artefacts" --media none
[ $media = 1 ] && gen "$W/kf-media" --pages "$pages" --portfolios "$media_portfolios" \
  --artefacts "$artefacts" --media full --photo-size "$photo"

# ---- measuring ---------------------------------------------------------------------
# Each site folder gets its own output `public/`; cold = output and caches moved
# aside (untimed, benches/aside.sh) before every run.
. "$REPO/benches/aside.sh"
aside_init "$W/.trash"
cold_zola() { aside "$1/public"; }
cold_hugo() { aside "$1/public" "$1/resources" "$1/.hugo_build.lock"; }
check_site() { # every tool's output must hold the home page and a guide page
  [ -s "$1/public/index.html" ] && [ -s "$1/public/sec-00/page-0000/index.html" ] ||
    { echo "district.sh: ผลลัพธ์ไม่ครบ / output incomplete: $1/public" >&2; return 1; }
}
check_search() { check_site "$1" && [ -s "$1/public/pagefind/pagefind.js" ] &&
  compgen -G "$1/public/pagefind/index/*.pf_index" >/dev/null ||
  { echo "district.sh: ไม่มีดัชนีค้นหา / no search index: $1/public/pagefind" >&2; return 1; }; }

# run_one LABEL PREP CMD CHECK: one timed run; appends "group label ms rss_kib"
run_one() {
  local label=$1 prep=$2 cmd=$3 check=$4 log=$W/last.log t0 t1
  eval "$prep"
  t0=$(date +%s%N)
  if ! /usr/bin/time -f %M -o "$W/rss" bash -c "$cmd" >"$log" 2>&1; then
    echo "district.sh: คำสั่งล้มเหลว / command failed ($label): $cmd" >&2
    tail -20 "$log" >&2
    exit 1
  fi
  t1=$(date +%s%N)
  eval "$check" || { tail -20 "$log" >&2; exit 1; }
  printf '%s\t%s\t%s\t%s\n' "$group" "$label" $(((t1 - t0) / 1000000)) "$(tail -1 "$W/rss")" >>"$W/raw.tsv"
}

# measure GROUP (LABEL PREP CMD CHECK)...: one untimed warm-up each, then $runs
# rounds alternating the tools (the order flips every round); medians to results.tsv.
measure() {
  group=$1; shift
  if [ $report = 1 ] || { [ -n "$only" ] && ! [[ $group =~ $only ]]; }; then return 0; fi
  local -a specs=("$@") n=$(($# / 4)) order i r
  echo "== $group ==" >&2
  : > "$W/raw.tsv"
  for ((i = 0; i < n; i++)); do # warm-up: page cache, and a check that it works
    run_one "${specs[4*i]}" "${specs[4*i+1]}" "${specs[4*i+2]}" "${specs[4*i+3]}"
  done
  : > "$W/raw.tsv"
  for ((r = 0; r < runs; r++)); do
    for ((i = 0; i < n; i++)); do
      local k=$(( r % 2 == 0 ? i : n - 1 - i ))
      run_one "${specs[4*k]}" "${specs[4*k+1]}" "${specs[4*k+2]}" "${specs[4*k+3]}"
    done
  done
  for ((i = 0; i < n; i++)); do
    python3 - "$W/raw.tsv" "$group" "${specs[4*i]}" "${specs[4*i+2]}" >>"$RESULTS" <<'EOF'
import statistics, sys
raw, group, label, cmd = sys.argv[1:]
rows = [l.split("\t") for l in open(raw, encoding="utf-8").read().splitlines()]
ms = [int(r[2]) for r in rows if r[0] == group and r[1] == label]
rss = [int(r[3]) for r in rows if r[0] == group and r[1] == label]
print(group, label, statistics.median(ms), statistics.median(rss), len(ms), min(ms), max(ms), cmd, sep="\t")
EOF
  done
}

K="$KF --root"
H="hugo --quiet --source"
PF="$PAGEFIND --site public >/dev/null"
P=$pages
measure "$P pages: cold build, search off" \
  krufolio "cold_kf $W/kf" "$K $W/kf build" "check_site $W/kf" \
  hugo "cold_hugo $W/hugo" "$H $W/hugo" "check_site $W/hugo"
measure "$P pages: cold build, search off, minimal templates both" \
  krufolio "cold_kf $W/kf-min" "$K $W/kf-min build" "check_site $W/kf-min" \
  hugo "cold_hugo $W/hugo" "$H $W/hugo" "check_site $W/hugo"
if [ -n "$zola" ]; then
  Z="$(realpath "$zola") --root"
  # base SITE: the baseline binary's spec for a site, when --baseline is given.
  base() { [ -z "$baseline" ] || printf '%s\0' "krufolio (baseline)" "cold_kf $W/$1" \
    "$(realpath "$baseline") --root $W/$1 build" "check_site $W/$1"; }
  mapfile -d '' -t b_kf < <(base kf)
  mapfile -d '' -t b_min < <(base kf-min)
  measure "$P pages: cold build, search off, vs Zola" \
    krufolio "cold_kf $W/kf" "$K $W/kf build" "check_site $W/kf" "${b_kf[@]}" \
    zola "cold_zola $W/zola" "$Z $W/zola build" "check_site $W/zola"
  measure "$P pages: cold build, search off, minimal templates both, vs Zola" \
    krufolio "cold_kf $W/kf-min" "$K $W/kf-min build" "check_site $W/kf-min" "${b_min[@]}" \
    zola "cold_zola $W/zola" "$Z $W/zola build" "check_site $W/zola"
fi
measure "$P pages: rebuild, nothing changed, search off" \
  krufolio ":" "$K $W/kf build" "check_site $W/kf" \
  hugo ":" "$H $W/hugo" "check_site $W/hugo"
measure "$P pages: cold build, search on" \
  krufolio "cold_kf $W/kf-search" "$K $W/kf-search build" "check_search $W/kf-search" \
  "krufolio + pagefind CLI" "cold_kf $W/kf" "$K $W/kf build && cd $W/kf && $PF" "check_search $W/kf" \
  "hugo + pagefind CLI" "cold_hugo $W/hugo" "$H $W/hugo && cd $W/hugo && $PF" "check_search $W/hugo"
[ $slow = 1 ] && measure "$P pages: rebuild, nothing changed, search on" \
  krufolio ":" "$K $W/kf-search build" "check_search $W/kf-search" \
  "hugo + pagefind CLI" ":" "$H $W/hugo && cd $W/hugo && $PF" "check_search $W/hugo"
measure "$big pages: cold build, search off" \
  krufolio "cold_kf $W/kf-big" "$K $W/kf-big build" "check_site $W/kf-big" \
  hugo "cold_hugo $W/hugo-big" "$H $W/hugo-big" "check_site $W/hugo-big"
[ $slow = 1 ] && measure "$big pages: cold build, search on" \
  krufolio "sed -i 's/^search: false/search: true/' $W/kf-big/content/site.yaml; cold_kf $W/kf-big" \
  "$K $W/kf-big build" "check_search $W/kf-big" \
  "hugo + pagefind CLI" "cold_hugo $W/hugo-big" "$H $W/hugo-big && cd $W/hugo-big && $PF" "check_search $W/hugo-big"
check_lint() {
  python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; assert s["portfolios"] == int(sys.argv[2]), s' \
    "$W/lint.json" "$lint_n" || { echo "district.sh: lint ไม่ได้ตรวจครบ / lint did not check every portfolio" >&2; return 1; }
}
# Exit 1 is expected: every tenth portfolio lacks evidence for one indicator.
measure "lint $lint_n portfolios, no media files" \
  krufolio ":" "$K $W/lint lint --format json >$W/lint.json; test \$? -le 1" "check_lint"
if [ $media = 1 ]; then
  check_media() { check_site "$W/kf-media" &&
    [ "$(find "$W/kf-media/public/portfolios" -name '*.jpg' | wc -l)" -gt 0 ] ||
    { echo "district.sh: ไม่มีภาพในผลลัพธ์ / no photos published" >&2; return 1; }; }
  measure "$P pages + $media_portfolios portfolios x $artefacts artefacts (JPEG, MP4, PDF), search off" \
    "krufolio, cold" "cold_kf $W/kf-media" "$K $W/kf-media build" "check_media" \
    "krufolio, rebuild" ":" "$K $W/kf-media build" "check_media"
fi

# ---- live preview --------------------------------------------------------------------
serve_row="$P pages: serve"
if [ $serve = 1 ] && [ $report = 0 ] && { [ -z "$only" ] || [[ $serve_row =~ $only ]]; }; then
  echo "== serve latency ==" >&2
  node "$REPO/benches/serve_latency.mjs" --krufolio "$KF" --site "$W/kf-search" --hugo-site "$W/hugo" \
    --runs "$([ $smoke = 1 ] && echo 1 || echo "$runs")" --out "$W/serve.json" >&2
  python3 - "$W/serve.json" "$P" >>"$RESULTS" <<'EOF'
import json, sys
s, pages = json.load(open(sys.argv[1])), sys.argv[2]
for key, title in [("latency", "file write to marker visible in chromium"),
                   ("reported", "rebuild time the server prints")]:
    for tool in ("krufolio", "hugo"):
        v = s[tool][key]
        if v:
            print(f"{pages} pages: serve, {title}", tool, v["median"], "", v["n"], v["min"], v["max"],
                  s[tool]["command"], sep="\t")
EOF
fi

# ---- the table ------------------------------------------------------------------------
elapsed=$(($(date +%s) - started))
load="$load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end ($(nproc) cores)"
python3 - "$RESULTS" "$runs" "$elapsed" "$KF" "$REPO/" "$load" <<'EOF'
import sys
path, runs, elapsed, kf, repo, load = sys.argv[1:]
# Commands are shown relative to the repository, as one would retype them there.
rows = [l.replace(repo, "").split("\t") for l in open(path, encoding="utf-8").read().splitlines() if l]
groups = {}
for g, label, ms, rss, n, lo, hi, cmd in rows:
    groups.setdefault(g, []).append((label, float(ms), float(rss) if rss else None, cmd))
def secs(ms): return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.0f} ms"
def mib(kib): return f"{kib / 1024:.0f} MiB"
print(f"\nmedians of {runs} alternating runs (after one warm-up each); ratio = krufolio / peer; "
      f"run took {elapsed} s; binary {kf.replace(repo, '')}; load average {load}\n")
print("| measure | krufolio | peer | ratio | command |")
print("|---|---|---|---|---|")
for g, items in groups.items():
    peers = [i for i in items if not i[0].startswith("krufolio")]
    peer = peers[-1] if peers else None
    for label, ms, rss, cmd in (i for i in items if i[0].startswith("krufolio")):
        what = g + ("" if label == "krufolio" else f" ({label})")
        for suffix, idx, fmt in (("", 1, secs), (", peak RSS", 2, mib)):
            mine = (label, ms, rss)[idx]
            if mine is None:
                continue
            theirs = peer[idx] if peer else None
            other = f"{fmt(theirs)} ({peer[0]}) | {mine / theirs:.2f}" if theirs else "— | —"
            how = f"`{cmd}`" + (f" vs `{peer[3]}`" if peer else "") if idx == 1 else "`/usr/bin/time -f %M` of the same runs"
            print(f"| {what}{suffix} | {fmt(mine)} | {other} | {how} |")
EOF
echo "district.sh: เสร็จใน $elapsed วินาที / done in $elapsed s; raw medians in $RESULTS" >&2

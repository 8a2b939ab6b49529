#!/usr/bin/env bash
# What vendor/pagefind.patch buys: krufolio built against the vendored, patched
# Pagefind and against the same Pagefind with the patch taken out, each making a
# cold build of the 2,000-page search site in alternating runs; then a check that
# every file of the two bundles decompresses to the same bytes.
#
#   benches/pagefind_patch.sh [RUNS]    (default 5; needs the sites of benches/district.sh)
#
# Builds the release binary twice in target/release (the second build is cached
# from the first), keeping the unpatched one as target/bench/krufolio-pagefind-upstream;
# the last output of each stays in target/bench/pf-upstream and pf-patched.
# Times are printed, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
W=target/bench
S=$W/kf-search
[ -d "$S/content" ] || { echo "pagefind_patch.sh: ไม่มี $S ให้เรียก benches/district.sh ก่อน / no $S: run benches/district.sh first" >&2; exit 2; }

. benches/aside.sh
aside_init "$W/.trash-pf"
pristine=$(mktemp -d -p "$TRASH")
cp -r vendor/pagefind "$pristine/"
patch -s -R -p1 -d "$pristine/pagefind" <vendor/pagefind.patch
cargo build --release --locked --quiet --config "patch.crates-io.pagefind.path=\"$pristine/pagefind\""
cp target/release/krufolio "$W/krufolio-pagefind-upstream"
cargo build --release --locked --quiet
cp target/release/krufolio "$W/krufolio-pagefind-patched"

: >"$W/pagefind_patch.tsv"
aside "$W/pf-upstream" "$W/pf-patched"
one() { # one cold build of label $1 (upstream, patched, warmup: upstream); its output moves to $W/pf-$1
  local bin=$W/krufolio-pagefind-${1/warmup/upstream}
  cold_kf "$S"
  /usr/bin/time -f "$1 %e %U %S %M" -a -o "$W/pagefind_patch.tsv" "$bin" --root "$S" build >/dev/null 2>&1
  aside "$W/pf-$1"
  mv "$S/public" "$W/pf-$1"
}
one warmup
aside "$W/pf-warmup"
for ((r = 0; r < runs; r++)); do
  if ((r % 2 == 0)); then one upstream; one patched; else one patched; one upstream; fi
done
python3 - "$W/pagefind_patch.tsv" "$W/pf-upstream/pagefind" "$W/pf-patched/pagefind" <<'EOF'
import gzip, os, statistics, sys
tsv, a, b = sys.argv[1:]
rows = [l.split() for l in open(tsv, encoding="utf-8")]
med = {}
for label in ("upstream", "patched"):
    r = [x for x in rows if x[0] == label]
    med[label] = statistics.median(float(x[1]) for x in r)
    print(f"{label:9} wall {med[label]:.2f} s  user {statistics.median(float(x[2]) for x in r):.2f} s"
          f"  sys {statistics.median(float(x[3]) for x in r):.2f} s"
          f"  peak {statistics.median(int(x[4]) for x in r) / 1024:.0f} MiB  runs {[float(x[1]) for x in r]}")
print(f"patched / upstream: {med['patched'] / med['upstream']:.2f}x")
def files(root):
    return {os.path.relpath(os.path.join(d, f), root): os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs}
fa, fb = files(a), files(b)
def plain(p):
    data = open(p, "rb").read()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
differ = sorted(k for k in fa.keys() & fb.keys() if plain(fa[k]) != plain(fb[k]))
only = sorted(fa.keys() ^ fb.keys())
size = lambda f: sum(os.path.getsize(p) for p in f.values())
print(f"bundle: {len(fa)} files; bytes upstream {size(fa):,}, patched {size(fb):,}")
if differ or only:
    print(f"pagefind_patch.sh: bundles differ / ดัชนีไม่เหมือนกัน: {(differ + only)[:10]}", file=sys.stderr)
    sys.exit(1)
print("the two bundles decompress to the same bytes")
EOF

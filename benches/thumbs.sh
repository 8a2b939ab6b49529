#!/usr/bin/env bash
# Thumbnails in little memory (issue #11): krufolio's image work against vipsthumbnail.
#
#   benches/thumbs.sh [N] [RUNS]      # defaults: N=300 photos, RUNS=5
#   benches/thumbs.sh 4 1             # CI smoke run: a few photos, one run of each
#
# Makes N phone-like 4000x3000 JPEGs with EXIF (camera, date, GPS, some turned by the
# Orientation tag) once, with ffmpeg and exiftool, kept under target/bench-thumbs/, plus
# one 200-megapixel photo (16384x12208). Then, alternating, RUNS times each:
#   - krufolio: a cold `krufolio build` (caches removed) of a generated site whose one
#     portfolio holds the N photos: probe, metadata stripping and the 320/800/1600 px
#     thumbnails, plus everything else a build does;
#   - vipsthumbnail: the same 3 widths of every photo, metadata stripped, 2 at a time
#     (`xargs -P2`), as krufolio's rayon pool is given 2 threads (RAYON_NUM_THREADS=2).
# Reports the median wall time and peak RSS (`/usr/bin/time -v`, "Maximum resident set
# size": the largest single process, for xargs the largest vipsthumbnail) and the ratios;
# then one warm rebuild (must make no thumbnail) and the 200 MP photo alone through both.
#
# Needs: ffmpeg, exiftool (libimage-exiftool-perl), vipsthumbnail (libvips-tools),
# /usr/bin/time (time). Builds krufolio in release unless KRUFOLIO_BIN is set; with
# BASELINE_BIN=<another krufolio binary> that one is measured in the same rotation (before/after).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-300}
RUNS=${2:-5}
WIDTHS=(320 800 1600)
export RAYON_NUM_THREADS=2

for tool in ffmpeg exiftool vipsthumbnail /usr/bin/time; do
  command -v "$tool" >/dev/null || {
    echo "missing $tool (Debian: ffmpeg, libimage-exiftool-perl, libvips-tools, time)" >&2
    exit 2
  }
done
if [ -z "${KRUFOLIO_BIN:-}" ]; then
  cargo build --release --quiet --bin krufolio
  KRUFOLIO_BIN=$PWD/target/release/krufolio
fi

WORK=$PWD/target/bench-thumbs
PHOTOS=$WORK/photos
mkdir -p "$PHOTOS"

# --- the photos, made once -------------------------------------------------------------
have=$(find "$PHOTOS" -maxdepth 1 -name 'photo-*.jpg' | wc -l)
if [ "$have" -lt "$N" ]; then
  echo "making $N photos of 4000x3000 in $PHOTOS (once)..." >&2
  rm -f "$PHOTOS"/photo-*.jpg
  # A moving test pattern with film grain: every frame differs and compresses like a
  # phone photo (3-5 MB at q 3).
  ffmpeg -v error -f lavfi -i "testsrc2=size=4000x3000:rate=1" \
    -vf "noise=alls=14:allf=t" -frames:v "$N" -q:v 3 "$PHOTOS/photo-%04d.jpg"
  exiftool -q -overwrite_original -Make=samsung -Model=SM-A546E \
    "-DateTimeOriginal=2024:06:12 09:30:00" -GPSLatitude=16.44 -GPSLatitudeRef=N \
    -GPSLongitude=102.83 -GPSLongitudeRef=E -Orientation#=1 "$PHOTOS"/photo-*.jpg
  # One in four was taken with the phone turned (EXIF orientation 6).
  find "$PHOTOS" -name 'photo-*[048].jpg' -print0 | xargs -0 -r exiftool -q -overwrite_original -Orientation#=6
fi
BIG=$WORK/big/photo-200mp.jpg
if [ ! -f "$BIG" ]; then
  echo "making the 200-megapixel photo (once)..." >&2
  mkdir -p "$WORK/big"
  ffmpeg -v error -f lavfi -i "testsrc2=size=16384x12208:rate=1" -frames:v 1 -q:v 4 "$BIG"
  exiftool -q -overwrite_original -Make=samsung -Model=SM-S918B -GPSLatitude=16.44 \
    -GPSLatitudeRef=N -GPSLongitude=102.83 -GPSLongitudeRef=E "$BIG"
fi
mapfile -t LIST < <(find "$PHOTOS" -maxdepth 1 -name 'photo-*.jpg' | sort | head -n "$N")

# --- a site holding them -----------------------------------------------------------------
# make_site DIR FILE...: a new site with one portfolio whose 1.3 folder holds the files
# (hard links, so nothing is copied).
make_site() {
  local site=$1
  shift
  rm -rf "$site"
  "$KRUFOLIO_BIN" new site "$site" >/dev/null
  "$KRUFOLIO_BIN" --root "$site" new portfolio kru-bench --position ครู --name "ครูทดสอบ ภาพถ่าย" \
    --school "โรงเรียนทดสอบ" >/dev/null
  local dir="$site/content/portfolios/kru-bench/1.3 การจัดการเรียนรู้"
  mkdir -p "$dir"
  ln -f "$@" "$dir/" 2>/dev/null || cp "$@" "$dir/"
}
SITE=$WORK/site-$N
make_site "$SITE" "${LIST[@]}"

# measure NAME CMD...: runs CMD under /usr/bin/time -v; appends "secs kb" to $WORK/NAME.txt.
measure() {
  local name=$1
  shift
  /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/$name.log" 2>&1 || {
    echo "$name failed:" >&2
    tail -20 "$WORK/$name.log" >&2
    exit 1
  }
  local wall kb
  wall=$(grep 'Elapsed (wall clock)' "$WORK/time.txt" | awk '{print $NF}' |
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  kb=$(grep 'Maximum resident set size' "$WORK/time.txt" | awk '{print $NF}')
  echo "$wall $kb" >>"$WORK/$name.txt"
  echo "  $name: ${wall} s, $((kb / 1024)) MB" >&2
}

cold_krufolio() {
  local site=$1
  rm -rf "$site/.krufolio-cache" "$site/public" "$site"/.public.krufolio-*
  measure "${2:-krufolio}" "${3:-$KRUFOLIO_BIN}" --root "$site" build --output "$site/public"
}

vips_all() {
  local out=$WORK/vips-out
  rm -rf "$out"
  mkdir -p "$out"
  measure "${1:-vips}" bash -c '
    out=$1; shift
    printf "%s\0" "$@" | xargs -0 -P2 -I{} sh -c "
      for w in 320 800 1600; do
        vipsthumbnail \"\$1\" -s \${w}x -o \"$out/%s-w\$w.jpg[Q=80,strip]\" || exit 1
      done" sh {}' bash "$out" "${@:2}"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

rm -f "$WORK"/{krufolio,vips,warm,big-krufolio,big-vips,baseline}.txt
echo "N=$N photos, $RUNS runs each, alternating (RAYON_NUM_THREADS=2, xargs -P2)" >&2
for run in $(seq "$RUNS"); do
  echo "run $run:" >&2
  cold_krufolio "$SITE" krufolio
  vips_all vips "${LIST[@]}"
  if [ -n "${BASELINE_BIN:-}" ]; then cold_krufolio "$SITE" baseline "$BASELINE_BIN"; fi
done
# Unchanged rebuild: every thumbnail from the cache (of this binary: the baseline's last).
cold_krufolio "$SITE" cold-again
KRUFOLIO_TIMINGS=1 measure warm "$KRUFOLIO_BIN" --root "$SITE" build --output "$SITE/public"
grep -E 'thumbnail|ภาพย่อ' "$WORK/warm.log" >&2 || true

# The 200 MP photo alone.
BIG_SITE=$WORK/site-big
make_site "$BIG_SITE" "$BIG"
cold_krufolio "$BIG_SITE" big-krufolio
grep -i -E 'warning|คำเตือน' "$WORK/big-krufolio.log" >&2 || true
thumbs=$(find "$BIG_SITE/public/portfolios/kru-bench" -name '*.w*.jpg' | wc -l)
echo "  200 MP photo: $thumbs thumbnails published" >&2
vips_all big-vips "$BIG"

report() {
  local name=$1 col=$2
  awk -v c="$col" '{ print $c }' "$WORK/$name.txt" | median
}
kt=$(report krufolio 1) km=$(report krufolio 2) vt=$(report vips 1) vm=$(report vips 2)
echo
echo "median of $RUNS runs, $N photos of 4000x3000, widths ${WIDTHS[*]}:"
printf '  krufolio build (cold): %8.2f s  %6d MB peak RSS\n' "$kt" "$((km / 1024))"
printf '  vipsthumbnail -P2:     %8.2f s  %6d MB peak RSS (largest process)\n' "$vt" "$((vm / 1024))"
awk -v a="$kt" -v b="$vt" -v c="$km" -v d="$vm" \
  'BEGIN { printf "  ratio krufolio/vips:   time %.2fx, memory %.2fx\n", a / b, c / d }'
if [ -n "${BASELINE_BIN:-}" ]; then
  bt0=$(report baseline 1) bm0=$(report baseline 2)
  printf '  baseline (%s): %8.2f s  %6d MB peak RSS\n' "$BASELINE_BIN" "$bt0" "$((bm0 / 1024))"
fi
read -r wt wm <"$WORK/warm.txt"
printf '  krufolio warm rebuild: %8.2f s  %6d MB\n' "$wt" "$((wm / 1024))"
read -r bt bm <"$WORK/big-krufolio.txt"
read -r vbt vbm <"$WORK/big-vips.txt"
printf '  200 MP photo: krufolio %.2f s %d MB (%d thumbnails); vipsthumbnail %.2f s %d MB\n' \
  "$bt" "$((bm / 1024))" "$thumbs" "$vbt" "$((vbm / 1024))"

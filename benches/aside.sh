# Sourced by the benchmark scripts (district.sh, pagefind_patch.sh): how a cold run
# clears the last run's output. The old output is moved into a trash folder on the
# same file system, not deleted: ext4 does not reuse an inode for 60-300 s after it
# is freed (fs/ext4/ialloc.c, recently_deleted), so every file a build creates after
# a `rm -rf` of thousands scans past the freed inodes. Deleting before each run made
# the 2,000-page cold build 0.9 s on the first run and 2.5 s by the seventh, whatever
# the tool. The trash is emptied when the script ends, after the last timed run.

# aside_init DIR: DIR (emptied now) is the trash, removed when the script exits.
aside_init() {
  TRASH=$1
  rm -rf "$TRASH"
  mkdir -p "$TRASH"
  trap 'rm -rf "$TRASH"' EXIT
}

# aside PATH...: moves each PATH that exists into the trash.
aside() { local p; for p; do [ ! -e "$p" ] || mv "$p" "$TRASH/$(date +%s%N)-$RANDOM"; done; }

# cold_kf SITE: a krufolio site as before its first build (output, staging folders, caches).
cold_kf() { aside "$1/public" "$1"/.public.krufolio-* "$1/.krufolio-cache"; }

#!/usr/bin/env bash
# Start-up of the launcher, with and without its class-data archive, on each JDK given.
#
#   bench/startup.sh [JAVA_HOME...]     (default: the java on PATH and Temurin 25 if present)
#
# Needs hyperfine. Prints hyperfine's table per JDK; the numbers go into BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

homes=("$@")
if (( ${#homes[@]} == 0 )); then
  homes=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  [[ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]] && homes+=(/usr/lib/jvm/temurin-25-jdk-amd64)
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
./foxbox --version >/dev/null   # builds when needed
tarball=$(examples/busybox/make-rootfs.sh "$root/busybox.tar.gz")
FOXBOX_ROOT=$root/data ./foxbox import "$tarball" busybox >/dev/null

for home in "${homes[@]}"; do
  echo "== $("$home/bin/java" -version 2>&1 | head -n 1)"
  export FOXBOX_JAVA=$home/bin/java FOXBOX_ROOT=$root/data
  for i in 1 2; do ./foxbox --version >/dev/null; ./foxbox images >/dev/null; done   # the second run writes the archive
  hyperfine -N --warmup 3 --runs 20 --export-markdown "$root/table.md" \
    -n 'foxbox --version (no CDS)' 'env FOXBOX_CDS=0 ./foxbox --version' \
    -n 'foxbox --version (CDS/AOT)' './foxbox --version' \
    -n 'foxbox images (no CDS)' 'env FOXBOX_CDS=0 ./foxbox images' \
    -n 'foxbox images (CDS/AOT)' './foxbox images' >/dev/null
  cat "$root/table.md"
  echo
done

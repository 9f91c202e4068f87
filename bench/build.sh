#!/usr/bin/env bash
# foxbox build versus buildah bud (--layers, podman build's default), side by side in one
# hyperfine run, on the same 10-step Foxfile (RUN and COPY) over the same busybox base image.
#
#   bench/build.sh
#
# Run as an unprivileged user with /etc/subuid ranges and buildah set up at its best
# (~/.config/containers/storage.conf: driver = "overlay"; runtime runc on hybrid cgroups).
# Three cases: a cold build (--no-cache), a rebuild where nothing changed (everything cached),
# and a rebuild after one copied file changed (the steps from that COPY on run again). RUN
# steps get the host's network in both tools, which takes the network set-up out of the numbers.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/boxes.sh

ctx=$work/ctx
mkdir -p "$ctx/src"
for i in $(seq 1 50); do echo "source file $i, some words to shout" > "$ctx/src/file$i.txt"; done
echo "mode=bench" > "$ctx/config.txt"
head -c 1000000 /dev/urandom | base64 > "$ctx/data.txt"
cat > "$ctx/Foxfile" <<'FOXFILE'
ARG BASE
FROM $BASE
ENV APP=/app
WORKDIR /app
COPY src/ ./src/
RUN mkdir -p out && for f in src/*.txt; do tr a-z A-Z < $f > out/$(basename $f); done
COPY config.txt ./
RUN cat config.txt out/*.txt | wc -l > lines
COPY data.txt ./
RUN sha256sum data.txt > data.sum && rm -rf src
CMD ["cat", "/app/lines"]
FOXFILE

fox="./foxbox build -q --network host --build-arg BASE=bench-busybox -t bench-build"
bud="buildah bud -q --layers --network host --build-arg BASE=localhost/bench-busybox -f $ctx/Foxfile -t bench-build"
# Warm: base images unpacked, the launcher's class-data archive written, both caches filled.
for i in 1 2; do $fox "$ctx" >/dev/null; $bud "$ctx" >/dev/null; done

change="echo \$RANDOM >> $ctx/data.txt"
hyperfine -N --warmup 1 --runs "${RUNS:-10}" --export-json "$work/build.json" \
  -n 'foxbox cold' "$fox --no-cache $ctx" -n 'buildah cold' "$bud --no-cache $ctx" \
  -n 'foxbox cached' "$fox $ctx" -n 'buildah cached' "$bud $ctx"
hyperfine --warmup 1 --runs "${RUNS:-10}" --export-json "$work/changed.json" \
  --prepare "$change" -n 'foxbox one file changed' "$fox $ctx" -n 'buildah one file changed' "$bud $ctx"

echo "after one copied file changed, foxbox ran again:"
eval "$change"
./foxbox build --network host --build-arg BASE=bench-busybox -t bench-build "$ctx" | grep -B1 -- '^--> [0-9]' | grep '^STEP'

python3 - "$work/build.json" "$work/changed.json" <<'PY'
import json, sys
med = {}
for f in sys.argv[1:]:
    for b in json.load(open(f))["results"]:
        med[b["command"]] = sorted(b["times"])[len(b["times"]) // 2] * 1000
for k, v in med.items():
    print(f"median {v:8.1f} ms  {k}")
for case in ("cold", "cached", "one file changed"):
    print(f"foxbox/buildah ({case}): {med['foxbox ' + case] / med['buildah ' + case]:.2f}")
PY
buildah rmi -f localhost/bench-build >/dev/null 2>&1 || true
podman rmi -f localhost/bench-busybox >/dev/null 2>&1 || true
./foxbox rmi bench-build bench-busybox >/dev/null || true

#!/usr/bin/env bash
# foxbox run versus rootless podman run, side by side in one hyperfine run.
#
#   bench/run.sh [DEBIAN_ROOTFS.tar]
#
# Run as an unprivileged user with /etc/subuid ranges and rootless podman set up at its best
# (~/.config/containers/storage.conf: driver = "overlay"; runtime runc on hybrid cgroups).
# Images: a static busybox (examples/busybox) and, when given, a Debian root filesystem tarball
# (e.g. `mmdebstrap --variant=minbase bookworm debian.tar`, about 150 MB unpacked). Each image is
# used once before timing, so both tools have it unpacked and cached.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/boxes.sh
benches=(-n 'foxbox run --rm busybox true' './foxbox run --rm --network host bench-busybox true'
         -n 'podman run --rm --network host busybox true' 'podman run --rm --network host localhost/bench-busybox true')
if [[ -n ${1:-} ]]; then
  ./foxbox import "$1" bench-debian >/dev/null
  podman import -q "$1" localhost/bench-debian:latest >/dev/null
  benches+=(-n 'foxbox run --rm debian true' './foxbox run --rm --network host bench-debian true'
            -n 'podman run --rm --network host debian true' 'podman run --rm --network host localhost/bench-debian true')
fi
# Warm: images unpacked, the launcher's class-data archive written.
for i in 1 2; do
  ./foxbox run --rm bench-busybox true; podman run --rm --network host localhost/bench-busybox true
  [[ -n ${1:-} ]] && { ./foxbox run --rm bench-debian true; podman run --rm --network host localhost/bench-debian true; }
done
hyperfine -N --warmup 3 --runs "${RUNS:-30}" --export-json "$work/run.json" "${benches[@]}"
python3 - "$work/run.json" <<'PY'
import json, sys
r = {b["command"]: b for b in json.load(open(sys.argv[1]))["results"]}
med = {k: sorted(v["times"])[len(v["times"]) // 2] * 1000 for k, v in r.items()}
for k, v in med.items():
    print(f"median {v:7.1f} ms  {k}")
fb, pm = med.get("foxbox run --rm busybox true"), med.get("podman run --rm --network host busybox true")
print(f"foxbox/podman (busybox): {fb / pm:.2f}")
if "foxbox run --rm debian true" in med:
    print(f"foxbox debian/busybox: {med['foxbox run --rm debian true'] / fb:.2f}")
    print(f"foxbox/podman (debian): {med['foxbox run --rm debian true'] / med['podman run --rm --network host debian true']:.2f}")
PY
podman rmi -f localhost/bench-busybox localhost/bench-debian >/dev/null 2>&1 || true
./foxbox rmi bench-busybox >/dev/null; [[ -n ${1:-} ]] && ./foxbox rmi bench-debian >/dev/null || true

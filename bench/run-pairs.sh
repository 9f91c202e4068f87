#!/usr/bin/env bash
# foxbox run against rootless podman run, interleaved: foxbox, podman, foxbox, podman, … so that
# a machine that drifts (this VM's timings move by 10% within minutes) drifts under both alike.
# bench/run.sh times each command in a block of its own; this one pairs them.
#
#   bench/run-pairs.sh [PAIRS]      (default 40)
#
# Same set-up as bench/run.sh: an unprivileged user with /etc/subuid ranges and rootless podman at
# its best (overlay driver; runc on hybrid cgroups). Prints the medians and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/boxes.sh
trap 'rm -rf "$work"; podman rmi -f localhost/bench-busybox >/dev/null 2>&1 || true; ./foxbox rmi bench-busybox >/dev/null 2>&1 || true' EXIT

python3 - "${1:-40}" <<'PY'
import statistics, subprocess, sys, time
fox = ["./foxbox", "run", "--rm", "--network", "host", "bench-busybox", "true"]
pod = ["podman", "run", "--rm", "--network", "host", "localhost/bench-busybox", "true"]
def ms(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000
for _ in range(5):  # warm: images unpacked, the launcher's class-data archive written
    ms(fox); ms(pod)
f, p = [], []
for _ in range(int(sys.argv[1])):
    f.append(ms(fox))
    p.append(ms(pod))
print(f"median {statistics.median(f):6.1f} ms  foxbox run --rm --network host busybox true")
print(f"median {statistics.median(p):6.1f} ms  podman run --rm --network host busybox true")
print(f"foxbox/podman: {statistics.median(f) / statistics.median(p):.2f} (median of the {len(f)} pairs' ratios: "
      f"{statistics.median(a / b for a, b in zip(f, p)):.2f})")
PY

#!/usr/bin/env bash
# TCP throughput from the host into a box through a published port: foxbox (slirp4netns) and
# rootless podman (its default rootless port forwarding) side by side, same image, same sink.
#
#   bench/network.sh [MEGABYTES] [ROUNDS]      as an unprivileged user (see bench/run.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-512}
rounds=${2:-5}
. bench/boxes.sh
trap 'rm -rf "$work"; ./foxbox rm -f bench-sink >/dev/null 2>&1; podman rm -f -t 0 bench-sink >/dev/null 2>&1 || true' EXIT

# Sends MB megabytes to the port and prints MB/s; the sink closes when it has read them all.
send() {
  python3 - "$1" "$mb" <<'PY'
import socket, sys, time
port, mb = int(sys.argv[1]), int(sys.argv[2])
for attempt in range(100):
    try:
        s = socket.create_connection(("127.0.0.1", port)); break
    except OSError:
        time.sleep(0.1)
chunk = b"\0" * (1 << 20)
start = time.monotonic()
for _ in range(mb):
    s.sendall(chunk)
s.shutdown(socket.SHUT_WR)
while s.recv(65536):
    pass
print(f"{mb / (time.monotonic() - start):.1f}")
PY
}

fox=() pod=()
for r in $(seq "$rounds"); do
  port=$((20000 + RANDOM % 20000))
  ./foxbox run -d --rm --name bench-sink -p "$port:9000" bench-busybox sh -c 'nc -l -p 9000 > /dev/null' >/dev/null
  fox+=("$(send "$port")")
  ./foxbox rm -f bench-sink >/dev/null 2>&1 || true
  port=$((20000 + RANDOM % 20000))
  podman run -d --rm --name bench-sink -p "$port:9000" localhost/bench-busybox sh -c 'nc -l -p 9000 > /dev/null' >/dev/null
  pod+=("$(send "$port")")
  podman rm -f -t 0 bench-sink >/dev/null 2>&1 || true
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "foxbox (slirp4netns hostfwd) MB/s: ${fox[*]}  median $(median "${fox[@]}")"
echo "podman (default rootless)    MB/s: ${pod[*]}  median $(median "${pod[@]}")"
podman info --format 'podman network backend: {{.Host.NetworkBackend}}' 2>/dev/null || true
podman rmi -f localhost/bench-busybox >/dev/null
./foxbox rmi bench-busybox >/dev/null

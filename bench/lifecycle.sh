#!/usr/bin/env bash
# Idle detached boxes, foxbox versus rootless podman: resident memory of what keeps each box
# alive (foxbox: its monitor and the box's first process; podman: conmon and the container's
# first process), and `foxbox ps` with 50 boxes against foxbox's own start-up.
#
#   bench/lifecycle.sh        as an unprivileged user with rootless podman set up (see bench/run.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/boxes.sh
n=${BOXES:-20}

rss() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

fox_total=0
for i in $(seq "$n"); do ./foxbox run -d --name "idle$i" bench-busybox sleep 3600 >/dev/null; done
for i in $(seq "$n"); do
  state=$(./foxbox inspect "idle$i")
  pid=$(sed -n 's/.*"Pid" : \([0-9]*\),.*/\1/p' <<<"$state" | head -n 1)
  monitor=$(sed -n 's/.*"MonitorPid" : \([0-9]*\),.*/\1/p' <<<"$state" | head -n 1)
  fox_total=$((fox_total + $(rss "$pid") + $(rss "$monitor")))
done

pod_total=0
for i in $(seq "$n"); do podman run -d --network none --name "idle$i" localhost/bench-busybox sleep 3600 >/dev/null; done
for i in $(seq "$n"); do
  pid=$(podman inspect --format '{{.State.Pid}}' "idle$i")
  conmon=$(podman inspect --format '{{.State.ConmonPid}}' "idle$i")
  pod_total=$((pod_total + $(rss "$pid") + $(rss "$conmon")))
done
echo "idle boxes: $n"
echo "foxbox: monitor + box, total ${fox_total} kB, per box $((fox_total / n)) kB"
echo "podman: conmon + container, total ${pod_total} kB, per box $((pod_total / n)) kB"
echo "foxbox/podman: $(python3 -c "print(round($fox_total/$pod_total, 2))")"

# ps with 50 boxes (the 20 running ones and 30 created ones).
for i in $(seq $((n + 1)) 50); do ./foxbox create --name "idle$i" bench-busybox true >/dev/null; done
./foxbox ps -a >/dev/null
hyperfine -N --warmup 3 --runs 20 './foxbox ps -a' './foxbox --version' 'java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -version'

for i in $(seq 50); do ./foxbox rm -f "idle$i" >/dev/null; done
podman rm -f -t 0 $(seq -f 'idle%g' "$n") >/dev/null
podman rmi -f localhost/bench-busybox >/dev/null
./foxbox rmi bench-busybox >/dev/null

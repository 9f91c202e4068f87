# Sourced by the benchmarks that start boxes (run.sh, run-pairs.sh, build.sh, lifecycle.sh,
# network.sh), from the checkout's top: a data root (FOXBOX_ROOT, a new one unless given),
# XDG_RUNTIME_DIR for rootless podman, a work directory $work removed at exit (a script that
# cleans up more sets its own EXIT trap, which removes $work too), and examples/busybox's static
# busybox imported into both tools as bench-busybox and localhost/bench-busybox ($busybox is the
# tarball).
export FOXBOX_ROOT=${FOXBOX_ROOT:-$(mktemp -d /tmp/foxbox-bench.XXXXXX)}
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/foxbox-run-$(id -u)}
mkdir -p "$XDG_RUNTIME_DIR"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

busybox=$(examples/busybox/make-rootfs.sh "$work/busybox.tar.gz")
./foxbox import "$busybox" bench-busybox >/dev/null
podman import -q "$busybox" localhost/bench-busybox:latest >/dev/null

#!/usr/bin/env bash
# Cold and warm pulls from one loopback registry, side by side: foxbox, skopeo (copy to an OCI
# layout) and rootless podman; and, as the floor under a warm pull, a program that makes the same
# one HEAD request and nothing else (HeadRequest.java). Run as an unprivileged user (rootless
# podman is the point):
#
#   bench/pull.sh [RUNS]        (default 10 runs per command)
#
# Needs docker-registry, skopeo, podman (with driver = "overlay" in ~/.config/containers/storage.conf),
# hyperfine, GNU time, and XDG_RUNTIME_DIR. Prints hyperfine's tables and peak RSS figures; the
# numbers go into BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
: "${XDG_RUNTIME_DIR:?set XDG_RUNTIME_DIR (rootless podman and skopeo need it)}"
for tool in docker-registry skopeo podman hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/pull.sh: $tool is missing" >&2; exit 1; }
done
if [[ $(podman info --format '{{.Store.GraphDriverName}}' 2>/dev/null) != overlay ]]; then
  echo "bench/pull.sh: podman's storage driver is not overlay; see ~/.config/containers/storage.conf" >&2
  exit 1
fi

work=$(mktemp -d)
registry_pid=
cleanup() {
  [[ -n $registry_pid ]] && kill "$registry_pid" 2>/dev/null || true
  podman rmi -f "$image" "$big" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# A registry on a free loopback port.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$work/registry.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$port
YAML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
until curl -sf "http://127.0.0.1:$port/v2/" >/dev/null; do sleep 0.1; done

# medians JSON BASELINE: hyperfine's results as a table of medians, each relative to BASELINE's.
medians() {
  python3 - "$1" "$2" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base = next(r["median"] for r in results if r["command"] == sys.argv[2])
print("| command | median | min | max | median / %s |" % sys.argv[2])
print("|:---|---:|---:|---:|---:|")
for r in results:
    print("| %s | %.0f ms | %.0f ms | %.0f ms | %.2f |" % (r["command"], r["median"] * 1000, r["min"] * 1000,
                                                     r["max"] * 1000, r["median"] / base))
PY
}

# make_image LAYOUT SIZE_MB...: an OCI layout holding one image whose layers each hold SIZE_MB of
# random bytes (incompressible, like already-compressed content), gzip-compressed.
make_image() {
  local layout=$1; shift
  mkdir -p "$layout/blobs/sha256" "$work/gen"
  local layers=() diffids=() i=0 mb
  for mb in "$@"; do
    rm -rf "$work/gen/l"; mkdir -p "$work/gen/l"
    head -c "${mb}M" /dev/urandom >"$work/gen/l/layer$i.bin"
    tar -C "$work/gen/l" -cf "$work/gen/l.tar" .
    diffids+=("\"sha256:$(sha256sum "$work/gen/l.tar" | cut -c1-64)\"")
    gzip -1 -c "$work/gen/l.tar" >"$work/gen/l.tar.gz"
    local d s
    d=$(sha256sum "$work/gen/l.tar.gz" | cut -c1-64); s=$(stat -c %s "$work/gen/l.tar.gz")
    mv "$work/gen/l.tar.gz" "$layout/blobs/sha256/$d"
    layers+=("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$d\",\"size\":$s}")
    i=$((i + 1))
  done
  local config manifest cd cs md ms
  config="{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/bin/sh\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[$(IFS=,; echo "${diffids[*]}")]}}"
  cd=$(printf %s "$config" | sha256sum | cut -c1-64); cs=${#config}
  printf %s "$config" >"$layout/blobs/sha256/$cd"
  manifest="{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:$cd\",\"size\":$cs},\"layers\":[$(IFS=,; echo "${layers[*]}")]}"
  md=$(printf %s "$manifest" | sha256sum | cut -c1-64); ms=${#manifest}
  printf %s "$manifest" >"$layout/blobs/sha256/$md"
  echo '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"
  echo "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:$md\",\"size\":$ms,\"annotations\":{\"org.opencontainers.image.ref.name\":\"img\"}}]}" >"$layout/index.json"
  rm -rf "$work/gen"
}

image=127.0.0.1:$port/bench/six:1
big=127.0.0.1:$port/bench/one:1
echo "== building the images (6 layers, 200 MB; 1 layer, 400 MB) and pushing them to 127.0.0.1:$port"
make_image "$work/six" 60 50 40 25 15 10
make_image "$work/one" 400
skopeo copy -q --dest-tls-verify=false oci:"$work/six":img docker://"$image"
skopeo copy -q --dest-tls-verify=false oci:"$work/one":img docker://"$big"
du -sh "$work/six/blobs" "$work/one/blobs"

# The launcher builds foxbox and records a command's class-data archive on its second run after a
# build: make both cold pulls, so the archive holds the classes a cold pull loads.
for i in 1 2; do
  ./foxbox --root "$work/first" pull -q "$image" >/dev/null
  rm -rf "$work/first"
done
java=${FOXBOX_JAVA:-$(command -v java)}

echo "== cold pull of $image (6 layers, 200 MB), $runs runs each"
hyperfine -N --runs "$runs" --warmup 1 --export-json "$work/cold.json" \
  --prepare "rm -rf $work/fx" -n 'foxbox pull' "./foxbox --root $work/fx pull -q $image" \
  --prepare "rm -rf $work/sk" -n 'skopeo copy' "skopeo copy -q --src-tls-verify=false docker://$image oci:$work/sk:bench" \
  --prepare "podman rmi -f $image" -n 'podman pull' "podman pull -q --tls-verify=false $image" >/dev/null
medians "$work/cold.json" 'skopeo copy'

# The floor under a warm pull: a program that makes its one HEAD request and nothing else
# (bench/HeadRequest.java), through google-http-client and through the JDK alone, each with a
# class-data archive of its own and C1 only, as the launcher starts foxbox.
libs=$(printf '%s:' foxbox-cli/target/lib/*.jar)
mkdir -p "$work/head"
javac -d "$work/head" -cp "$libs" bench/HeadRequest.java
jar cf "$work/head/head.jar" -C "$work/head" HeadRequest.class
head_cp="$work/head/head.jar:$libs"
head_jvm=(-XX:+UseG1GC -XX:TieredStopAtLevel=1 -XX:-UsePerfData)
manifest_url="http://127.0.0.1:$port/v2/bench/six/manifests/1"
for client in google-http-client jdk; do
  "$java" "${head_jvm[@]}" -XX:DumpLoadedClassList="$work/head/$client.classes" -cp "$head_cp" HeadRequest "$client" "$manifest_url" >/dev/null
  "$java" -XX:+UseG1GC -Xshare:dump -XX:SharedClassListFile="$work/head/$client.classes" \
    -XX:SharedArchiveFile="$work/head/$client.jsa" -cp "$head_cp" >/dev/null 2>&1
done

echo
echo "== warm pull (the image is in the store, unchanged) and JVM start-up, $runs runs each"
./foxbox --root "$work/warm" pull -q "$image" >/dev/null
hyperfine -N --runs "$runs" --warmup 2 --export-json "$work/warm.json" \
  -n 'foxbox pull (up to date)' "./foxbox --root $work/warm pull -q $image" \
  -n 'foxbox --version' "./foxbox --version" \
  -n 'java -version' "$java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -version" \
  -n 'HEAD request alone, google-http-client' \
     "$java ${head_jvm[*]} -XX:SharedArchiveFile=$work/head/google-http-client.jsa -Xshare:on -cp $head_cp HeadRequest google-http-client $manifest_url" \
  -n 'HEAD request alone, JDK HttpURLConnection' \
     "$java ${head_jvm[*]} -XX:SharedArchiveFile=$work/head/jdk.jsa -Xshare:on -cp $head_cp HeadRequest jdk $manifest_url" \
  -n 'skopeo inspect (one manifest request)' "skopeo inspect -n --tls-verify=false docker://$image" >/dev/null
medians "$work/warm.json" 'foxbox --version'

echo
echo "== peak RSS of a cold foxbox pull (KiB): 6 layers / 200 MB, then 1 layer / 400 MB"
for ref in "$image" "$big"; do
  rm -rf "$work/rss"
  /usr/bin/time -f "%M KiB  %e s  $ref" ./foxbox --root "$work/rss" pull -q "$ref" >/dev/null
done
rm -rf "$work/rss"
/usr/bin/time -f "%M KiB  %e s  skopeo copy $image" skopeo copy -q --src-tls-verify=false docker://"$image" oci:"$work/rss":x

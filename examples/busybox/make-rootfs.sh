#!/usr/bin/env bash
# Makes a tiny root filesystem tarball from Debian's static busybox (package busybox-static),
# with no network: the image every foxbox example and test starts from.
#
#   examples/busybox/make-rootfs.sh OUT.tar.gz
#
# The tarball is reproducible: sorted entries, numeric 0:0 owners, mtimes at SOURCE_DATE_EPOCH
# (default 0), gzip without a timestamp.
set -euo pipefail

out=${1:?usage: make-rootfs.sh OUT.tar.gz}
busybox=${BUSYBOX:-/bin/busybox}
linkage=$(ldd "$busybox" 2>&1 || true)
if [[ ! -x $busybox || $linkage != *"not a dynamic"* ]]; then
  echo "make-rootfs.sh: $busybox is not a static busybox; install Debian's busybox-static" >&2
  exit 1
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
chmod 0755 "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,var/tmp,home,proc,sys,dev,run}
chmod 1777 "$root/tmp" "$root/var/tmp"
chmod 0700 "$root/root"
cp "$busybox" "$root/bin/busybox"
chmod 0755 "$root/bin/busybox"
# One symlink per applet, where busybox itself would install it.
"$busybox" --list-full | while read -r applet; do
  [[ $applet == bin/busybox ]] && continue
  ln -sf /bin/busybox "$root/$applet"
done
cat >"$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
fox:x:1000:1000:fox:/home/fox:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat >"$root/etc/group" <<'GROUP'
root:x:0:
daemon:x:1:
fox:x:1000:
nogroup:x:65534:
GROUP
mkdir -p "$root/home/fox"
echo "foxbox" >"$root/etc/hostname"

epoch=${SOURCE_DATE_EPOCH:-0}
tar --sort=name --numeric-owner --owner=0 --group=0 --mtime="@$epoch" --clamp-mtime \
    --format=pax --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    -C "$root" -cf - . | gzip -n -9 >"$out.tmp"
mv "$out.tmp" "$out"
echo "$out"

#!/usr/bin/env bash
# Runs the image built by `mvn -Pimage -pl cli -am package` without a container runtime: unpacks
# its layers (jib's docker-format tar: manifest.json and one .tar.gz per layer) into a directory
# and runs the entrypoint there under chroot (root only). Proves the runtime, its C libraries and
# the application's classpath are complete. LD_LIBRARY_PATH stands in for /proc, which a container
# has and a bare chroot does not (the loader resolves the launcher's $ORIGIN rpath through it).
#
# usage: deploy/image/check.sh [IMAGE_TAR] [ARGS...]   (default: cli/target/plimsoll-image.tar --version)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tar_file=${1:-$root/cli/target/plimsoll-image.tar}
shift || true
[ $# -gt 0 ] || set -- --version
[ "$(id -u)" -eq 0 ] || { echo "check.sh: chroot needs root" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar --warning=no-unknown-keyword -xf "$tar_file" -C "$work"
mkdir "$work/rootfs"
python3 - "$work" <<'PY' | while read -r layer; do tar --warning=no-unknown-keyword -xzf "$work/$layer" -C "$work/rootfs"; done
import json, sys
manifest = json.load(open(sys.argv[1] + "/manifest.json"))
print("\n".join(manifest[0]["Layers"]))
PY
config=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1]+"/manifest.json")); print(m[0]["Config"])' "$work")
mapfile -t entrypoint < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["config"]["Entrypoint"]))' "$work/$config")
echo "check.sh: entrypoint ${entrypoint[*]} $*" >&2
env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin JAVA_HOME=/opt/java LD_LIBRARY_PATH=/opt/java/lib \
    chroot --userspec=65532:65532 "$work/rootfs" "${entrypoint[@]}" "$@"

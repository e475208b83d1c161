#!/usr/bin/env bash
# The container image's root file system, built without a registry (only Maven Central may be
# reachable where Plimsoll builds): a Java runtime jlink'ed from the build JDK with the modules the
# launcher needs, the C libraries that runtime links against (copied from the build host, found with
# ldd), a passwd entry for the non-root user and a /tmp. jib (cli's `image` profile) lays it over
# `scratch` and adds the application's own layers.
#
# usage: deploy/image/rootfs.sh OUT_DIR
set -euo pipefail
out=${1:?usage: rootfs.sh OUT_DIR}
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jlink="$java_home/bin/jlink"
[ -x "$jlink" ] || { echo "rootfs.sh: no jlink in $java_home (set JAVA_HOME to a JDK 17 with jmods)" >&2; exit 1; }
command -v ldd >/dev/null || { echo "rootfs.sh: ldd is needed to find the runtime's C libraries" >&2; exit 1; }

# jdeps --print-module-deps on the launcher's jar, plus the TLS elliptic curves (service-loaded, so
# jdeps cannot see them) that the Kubernetes API server's certificates use
modules=java.base,java.compiler,java.net.http,java.scripting,java.sql,jdk.httpserver,jdk.jfr,jdk.management
modules=$modules,jdk.unsupported,jdk.unsupported.desktop,jdk.crypto.ec

rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp"
"$jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
    --output "$out/opt/java"

# every shared library the runtime's executables and libraries load, at the path the loader looks
# for it (symbolic links resolved into files)
find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper \) -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '/^\t/ && $2 == "=>" && $3 ~ /^\// { print $3 } /^\t\// { print $1 }' \
  | sort -u \
  | grep -v "^$out/" \
  | while read -r lib; do
      mkdir -p "$out$(dirname "$lib")"
      cp -L "$lib" "$out$lib"
    done
# libraries the JDK opens by name at run time rather than links (name service lookups)
for lib in /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/aarch64-linux-gnu/libnss_files.so.2; do
  if [ -e "$lib" ]; then mkdir -p "$out$(dirname "$lib")"; cp -L "$lib" "$out$lib"; fi
done

# the user the Deployment runs as (deploy/base/deployment.yaml: runAsUser 65532)
echo 'root:x:0:0:root:/root:/sbin/nologin' > "$out/etc/passwd"
echo 'nonroot:x:65532:65532:nonroot:/tmp:/sbin/nologin' >> "$out/etc/passwd"
echo 'root:x:0:' > "$out/etc/group"
echo 'nonroot:x:65532:' >> "$out/etc/group"
chmod 1777 "$out/tmp"
echo "rootfs.sh: $(du -sh "$out" | cut -f1) in $out"

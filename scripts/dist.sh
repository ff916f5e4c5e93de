#!/usr/bin/env bash
# `make dist`: a self-contained distribution for machines and containers without a JDK:
#   gooetcd-<version>-linux-x64/
#     bin/gooetcd          the launcher (prefers the bundled runtime)
#     lib/gooetcd.jar      the application
#     lib/gooetcd.jsa      an AppCDS archive made for the bundled runtime (faster start)
#     runtime/             a jlink-trimmed Java runtime with only the modules the jar needs
#     share/man/man1/      a man page per command (MANPATH=<dir>/share/man man gooetcd-get)
# packed as target/gooetcd-<version>-linux-x64.tar.gz.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/gooetcd.jar
[ -f "$jar" ] || { echo "Error: $jar is missing; run 'make build' first" >&2; exit 1; }

if [ -n "${JAVA_HOME:-}" ]; then jdk=$JAVA_HOME; else jdk=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")"); fi
version=$(unzip -p "$jar" META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: //p' | tr -d '\r')
name="gooetcd-$version-linux-x64"
out="target/dist/$name"
rm -rf target/dist "target/$name.tar.gz"
mkdir -p "$out/bin" "$out/lib"

# The modules the jar uses (jdeps), plus jdk.crypto.ec: etcd's TLS (Go) negotiates elliptic
# curves, which JDK 17 keeps in that module.
modules=$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "$jar")
modules="$modules,jdk.crypto.ec"
compress=--compress=2
"$jdk/bin/jlink" --list-plugins 2>/dev/null | grep -q 'zip-\[0-9\]' && compress=--compress=zip-6
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files $compress \
  --output "$out/runtime"

cp bin/gooetcd "$out/bin/gooetcd"
cp "$jar" "$out/lib/gooetcd.jar"
cp README.md config.example.yaml "$out/"
mkdir -p "$out/completions" && cp completions/* "$out/completions/"
"$out/runtime/bin/java" -cp "$out/lib/gooetcd.jar" io.googo.etcd.cli.ManPages "$out/share/man/man1"

# The runtime's base CDS archive (jlink leaves none), which the application archive builds on.
"$out/runtime/bin/java" -Xshare:dump >/dev/null
# AppCDS: record the classes a client command loads (it fails fast against a closed port).
"$out/runtime/bin/java" -XX:ArchiveClassesAtExit="$out/lib/gooetcd.jsa" -Xshare:auto \
  -jar "$out/lib/gooetcd.jar" --endpoints 127.0.0.1:1 --dial-timeout 300ms get k >/dev/null 2>&1 || true

tar -C target/dist -czf "target/$name.tar.gz" "$name"
echo "target/$name.tar.gz ($(du -h "target/$name.tar.gz" | cut -f1); runtime $(du -sh "$out/runtime" | cut -f1), modules: $modules)"

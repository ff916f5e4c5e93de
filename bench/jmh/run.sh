#!/usr/bin/env bash
# JMH micro-benchmarks of the hot paths (NDJSON parse/write, the printers over a range of keys).
# Builds bench/jmh (a separate Maven project compiled against target/gooetcd.jar; the first
# build downloads JMH from Maven Central), runs every benchmark and writes
# bench/jmh/target/jmh-result.json and jmh.txt. `make bench-jmh`, or JMH=1 bash bench/run.sh.
# JMH_ARGS: more JMH options (e.g. `-f 2 -i 10`, or a regex of benchmarks: `PrinterBench`).
# The JVM is the one java on PATH (JAVA_HOME first).
set -euo pipefail
cd "$(dirname "$0")"
MVN=${MVN:-mvn -B -ntp}
[ -f ../../target/gooetcd.jar ] || { echo "Error: target/gooetcd.jar is missing: run 'make build'" >&2; exit 1; }
$MVN -q package
java=java
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && java=$JAVA_HOME/bin/java
# shellcheck disable=SC2086
"$java" -cp target/benchmarks.jar:../../target/gooetcd.jar org.openjdk.jmh.Main \
  -rf json -rff target/jmh-result.json ${JMH_ARGS:-} | tee target/jmh.txt

#!/usr/bin/env bash
# `make bench`: starts its own etcd on free loopback ports and measures gooetcd against
# etcdctl on it. Writes bench/results.md (machine, versions, date, medians, ratios). Not a test.
#
# Figures (bench/README.md says more), each run for gooetcd and etcdctl in turns, A B A B ...:
#   - one-shot `get k` and `put k v`: latency and peak RSS, RUNS runs each (gooetcd on the
#     default Java and, when there is one, on JDK 25 too)
#   - 1,000 mixed put/get commands: one `gooetcd batch FILE` vs 1,000 etcdctl processes
#   - load of 100,000 keys vs etcdctl txn processes of 128 puts
#   - dump and get --prefix of BIG keys (time, peak RSS) vs etcdctl get --prefix
#   - watch replay of 20,000 events (bench/watch-replay.sh, its own etcd)
#   - `register` vs `etcdctl lease keep-alive`: started first, running while the others run,
#     resident memory sampled for REGISTER_SECONDS (the bench lasts at least that long)
#   - with JMH=1, the JMH micro-benchmarks (bench/jmh/run.sh)
# Knobs: RUNS (30) ROUNDS (5) TXN_ROUNDS (2) BIG (1000000) REGISTER_SECONDS (600) JMH (0)
#        JAVA25_HOME (/usr/lib/jvm/temurin-25-jdk-amd64) ETCD_BIN (etcd) OUT (bench/results.md)
#        KEEP (0; 1 keeps the work directory: raw numbers, logs, etcd's data)
# Needs: etcd, etcdctl, python3, GNU time, curl, target/gooetcd.jar (make build).
set -euo pipefail
cd "$(dirname "$0")/.."
ETCD_BIN=${ETCD_BIN:-etcd}
RUNS=${RUNS:-30}
ROUNDS=${ROUNDS:-5}
TXN_ROUNDS=${TXN_ROUNDS:-2}
[ "$TXN_ROUNDS" -le "$ROUNDS" ] || TXN_ROUNDS=$ROUNDS
BIG=${BIG:-1000000}
REGISTER_SECONDS=${REGISTER_SECONDS:-600}
JMH=${JMH:-0}
JAVA25_HOME=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=${OUT:-bench/results.md}
[ -f target/gooetcd.jar ] || { echo "Error: target/gooetcd.jar is missing: run 'make build'" >&2; exit 1; }
for tool in "$ETCD_BIN" etcdctl python3 curl /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "Error: bench needs $tool" >&2; exit 1; }
done
say() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

# --- Java: the one the launcher picks (JAVA_HOME, else PATH), and JDK 25 for the one-shot figure
java_version() { "$1" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p'; }
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java_bin=$JAVA_HOME/bin/java; else java_bin=$(command -v java); fi
jv=$(java_version "$java_bin")
j25=
if [ -x "$JAVA25_HOME/bin/java" ] && [ "$(java_version "$JAVA25_HOME/bin/java")" -ge 25 ] && [ "$jv" -lt 25 ]; then
  j25=$JAVA25_HOME
fi

# The launcher's class archives (AppCDS; an AOT cache on JDK 25), made now, in the foreground,
# for each Java and each set of flags the figures use (one-shot commands; long-running ones),
# so that no timed run goes without one or shares the machine with a background maker.
# (`register` runs without an archive: see the launcher.)
# archive_for [JAVA_HOME] COMMAND: prints the archive's path, or "none".
archive_for() {
  local out path
  if out=$(env ${1:+JAVA_HOME=$1} GOOETCD_CDS=make bin/gooetcd "$2" 2>/dev/null); then
    path=${out##*class archive: }
    [ -f "$path" ] && { echo "$path"; return; }
  fi
  echo none
}
say "making class archives"
archive_short=$(archive_for "" get)
archive_long=$(archive_for "" watch)
archive_25=none
[ -n "$j25" ] && archive_25=$(archive_for "$j25" get)
say "archives: $archive_short $archive_long $archive_25"

# --- etcd ------------------------------------------------------------------------------------
. bench/etcd.sh
work=$(mktemp -d /tmp/gooetcd-bench.XXXXXX)
pids=()
cleanup() {
  stop_all "${pids[@]}"
  if [ "${KEEP:-0}" = 1 ]; then echo "work directory kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
start_etcd "$work" --quota-backend-bytes $((8 * 1024 * 1024 * 1024))
pids+=("$ETCD_PID")
ep=$ETCD_ADDR
export ETCDCTL_API=3
E="etcdctl --endpoints $ep"
$E put k v >/dev/null
G="bin/gooetcd --endpoints $ep"
# count PREFIX: how many keys etcd holds under PREFIX (etcdctl 3.4 has no --count-only)
count() { $E get "$1" --prefix --limit 1 -w json | python3 -c 'import json,sys; print(json.load(sys.stdin).get("count", 0))'; }
abab() { python3 bench/abab.py "$@"; }
loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)
bench_t0=$(date +%s)

# --- register vs lease keep-alive: started first, sampled while everything else runs ---------
# With an HTTP health check, as the sidecar usually runs (issue #13's figure): a local server
# (python3's http.server, answering 200 for its empty directory) that it asks every 5 s.
mkdir -p "$work/www"
start_http "$work/www"
pids+=("$HTTP_PID")
say "register figure: starting gooetcd register and etcdctl lease keep-alive for ${REGISTER_SECONDS}s"
reg_t0=$(python3 -c 'import time; print(time.time())')
$G register bench-svc 127.0.0.1:9 --ttl 10s --check-http "$HTTP_URL" 2>"$work/register.err" &
reg_g=$!
pids+=("$reg_g")
lease=$($E lease grant 10 | awk '{print $2}')
$E lease keep-alive "$lease" >/dev/null 2>"$work/keepalive.err" &
reg_e=$!
pids+=("$reg_e")
# the launcher execs java: wait until the PID is java's, so that VmRSS is the JVM's own
for _ in $(seq 200); do [ "$(cat /proc/$reg_g/comm 2>/dev/null)" = java ] && break; sleep 0.05; done
[ "$(cat /proc/$reg_g/comm 2>/dev/null)" = java ] || { echo "Error: gooetcd register is not a java process" >&2; cat "$work/register.err" >&2; exit 1; }
for _ in $(seq 200); do [ "$(count services/bench-svc/ 2>/dev/null)" = 1 ] && break; sleep 0.05; done
python3 bench/sample-rss.py "$work/register.rss" 5 "$reg_t0" gooetcd="$reg_g" etcdctl="$reg_e" &
pids+=("$!")

# --- one-shot get and put ------------------------------------------------------------------
for verb in get put; do
  args="$verb k"; [ "$verb" = put ] && args="put k v"
  say "one-shot $verb: $RUNS runs each, in turns"
  on25=(); [ -n "$j25" ] && on25=(--cmd gooetcd25 "env JAVA_HOME=$j25 $G $args")
  abab "$work/$verb.json" --warmup 3 --rounds "$RUNS" \
    --cmd gooetcd "$G $args" "${on25[@]}" --cmd etcdctl "$E $args"
done

# --- 1,000 mixed put/get commands: one batch vs 1,000 processes -------------------------------
python3 - "$work" <<'PY'
import sys
w = sys.argv[1]
with open(w + "/batch.txt", "w") as b, open(w + "/batch.sh", "w") as s:
    for i in range(1000):
        key = "bench/batch/%03d" % (i // 2)
        if i % 2 == 0:
            b.write("put %s value-%d\n" % (key, i))
            s.write("etcdctl --endpoints $EP put %s value-%d\n" % (key, i))
        else:
            b.write("get %s\n" % key)
            s.write("etcdctl --endpoints $EP get %s\n" % key)
PY
# the same 1,000 results, byte for byte, or the figure compares different work
$G batch "$work/batch.txt" >"$work/batch.g.out"
EP=$ep bash "$work/batch.sh" >"$work/batch.e.out"
batch_same=yes; cmp -s "$work/batch.g.out" "$work/batch.e.out" || batch_same=no
say "1,000 commands: $ROUNDS rounds, in turns (same output: $batch_same)"
abab "$work/batch.json" --warmup 1 --rounds "$ROUNDS" \
  --cmd gooetcd "$G batch $work/batch.txt" \
  --cmd etcdctl "env EP=$ep bash $work/batch.sh"

# --- load 100,000 keys vs etcdctl txn processes of 128 puts -------------------------------------
python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
with open(w + "/100k.ndjson", "w") as f:
    for i in range(100000):
        f.write(json.dumps({"key": "bench/load/%06d" % i, "value": "x" * 100}, separators=(",", ":")) + "\n")
with open(w + "/txn.sh", "w") as f:
    # etcdctl: one process per 128-op transaction (its maximum), the fastest way it can load
    for b in range(0, 100000, 128):
        f.write("etcdctl --endpoints $EP txn >/dev/null <<'T'\n\n")
        for i in range(b, min(b + 128, 100000)):
            f.write("put bench/ctl/%06d %s\n" % (i, "x" * 100))
        f.write("\n\nT\n")
PY
say "load 100,000 keys: $ROUNDS rounds (etcdctl $TXN_ROUNDS), in turns"
abab "$work/load.json" --rounds "$ROUNDS" --rounds-of etcdctl="$TXN_ROUNDS" \
  --cmd gooetcd "$G load $work/100k.ndjson" --prepare-of gooetcd "$E del bench/load/ --prefix" \
  --cmd etcdctl "env EP=$ep bash $work/txn.sh" --prepare-of etcdctl "$E del bench/ctl/ --prefix"
# each run emptied its own prefix first: the last run of each left its keys
load_count=$(count bench/load/)
ctl_count=$(count bench/ctl/)
$E del bench/ --prefix >/dev/null

# --- BIG keys: dump and get --prefix vs etcdctl get --prefix -----------------------------------
python3 - "$work" "$BIG" <<'PY'
import json, sys
w, n = sys.argv[1], int(sys.argv[2])
with open(w + "/big.ndjson", "w") as f:
    for i in range(n):
        f.write(json.dumps({"key": "bench/big/%07d" % i, "value": "v" * 100}, separators=(",", ":")) + "\n")
PY
say "loading $BIG keys"
big_load=$( { /usr/bin/time -f '%e' $G load "$work/big.ndjson" >/dev/null; } 2>&1 | tail -1)
rm -f "$work/big.ndjson"
# one untimed pass of each, counting lines: every tool must print every key (and warms etcd up)
big_lines_dump=$(GOOETCD_JAVA_OPTS=-Xmx64m $G dump bench/big/ | wc -l)
big_lines_get=$(GOOETCD_JAVA_OPTS=-Xmx64m $G get bench/big/ --prefix | wc -l)
big_lines_eget=$($E get bench/big/ --prefix | wc -l)
say "dump/get of $BIG keys: $ROUNDS rounds, in turns (lines: $big_lines_dump $big_lines_get $big_lines_eget)"
abab "$work/big.json" --rounds "$ROUNDS" \
  --cmd dump "env GOOETCD_JAVA_OPTS=-Xmx64m $G dump bench/big/" \
  --cmd get "env GOOETCD_JAVA_OPTS=-Xmx64m $G get bench/big/ --prefix" \
  --cmd etcdctl "$E get bench/big/ --prefix"
$E del bench/ --prefix >/dev/null

# --- watch replay of 20,000 events (its own etcd) ----------------------------------------------
say "watch replay: $ROUNDS rounds"
ROUNDS=$ROUNDS RAW="$work/watch.raw" bash bench/watch-replay.sh >"$work/watch.log" 2>&1 \
  || { cat "$work/watch.log" >&2; exit 1; }

# --- JMH micro-benchmarks (JMH=1) -------------------------------------------------------------
jmh_json=
if [ "$JMH" = 1 ]; then
  say "JMH micro-benchmarks"
  rm -f bench/jmh/target/jmh-result.json
  if bash bench/jmh/run.sh >"$work/jmh.log" 2>&1; then
    jmh_json=bench/jmh/target/jmh-result.json
  else
    jmh_json=failed
    say "JMH failed (its table is left out):"; tail -20 "$work/jmh.log" >&2
  fi
fi

# --- register: wait out its time, then check both still hold their lease -------------------------
left=$(python3 -c "import time; print(max(0, int($reg_t0 + $REGISTER_SECONDS + 2 - time.time())))")
if [ "$left" -gt 0 ]; then
  say "register figure: waiting ${left}s more (it runs ${REGISTER_SECONDS}s)"
  sleep "$left"
fi
reg_alive_g=no; kill -0 "$reg_g" 2>/dev/null && reg_alive_g=yes
reg_alive_e=no; kill -0 "$reg_e" 2>/dev/null && reg_alive_e=yes
reg_key=$(count services/bench-svc/)
reg_ttl=$($E lease timetolive "$lease" | sed -n 's/.*remaining(\(-\?[0-9]*\)s).*/\1/p')
reg_log_lines=$(wc -l <"$work/register.err")
kill -TERM "$reg_g" "$reg_e" 2>/dev/null || true
wait "$reg_g" 2>/dev/null || true
wait "$reg_e" 2>/dev/null || true

# --- results ----------------------------------------------------------------------------------
export BENCH_WORK=$work RUNS ROUNDS TXN_ROUNDS BIG REGISTER_SECONDS OUT jmh_json \
  loadavg_start bench_t0 batch_same load_count ctl_count big_load big_lines_dump big_lines_get big_lines_eget \
  reg_alive_g reg_alive_e reg_key reg_ttl reg_log_lines archive_short archive_long archive_25 \
  JAVA_DEFAULT_VERSION="$("$java_bin" -version 2>&1 | head -1)" \
  JAVA25_VERSION="$([ -n "$j25" ] && "$j25/bin/java" -version 2>&1 | head -1 || true)" \
  ETCD_VERSION="$("$ETCD_BIN" --version | head -1 | awk '{print $3}')" \
  ETCDCTL_VERSION="$(etcdctl version | head -1 | awk '{print $3}')" \
  GOOETCD_VERSION="$($G --version 2>/dev/null | head -1 | awk '{print $NF}')" \
  GIT_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src pom.xml bin 2>/dev/null || echo ' (modified)')"
python3 bench/report.py
cat "$OUT"

#!/usr/bin/env bash
# The `register` sidecar's memory, paired: this checkout (NEW) against another build (PREV), each
# on JDK 17 (the default java) and JDK 25 (J25), and `etcdctl lease keep-alive`, all started at
# once on one throwaway etcd 3.4 and run side by side for DUR seconds. Each gooetcd registers
# with `--ttl 10s --check-http URL` (a local python3 http.server), as issue #13's figure asks.
# VmRSS and CPU of every process are sampled every 10 s (bench/sample-rss.py); the table gives
# VmRSS at 60, 300 and 600 s (those that fit in DUR), CPU at the end, and whether each still
# holds its registration (or lease) when the time is up.
#   PREV=/path/prev [NEW=.] [DUR=605] [J25=/usr/lib/jvm/temurin-25-jdk-amd64] bench/register-paired.sh
# A TREE has bin/gooetcd and target/gooetcd.jar. Exits 1 when a process died or lost its key.
set -euo pipefail
cd "$(dirname "$0")/.."
NEW=${NEW:-.}; PREV=${PREV:?PREV=TREE: the build to compare with}
DUR=${DUR:-605}
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64}
for t in "$NEW" "$PREV"; do
  [ -x "$t/bin/gooetcd" ] && [ -f "$t/target/gooetcd.jar" ] || { echo "Error: $t has no bin/gooetcd and target/gooetcd.jar" >&2; exit 1; }
done
say() { echo "[register-paired $(date +%H:%M:%S)] $*" >&2; }
. bench/etcd.sh
work=$(mktemp -d /tmp/gooetcd-register.XXXXXX)
pids=()
cleanup() { stop_all "${pids[@]}"; rm -rf "$work"; }
trap cleanup EXIT
start_etcd "$work"
pids+=("$ETCD_PID")
mkdir -p "$work/www"
start_http "$work/www"
pids+=("$HTTP_PID")
ep=$ETCD_ADDR
export ETCDCTL_API=3

names=(); procs=()
t0=$(python3 -c 'import time; print(time.time())')
start() {   # start NAME TREE [JAVA_HOME]
  env ${3:+JAVA_HOME=$3} XDG_CACHE_HOME="$work/cache" "$2/bin/gooetcd" --endpoints "$ep" \
    register "$1" 127.0.0.1:1 --ttl 10s --check-http "$HTTP_URL" 2>"$work/$1.err" &
  pids+=("$!"); names+=("$1"); procs+=("$1=$!")
}
start new17 "$NEW"
start prev17 "$PREV"
if [ -x "$J25/bin/java" ]; then
  start new25 "$NEW" "$J25"
  start prev25 "$PREV" "$J25"
else
  say "no JDK 25 at $J25: JDK 17 only"
fi
lease=$(etcdctl --endpoints "$ep" lease grant 10 | awk '{print $2}')
etcdctl --endpoints "$ep" lease keep-alive "$lease" >/dev/null 2>"$work/etcdctl.err" &
pids+=("$!"); names+=(etcdctl); procs+=("etcdctl=$!")
# the launcher execs java: VmRSS is the JVM's own once the PID is java's
for p in "${procs[@]}"; do
  [ "${p%%=*}" = etcdctl ] && continue
  for _ in $(seq 200); do [ "$(cat "/proc/${p#*=}/comm" 2>/dev/null)" = java ] && break; sleep 0.05; done
  [ "$(cat "/proc/${p#*=}/comm" 2>/dev/null)" = java ] || { echo "Error: ${p%%=*} is not a java process" >&2; cat "$work/${p%%=*}.err" >&2; exit 1; }
done
python3 bench/sample-rss.py "$work/rss" 10 "$t0" "${procs[@]}" &
pids+=("$!")
say "${names[*]} on etcd $ep for ${DUR}s"
sleep "$DUR"

status=0
printf '%-8s %11s %11s %11s %8s  %s\n' process "RSS 60 s" "RSS 300 s" "RSS 600 s" "CPU" "still holds its key"
for n in "${names[@]}"; do
  # the sample nearest to $1 seconds (the grid puts one within a fraction of a second of it)
  rss() {
    awk -v n="$n" -v t="$1" '$2 == n { d = $1 - t; if (d < 0) d = -d; if (d < 5 && (best == "" || d < best)) { best = d; v = $3 } }
      END { if (v != "" && v != "-") printf "%.1f MiB", v / 1024; else if (v == "-") printf "gone" }' "$work/rss"
  }
  cpu=$(awk -v n="$n" '$2 == n && $4 != "-" {c = $4} END {print c}' "$work/rss")
  if [ "$n" = etcdctl ]; then
    ttl=$(etcdctl --endpoints "$ep" lease timetolive "$lease" | sed -n 's/.*remaining(\(-\?[0-9]*\)s).*/\1/p')
    holds=no; [ -n "$ttl" ] && [ "$ttl" -gt 0 ] && holds="yes (lease $ttl s left)"
  else
    keys=$(etcdctl --endpoints "$ep" get "services/$n/" --prefix --keys-only | grep -c . || true)
    holds=no; [ "$keys" = 1 ] && holds=yes
  fi
  [ "${holds%% *}" = yes ] || status=1
  printf '%-8s %11s %11s %11s %7ss  %s\n' "$n" "$(rss 60)" "$(rss 300)" "$(rss 600)" "${cpu:--}" "$holds"
done
exit $status

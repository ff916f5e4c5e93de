#!/usr/bin/env bash
# One-shot get/put/del/txn, paired in turns (bench/abab.py): NEW (this checkout, default) against
# PREV and FF (two other builds, each with its bin/gooetcd and target/gooetcd.jar) and etcdctl, on
# JDK 17 (the default java) and JDK 25 (J25), one throwaway etcd 3.4 on loopback. Each build gets
# its own XDG_CACHE_HOME, and its class archive is made first (GOOETCD_CDS=make).
#   PREV=/path/prev FF=/path/ff [NEW=.] [ROUNDS=10] [J25=/usr/lib/jvm/temurin-25-jdk-amd64] bench/oneshot-paired.sh
# Prints medians (wall, CPU, peak RSS) and ff/new, prev/new ratios per command and JDK.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
NEW=${NEW:-$here}; PREV=${PREV:?set PREV to a build to compare with}; FF=${FF:?set FF to the baseline build}
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64}
. "$here/bench/etcd.sh"
D=$(mktemp -d "${TMPDIR:-/tmp}/oneshot.XXXX")
ETCD_PID=
trap '[ -z "$ETCD_PID" ] || kill $ETCD_PID || true; rm -rf $D' EXIT
start_etcd "$D"
EP=$ETCD_ADDR
etcdctl --endpoints $EP put k v >/dev/null
printf 'value("k") = "v"\n\nput k v2\n\nget k\n\n' > $D/txn
uptime
for c in new prev ff; do
  case $c in new) dir=$NEW;; prev) dir=$PREV;; ff) dir=$FF;; esac
  env XDG_CACHE_HOME=$D/cache-$c GOOETCD_CDS=make $dir/bin/gooetcd --endpoints $EP get k >/dev/null
  env JAVA_HOME=$J25 XDG_CACHE_HOME=$D/cache-$c GOOETCD_CDS=make $dir/bin/gooetcd --endpoints $EP get k >/dev/null
done
for what in "get k" "put k v" "del k" "txn"; do
  name=${what%% *}
  args=()
  for c in new prev ff; do
    case $c in new) dir=$NEW;; prev) dir=$PREV;; ff) dir=$FF;; esac
    g="$what"; [ "$name" = txn ] && g="txn --file $D/txn"
    args+=(--cmd ${c}17 "env XDG_CACHE_HOME=$D/cache-$c $dir/bin/gooetcd --endpoints $EP $g")
    args+=(--cmd ${c}25 "env JAVA_HOME=$J25 XDG_CACHE_HOME=$D/cache-$c $dir/bin/gooetcd --endpoints $EP $g")
  done
  if [ "$name" = txn ]; then args+=(--cmd etcdctl "bash -c 'etcdctl --endpoints $EP txn < $D/txn'")
  else args+=(--cmd etcdctl "etcdctl --endpoints $EP $what"); fi
  python3 "$here/bench/abab.py" $D/$name.json --warmup 2 --rounds ${ROUNDS:-10} "${args[@]}"
  python3 - $D/$name.json "$what" <<'PY'
import json,sys,statistics as st
d=json.load(open(sys.argv[1])); w=sys.argv[2]
m={k:(st.median(v['wall'])*1000,st.median(v['cpu'])*1000,st.median(v['rss'])/1024) for k,v in d.items()}
print(f"## {w}")
for k,(a,b,c) in m.items(): print(f"{k:8s} wall {a:7.0f} ms  cpu {b:7.0f} ms  rss {c:5.0f} MiB")
for j in ('17','25'):
  n,p,o=m['new'+j],m['prev'+j],m['ff'+j]
  print(f"JDK {j}: ff/new wall {o[0]/n[0]:.2f}x cpu {o[1]/n[1]:.2f}x; prev/new wall {p[0]/n[0]:.2f}x cpu {p[1]/n[1]:.2f}x; new/etcdctl wall {n[0]/m['etcdctl'][0]:.1f}x")
PY
done
uptime

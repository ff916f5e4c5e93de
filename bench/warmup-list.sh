#!/usr/bin/env bash
# Makes src/main/java/io/googo/etcd/core/client/KvClasses.java, the classes ClassWarmup
# initialises on its own thread: those a one-shot get, put, del and txn initialise once their client
# is made (main thread) or on another thread (the event loop), in the libraries' packages and the
# JDK's networking ones, in the order first seen; through bin/gooetcd, with the flags it gives these
# commands (unpooled buffers: no pooled allocator's classes). Needs target/gooetcd.jar and etcd on PATH.
#   bench/warmup-list.sh
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/etcd.sh"
D=$(mktemp -d "${TMPDIR:-/tmp}/warmup-list.XXXX")
ETCD_PID=
trap '[ -z "$ETCD_PID" ] || kill $ETCD_PID || true; rm -rf $D' EXIT
start_etcd "$D"
printf 'value("k") = "v"\n\nput k v2\n\nget k\n\n' > $D/txn
i=0
for what in "put k v" "get k" "txn --file $D/txn" "del k"; do
  i=$((i + 1))
  GOOETCD_CDS=off GOOETCD_JAVA_OPTS="-Dgooetcd.warmup=off -Xlog:class+init=info:file=$D/init-$i.txt:tid" \
    GOOETCD_JAR="$here/target/gooetcd.jar" "$here/bin/gooetcd" --endpoints $ETCD_ADDR $what >/dev/null
done
out=$here/src/main/java/io/googo/etcd/core/client/KvClasses.java
python3 - "$D"/init-*.txt > "$out" <<'PY'
import re, sys
KEEP = ('io/netty/', 'io/grpc/', 'com/google/', 'io/etcd/', 'io/perfmark/', 'org/slf4j/', 'java/net/',
        'sun/nio/ch/', 'sun/net/', 'jdk/net/', 'java/nio/channels/', 'jdk/jfr/')
seen, out = set(), []
for f in sys.argv[1:]:
    main, started = None, False
    for line in open(f):
        m = re.match(r"\[(\d+)\] \d+ Initializing '([^']+)'", line)
        if not m:
            continue
        tid, cls = m.groups()
        main = main or tid
        started = started or cls == 'io/googo/etcd/core/client/EtcdClient'
        if (tid == main and not started) or '$$Lambda' in cls or '+0x' in cls or '$Proxy' in cls or not cls.startswith(KEEP):
            continue
        name = cls.replace('/', '.')
        if name not in seen:
            seen.add(name)
            out.append(name)
text = ''.join(n + '\n' for n in out)
if len(text) > 60000:
    sys.exit('the list is %d bytes: a class file constant holds 65,535; split KvClasses.NAMES' % len(text))
print('''package io.googo.etcd.core.client;

/**
 * The classes {@link ClassWarmup} initialises, in the order a one-shot request first initialises
 * them. Made by {@code bench/warmup-list.sh}: do not edit. A compile-time constant, so that it is
 * part of {@code ClassWarmup}'s class file (and of the class archive with it): no jar resource to
 * open, no class to load.
 */
final class KvClasses {
    /** One binary class name a line. */
    static final String NAMES = """''')
for n in out:
    print('            ' + n)
print('''            """;

    private KvClasses() {}
}''')
PY
echo "$(grep -c '^            [a-z]' "$out") classes in $out"

#!/usr/bin/env bash
# `make demo`: starts a throwaway etcd on free loopback ports, runs a short tour of gooetcd
# against it with every command shown before its output, then stops etcd. Exits 0 when every step
# ended as expected (EXPECT=N step … for the ones meant to fail), else 1, listing the others.
set -uo pipefail
cd "$(dirname "$0")/.."
ETCD_BIN=${ETCD_BIN:-etcd}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
client=$(free_port); peer=$(free_port)
data=$(mktemp -d /tmp/gooetcd-demo.XXXXXX)
"$ETCD_BIN" --name demo --data-dir "$data/etcd" \
  --listen-client-urls "http://127.0.0.1:$client" --advertise-client-urls "http://127.0.0.1:$client" \
  --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
  --initial-cluster "demo=http://127.0.0.1:$peer" >"$data/etcd.log" 2>&1 &
etcd_pid=$!
cleanup() { kill "$etcd_pid" 2>/dev/null; wait "$etcd_pid" 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT
# wait for etcd, up to 60 s (a busy machine starts it slowly)
healthy=
for _ in $(seq 600); do
  curl -fsS "http://127.0.0.1:$client/health" >/dev/null 2>&1 && { healthy=1; break; }
  sleep 0.1
done
[ -n "$healthy" ] || { echo "Error: etcd did not become healthy within 60 s; its log:" >&2; cat "$data/etcd.log" >&2; exit 1; }

# A profile file with two names for this server, so the tour can show profiles too.
cat >"$data/config.yaml" <<YAML
current: demo
clusters:
  demo:
    endpoints: [http://127.0.0.1:$client]
  demo-ns:
    endpoints: [http://127.0.0.1:$client]
    namespace: /team-a/
YAML
export GOOETCD_CONFIG="$data/config.yaml"
export PATH="$PWD/bin:$PATH"

# until_ok CMD: runs CMD (quietly) every half second until it succeeds, at most 60 s; for waits
# whose length depends on how busy the machine is (a lease to expire, a registration to appear)
until_ok() {
  for _ in $(seq 120); do eval "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "(gave up after 60 s waiting for: $1)"; return 1
}

unexpected=()
step() {
  local expect=${EXPECT:-0}
  printf '\n\033[1m$ %s\033[0m\n' "$*"
  eval "$@"
  local rc=$?
  [ $rc -eq 0 ] || printf '(exit %d)\n' "$rc"
  [ $rc -eq "$expect" ] || unexpected+=("exit $rc, not $expect: $*")
}

echo "etcd $("$ETCD_BIN" --version | head -1 | awk '{print $3}') on http://127.0.0.1:$client; profile file $GOOETCD_CONFIG"
step gooetcd config list
step gooetcd put greeting hello
step gooetcd get greeting
step gooetcd get greeting -w json
step 'gooetcd put greeting "hello again" --prev-kv'
step "gooetcd put config/a 1 && gooetcd put config/b 2 && gooetcd put config/c 3"
step gooetcd get config/ --prefix --keys-only
step gooetcd get config/ --prefix -w table
step gooetcd get config/ --prefix --count-only
step gooetcd get greeting -w fields
rev=$(gooetcd get greeting -w json | sed -n 's/.*"mod_revision":\([0-9]*\).*/\1/p')
step gooetcd put greeting cas-ok --if-mod-revision "$rev"
EXPECT=7 step gooetcd put greeting cas-fails --if-mod-revision "$rev"
# put and get in one process: on a busy machine starting the next JVM can take longer than the TTL
step "printf 'put session/token abc --ttl 10s\\nget session/token\\n' | gooetcd batch"
step "until_ok '[ \"\$(gooetcd get session/token --count-only)\" = 0 ]'; gooetcd get session/token --count-only"
step "printf 'from stdin' | gooetcd put piped"
step gooetcd get piped --print-value-only
step gooetcd -c demo-ns put colour blue
step gooetcd -c demo-ns get colour
step gooetcd get /team-a/ --prefix
step gooetcd config view
step gooetcd del config/ --prefix
step 'printf "value(\"greeting\") = \"cas-ok\"\n\nput greeting txn-won\n\nput greeting txn-lost\n" | gooetcd txn'
step gooetcd get greeting --print-value-only
# the watch starts from the revision after the current one, so it sees the two writes whether it
# starts before or after them (no race), and it cannot hang: at most 120 s
rev=$(gooetcd get greeting -w json | sed -n 's/.*"revision":\([0-9]*\).*/\1/p')
step "(gooetcd put jobs/1 queued >/dev/null; gooetcd del jobs/1 >/dev/null) & writer=\$!; timeout 120 gooetcd watch jobs/ --prefix --rev $((rev + 1)) --max-events 2 && wait \$writer"
step 'gooetcd watch jobs/ --prefix --rev 1 --max-events 2 -w json'
step 'gooetcd lease grant 60 | tee "$data/lease"'
lease=$(awk '{print $2}' "$data/lease")
step gooetcd put session/x token --lease "$lease"
step gooetcd lease timetolive "$lease" --keys
step gooetcd lease list -w table
step gooetcd lock demo-lock -- sh -c "'echo holding \$ETCD_LOCK_KEY'"
step 'printf "{\"key\":\"bulk/a\",\"value\":\"1\"}\n{\"key\":\"bulk/b\",\"value_base64\":\"AP8=\"}\n" | gooetcd load'
step gooetcd dump bulk/
step 'printf "put b/1 one\nget b/1\nget b/ --prefix --count-only\n" | gooetcd batch'
step 'printf "get b/1 -w json\nput b/2 two\n" | gooetcd shell'
step 'gooetcd register web 10.0.0.5:8080 --ttl 5s --metadata "{\"version\":\"1.4.2\"}" 2>&1 & until_ok "gooetcd discover web | grep -q 10.0.0.5"; gooetcd discover web; gooetcd get services/web/ --prefix; kill $!; wait $!; gooetcd discover web -w json'
step gooetcd member list -w table
step gooetcd endpoint status -w table
step 'gooetcd endpoint health 2>&1 >/dev/null    # its lines are on stderr, as etcdctl does'
step gooetcd get nothing-here
EXPECT=4 step gooetcd get greeting -w xml
EXPECT=2 step gooetcd --endpoints 127.0.0.1:1 --dial-timeout 1s get greeting
step gooetcd version
echo
if [ ${#unexpected[@]} -gt 0 ]; then
  echo "demo: ${#unexpected[@]} step(s) did not end as expected:"
  printf '  %s\n' "${unexpected[@]}"
  exit 1
fi
echo "demo done"
exit 0

#!/usr/bin/env bash
# scripts/busy.sh CMD [ARGS...]: runs CMD while busy loops keep every core loaded, as on a busy
# shared CI machine, and exits with CMD's exit code. The loops end with CMD, when busy.sh is
# interrupted or killed (CMD is then sent the same signal), and on their own after
# BUSY_MAX_SECONDS in any case.
#   BUSY_LOOPS        busy loops to run (default: one per core, `nproc`)
#   BUSY_MAX_SECONDS  the longest a loop runs (default 3600)
# `make test-busy` and `make demo-busy` use it: the suite and the demo must pass so.
set -u
[ $# -gt 0 ] || { echo "usage: scripts/busy.sh CMD [ARGS...]" >&2; exit 128; }
loops=${BUSY_LOOPS:-$(nproc)}
max=${BUSY_MAX_SECONDS:-3600}
pids=()
cmd=
stop() {
  [ ${#pids[@]} -eq 0 ] || { kill "${pids[@]}" 2>/dev/null; wait "${pids[@]}" 2>/dev/null; }
  pids=()
}
# pass a signal on to CMD, wait for it, stop the loops, exit as killed by that signal
on_signal() {
  [ -z "$cmd" ] || { kill -"$1" "$cmd" 2>/dev/null; wait "$cmd" 2>/dev/null; }
  stop
  exit "$2"
}
trap stop EXIT
trap 'on_signal INT 130' INT
trap 'on_signal TERM 143' TERM
for _ in $(seq "$loops"); do
  ( end=$((SECONDS + max)); while [ "$SECONDS" -lt "$end" ]; do :; done ) &
  pids+=($!)
done
echo "busy.sh: $loops busy loops (pids ${pids[*]}, at most ${max} s) while running: $*" >&2
# CMD in the background with job control, so that it keeps SIGINT and busy.sh can wait for it
# and still act on signals at once (so CMD has its own process group: not for commands that read
# the terminal); stdin stays CMD's
set -m
"$@" <&0 &
cmd=$!
set +m
wait "$cmd"
rc=$?
cmd=
stop
echo "busy.sh: '$*' exited $rc; load average now: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exit $rc

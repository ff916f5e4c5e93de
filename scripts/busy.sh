#!/usr/bin/env bash
# scripts/busy.sh CMD [ARGS...]: runs CMD while busy loops keep every core loaded, as on a busy
# shared CI machine, and exits with CMD's exit code. The loops end with CMD (also on Ctrl-C or
# kill), and on their own after BUSY_MAX_SECONDS in any case.
#   BUSY_LOOPS        busy loops to run (default: one per core, `nproc`)
#   BUSY_MAX_SECONDS  the longest a loop runs (default 3600)
# `make test-busy` and `make demo-busy` use it; TESTING.md says why the suite must pass so.
set -u
[ $# -gt 0 ] || { echo "usage: scripts/busy.sh CMD [ARGS...]" >&2; exit 128; }
loops=${BUSY_LOOPS:-$(nproc)}
max=${BUSY_MAX_SECONDS:-3600}
pids=()
stop() {
  [ ${#pids[@]} -eq 0 ] || { kill "${pids[@]}" 2>/dev/null; wait "${pids[@]}" 2>/dev/null; }
  pids=()
}
trap stop EXIT
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
for _ in $(seq "$loops"); do
  timeout "$max" sh -c 'while :; do :; done' &
  pids+=($!)
done
echo "busy.sh: $loops busy loops (pids ${pids[*]}, at most ${max} s) while running: $*" >&2
"$@"
rc=$?
stop
echo "busy.sh: '$*' exited $rc; load average now: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exit $rc

# Sourced by the bench scripts: a throwaway etcd (and an HTTP server) on free loopback ports.

# free_port: prints a TCP port free on 127.0.0.1 now
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start_etcd DIR [ETCD-FLAG...]: starts one etcd member ($ETCD_BIN, else etcd) on two free
# loopback ports, its data in DIR/etcd and its log in DIR/etcd.log, and waits until it answers
# /health (20 s at most). Sets ETCD_PID, ETCD_ADDR (127.0.0.1:PORT) and ETCD_URL
# (http://127.0.0.1:PORT). Fails with the end of etcd's log when it does not come up; stopping
# it is the caller's (kill "$ETCD_PID").
start_etcd() {
  local dir=$1 client peer
  shift
  client=$(free_port); peer=$(free_port)
  "${ETCD_BIN:-etcd}" --name bench --data-dir "$dir/etcd" "$@" \
    --listen-client-urls "http://127.0.0.1:$client" --advertise-client-urls "http://127.0.0.1:$client" \
    --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
    --initial-cluster "bench=http://127.0.0.1:$peer" >"$dir/etcd.log" 2>&1 &
  ETCD_PID=$!
  ETCD_ADDR=127.0.0.1:$client
  ETCD_URL=http://$ETCD_ADDR
  for _ in $(seq 400); do
    curl -fsS "$ETCD_URL/health" >/dev/null 2>&1 && return 0
    kill -0 "$ETCD_PID" 2>/dev/null || break
    sleep 0.05
  done
  kill "$ETCD_PID" 2>/dev/null
  echo "Error: etcd did not come up; the end of its log:" >&2
  tail -5 "$dir/etcd.log" >&2
  return 1
}

# stop_all PID...: stops the processes a script started (TERM), then waits for each
stop_all() {
  local p
  for p in "$@"; do kill "$p" 2>/dev/null || true; done
  for p in "$@"; do wait "$p" 2>/dev/null || true; done
}

# start_http DIR: serves DIR over HTTP on a free loopback port (python3's http.server: 200 for
# /), for `register --check-http`, and waits until it answers. Sets HTTP_PID and HTTP_URL.
start_http() {
  local port
  port=$(free_port)
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$1" >/dev/null 2>&1 &
  HTTP_PID=$!
  HTTP_URL=http://127.0.0.1:$port/
  for _ in $(seq 200); do
    curl -fsS "$HTTP_URL" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  echo "Error: the HTTP server for the health check did not come up" >&2
  return 1
}

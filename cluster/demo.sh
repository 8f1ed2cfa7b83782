#!/usr/bin/env bash
# make cluster-demo: the demo map on three bsc-nodes on 127.0.0.1.
# Forms the cluster, loads the map through go-dqlite's `dqlite` shell, prints
# the scorecard and the cluster gaps, kills the leader with SIGKILL, shows the
# new leader answering and taking a new measurement, restarts the killed node
# and shows its own copy catching up. Every node it starts is stopped by its
# process id when it ends, however it ends. Run from the repository root,
# after `make cluster` (make cluster-demo does both).
set -euo pipefail
cd "$(dirname "$0")/.."

NODE=cluster/bsc-node
DB=bsc
TMP=$(mktemp -d "${TMPDIR:-/tmp}/bsc-cluster-demo.XXXXXX")
declare -A PID=() ADDR=()

stop_nodes() {
  local status=$?
  trap - EXIT INT TERM
  for i in "${!PID[@]}"; do kill -TERM "${PID[$i]}" 2>/dev/null || true; done
  for i in "${!PID[@]}"; do
    # a node that does not stop within 10 s is killed
    for _ in $(seq 100); do kill -0 "${PID[$i]}" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "${PID[$i]}" 2>/dev/null || true
    wait "${PID[$i]}" 2>/dev/null || true
  done
  if [ "$status" -ne 0 ]; then
    echo "cluster-demo failed; the nodes' logs:"
    tail -n 20 "$TMP"/node*.log 2>/dev/null || true
  fi
  rm -rf "$TMP"
  exit "$status"
}
trap stop_nodes EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Ports the kernel says are free, so that the demo does not meet another.
read -r P1 P2 P3 < <(/usr/bin/python3 -c '
import socket
ss = [socket.socket() for _ in range(3)]
for s in ss: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])')
ADDR[1]=127.0.0.1:$P1 ADDR[2]=127.0.0.1:$P2 ADDR[3]=127.0.0.1:$P3
SERVERS=${ADDR[1]},${ADDR[2]},${ADDR[3]}

start() { # id [--join ...]: logs to $TMP/nodeN.log
  local i=$1; shift
  "$NODE" --id "$i" --address "${ADDR[$i]}" --dir "$TMP/node$i" --latency-ms 100 "$@" \
    2>>"$TMP/node$i.log" &
  PID[$i]=$!
}
sh() { dqlite -s "$SERVERS" "$DB" "$@"; }
step() { printf '\n== %s\n' "$*"; }
show() { # the command as typed, then its output (without the usage text
  # the shell adds to an error)
  local out rc=0
  printf '$ dqlite -s %s %s "%s"\n' "\$SERVERS" "$DB" "$1"
  out=$(sh "$1" 2>&1) || rc=$?
  printf '%s\n' "$out" | sed '/^Usage:/,$d'
  return $rc
}
wait_until() { # description command...: up to 30 s
  local what=$1; shift
  for _ in $(seq 300); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "cluster-demo: timed out waiting for $what"; return 1
}
three_voters() { [ "$(sh .cluster | grep -c '|voter$')" = 3 ]; }
leader_is_not() { local l; l=$(sh .leader) && [ -n "$l" ] && [ "$l" != "$1" ]; }

step "three nodes on 127.0.0.1: node 1 forms the cluster, 2 and 3 join it"
start 1
wait_until "node 1 to lead" sh .leader
start 2 --join "${ADDR[1]}"
start 3 --join "${ADDR[1]}"
wait_until "three voters" three_voters
echo "SERVERS=$SERVERS"
show .cluster

step "the demo map, loaded through the dqlite shell (sql/schema.sql, demo.sql, views.sql)"
sh "$(/usr/bin/python3 cluster/oneline.py sql/schema.sql sql/demo.sql sql/views.sql)"
show "SELECT (SELECT count(*) FROM objectives) || ' objectives, ' || (SELECT count(*) FROM kpis) || ' KPIs, ' || (SELECT count(*) FROM measurements) || ' measurements'"

SCORECARD="SELECT printf('%-10s %-18s %-8s %8.1f %8.1f %5.2f %-6s %s', perspective, kpi, period, actual, target, score, status, ifnull(trend, '')) FROM scorecard"
step "the scorecard, from the leader"
show "$SCORECARD"
step "the cluster gaps"
show "SELECT bsc_cluster_gaps()"
show "SELECT cluster, processes, objectives, gap FROM cluster_coverage"

step "a validation error crosses the wire as bsc's message"
show "INSERT INTO measurements(kpi, period, actual) VALUES ('load_factor', '2026-31', 80.9)" || true

LEADER=$(sh .leader)
for i in 1 2 3; do [ "${ADDR[$i]}" = "$LEADER" ] && KILLED=$i; done
step "kill -KILL the leader, node $KILLED ($LEADER, pid ${PID[$KILLED]})"
kill -KILL "${PID[$KILLED]}"
wait "${PID[$KILLED]}" 2>/dev/null || true
unset "PID[$KILLED]"
wait_until "a new leader" leader_is_not "$LEADER"
show .leader

step "the new leader answers: the map intact, the perspectives scored"
show "SELECT perspective, round(score, 2), status FROM perspective_scores"
show "SELECT path FROM causal_chains WHERE start = 'fast_turns' AND goal = 'revenue_growth'"
step "and takes a new measurement, with two nodes of three"
show "INSERT INTO measurements(kpi, period, actual) VALUES ('load_factor', '2026-11', 84.2)"
show "SELECT kpi, period, actual, round(score, 2), status, trend FROM bsc_scorecard('2026-11') WHERE kpi = 'load_factor'"

step "node $KILLED restarts from its data directory and catches up"
start "$KILLED"
caught_up() {
  rm -rf "$TMP/dump" && mkdir "$TMP/dump" &&
    (cd "$TMP/dump" && dqlite -s "${ADDR[$KILLED]}" "$DB" ".dump ${ADDR[$KILLED]} $DB" >/dev/null) &&
    [ "$(sqlite3 "$TMP/dump/$DB" '.load ./bsc' "SELECT count(*) FROM measurements WHERE period = '2026-11'" 2>/dev/null)" = 1 ]
}
wait_until "node $KILLED to catch up" caught_up
show .cluster
echo "node $KILLED's own copy of the database (.dump ${ADDR[$KILLED]}), read by sqlite3 with bsc:"
sqlite3 "$TMP/dump/$DB" '.load ./bsc' \
  "SELECT kpi, period, actual FROM measurements WHERE kpi = 'load_factor' AND period >= '2026-10'"

step "stopping every node this demo started, by pid"
for i in "${!PID[@]}"; do
  kill -TERM "${PID[$i]}"
  if wait "${PID[$i]}"; then echo "node $i (pid ${PID[$i]}) stopped cleanly"; else echo "node $i: exit status $?"; exit 1; fi
  unset "PID[$i]"
done

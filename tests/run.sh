#!/usr/bin/env bash
# Runs every suite of bsc and ends with one line "N passed, N failed" over all
# of them. Called by `make test` from the repository root, after bsc.so is built.
#   tests/run.sh            every suite
#   tests/run.sh sql c      only the named suites (c, c-sanitize, c-ubsan, c-valgrind,
#                           fuzz-corpus, stress, sql, sql-valgrind, python, odbc, r, node,
#                           clients, packaging, docs, cluster, bench)
set -u
cd "$(dirname "$0")/.." || exit 2

PY=/usr/bin/python3
total_pass=0
total_fail=0
declare -a failed_suites=()

record() { # suite passed failed [skipped]
  # A skipped test fails: every test runs on every machine that `make deps`
  # has set up, so a skip means something is missing that a user would miss
  # too (a package, say), and a suite that skips cannot pass for a green one.
  local failed=$(($3 + ${4:-0})) skipped=""
  [ "${4:-0}" -eq 0 ] || skipped=" ($4 skipped, counted as failed)"
  total_pass=$((total_pass + $2))
  total_fail=$((total_fail + failed))
  printf '  %-12s %d passed, %d failed%s\n' "$1" "$2" "$failed" "$skipped"
  [ "$failed" -eq 0 ] || failed_suites+=("$1")
}

# Check suites: the C sources compiled into the test binary (SQLITE_CORE),
# once plainly, once under gcc's AddressSanitizer and UndefinedBehaviorSanitizer,
# and once under clang's UndefinedBehaviorSanitizer (it sees more: an offset
# added to a NULL pointer, say). The test tagged oom (every allocation of
# every scenario failed in turn: some 144,000 runs of a map) runs in the two
# sanitizer builds, each failing every allocation of its share of the
# scenarios (ASan's runs cost some 7 ms, clang UBSan's some 3: a quarter and
# three quarters), so that a leak or a bad access on an error path shows in
# bounded time.
run_check() { # name extra-cflags [compiler] [tags to leave out] [share of the oom scenarios]
  local name=$1 flags=$2 cc=${3:-${CC:-cc}} skip=${4:-} share=${5:-0/1} bin=tests/build/check_$1 log=tests/build/check_$1.log
  mkdir -p tests/build
  if ! make -s "$bin" CC="$cc" CHECK_FLAGS="$flags" >"$log" 2>&1; then
    cat "$log"; record "$name" 0 1; return
  fi
  CK_EXCLUDE_TAGS="$skip" BSC_OOM_SHARE="$share" "$bin" >"$log" 2>&1
  local rc=$?
  local line; line=$(grep -E '^[0-9]+%: Checks: ' "$log" | tail -n 1)
  if [ -z "$line" ]; then cat "$log"; record "$name" 0 1; return; fi
  local n f e
  n=$(sed -E 's/.*Checks: ([0-9]+).*/\1/' <<<"$line")
  f=$(sed -E 's/.*Failures: ([0-9]+).*/\1/' <<<"$line")
  e=$(sed -E 's/.*Errors: ([0-9]+).*/\1/' <<<"$line")
  if [ $((f + e)) -ne 0 ] || [ $rc -ne 0 ]; then grep -vE '^(Running suite|[0-9]+%)' "$log" | head -n 60; fi
  [ $rc -ne 0 ] && [ $((f + e)) -eq 0 ] && e=1
  record "$name" $((n - f - e)) $((f + e))
}

# Under valgrind memcheck: it sees what ASan cannot, since the system's
# libsqlite3 is not instrumented (a use after free inside SQLite that bsc
# caused, say). Any error it reports, a definite leak included, fails the
# suite. The Check suites run unforked (one process to watch), all but the
# tests tagged printed-doubles (valgrind's long double is a double, and
# SQLite prints through long double) and oom (hundreds of runs of a map:
# the other three builds run it, ASan's among them).
VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
run_check_valgrind() {
  local bin=tests/build/check_c log=tests/build/check_valgrind.log
  mkdir -p tests/build
  if ! make -s "$bin" CHECK_FLAGS="" >"$log" 2>&1; then cat "$log"; record c-valgrind 0 1; return; fi
  CK_FORK=no CK_EXCLUDE_TAGS="printed-doubles oom" $VALGRIND "$bin" >"$log" 2>&1
  local rc=$?
  local line; line=$(grep -aE '^[0-9]+%: Checks: ' "$log" | tail -n 1)
  if [ -z "$line" ]; then tail -n 60 "$log"; record c-valgrind 0 1; return; fi
  local n f e
  n=$(sed -E 's/.*Checks: ([0-9]+).*/\1/' <<<"$line")
  f=$(sed -E 's/.*Failures: ([0-9]+).*/\1/' <<<"$line")
  e=$(sed -E 's/.*Errors: ([0-9]+).*/\1/' <<<"$line")
  if [ $((f + e)) -ne 0 ] || [ $rc -ne 0 ]; then grep -avE '^(Running suite|[0-9]+%)' "$log" | head -n 60; fi
  [ $rc -ne 0 ] && [ $((f + e)) -eq 0 ] && e=1
  record c-valgrind $((n - f - e)) $((f + e))
}

run_sql_valgrind() {
  local pass=0 fail=0 out vlog=tests/build/sql_valgrind.log
  for f in tests/sql/*.sql; do
    rm -f "$vlog"
    out=$(cd tests/sql && $VALGRIND --log-file="../../$vlog" sqlite3 -batch :memory: <"$(basename "$f")" 2>&1)
    if diff -u "${f%.sql}.expected" - <<<"$out" >tests/build/sql.diff 2>&1 && [ ! -s "$vlog" ]; then
      pass=$((pass + 1))
    else
      fail=$((fail + 1)); echo "FAIL $f under valgrind"; head -n 40 tests/build/sql.diff "$vlog"
    fi
  done
  record sql-valgrind $pass $fail
}

# SQL tests: each tests/sql/NAME.sql runs through the real sqlite3 shell
# (it loads ./bsc itself) and its output, errors included, must equal
# tests/sql/NAME.expected.
run_sql() {
  local pass=0 fail=0 out
  for f in tests/sql/*.sql; do
    out=$(cd tests/sql && sqlite3 -batch :memory: <"$(basename "$f")" 2>&1)
    if diff -u "${f%.sql}.expected" - <<<"$out" >tests/build/sql.diff 2>&1; then
      pass=$((pass + 1))
    else
      fail=$((fail + 1)); echo "FAIL $f"; head -n 40 tests/build/sql.diff
    fi
  done
  record sql $pass $fail
}

# The fuzz target's saved inputs, replayed under the sanitizers.
run_fuzz_corpus() {
  local log=tests/build/fuzz_replay.log
  if ! make -s tests/build/fuzz_replay >"$log" 2>&1; then cat "$log"; record fuzz-corpus 0 1; return; fi
  tests/build/fuzz_replay tests/fuzz/corpus/* >"$log" 2>&1
  local rc=$? line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
  if [ $rc -ne 0 ] || [ -z "$line" ]; then tail -n 40 "$log"; record fuzz-corpus 0 1; return; fi
  record fuzz-corpus "${line%% passed*}" "$(sed -E 's/.*, ([0-9]+) failed/\1/' <<<"$line")"
}

# Two processes and eight threads writing at once; writers killed with
# SIGKILL mid-transaction, in rollback-journal and WAL mode (tests/stress).
run_stress() {
  local log=tests/build/stress.log
  if ! make -s tests/build/stress >"$log" 2>&1; then cat "$log"; record stress 0 1; return; fi
  tests/build/stress >"$log" 2>&1
  local rc=$? line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
  if [ $rc -ne 0 ] || [ -z "$line" ]; then grep -v '^ok ' "$log" | tail -n 40; record stress 0 1; return; fi
  record stress "${line%% passed*}" "$(sed -E 's/.*, ([0-9]+) failed/\1/' <<<"$line")"
}

# A client's own script (R, Node): one line a check, "FAIL" on the failing
# ones, and a last line "N passed, N failed".
run_script() { # name command...
  local name=$1 log=tests/build/$1.log
  shift
  BSC_SO="$PWD/bsc" "$@" >"$log" 2>&1
  local rc=$? line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
  if [ $rc -ne 0 ] || [ -z "$line" ]; then grep -v '^ok ' "$log" | tail -n 40; fi
  if [ -z "$line" ]; then record "$name" 0 1; return; fi
  local p=${line%% passed*} f; f=$(sed -E 's/.*, ([0-9]+) failed/\1/' <<<"$line")
  [ $rc -ne 0 ] && [ "$f" -eq 0 ] && f=1
  [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && { echo "$name: no check ran"; f=1; }
  record "$name" "$p" "$f"
}

# unittest-based client suites, run by Debian's python3.
run_unittest() { # name dir
  local log=tests/build/$1.log
  BSC_SO="$PWD/bsc" "$PY" -m unittest discover -v -s "$2" -t "$2" -p 'test_*.py' >"$log" 2>&1
  local rc=$?
  local ran; ran=$(grep -Eo '^Ran [0-9]+ test' "$log" | grep -Eo '[0-9]+' | tail -n 1)
  # "(failures=1, errors=2, expected failures=3)": expected failures are fine
  local bad; bad=$(grep -Eo '(\(|, )(failures|errors)=[0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
  local skipped; skipped=$(grep -Eo '(\(|, )skipped=[0-9]+' "$log" | grep -Eo '[0-9]+' | tail -n 1)
  ran=${ran:-0}; bad=${bad:-0}; skipped=${skipped:-0}
  if [ $rc -ne 0 ]; then cat "$log" | tail -n 60; [ "$bad" -eq 0 ] && bad=1; fi
  [ "$ran" -eq 0 ] && [ $rc -eq 0 ] && { echo "$1: no test ran"; bad=1; }
  [ "$skipped" -gt 0 ] && grep -E " \.\.\. skipped '" "$log" | sed 's/^/    /' | head -n 10
  # a skipped setUpClass counts in skipped but not in ran
  local outside; outside=$(grep -cE "^(setUpClass|setUpModule) .* \.\.\. skipped '" "$log")
  local passed=$((ran - bad - skipped + outside))
  record "$1" $((passed > 0 ? passed : 0)) "$bad" "$skipped"
}

# Three bsc-nodes on 127.0.0.1 (dqlite): built first, then driven by
# tests/cluster, which stops every node it starts.
run_cluster() {
  local log=tests/build/cluster-build.log
  if ! make -s cluster/bsc-node >"$log" 2>&1; then cat "$log"; record cluster 0 1; return; fi
  run_unittest cluster tests/cluster
}

# The benchmark's code on the small map: every answer of bsc checked equal
# to its plain-SQL twin's, so that `make bench` cannot rot. Never on time.
run_bench() {
  local log=tests/build/bench.log
  if ! make -s tests/build/bench >"$log" 2>&1; then cat "$log"; record bench 0 1; return; fi
  if BENCH_RESULTS= tests/build/bench small >>"$log" 2>&1; then record bench 1 0
  else tail -n 20 "$log"; record bench 0 1; fi
}

mkdir -p tests/build
every="c c-sanitize c-ubsan c-valgrind fuzz-corpus stress sql sql-valgrind python odbc r node clients packaging docs cluster bench"
suites=${*:-$every}
for s in $suites; do
  case $s in
    c) run_check c "" "" oom ;;
    c-sanitize) run_check c-sanitize "-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" "" "" 0/4 ;;
    c-ubsan) run_check c-ubsan "-fsanitize=undefined -fno-sanitize-recover=all" clang "" 1-3/4 ;;
    c-valgrind) run_check_valgrind ;;
    fuzz-corpus) run_fuzz_corpus ;;
    stress) run_stress ;;
    sql) run_sql ;;
    sql-valgrind) run_sql_valgrind ;;
    python) run_unittest python tests/python ;;
    odbc) run_unittest odbc tests/odbc ;;
    r) run_script r Rscript tests/r/test_rsqlite.R ;;
    node) run_script node node tests/node/test_node.js ;;
    clients) run_unittest clients tests/clients ;;
    packaging) run_unittest packaging tests/packaging ;;
    docs) run_unittest docs tests/docs ;;
    cluster) run_cluster ;;
    bench) run_bench ;;
    *) echo "tests/run.sh: no suite '$s'; the suites are $every"
       record "$s" 0 1 ;;
  esac
done

echo
[ ${#failed_suites[@]} -eq 0 ] || echo "failing suites: ${failed_suites[*]}"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]

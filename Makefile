# bsc: a Balanced Scorecard strategy map as a SQLite extension.
#   make          build bsc.so
#   make demo     install what is missing, build, create demo.db and show it,
#                 draw it (demo.dot, demo.svg) and print its analyses
#   make test     install what is missing, build, run every suite
#   make deps     install the Debian packages the build and the demo use
#   make test-deps  those, and what the tests use (pandas, R, Node and its
#                 better-sqlite3, DB Browser for SQLite); make test runs it
#   make bench    bsc against plain SQL on three generated maps (not a test)
#   make install  bsc.so to $(PREFIX)/lib/<triplet> (/usr/lib/x86_64-linux-gnu,
#                 where `.load bsc` finds it by name), SQL files to
#                 $(PREFIX)/share/bsc, the Python helper to $(PREFIX)/share/bsc/python
#   make docs     redraw the front page's picture (docs/demo.dot, docs/demo.svg) and
#                 rewrite the outputs of the examples in README.md and docs/*.md
#   make dist     a source tarball that builds and tests on its own
#   make fuzz     libFuzzer over arbitrary SQL for FUZZ_SECONDS (not a test)
#   make valgrind the Check and SQL suites under valgrind memcheck (make test
#                 runs them too), and writers in threads at once under helgrind
#   make cluster  cluster/bsc-node: one dqlite node serving bsc (docs/cluster.md)
#   make cluster-demo  three bsc-nodes on 127.0.0.1: the demo map replicated,
#                 the leader killed, a new one answering, the old one catching up

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Wpedantic -Werror
VERSION := $(shell cat VERSION)
# A tarball from `make dist` carries its commit in COMMIT; a checkout asks git.
COMMIT  := $(shell cat COMMIT 2>/dev/null || git rev-parse --short HEAD 2>/dev/null || echo unknown)
DATE    := $(shell date -u +%Y-%m-%d)
DEFS     = -DBSC_VERSION='"$(VERSION)"' -DBSC_COMMIT='"$(COMMIT)"' -DBSC_BUILD_DATE='"$(DATE)"'
SRC      = $(wildcard ext/*.c)
HDR      = $(wildcard ext/*.h)

# Debian packages: build, tests, demo picture, ODBC clients, make dist (git),
# the replicated cluster (libdqlite-dev for bsc-node, go-dqlite's dqlite shell).
DEB_PACKAGES = gcc make libsqlite3-dev sqlite3 check pkg-config python3 graphviz \
               unixodbc odbcinst libsqliteodbc python3-pyodbc git clang libclang-rt-14-dev \
               libdqlite-dev go-dqlite valgrind
# What the clients' tests use on top, installed without the packages they only
# recommend (pandas would bring matplotlib and scipy, R a hundred packages):
# pandas, R with DBI and RSQLite, Node and npm with the C++ compiler that
# builds better-sqlite3, DB Browser for SQLite (run headless in the tests).
DEB_TEST_PACKAGES = python3-pandas r-cran-dbi r-cran-rsqlite nodejs npm g++ sqlitebrowser

.PHONY: all deps test-deps demo docs bench test install uninstall dist clean valgrind cluster cluster-demo

# `make -j demo` must not compile before deps has installed the compiler;
# the build is one cc call, so running serially costs nothing.
.NOTPARALLEL:

# Installed as Debian's own SQLite modules (libsqlite3-mod-*) are: bsc.so in
# the multiarch library folder, which the dynamic loader searches for a
# library opened by its bare name, so that `.load bsc` and load_extension('bsc')
# need no path. The loader searches it under /usr, hence the PREFIX; under
# /usr/local it looks only for lib*.so (ldconfig's cache), so there bsc
# loads by its path (docs/install.md).
PREFIX  ?= /usr
DESTDIR ?=
MULTIARCH = $(shell $(CC) -print-multiarch 2>/dev/null)
LIBDIR   = $(PREFIX)/lib$(if $(MULTIARCH),/$(MULTIARCH))
DATADIR  = $(PREFIX)/share/bsc
DISTNAME = bsc-$(VERSION)
# make test runs every suite; BSC_SUITES picks some (see tests/run.sh).
BSC_SUITES ?=

all: bsc.so

# -fvisibility=hidden: bsc.so exports sqlite3_bsc_init only (bsc.c marks it),
# not the bsc_* functions its files share (tests/packaging checks with nm).
bsc.so: $(SRC) $(HDR) VERSION
	$(CC) $(CFLAGS) $(WARN) -fPIC -fvisibility=hidden -shared $(DEFS) -o $@ $(SRC) -lm

# apt-get installs what is missing; a package counts as there when it, or an
# installed package that provides it, is installed (NodeSource's nodejs
# provides npm, say).
define apt_install # packages, apt-get options
	@missing=""; have=$$(dpkg-query -W -f='$${db:Status-Abbrev}|$${Package}, $${Provides}\n' 2>/dev/null | \
	  sed -n 's/^ii *|//p' | tr ',' '\n' | sed 's/(.*//; s/ //g'); \
	for p in $(1); do \
	  printf '%s\n' "$$have" | grep -qxF "$$p" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "bsc: missing Debian packages; run as root:"; \
	  echo "  apt-get update && apt-get install -y$(if $(2), $(2))$$missing"; exit 1; \
	fi; \
	echo "bsc: installing$$missing"; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get update -qq && apt-get install -y -qq $(2)$$missing >/dev/null
endef

deps:
	$(call apt_install,$(DEB_PACKAGES),)

# The Node suite's better-sqlite3 is built from source by npm, from the
# registry only, once per Node version and tests/node/package-lock.json
# (tests/node/install.sh says where it goes).
test-deps: deps
	$(call apt_install,$(DEB_TEST_PACKAGES),--no-install-recommends)
	@tests/node/install.sh

demo: deps bsc.so
	rm -f demo.db
	sqlite3 demo.db '.load ./bsc' '.read sql/schema.sql' '.read sql/demo.sql' '.read sql/views.sql'
	sqlite3 -header -column demo.db '.load ./bsc' '.read sql/show.sql'
	sqlite3 demo.db '.load ./bsc' "SELECT bsc_dot()" > demo.dot
	dot -Tsvg demo.dot -o demo.svg
	sqlite3 -header -column demo.db '.load ./bsc' '.read sql/show_analysis.sql'
	@echo "bsc: the map is drawn in demo.svg"

# The front page's picture is make demo's, kept in docs/ (tests/docs checks
# that docs/demo.dot is what bsc_dot draws now); the example outputs of
# README.md and docs/*.md are rewritten from the shell's. Read `git diff`
# before committing either.
docs: demo
	cp demo.dot docs/demo.dot
	cp demo.svg docs/demo.svg
	/usr/bin/python3 tests/docs/test_readme.py --rewrite
	/usr/bin/python3 tests/clients/test_recipes.py --rewrite

test: test-deps bsc.so
	@tests/run.sh $(BSC_SUITES)

install: bsc.so
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(DATADIR)
	install -m 0755 bsc.so $(DESTDIR)$(LIBDIR)/bsc.so
	install -m 0644 sql/*.sql $(DESTDIR)$(DATADIR)/
	if [ -d sql/reports ]; then install -d $(DESTDIR)$(DATADIR)/reports && \
	  install -m 0644 sql/reports/*.sql $(DESTDIR)$(DATADIR)/reports/; fi
	install -d $(DESTDIR)$(DATADIR)/python
	install -m 0644 python/bscload.py $(DESTDIR)$(DATADIR)/python/bscload.py

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/bsc.so
	rm -rf $(DESTDIR)$(DATADIR)
	rmdir --ignore-fail-on-non-empty $(DESTDIR)$(LIBDIR) 2>/dev/null || true

# The tracked files as they are in the work tree, plus COMMIT and MANIFEST
# (their list, so that an unpacked tarball, with no git, makes the same).
dist:
	@if [ -f MANIFEST ]; then files=$$(cat MANIFEST); else files=$$(git ls-files); fi && \
	  [ -n "$$files" ] || { echo "bsc: make dist needs a git checkout or an unpacked tarball"; exit 1; }; \
	  rm -rf dist/$(DISTNAME) && mkdir -p dist/$(DISTNAME) && \
	  cp --parents -t dist/$(DISTNAME) $$files && \
	  printf '%s\n' $$files > dist/$(DISTNAME)/MANIFEST && \
	  echo $(COMMIT) > dist/$(DISTNAME)/COMMIT
	tar -C dist -czf dist/$(DISTNAME).tar.gz $(DISTNAME)
	rm -rf dist/$(DISTNAME)
	@echo dist/$(DISTNAME).tar.gz

# The Check suites compile the sources in (SQLITE_CORE) so that the same
# binary can be rebuilt under the sanitizers; tests/run.sh passes CHECK_FLAGS.
CHECK_FLAGS ?=
TEST_C = $(wildcard tests/c/*.c)
tests/build/check_%: $(SRC) $(HDR) $(TEST_C) $(wildcard tests/c/*.h) VERSION
	@mkdir -p tests/build
	$(CC) -O1 -g $(WARN) $(CHECK_FLAGS) -DSQLITE_CORE $(DEFS) -Iext -Itests/c -o $@ \
	  $(TEST_C) $(SRC) $$(pkg-config --cflags --libs check) -lsqlite3 -lm

# Benchmarks time; tests do not. Built like the Check suites, sources compiled
# in, with -O2. BENCH_SIZES picks sizes (small medium large); the large map
# is generated once into tests/build/bench-large.db (minutes). Results go to
# tests/bench/results.md. `make test` runs the small size (never on time).
BENCH_SIZES ?= small medium large
bench: tests/build/bench
	tests/build/bench $(BENCH_SIZES)

tests/build/bench: tests/bench/bench.c $(SRC) $(HDR) VERSION
	@mkdir -p tests/build
	$(CC) -O2 -g $(WARN) -DSQLITE_CORE $(DEFS) -Iext -o $@ tests/bench/bench.c $(SRC) -lsqlite3 -lm

# Replays tests/fuzz/corpus with gcc and the sanitizers (make test runs it).
tests/build/fuzz_replay: tests/fuzz/fuzz_map.c tests/fuzz/replay.c $(SRC) $(HDR)
	@mkdir -p tests/build
	$(CC) -O1 -g $(WARN) -fsanitize=address,undefined -fno-sanitize-recover=all -DSQLITE_CORE \
	  -Iext -o $@ tests/fuzz/fuzz_map.c tests/fuzz/replay.c $(SRC) -lsqlite3 -lm

# Writers at once (two processes, eight threads) and writers killed
# mid-transaction (tests/run.sh stress runs it, make valgrind under helgrind).
tests/build/stress: tests/stress/stress.c $(SRC) $(HDR)
	@mkdir -p tests/build
	$(CC) -O1 -g $(WARN) -pthread -DSQLITE_CORE -Iext -o $@ tests/stress/stress.c $(SRC) -lsqlite3 -lm

valgrind: deps bsc.so tests/build/stress
	@tests/run.sh c-valgrind sql-valgrind
	valgrind --tool=helgrind -q --error-exitcode=99 --suppressions=tests/stress/helgrind.supp \
	  tests/build/stress concurrent

# libFuzzer over arbitrary SQL against a small map (clang); not a test.
FUZZ_SECONDS ?= 60
fuzz:
	@$(MAKE) -s deps DEB_PACKAGES="clang libclang-rt-14-dev libsqlite3-dev"
	@mkdir -p tests/build/fuzz-corpus
	clang -O1 -g -fsanitize=fuzzer,address,undefined -DSQLITE_CORE -Iext \
	  -o tests/build/fuzz_map tests/fuzz/fuzz_map.c $(SRC) -lsqlite3 -lm
	tests/build/fuzz_map -max_total_time=$(FUZZ_SECONDS) -max_len=4000 \
	  -dict=tests/fuzz/bsc.dict tests/build/fuzz-corpus tests/fuzz/corpus

# bsc-node: bsc compiled in (SQLITE_CORE) and registered in every connection
# dqlite opens; it links the system's libsqlite3, which libdqlite uses too.
cluster: deps cluster/bsc-node

cluster/bsc-node: cluster/bsc-node.c $(SRC) $(HDR) VERSION
	$(CC) $(CFLAGS) $(WARN) -DSQLITE_CORE $(DEFS) -Iext -o $@ cluster/bsc-node.c $(SRC) \
	  $$(pkg-config --cflags --libs dqlite) -lsqlite3 -lm

cluster-demo: deps bsc.so cluster/bsc-node
	@cluster/demo.sh

clean:
	rm -rf bsc.so demo.db demo.dot demo.svg tests/build dist cluster/bsc-node

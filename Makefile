# bsc: a Balanced Scorecard strategy map as a SQLite extension.
#   make          build bsc.so
#   make demo     install what is missing, build, create demo.db and show it,
#                 draw it (demo.dot, demo.svg) and print its analyses
#   make test     install what is missing, build, run every suite
#   make deps     install the Debian packages the build and tests use
#   make bench    time the graph functions on a large generated map (not a test)

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Wpedantic -Werror
VERSION := $(shell cat VERSION)
COMMIT  := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
DATE    := $(shell date -u +%Y-%m-%d)
DEFS     = -DBSC_VERSION='"$(VERSION)"' -DBSC_COMMIT='"$(COMMIT)"' -DBSC_BUILD_DATE='"$(DATE)"'
SRC      = $(wildcard ext/*.c)
HDR      = $(wildcard ext/*.h)

# Debian packages: build, tests, demo picture, ODBC clients.
DEB_PACKAGES = gcc make libsqlite3-dev sqlite3 check pkg-config python3 graphviz \
               unixodbc odbcinst libsqliteodbc python3-pyodbc

.PHONY: all deps demo bench test check-c check-c-sanitize check-sql check-python clean

all: bsc.so

bsc.so: $(SRC) $(HDR) VERSION
	$(CC) $(CFLAGS) $(WARN) -fPIC -shared $(DEFS) -o $@ $(SRC) -lm

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "bsc: missing Debian packages; run as root:"; \
	  echo "  apt-get update && apt-get install -y$$missing"; exit 1; \
	fi; \
	echo "bsc: installing$$missing"; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get update -qq && apt-get install -y -qq$$missing >/dev/null

demo: deps bsc.so
	rm -f demo.db
	sqlite3 demo.db '.load ./bsc' '.read sql/schema.sql' '.read sql/demo.sql' '.read sql/views.sql'
	sqlite3 -header -column demo.db '.load ./bsc' '.read sql/show.sql'
	sqlite3 demo.db '.load ./bsc' "SELECT bsc_dot()" > demo.dot
	dot -Tsvg demo.dot -o demo.svg
	sqlite3 -header -column demo.db '.load ./bsc' '.read sql/show_analysis.sql'
	@echo "bsc: the map is drawn in demo.svg"

test: deps bsc.so
	@tests/run.sh

# The Check suites compile the sources in (SQLITE_CORE) so that the same
# binary can be rebuilt under the sanitizers; tests/run.sh passes CHECK_FLAGS.
CHECK_FLAGS ?=
TEST_C = $(wildcard tests/c/*.c)
tests/build/check_%: $(SRC) $(HDR) $(TEST_C) $(wildcard tests/c/*.h) VERSION
	@mkdir -p tests/build
	$(CC) -O1 -g $(WARN) $(CHECK_FLAGS) -DSQLITE_CORE $(DEFS) -Iext -Itests/c -o $@ \
	  $(TEST_C) $(SRC) $$(pkg-config --cflags --libs check) -lsqlite3 -lm

# Benchmarks time; tests do not. Built like the Check suites, sources compiled in.
bench: tests/build/bench_graph
	tests/build/bench_graph

tests/build/bench_graph: tests/bench/bench_graph.c $(SRC) $(HDR) VERSION
	@mkdir -p tests/build
	$(CC) -O2 -g $(WARN) -DSQLITE_CORE $(DEFS) -Iext -o $@ tests/bench/bench_graph.c $(SRC) -lsqlite3 -lm

clean:
	rm -rf bsc.so demo.db demo.dot demo.svg tests/build

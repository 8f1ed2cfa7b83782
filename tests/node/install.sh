#!/usr/bin/env bash
# Installs the Node suite's dependencies: better-sqlite3 at the version that
# package-lock.json pins, built from source with `npm ci`. Called by
# `make test-deps` (and so by `make test`); nothing is downloaded but the npm
# registry's packages: build_from_source stops prebuild-install from
# fetching a binary from GitHub, and node-gyp compiles against the headers of
# the Node that is installed (Debian's libnode-dev, which npm brings in, or
# NodeSource's), never headers from nodejs.org.
#
# The build (SQLite's amalgamation in C++'s company: minutes) is done once per
# Node ABI and lock file, in ${XDG_CACHE_HOME:-~/.cache}/bsc/node-ABI-ARCH-LOCK,
# and shared by every checkout and unpacked tarball of this user;
# tests/node/node_modules is a symbolic link to it.
set -eu
cd "$(dirname "$0")"
command -v node >/dev/null && command -v npm >/dev/null ||
  { echo "bsc: node and npm are missing (make test-deps installs nodejs and npm)"; exit 1; }
abi=$(node -p 'process.versions.modules + "-" + process.arch')
lock=$(sha256sum package-lock.json | cut -c1-16)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/bsc
dir=$cache/node-$abi-$lock
if [ ! -f "$dir/done" ]; then
  mkdir -p "$cache"
  # one build at a time, whatever the number of checkouts testing at once
  exec 9>"$cache/node.lock"
  flock 9
  if [ ! -f "$dir/done" ]; then
    echo "bsc: building better-sqlite3 for Node $(node --version) in $dir (once; a few minutes)"
    rm -rf "$dir" && mkdir -p "$dir"
    cp package.json package-lock.json "$dir/"
    # NodeSource's node ships its headers in /usr/include/node; Debian's node-gyp
    # finds Debian's by itself
    nodedir=()
    [ -f /usr/include/node/common.gypi ] && nodedir=(--nodedir=/usr)
    if ! (cd "$dir" && npm_config_build_from_source=true npm ci "${nodedir[@]}" --foreground-scripts \
            --no-audit --no-fund --loglevel=http >"$dir/npm.log" 2>&1); then
      tail -n 30 "$dir/npm.log"
      echo "bsc: npm could not install tests/node's packages (log: $dir/npm.log); behind a proxy"
      echo "  that re-signs TLS, give npm its certificate: npm_config_cafile=/path/ca.crt make test,"
      echo "  or npm_config_ca=\"\$(cat /path/ca.crt)\" make test"
      exit 1
    fi
    # the log shows every fetch: the registry's, and nothing else
    if grep -E 'http fetch|gyp http' "$dir/npm.log" | grep -v ' https://registry.npmjs.org/' | grep -q .; then
      grep -E 'http fetch|gyp http' "$dir/npm.log" | grep -v ' https://registry.npmjs.org/'
      echo "bsc: npm fetched from elsewhere than the registry (log: $dir/npm.log)"
      exit 1
    fi
    touch "$dir/done"
  fi
  flock -u 9
fi
ln -sfn "$dir/node_modules" node_modules

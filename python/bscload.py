"""Load the bsc SQLite extension into a connection of Python's sqlite3 module.

    import sqlite3
    import bscload
    con = sqlite3.connect("acme.db")
    bscload.load(con)                 # or bscload.load(con, "/path/to/bsc.so")
    rows = con.execute("SELECT * FROM bsc_scorecard").fetchall()

load() turns extension loading on, loads bsc, and turns it off again, so
that SQL run later on the connection cannot load other libraries. Without a
path it looks where `make` and `make install` put bsc.so (see candidates()).
Every problem is raised as bscload.LoadError, an sqlite3.OperationalError whose
message starts with "bsc:" and says what to do.

`make install` puts this file in $(PREFIX)/share/bsc/python; add that folder
to PYTHONPATH (or sys.path), or copy the file next to your script.

It is not called bsc.py: Python would import a bsc.so lying in the script's
folder (the repository root, say) as an extension module of its own instead.
"""
import os
import sqlite3
import sysconfig

__all__ = ["LoadError", "candidates", "load"]

# The library's file name as `make` builds it, on every platform.
LIBRARY = "bsc.so"


class LoadError(sqlite3.OperationalError):
    """bsc could not be loaded; the message starts with 'bsc:' and says what to do."""


NO_LOADING = (
    "bsc: this Python's sqlite3 module cannot load extensions (it was built without "
    "Connection.enable_load_extension); run the script with a Python that can, such as "
    "Debian's /usr/bin/python3 or Homebrew's python3, or build Python with "
    "./configure --enable-loadable-sqlite-extensions"
)

NOT_AUTHORIZED = (
    "bsc: SQLite refused to load %s: not authorized, because extension loading is off on "
    "this connection; call con.enable_load_extension(True) before con.load_extension() and "
    "con.enable_load_extension(False) after it, or let bscload.load(con) do both"
)


def candidates():
    """Where load() looks for bsc.so when given no path, in this order:
    beside this file's folder (a checkout: python/bscload.py, bsc.so in the root),
    the multiarch library folder of the prefix this file was installed into
    ($(PREFIX)/share/bsc/python -> $(PREFIX)/lib/x86_64-linux-gnu, say), that of
    /usr (where `make install` puts it), then where 0.1 installed it: the
    prefix's lib/sqlite3, /usr/local/lib/sqlite3 and /usr/lib/sqlite3."""
    here = os.path.dirname(os.path.abspath(__file__))
    prefix = os.path.dirname(os.path.dirname(os.path.dirname(here)))
    lib = os.path.join("lib", sysconfig.get_config_var("MULTIARCH") or "")
    found = [
        os.path.join(os.path.dirname(here), LIBRARY),
        os.path.join(prefix, lib, LIBRARY),
        os.path.join("/usr", lib, LIBRARY),
        os.path.join(prefix, "lib", "sqlite3", LIBRARY),
        os.path.join("/usr/local/lib/sqlite3", LIBRARY),
        os.path.join("/usr/lib/sqlite3", LIBRARY),
    ]
    seen = []
    for path in map(os.path.normpath, found):
        if path not in seen:
            seen.append(path)
    return seen


def _find():
    tried = candidates()
    for path in tried:
        if os.path.isfile(path):
            return path
    raise LoadError(
        "bsc: cannot find %s; looked in %s; build it with `make` (or install it with "
        "`make install`), or pass its path: bscload.load(con, '/path/to/bsc.so')" % (LIBRARY, ", ".join(tried))
    )


def load(con, path=None):
    """Loads bsc into the sqlite3 connection con and returns the path it loaded.
    path is the library's file (with or without its .so suffix); None looks in
    candidates()."""
    if not hasattr(con, "enable_load_extension") or not hasattr(con, "load_extension"):
        raise LoadError(NO_LOADING)
    if path is None:
        path = _find()
    path = os.fspath(path)
    con.enable_load_extension(True)
    try:
        con.load_extension(path)
    except sqlite3.OperationalError as e:
        if "not authorized" in str(e):
            raise LoadError(NOT_AUTHORIZED % path) from e
        raise LoadError(
            "bsc: cannot load %s: %s; give the path of the bsc.so that `make` builds in the "
            "repository root or `make install` puts in $(PREFIX)/lib/<triplet>" % (path, e)
        ) from e
    finally:
        con.enable_load_extension(False)
    return path

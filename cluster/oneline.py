#!/usr/bin/python3
"""Prints SQL scripts as one command line argument for the `dqlite` shell.

The shell of go-dqlite (1.11) has no .read: it runs the commands of its
second argument, split at every ';', each in a transaction of its own, and
stops at the first error. (Its prompt is no way in either: it reads long
lines from a pipe in pieces.) So a script's comments and line breaks go,
and so do its own BEGIN and COMMIT, which the shell's transactions refuse.
A ';' inside a quoted text would be split too, and a line break in one
cannot be kept: a script with either is refused rather than changed.

    dqlite -s HOST:PORT,... bsc "$(python3 cluster/oneline.py sql/schema.sql sql/demo.sql)"
"""

import sys


def statements(sql, name):
    """The statements of sql, comments dropped, each on one line."""
    out, cur, i, n = [], [], 0, len(sql)
    while i < n:
        c = sql[i]
        if c in "'\"`[":
            close = "]" if c == "[" else c
            j = i + 1
            while True:
                j = sql.find(close, j)
                if j < 0:
                    raise SystemExit("%s: unterminated quote" % name)
                if close != "]" and sql.startswith(close * 2, j):
                    j += 2
                    continue
                break
            lit = sql[i:j + 1]
            for bad, what in (("\n", "a line break"), (";", "a ';'")):
                if bad in lit:
                    line = sql.count("\n", 0, i) + 1
                    raise SystemExit("%s:%d: %s inside a quoted text: the dqlite shell "
                                     "cannot take it" % (name, line, what))
            cur.append(lit)
            i = j + 1
        elif sql.startswith("--", i):
            j = sql.find("\n", i)
            i = n if j < 0 else j
        elif sql.startswith("/*", i):
            j = sql.find("*/", i + 2)
            i = n if j < 0 else j + 2
            if cur and cur[-1] != " ":
                cur.append(" ")
        elif c == ";":
            stmt = "".join(cur).strip()
            if stmt and stmt.upper() not in ("BEGIN", "BEGIN TRANSACTION", "COMMIT",
                                             "END", "COMMIT TRANSACTION", "END TRANSACTION"):
                out.append(stmt)
            cur = []
            i += 1
        elif c.isspace():
            # runs of spaces and line breaks outside quotes: one space
            if cur and cur[-1] != " ":
                cur.append(" ")
            i += 1
        else:
            cur.append(c)
            i += 1
    if "".join(cur).strip():
        raise SystemExit("%s: the last statement has no ';'" % name)
    return out


def main(paths):
    stmts = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            stmts += statements(f.read(), p)
    print("; ".join(stmts))


if __name__ == "__main__":
    main(sys.argv[1:])

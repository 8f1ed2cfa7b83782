"""A small client of dqlite's wire protocol (version 1), for the cluster tests.

The `dqlite` shell opens a new connection for every command; the tests need
one connection that lives across writes of others and across leader
changes (bsc's graph cache is per connection), requests the shell does not
make (TRANSFER, the leader's id), and values with their SQLite types. This
speaks just enough of the protocol for that: LEADER, OPEN, EXEC_SQL,
QUERY_SQL (no parameters), CLUSTER and TRANSFER.
"""

import socket
import struct

REQ_LEADER, REQ_OPEN, REQ_EXEC_SQL, REQ_QUERY_SQL = 0, 3, 8, 9
REQ_CLUSTER, REQ_TRANSFER = 16, 17
RESP_FAILURE, RESP_SERVER, RESP_SERVERS, RESP_DB = 0, 1, 3, 4
RESP_RESULT, RESP_ROWS, RESP_EMPTY = 6, 7, 8
ROWS_PART, ROWS_DONE = 0xEEEEEEEEEEEEEEEE, 0xFFFFFFFFFFFFFFFF
ROLES = {0: "voter", 1: "standby", 2: "spare"}


class DqliteError(Exception):
    """A FAILURE response: the SQLite (or dqlite) code and the message."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def _text(s):
    b = s.encode() + b"\0"
    return b + b"\0" * (-len(b) % 8)


class _Reader:
    def __init__(self, data):
        self.data, self.off = data, 0

    def u64(self):
        (v,) = struct.unpack_from("<Q", self.data, self.off)
        self.off += 8
        return v

    def i64(self):
        (v,) = struct.unpack_from("<q", self.data, self.off)
        self.off += 8
        return v

    def f64(self):
        (v,) = struct.unpack_from("<d", self.data, self.off)
        self.off += 8
        return v

    def text(self):
        end = self.data.index(b"\0", self.off)
        s = self.data[self.off:end].decode()
        self.off = end + 1 + (-(end + 1 - self.off) % 8)
        return s

    def blob(self):
        n = self.u64()
        b = self.data[self.off:self.off + n]
        self.off += n + (-n % 8)
        return bytes(b)

    def peek_u64(self):
        return struct.unpack_from("<Q", self.data, self.off)[0]

    def done(self):
        return self.off >= len(self.data)


class Connection:
    """One TCP connection to one node (not following the leader: a request
    a follower cannot serve fails with DqliteError 'not leader')."""

    def __init__(self, address, timeout=10.0):
        host, port = address.rsplit(":", 1)
        self.address = address
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        self.sock.sendall(struct.pack("<Q", 1))
        self.db_id = None

    def close(self):
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _recv(self, n):
        chunks = []
        while n:
            c = self.sock.recv(n)
            if not c:
                raise ConnectionError("connection closed by " + self.address)
            chunks.append(c)
            n -= len(c)
        return b"".join(chunks)

    def _read_response(self):
        words, rtype = struct.unpack("<IB3x", self._recv(8))
        body = _Reader(self._recv(words * 8))
        if rtype == RESP_FAILURE:
            raise DqliteError(body.u64(), body.text())
        return rtype, body

    def call(self, rtype, body):
        assert len(body) % 8 == 0
        self.sock.sendall(struct.pack("<IB3x", len(body) // 8, rtype) + body)
        return self._read_response()

    def leader(self):
        """(id, address) of the leader this node knows; (0, '') if none."""
        t, r = self.call(REQ_LEADER, struct.pack("<Q", 0))
        assert t == RESP_SERVER, t
        return r.u64(), r.text()

    def cluster(self):
        """[(id, address, role)] of the configuration this node holds."""
        t, r = self.call(REQ_CLUSTER, struct.pack("<Q", 1))
        assert t == RESP_SERVERS, t
        return [(r.u64(), r.text(), ROLES.get(r.u64(), "?")) for _ in range(r.u64())]

    def transfer(self, node_id):
        """Hands leadership to node_id (this node must be the leader)."""
        t, _ = self.call(REQ_TRANSFER, struct.pack("<Q", node_id))
        assert t == RESP_EMPTY, t

    def open(self, name):
        t, r = self.call(REQ_OPEN, _text(name) + struct.pack("<Q", 0) + _text("volatile"))
        assert t == RESP_DB, t
        self.db_id = struct.unpack_from("<I", r.data)[0]

    def execute(self, sql):
        """Runs statements (several, separated by ';', in one request);
        returns (last_insert_id, rows_affected)."""
        body = struct.pack("<Q", self.db_id) + _text(sql) + b"\0" * 8  # no parameters
        t, r = self.call(REQ_EXEC_SQL, body)
        assert t == RESP_RESULT, t
        return r.u64(), r.u64()

    def query(self, sql):
        """(column names, rows as tuples of Python values) of one statement."""
        body = struct.pack("<Q", self.db_id) + _text(sql) + b"\0" * 8
        t, r = self.call(REQ_QUERY_SQL, body)
        rows, names = [], None
        while True:
            assert t == RESP_ROWS, t
            n = r.u64()
            cols = [r.text() for _ in range(n)]
            names = names or cols
            while True:
                marker = r.peek_u64()
                if marker in (ROWS_DONE, ROWS_PART):
                    r.u64()
                    break
                rows.append(self._row(r, n))
            if marker == ROWS_DONE:
                return names, rows
            t, r = self._read_response()

    @staticmethod
    def _row(r, n):
        header = r.data[r.off:r.off + (n + 1) // 2]
        r.off += -(-((n + 1) // 2) // 8) * 8
        row = []
        for i in range(n):
            code = (header[i // 2] >> (4 * (i % 2))) & 0xF
            if code == 1:
                row.append(r.i64())
            elif code == 2:
                row.append(r.f64())
            elif code in (3, 10):
                row.append(r.text())
            elif code == 4:
                row.append(r.blob())
            elif code == 5:
                r.u64()
                row.append(None)
            elif code in (9, 11):
                row.append(r.i64())
            else:
                raise ValueError("unknown value type %d" % code)
        return tuple(row)

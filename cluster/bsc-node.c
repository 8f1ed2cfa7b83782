/*
** bsc-node: one node of a bsc map replicated by dqlite (Raft over SQLite).
**
**   bsc-node --id N --address HOST:PORT --dir DIR [--join HOST:PORT[,HOST:PORT...]]
**            [--latency-ms MS] [--join-timeout S]
**
** The node serves dqlite's wire protocol on HOST:PORT (the `dqlite` shell of
** go-dqlite, or any dqlite client, talks to it) and keeps its Raft log and
** snapshots in DIR. bsc is compiled in and registered with
** sqlite3_auto_extension, so every connection dqlite opens has bsc's tables
** and functions: a map is ordinary shadow tables, replicated as they are.
**
** Forming a cluster: node 1 started on an empty DIR bootstraps a cluster of
** one (dqlite's rule: only id 1 does). Every other node is given --join with
** the address of one or more members; it asks them for the leader, and the
** leader adds it and makes it a voter (the protocol's CLUSTER, ADD and
** ASSIGN requests). Joining is idempotent: a node restarted with --join that
** is already a voter asks nothing. A node restarted without --join simply
** rejoins the configuration its log holds.
**
** Logs go to stderr. SIGTERM or SIGINT stop the node cleanly (in-flight
** requests finish, the log is closed); SIGPIPE is ignored, or the node would
** die writing to a peer that just went away. Exit status: 0 after a clean
** stop, 1 on a startup or join failure, 2 on a usage error.
*/
#define _POSIX_C_SOURCE 200809L
#include <dqlite.h>
#include <sqlite3.h>

#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

/* bsc's entry point (ext/bsc.c, compiled in with SQLITE_CORE). */
int sqlite3_bsc_init(sqlite3 *db, char **pzErrMsg, const struct sqlite3_api_routines *pApi);

/* dqlite's wire protocol, version 1 (dqlite's src/protocol.h). */
#define PROTOCOL_VERSION 1
#define REQ_LEADER 0
#define REQ_ADD 12
#define REQ_ASSIGN 13
#define REQ_CLUSTER 16
#define RESP_FAILURE 0
#define RESP_SERVER 1
#define RESP_SERVERS 3
#define RESP_EMPTY 8
#define ROLE_VOTER 0
#define CLUSTER_FORMAT_V1 1 /* id, address and role */

static unsigned long long nodeId;

static void logf_(const char *zFmt, ...) {
  char zTime[32];
  struct timespec ts;
  struct tm tm;
  clock_gettime(CLOCK_REALTIME, &ts);
  gmtime_r(&ts.tv_sec, &tm);
  strftime(zTime, sizeof(zTime), "%H:%M:%S", &tm);
  va_list ap;
  va_start(ap, zFmt);
  fprintf(stderr, "%s.%03ld bsc-node %llu: ", zTime, ts.tv_nsec / 1000000, nodeId);
  vfprintf(stderr, zFmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

/* ------------------------------------------------------------ the wire */

/* A message body being built or read: 8-byte words, little-endian. */
typedef struct Buf {
  unsigned char *a;
  size_t n, cap, off; /* off: the read position */
} Buf;

static int buf_grow(Buf *b, size_t n) {
  if (b->n + n <= b->cap) return 0;
  size_t cap = b->cap ? b->cap * 2 : 256;
  while (cap < b->n + n) cap *= 2;
  unsigned char *a = realloc(b->a, cap);
  if (!a) return -1;
  b->a = a;
  b->cap = cap;
  return 0;
}

static int buf_u64(Buf *b, uint64_t v) {
  if (buf_grow(b, 8)) return -1;
  for (int i = 0; i < 8; i++) b->a[b->n++] = (unsigned char)(v >> (8 * i));
  return 0;
}

/* Text: its bytes, a NUL, zeros up to a whole word. */
static int buf_text(Buf *b, const char *z) {
  size_t len = strlen(z) + 1;
  size_t padded = (len + 7) / 8 * 8;
  if (buf_grow(b, padded)) return -1;
  memcpy(b->a + b->n, z, len);
  memset(b->a + b->n + len, 0, padded - len);
  b->n += padded;
  return 0;
}

static int get_u64(Buf *b, uint64_t *pv) {
  if (b->off + 8 > b->n) return -1;
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--) v = v << 8 | b->a[b->off + (size_t)i];
  b->off += 8;
  *pv = v;
  return 0;
}

/* Points *pz at a text in the body (valid while b is). */
static int get_text(Buf *b, const char **pz) {
  size_t i = b->off;
  while (i < b->n && b->a[i]) i++;
  if (i >= b->n) return -1;
  *pz = (const char *)b->a + b->off;
  b->off += (i - b->off + 1 + 7) / 8 * 8;
  if (b->off > b->n) return -1;
  return 0;
}

static int write_all(int fd, const void *p, size_t n) {
  const unsigned char *a = p;
  while (n > 0) {
    ssize_t w = write(fd, a, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    a += w;
    n -= (size_t)w;
  }
  return 0;
}

static int read_all(int fd, void *p, size_t n) {
  unsigned char *a = p;
  while (n > 0) {
    ssize_t r = read(fd, a, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return -1;
    a += r;
    n -= (size_t)r;
  }
  return 0;
}

/* Connects to a node (HOST:PORT) and says the protocol version; -1 on
** failure. Sends, receives and the connect itself time out after 2 s. */
static int wire_dial(const char *zAddr) {
  char zHost[256];
  const char *zColon = strrchr(zAddr, ':');
  if (!zColon || zColon == zAddr || (size_t)(zColon - zAddr) >= sizeof(zHost)) return -1;
  memcpy(zHost, zAddr, (size_t)(zColon - zAddr));
  zHost[zColon - zAddr] = 0;
  struct addrinfo hints, *pList = 0;
  memset(&hints, 0, sizeof(hints));
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(zHost, zColon + 1, &hints, &pList) != 0) return -1;
  int fd = -1;
  for (struct addrinfo *p = pList; p && fd < 0; p = p->ai_next) {
    fd = socket(p->ai_family, p->ai_socktype, p->ai_protocol);
    if (fd < 0) continue;
    struct timeval tv = {2, 0};
    if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) != 0 ||
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) != 0 ||
        connect(fd, p->ai_addr, p->ai_addrlen) != 0) {
      close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(pList);
  if (fd < 0) return -1;
  unsigned char aVersion[8] = {PROTOCOL_VERSION, 0, 0, 0, 0, 0, 0, 0};
  if (write_all(fd, aVersion, 8) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

/* Sends one request and reads its response into pResp (type in *pType).
** A FAILURE response is returned as such: the caller reads its message. */
static int wire_call(int fd, int type, const Buf *pReq, int *pType, Buf *pResp) {
  unsigned char aHdr[8] = {0};
  uint32_t nWord = (uint32_t)(pReq->n / 8);
  for (int i = 0; i < 4; i++) aHdr[i] = (unsigned char)(nWord >> (8 * i));
  aHdr[4] = (unsigned char)type;
  if (write_all(fd, aHdr, 8) != 0 || write_all(fd, pReq->a, pReq->n) != 0) return -1;
  if (read_all(fd, aHdr, 8) != 0) return -1;
  nWord = (uint32_t)aHdr[0] | (uint32_t)aHdr[1] << 8 | (uint32_t)aHdr[2] << 16 |
          (uint32_t)aHdr[3] << 24;
  if (nWord > (1u << 20)) return -1; /* no answer to these is that long */
  pResp->n = 0;
  pResp->off = 0;
  if (buf_grow(pResp, (size_t)nWord * 8)) return -1;
  if (read_all(fd, pResp->a, (size_t)nWord * 8) != 0) return -1;
  pResp->n = (size_t)nWord * 8;
  *pType = aHdr[4];
  return 0;
}

/* Calls a request with one uint64 argument (and an optional text). */
static int wire_simple(int fd, int type, uint64_t v, const char *zText, int *pType, Buf *pResp) {
  Buf req = {0};
  int rc = buf_u64(&req, v);
  if (rc == 0 && zText) rc = buf_text(&req, zText);
  if (rc == 0) rc = wire_call(fd, type, &req, pType, pResp);
  free(req.a);
  return rc;
}

/* The message of a FAILURE response, or a description of an unexpected one. */
static const char *failure_text(Buf *pResp, int type) {
  uint64_t code;
  const char *z;
  if (type == RESP_FAILURE && get_u64(pResp, &code) == 0 && get_text(pResp, &z) == 0) return z;
  return "unexpected response";
}

/* ------------------------------------------------------------ joining */

/* One attempt to become a voter through the members in zPeers (comma
** separated): 1 done, 0 try again later. */
static int join_once(const char *zPeers, const char *zSelf) {
  char *zList = strdup(zPeers);
  if (!zList) return 0;
  int done = 0;
  Buf resp = {0};
  char *zSave = 0;
  for (char *zPeer = strtok_r(zList, ",", &zSave); zPeer && !done;
       zPeer = strtok_r(0, ",", &zSave)) {
    int type, fd = wire_dial(zPeer);
    if (fd < 0) continue;
    uint64_t leaderId = 0;
    const char *zLeader = 0;
    char zLeaderCopy[256] = "";
    if (wire_simple(fd, REQ_LEADER, 0, 0, &type, &resp) == 0 && type == RESP_SERVER &&
        get_u64(&resp, &leaderId) == 0 && get_text(&resp, &zLeader) == 0 && zLeader[0] &&
        strlen(zLeader) < sizeof(zLeaderCopy)) {
      strcpy(zLeaderCopy, zLeader);
    }
    close(fd);
    if (!zLeaderCopy[0]) continue; /* no leader known there (yet) */
    fd = wire_dial(zLeaderCopy);
    if (fd < 0) continue;
    /* Already a member? As what? */
    int member = 0;
    uint64_t role = 99;
    if (wire_simple(fd, REQ_CLUSTER, CLUSTER_FORMAT_V1, 0, &type, &resp) != 0) goto next;
    if (type != RESP_SERVERS) {
      logf_("cluster request to %s: %s", zLeaderCopy, failure_text(&resp, type));
      goto next;
    }
    uint64_t n;
    if (get_u64(&resp, &n) != 0) goto next;
    for (uint64_t i = 0; i < n; i++) {
      uint64_t id, r;
      const char *zAddr;
      if (get_u64(&resp, &id) != 0 || get_text(&resp, &zAddr) != 0 || get_u64(&resp, &r) != 0) {
        goto next;
      }
      if (id == nodeId) {
        member = 1;
        role = r;
      }
    }
    if (member && role == ROLE_VOTER) {
      logf_("already a voter of the cluster led by %s", zLeaderCopy);
      done = 1;
      goto next;
    }
    if (!member) {
      if (wire_simple(fd, REQ_ADD, nodeId, zSelf, &type, &resp) != 0) goto next;
      if (type != RESP_EMPTY) {
        logf_("add request to %s: %s", zLeaderCopy, failure_text(&resp, type));
        goto next;
      }
      logf_("added to the cluster by %s", zLeaderCopy);
    }
    /* the leader answers once the node has caught up and the new
    ** configuration is committed */
    Buf req = {0};
    int rc = buf_u64(&req, nodeId);
    if (rc == 0) rc = buf_u64(&req, ROLE_VOTER);
    if (rc == 0) rc = wire_call(fd, REQ_ASSIGN, &req, &type, &resp);
    free(req.a);
    if (rc != 0) goto next;
    if (type != RESP_EMPTY) {
      logf_("assign request to %s: %s", zLeaderCopy, failure_text(&resp, type));
      goto next;
    }
    logf_("joined as a voter; leader %s", zLeaderCopy);
    done = 1;
  next:
    close(fd);
  }
  free(resp.a);
  free(zList);
  return done;
}

/* ------------------------------------------------------------ main */

/* Opens a connection as dqlite will and asks bsc its version: the proof
** that bsc is registered before the node serves anyone. */
static int check_bsc(char *zVersion, size_t n) {
  sqlite3 *db = 0;
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 0);
  if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(db, "SELECT bsc_version()", -1, &pStmt, 0);
  if (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
    snprintf(zVersion, n, "%s", (const char *)sqlite3_column_text(pStmt, 0));
  } else {
    logf_("bsc is not registered: %s", db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    if (rc == SQLITE_OK) rc = SQLITE_ERROR;
  }
  sqlite3_finalize(pStmt);
  sqlite3_close(db);
  return rc;
}

static void usage(FILE *f) {
  fprintf(f,
          "usage: bsc-node --id N --address HOST:PORT --dir DIR\n"
          "                [--join HOST:PORT[,HOST:PORT...]] [--latency-ms MS] [--join-timeout S]\n"
          "  --id N          this node's id, a positive integer; 1 forms a new cluster\n"
          "  --address A     where clients and the other nodes reach this node\n"
          "  --dir DIR       its data directory (created if missing; keep it across restarts)\n"
          "  --join A,...    members of the cluster to join (every node but 1, the first time)\n"
          "  --latency-ms MS the network's one-way latency: heartbeats every 1.5 MS,\n"
          "                  an election after 15 MS of silence (dqlite's default: 3 s)\n"
          "  --join-timeout S  give up joining after S seconds (default 60)\n");
}

static int parse_uint(const char *z, unsigned long long max, unsigned long long *pv) {
  char *zEnd = 0;
  errno = 0;
  if (!z || !*z || *z == '-') return -1;
  unsigned long long v = strtoull(z, &zEnd, 10);
  if (errno || *zEnd || v == 0 || v > max) return -1;
  *pv = v;
  return 0;
}

int main(int argc, char **argv) {
  static const struct option aOpt[] = {{"id", required_argument, 0, 'i'},
                                       {"address", required_argument, 0, 'a'},
                                       {"dir", required_argument, 0, 'd'},
                                       {"join", required_argument, 0, 'j'},
                                       {"latency-ms", required_argument, 0, 'l'},
                                       {"join-timeout", required_argument, 0, 't'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  const char *zAddress = 0, *zDir = 0, *zJoin = 0;
  unsigned long long latency = 0, joinTimeout = 60;
  int c;
  while ((c = getopt_long(argc, argv, "", aOpt, 0)) != -1) {
    switch (c) {
      case 'i':
        if (parse_uint(optarg, ~0ULL, &nodeId) != 0) {
          fprintf(stderr, "bsc-node: --id '%s' is not a positive integer\n", optarg);
          return 2;
        }
        break;
      case 'a': zAddress = optarg; break;
      case 'd': zDir = optarg; break;
      case 'j': zJoin = optarg; break;
      case 'l':
        if (parse_uint(optarg, 3600000, &latency) != 0) {
          fprintf(stderr, "bsc-node: --latency-ms '%s' is not 1 to 3600000\n", optarg);
          return 2;
        }
        break;
      case 't':
        if (parse_uint(optarg, 86400, &joinTimeout) != 0) {
          fprintf(stderr, "bsc-node: --join-timeout '%s' is not 1 to 86400\n", optarg);
          return 2;
        }
        break;
      case 'h': usage(stdout); return 0;
      default: usage(stderr); return 2;
    }
  }
  if (optind < argc || !nodeId || !zAddress || !zDir) {
    usage(stderr);
    return 2;
  }
  if (nodeId != 1 && !zJoin) {
    /* without --join it must be a restart: its log holds the cluster */
    struct stat st;
    char zMeta[4096];
    snprintf(zMeta, sizeof(zMeta), "%s/metadata1", zDir);
    if (stat(zMeta, &st) != 0) {
      fprintf(stderr,
              "bsc-node: node %llu has no data in %s: only node 1 forms a cluster; "
              "give the others --join with a member's address\n",
              nodeId, zDir);
      return 2;
    }
  }

  /* Before any thread exists: every thread inherits the mask, and the main
  ** thread alone takes SIGTERM and SIGINT, with sigwait. */
  sigset_t stopSet;
  sigemptyset(&stopSet);
  sigaddset(&stopSet, SIGTERM);
  sigaddset(&stopSet, SIGINT);
  if (signal(SIGPIPE, SIG_IGN) == SIG_ERR || pthread_sigmask(SIG_BLOCK, &stopSet, 0) != 0) {
    logf_("cannot set up signals: %s", strerror(errno));
    return 1;
  }
  if (mkdir(zDir, 0700) != 0 && errno != EEXIST) {
    logf_("cannot create %s: %s", zDir, strerror(errno));
    return 1;
  }
  int rc = sqlite3_auto_extension((void (*)(void))sqlite3_bsc_init);
  if (rc != SQLITE_OK) {
    logf_("cannot register bsc: %s", sqlite3_errstr(rc));
    return 1;
  }
  char zBsc[64] = "";
  if (check_bsc(zBsc, sizeof(zBsc)) != SQLITE_OK) return 1;

  dqlite_node *pNode = 0;
  rc = dqlite_node_create(nodeId, zAddress, zDir, &pNode);
  if (rc != 0) {
    logf_("cannot create the node (dqlite error %d): check --dir and --address", rc);
    return 1;
  }
  rc = dqlite_node_set_bind_address(pNode, zAddress);
  if (rc != 0) {
    logf_("cannot bind %s: %s", zAddress, dqlite_node_errmsg(pNode));
    dqlite_node_destroy(pNode);
    return 1;
  }
  if (latency) {
    rc = dqlite_node_set_network_latency_ms(pNode, (unsigned)latency);
    if (rc != 0) {
      logf_("cannot set the latency: %s", dqlite_node_errmsg(pNode));
      dqlite_node_destroy(pNode);
      return 1;
    }
  }
  rc = dqlite_node_start(pNode);
  if (rc != 0) {
    logf_("cannot start: %s", dqlite_node_errmsg(pNode));
    dqlite_node_destroy(pNode);
    return 1;
  }
  logf_("serving %s from %s (bsc %s, dqlite %d, SQLite %s)", zAddress, zDir, zBsc,
        dqlite_version_number(), sqlite3_libversion());

  int status = 0, stopped = 0;
  if (zJoin) {
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
      if (join_once(zJoin, zAddress)) break;
      clock_gettime(CLOCK_MONOTONIC, &now);
      if ((unsigned long long)(now.tv_sec - start.tv_sec) >= joinTimeout) {
        logf_("could not join through %s in %llu s; stopping", zJoin, joinTimeout);
        status = 1;
        stopped = 1;
        break;
      }
      /* wait a little before asking again, a stop signal ends it */
      struct timespec pause = {0, 300 * 1000 * 1000};
      int sig = sigtimedwait(&stopSet, 0, &pause);
      if (sig == SIGTERM || sig == SIGINT) {
        logf_("signal %d while joining: stopping", sig);
        stopped = 1;
        break;
      }
    }
  }
  if (!stopped) {
    int sig = 0;
    rc = sigwait(&stopSet, &sig);
    if (rc != 0) {
      logf_("sigwait: %s", strerror(rc));
      status = 1;
    } else {
      logf_("signal %d: stopping", sig);
    }
  }
  rc = dqlite_node_stop(pNode);
  if (rc != 0) {
    logf_("stop: %s", dqlite_node_errmsg(pNode));
    status = 1;
  }
  dqlite_node_destroy(pNode);
  if (status == 0) logf_("stopped");
  return status;
}

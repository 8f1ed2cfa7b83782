/*
** Locating a schema's map. The map's tables may have any names, so the map
** of a schema is found by reading its sqlite_master for the bsc modules.
** Each user of the map (a table, a function) keeps a BscStore: the names it
** found and the statements it prepared on them, both dropped as soon as the
** schema changes (a table created, renamed or dropped).
*/
#include "store.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <assert.h>
#include <ctype.h>
#include <stdarg.h>
#include <string.h>

struct BscStmtEntry {
  char *zSql;
  sqlite3_stmt *pStmt;
  BscStmtEntry *pNext;
};

/* Skips white space and comments: the stored CREATE statement keeps any
** the user wrote between the table name and the module name. */
static const char *skip_space(const char *z) {
  for (;;) {
    while (isspace((unsigned char)*z)) z++;
    if (z[0] == '-' && z[1] == '-') {
      while (*z && *z != '\n') z++;
    } else if (z[0] == '/' && z[1] == '*') {
      const char *end = strstr(z + 2, "*/");
      z = end ? end + 2 : z + strlen(z);
    } else {
      return z;
    }
  }
}

/* Skips one SQL token (a quoted or bare identifier) and returns what follows. */
static const char *skip_token(const char *z, const char **pzStart, size_t *pn) {
  z = skip_space(z);
  const char *start = z;
  char close = 0;
  if (*z == '"' || *z == '`' || *z == '\'') close = *z;
  if (*z == '[') close = ']';
  if (close) {
    z++;
    while (*z && !(*z == close && z[1] != close)) z += (*z == close) ? 2 : 1;
    if (*z) z++;
  } else {
    while (*z && (isalnum((unsigned char)*z) || *z == '_' || (unsigned char)*z >= 0x80)) z++;
  }
  if (pzStart) *pzStart = start;
  if (pn) *pn = (size_t)(z - start);
  return z;
}

/* True when the stored CREATE VIRTUAL TABLE statement zSql uses zModule. */
static int uses_module(const char *zSql, const char *zModule) {
  static const char zPrefix[] = "create virtual table";
  const char *tok;
  size_t n;
  if (sqlite3_strnicmp(zSql, zPrefix, sizeof(zPrefix) - 1) != 0) return 0;
  const char *z = skip_token(zSql + sizeof(zPrefix) - 1, 0, 0); /* table name */
  z = skip_token(z, &tok, &n);
  if (n != 5 || sqlite3_strnicmp(tok, "using", 5) != 0) return 0;
  skip_token(z, &tok, &n);
  if (n >= 2 && (tok[0] == '"' || tok[0] == '`' || tok[0] == '[' || tok[0] == '\'')) {
    tok++;
    n -= 2;
  }
  return n == strlen(zModule) && sqlite3_strnicmp(tok, zModule, (int)n) == 0;
}

int bsc_find_table(sqlite3 *db, const char *zSchema, const char *zModule,
                   const char *zExcept, char **pzName) {
  sqlite3_stmt *pStmt = 0;
  *pzName = 0;
  char *zSql = sqlite3_mprintf(
      "SELECT name, sql FROM \"%w\".sqlite_master"
      " WHERE type='table' AND sql LIKE 'create virtual table%%' ORDER BY rowid",
      zSchema);
  if (!zSql) return SQLITE_NOMEM;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  sqlite3_free(zSql);
  while (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
    const char *zName = (const char *)sqlite3_column_text(pStmt, 0);
    const char *zDef = (const char *)sqlite3_column_text(pStmt, 1);
    if (!zName || !zDef || !uses_module(zDef, zModule)) continue;
    if (zExcept && sqlite3_stricmp(zName, zExcept) == 0) continue;
    *pzName = sqlite3_mprintf("%s", zName);
    if (!*pzName) rc = SQLITE_NOMEM;
    break;
  }
  if (rc == SQLITE_OK) rc = sqlite3_finalize(pStmt);
  else sqlite3_finalize(pStmt);
  return rc;
}

int bsc_store_init(BscStore *p, sqlite3 *db, const char *zSchema) {
  memset(p, 0, sizeof(*p));
  p->db = db;
  p->version = -1;
  p->zSchema = sqlite3_mprintf("%s", zSchema);
  return p->zSchema ? SQLITE_OK : SQLITE_NOMEM;
}

void bsc_store_forget(BscStore *p) {
  while (p->pStmts) {
    BscStmtEntry *e = p->pStmts;
    p->pStmts = e->pNext;
    sqlite3_finalize(e->pStmt);
    sqlite3_free(e->zSql);
    sqlite3_free(e);
  }
  for (int i = 0; i < BSC_N_SLOT; i++) {
    sqlite3_finalize(p->aSlot[i]);
    p->aSlot[i] = 0;
  }
  for (int i = 0; i < BSC_N_ENTITY; i++) {
    sqlite3_free(p->azTable[i]);
    p->azTable[i] = 0;
  }
  p->version = -1;
  p->generation++;
}

void bsc_store_clear(BscStore *p) {
  bsc_store_forget(p);
  sqlite3_finalize(p->pVersion);
  sqlite3_free(p->zSchema);
  sqlite3_free(p->zErr);
  memset(p, 0, sizeof(*p));
}

int bsc_store_refresh(BscStore *p) {
  int rc = SQLITE_OK;
  if (!p->pVersion) {
    char *zSql = sqlite3_mprintf("PRAGMA \"%w\".schema_version", p->zSchema);
    if (!zSql) return SQLITE_NOMEM;
    rc = sqlite3_prepare_v3(p->db, zSql, -1, SQLITE_PREPARE_PERSISTENT, &p->pVersion, 0);
    sqlite3_free(zSql);
    if (rc != SQLITE_OK) return rc;
  }
  int version = -1;
  if (sqlite3_step(p->pVersion) == SQLITE_ROW) version = sqlite3_column_int(p->pVersion, 0);
  rc = sqlite3_reset(p->pVersion);
  if (rc != SQLITE_OK) return rc;
  p->settingsRead = 0; /* a write may have changed them, even with the same tables */
  if (version == p->version) return SQLITE_OK;
  bsc_store_forget(p);
  for (int i = 0; rc == SQLITE_OK && i < BSC_N_ENTITY; i++) {
    rc = bsc_find_table(p->db, p->zSchema, bscEntities[i].module, 0, &p->azTable[i]);
  }
  if (rc == SQLITE_OK) p->version = version;
  return rc;
}

int bsc_store_stmt(BscStore *p, sqlite3_stmt **pp, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  char *zSql = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  *pp = 0;
  if (!zSql) return SQLITE_NOMEM;
  for (BscStmtEntry *e = p->pStmts; e; e = e->pNext) {
    if (strcmp(e->zSql, zSql) == 0) {
      sqlite3_free(zSql);
      *pp = e->pStmt;
      return SQLITE_OK;
    }
  }
  BscStmtEntry *e = sqlite3_malloc(sizeof(*e));
  if (!e) {
    sqlite3_free(zSql);
    return SQLITE_NOMEM;
  }
  int rc = sqlite3_prepare_v3(p->db, zSql, -1, SQLITE_PREPARE_PERSISTENT, &e->pStmt, 0);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(e->pStmt);
    sqlite3_free(zSql);
    sqlite3_free(e);
    return rc;
  }
  e->zSql = zSql;
  e->pNext = p->pStmts;
  p->pStmts = e;
  *pp = e->pStmt;
  return SQLITE_OK;
}

int bsc_store_slot(BscStore *p, int iSlot, sqlite3_stmt **pp, const char *zFmt, ...) {
  assert(iSlot >= 0 && iSlot < BSC_N_SLOT);
  *pp = p->aSlot[iSlot];
  if (*pp) return SQLITE_OK;
  va_list ap;
  va_start(ap, zFmt);
  char *zSql = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  if (!zSql) return SQLITE_NOMEM;
  int rc = sqlite3_prepare_v3(p->db, zSql, -1, SQLITE_PREPARE_PERSISTENT, &p->aSlot[iSlot], 0);
  sqlite3_free(zSql);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(p->aSlot[iSlot]);
    p->aSlot[iSlot] = 0;
  }
  *pp = p->aSlot[iSlot];
  return rc;
}

int bsc_stmt_step(sqlite3_stmt *pStmt) {
  int rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW) return rc;
  /* the reset gives the step's own error again (prepare_v2 and later);
  ** stepping again instead would rerun the statement and lose it */
  int rc2 = sqlite3_reset(pStmt);
  return rc == SQLITE_DONE ? (rc2 == SQLITE_OK ? SQLITE_DONE : rc2) : rc;
}

int bsc_stmt_run(sqlite3_stmt *pStmt) {
  int rc = bsc_stmt_step(pStmt);
  if (rc == SQLITE_ROW) return sqlite3_reset(pStmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int read_stamps(BscStore *p, BscStamps *pOut) {
  sqlite3_stmt *pStmt = 0;
  memset(pOut, 0, sizeof(*pOut));
  int rc = bsc_store_refresh(p);
  if (rc != SQLITE_OK) return rc;
  if (!p->aSlot[BSC_SLOT_STAMPS]) {
    /* one statement for the five: a call costs one step, whatever the map */
    sqlite3_str *s = sqlite3_str_new(0);
    sqlite3_str_appendall(s, "SELECT ");
    for (int i = 0; i < BSC_N_ENTITY; i++) {
      if (!p->azTable[i]) sqlite3_str_appendf(s, "%sNULL", i ? ", " : "");
      else sqlite3_str_appendf(s, "%s(SELECT v FROM \"%w\".\"%w_config\" WHERE k='changes')", i ? ", " : "",
                               p->zSchema, p->azTable[i]);
    }
    char *zSql = sqlite3_str_finish(s);
    if (!zSql) return SQLITE_NOMEM;
    rc = bsc_store_slot(p, BSC_SLOT_STAMPS, &pStmt, "%s", zSql);
    sqlite3_free(zSql);
    if (rc != SQLITE_OK) return rc;
  }
  pStmt = p->aSlot[BSC_SLOT_STAMPS];
  rc = bsc_stmt_step(pStmt);
  if (rc != SQLITE_ROW) return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
  for (int i = 0; i < BSC_N_ENTITY; i++) {
    if (sqlite3_column_type(pStmt, i) != SQLITE_INTEGER) continue;
    pOut->a[i] = sqlite3_column_int64(pStmt, i);
    pOut->known |= BSC_MASK(i);
  }
  return sqlite3_reset(pStmt);
}

int bsc_store_stamps(BscStore *p, BscConn *pConn, BscStamps *pOut) {
  pConn->stampReads++;
  int rc = read_stamps(p, pOut);
  if (rc == SQLITE_ERROR && p->version >= 0) {
    /* another file attached under the schema's name, at the same schema
    ** version, may name its tables otherwise: look them up again */
    bsc_store_forget(p);
    rc = read_stamps(p, pOut);
  }
  return rc;
}

int bsc_store_borrow(BscStore *p, const char *zSql, sqlite3_stmt **pp, int *pGeneration) {
  *pGeneration = p->generation;
  for (BscStmtEntry **pe = &p->pStmts; *pe; pe = &(*pe)->pNext) {
    BscStmtEntry *e = *pe;
    if (strcmp(e->zSql, zSql) != 0) continue;
    *pe = e->pNext;
    *pp = e->pStmt;
    sqlite3_free(e->zSql);
    sqlite3_free(e);
    return SQLITE_OK;
  }
  return sqlite3_prepare_v3(p->db, zSql, -1, SQLITE_PREPARE_PERSISTENT, pp, 0);
}

void bsc_store_return(BscStore *p, sqlite3_stmt *pStmt, int generation) {
  if (!pStmt) return;
  sqlite3_reset(pStmt);
  sqlite3_clear_bindings(pStmt);
  BscStmtEntry *e = generation == p->generation ? sqlite3_malloc(sizeof(*e)) : 0;
  char *zSql = e ? sqlite3_mprintf("%s", sqlite3_sql(pStmt)) : 0;
  if (!zSql) {
    sqlite3_free(e);
    sqlite3_finalize(pStmt);
    return;
  }
  e->zSql = zSql;
  e->pStmt = pStmt;
  e->pNext = p->pStmts;
  p->pStmts = e;
}

int bsc_store_require_map(const BscStore *p, const char *zFunc, char **pzErr) {
  for (int i = 0; i < BSC_N_ENTITY; i++) {
    if (p->azTable[i]) return SQLITE_OK;
  }
  char *zRef = bsc_table_ref(p->zSchema, "objectives"); /* in that schema, not main */
  *pzErr = zRef ? sqlite3_mprintf("bsc: %s: schema '%q' holds no strategy map; create its tables first "
                                  "(CREATE VIRTUAL TABLE %s USING bsc_objectives, and likewise "
                                  "bsc_processes, bsc_links, bsc_kpis and bsc_measurements)",
                                  zFunc, p->zSchema, zRef)
                : 0;
  sqlite3_free(zRef);
  return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
}

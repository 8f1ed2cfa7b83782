/* Shared helpers of the Check suites: a connection with bsc registered,
** and assertions on what a statement does. */
#ifndef BSC_HARNESS_H
#define BSC_HARNESS_H

#include <check.h>
#include <sqlite3.h>

int sqlite3_bsc_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

/* Opens zPath (":memory:" or a file) with bsc loaded. */
sqlite3 *db_open(const char *zPath);
/* Opens the file at zPath read-only with bsc loaded. */
sqlite3 *db_open_readonly(const char *zPath);
/* Opens an in-memory database with bsc loaded and sql/schema.sql run. */
sqlite3 *db_with_map(void);
/* A temporary file name unique to this process; removed with db_remove_file. */
const char *temp_db_path(const char *zTag);
void db_remove_file(const char *zPath);

/* Runs zSql; fails the test unless it succeeds. */
#define exec_ok(db, zSql) exec_ok_at(db, zSql, __FILE__, __LINE__)
void exec_ok_at(sqlite3 *db, const char *zSql, const char *file, int line);
/* Runs zSql; fails the test unless it fails with a message equal to zMsg. */
#define exec_fails(db, zSql, zMsg) exec_fails_at(db, zSql, zMsg, __FILE__, __LINE__)
void exec_fails_at(sqlite3 *db, const char *zSql, const char *zMsg, const char *file, int line);
/* The first column of the first row of zQuery, as text ("NULL" for NULL). */
#define query_text(db, zQuery) query_text_at(db, zQuery, __FILE__, __LINE__)
const char *query_text_at(sqlite3 *db, const char *zQuery, const char *file, int line);
/* Every row of zQuery: columns joined by '|' (NULL as "NULL"), rows ended
** by '\n'; fails the test unless it runs. */
#define query_rows(db, zQuery) query_rows_at(db, zQuery, __FILE__, __LINE__)
const char *query_rows_at(sqlite3 *db, const char *zQuery, const char *file, int line);
/* The first column of the first row of zQuery, as an integer. */
long long query_int(sqlite3 *db, const char *zQuery);
/* Closes db and checks nothing SQLite allocated is left (no leak in bsc). */
void db_close(sqlite3 *db);
/* A file of the checkout (sql/views.sql, ...), read whole into a static buffer. */
const char *sql_file(const char *zPath);

/* Counts the runs of statements whose SQL starts with zPrefix:
** sqlite3_trace_v2(db, SQLITE_TRACE_STMT, count_runs, &runs). */
typedef struct Runs {
  const char *zPrefix;
  int n;
} Runs;
int count_runs(unsigned type, void *pArg, void *pStmt, void *pX);

/* A number from 0 to 32767, the next of the sequence *pState seeds. */
unsigned next_random(unsigned *pState);
/* A random step of transactions, for tests that write at random: step 0
** begins one or opens a savepoint, 1 rolls back to or releases an open
** savepoint, 2 commits or rolls back; *pnSavepoint counts those open. The
** SQL is sqlite3_malloc'd, NULL when the step has nothing to do. */
char *transaction_step(sqlite3 *db, unsigned *pState, int step, int *pnSavepoint);

Suite *tables_suite(void);
Suite *writes_suite(void);
Suite *storage_suite(void);
Suite *vocab_suite(void);
Suite *score_suite(void);
Suite *graph_suite(void);
Suite *graph_diff_suite(void);
Suite *cache_suite(void);
Suite *time_suite(void);
Suite *initiatives_suite(void);
Suite *analytics_suite(void);
Suite *integrity_suite(void);
Suite *robust_suite(void);
Suite *units_suite(void);
Suite *memo_suite(void);

#endif

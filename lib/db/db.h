/*
 * Database access: one persistent MariaDB connection per process, prepared
 * statements cached by their SQL text, bound parameters only.
 *
 * Statements are identified by the address of their SQL constant (each
 * model keeps them in a table of constants), prepared on first use and
 * reused for the life of the connection.  When the server goes away the
 * call that noticed returns DB_UNAVAILABLE (the request answers 503), the
 * connection and its statements are dropped, and the next call opens a
 * fresh one.  A connection that died while idle (the server restarted
 * since the last request) is replaced transparently, once, when that is
 * safe: outside a transaction and before the statement reached the server.
 */
#ifndef MT_DB_H
#define MT_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/conf.h"
#include "core/outcome.h"

/*
 * Every function here returns an enum outcome: OUTCOME_OK; OUTCOME_CONFLICT
 * when a unique key was violated (the statement was undone, the
 * transaction goes on); OUTCOME_BUSY for a deadlock or a lock wait
 * time-out (the transaction was undone: db_transaction() runs it again);
 * OUTCOME_UNAVAILABLE when the server went away; OUTCOME_ERROR for
 * anything else (logged).  db_query_one() adds OUTCOME_NOT_FOUND.
 */

enum db_type {
	DB_T_NULL,
	DB_T_INT,
	DB_T_STR,
	DB_T_TIME,	/* microseconds since the epoch, UTC */
	DB_T_BLOB,	/* bytes, with their length */
	DB_T__MAX
};

struct db_val {
	enum db_type	 type;
	int64_t		 i;	/* DB_T_INT, DB_T_TIME */
	const char	*s;	/* DB_T_STR, DB_T_BLOB, borrowed */
	size_t		 len;	/* DB_T_BLOB */
};

#define DB_NULL		((struct db_val){ .type = DB_T_NULL })
#define DB_INT(v)	((struct db_val){ .type = DB_T_INT, .i = (v) })
#define DB_STR(v)	((struct db_val){ .type = DB_T_STR, .s = (v) })
#define DB_TIME(v)	((struct db_val){ .type = DB_T_TIME, .i = (v) })
#define DB_BLOB(p, n)	((struct db_val){ .type = DB_T_BLOB, .s = (p), .len = (n) })
/* A string, or NULL as SQL NULL. */
#define DB_STR_OR_NULL(v) ((v) != NULL ? DB_STR(v) : DB_NULL)
/* A string, or NULL as "" (for NOT NULL columns). */
#define DB_STR_OR_EMPTY(v) DB_STR((v) != NULL ? (v) : "")
/* An id or a time where 0 stands for SQL NULL. */
#define DB_ID_OR_NULL(v)	((v) != 0 ? DB_INT(v) : DB_NULL)
#define DB_TIME_OR_NULL(v)	((v) != 0 ? DB_TIME(v) : DB_NULL)
/* Expands to "array, count" for the params arguments below. */
#define DB_ARGS(...)							\
	((const struct db_val[]){ __VA_ARGS__ }),			\
	(sizeof((const struct db_val[]){ __VA_ARGS__ }) / sizeof(struct db_val))
#define DB_NOARGS	NULL, 0

/* One cell: s is NULL for SQL NULL, else NUL-terminated (in the arena). */
struct db_cell {
	const char	*s;
	size_t		 len;
};

struct db_rows {
	size_t		 nrows;
	size_t		 ncols;
	struct db_cell	*cells;	/* nrows * ncols, row-major, in the arena */
};

struct db;

/* Allocates a handle for the database of c (copied); does not connect. */
struct db	*db_new(const struct conf *c);
void		 db_free(struct db *db);
/* Connects unless connected.  OUTCOME_OK or OUTCOME_UNAVAILABLE. */
enum outcome	 db_connect(struct db *db);
bool		 db_is_connected(const struct db *db);
/* Round trip to the server (reconnecting once if the connection died
 * while idle).  OUTCOME_OK or OUTCOME_UNAVAILABLE. */
enum outcome	 db_ping(struct db *db);
/* The last error text, for logs only (never for clients). */
const char	*db_last_error(const struct db *db);

/*
 * Runs a statement that returns no rows.  affected (rows matched, for an
 * UPDATE) and insert_id may be NULL.
 */
enum outcome db_exec(struct db *db, const char *sql,
	    const struct db_val *params, size_t nparams, uint64_t *affected,
	    uint64_t *insert_id);
/*
 * Runs a query and copies all rows into a (as strings, like the text
 * protocol would).
 */
enum outcome db_query(struct db *db, const char *sql,
	    const struct db_val *params, size_t nparams, struct arena *a,
	    struct db_rows *out);

/* Fills the struct at out from row of r. */
typedef void (*db_row_fn)(const struct db_rows *r, size_t row, void *out);

/*
 * Runs a query expected to return at most one row and converts it with
 * fn into out: OUTCOME_OK, or OUTCOME_NOT_FOUND when there is no row.
 */
enum outcome db_query_one(struct db *db, const char *sql,
	    const struct db_val *params, size_t nparams, struct arena *a,
	    db_row_fn fn, void *out);
/*
 * Runs a query and converts every row with fn into an array of elements of
 * elem_size bytes in the arena (*out, *n).
 */
enum outcome db_query_list(struct db *db, const char *sql,
	    const struct db_val *params, size_t nparams, struct arena *a,
	    size_t elem_size, db_row_fn fn, void **out, size_t *n);
/* The conversion of db_query_list(), of rows already read. */
enum outcome db_rows_to_array(const struct db_rows *rows, struct arena *a,
	    size_t elem_size, db_row_fn fn, void **out, size_t *n);
/* Runs a query returning one integer (a COUNT). */
enum outcome db_count(struct db *db, const char *sql,
	    const struct db_val *params, size_t nparams, int64_t *count);

/* Cell readers; row and col must be in range (BUG() otherwise). */
const char	*db_rows_str(const struct db_rows *r, size_t row, size_t col);
bool		 db_rows_isnull(const struct db_rows *r, size_t row, size_t col);
int64_t		 db_rows_int(const struct db_rows *r, size_t row, size_t col);
/* DATETIME(6) as microseconds, 0 for NULL. */
int64_t		 db_rows_time(const struct db_rows *r, size_t row, size_t col);

/* Transactions.  db_rollback() is safe to call when none is open. */
enum outcome db_begin(struct db *db);
enum outcome db_commit(struct db *db);
void	db_rollback(struct db *db);
bool	db_in_transaction(const struct db *db);
/*
 * Ends the open transaction by what happened in it: commits when rc is
 * OUTCOME_OK (returning the commit's outcome), else rolls back and
 * returns rc.
 */
enum outcome db_finish(struct db *db, enum outcome rc);
/*
 * For a service that joins its caller's transaction when one is open
 * (the webhook intake acts and logs in one), else runs in its own:
 * db_join() begins one only when none is open (*own says so), and
 * db_leave() ends only one it began (as db_finish()), else returns rc
 * for the caller to end.
 */
enum outcome db_join(struct db *db, bool *own);
enum outcome db_leave(struct db *db, bool own, enum outcome rc);
/*
 * Runs fn inside a transaction: commits when it returns OUTCOME_OK, rolls
 * back otherwise, and runs the whole of fn again (up to 3 times in all)
 * on OUTCOME_BUSY.  Returns what fn (or the commit) returned.
 */
enum outcome db_transaction(struct db *db,
	    enum outcome (*fn)(struct db *, void *), void *arg);

/*
 * Runs SQL text that is not built from input (migration files, fixed
 * administrative statements).
 */
enum outcome db_exec_trusted(struct db *db, const char *sql);

#endif

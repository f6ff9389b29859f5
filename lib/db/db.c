#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include "core/log.h"
#include "core/timeutil.h"
#include "db/db.h"

#define DB_MAX_STMTS	256
#define DB_MAX_PARAMS	64
#define DB_MAX_COLS	64
#define DB_TX_RETRIES	3
#define DB_RW_TIMEOUT_S	30

struct db_stmt {
	const char	*sql;	/* the caller's constant: compared by address */
	MYSQL_STMT	*stmt;
};

struct db {
	MYSQL		*conn;
	bool		 in_tx;
	char		*host, *socket, *user, *password, *name;
	unsigned	 port, connect_timeout;
	size_t		 nstmts;
	struct db_stmt	 stmts[DB_MAX_STMTS];
	char		 last_error[256];
	unsigned	 last_errno;
};

static char *
xstrdup_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? strdup(s) : NULL;
}

struct db *
db_new(const struct conf *c)
{
	struct db	*db;

	if ((db = calloc(1, sizeof(*db))) == NULL)
		return NULL;
	db->host = xstrdup_or_null(c->db_host);
	db->socket = xstrdup_or_null(c->db_socket);
	db->user = xstrdup_or_null(c->db_user);
	db->password = xstrdup_or_null(c->db_password);
	db->name = xstrdup_or_null(c->db_name);
	db->port = c->db_port;
	db->connect_timeout = c->db_connect_timeout;
	return db;
}

/* Drops the connection and every statement prepared on it. */
static void
db_disconnect(struct db *db)
{
	for (size_t i = 0; i < db->nstmts; i++)
		mysql_stmt_close(db->stmts[i].stmt);
	db->nstmts = 0;
	if (db->conn != NULL)
		mysql_close(db->conn);
	db->conn = NULL;
	db->in_tx = false;
}

void
db_free(struct db *db)
{
	if (db == NULL)
		return;
	db_disconnect(db);
	if (db->password != NULL)
		explicit_bzero(db->password, strlen(db->password));
	free(db->host);
	free(db->socket);
	free(db->user);
	free(db->password);
	free(db->name);
	free(db);
}

bool
db_is_connected(const struct db *db)
{
	return db->conn != NULL;
}

const char *
db_last_error(const struct db *db)
{
	return db->last_error;
}

enum outcome
db_connect(struct db *db)
{
	unsigned	 rw = DB_RW_TIMEOUT_S;
	bool		 no = false;
	MYSQL		*m;

	if (db->conn != NULL)
		return OUTCOME_OK;
	if ((m = mysql_init(NULL)) == NULL) {
		snprintf(db->last_error, sizeof(db->last_error), "mysql_init");
		return OUTCOME_UNAVAILABLE;
	}
	mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &db->connect_timeout);
	mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &rw);
	mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &rw);
	/* Reconnecting behind our back would lose prepared statements. */
	mysql_options(m, MYSQL_OPT_RECONNECT, &no);
	mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* Everything is stored and computed in UTC, strictly.  With
	 * CLIENT_FOUND_ROWS (below) an UPDATE reports the rows it matched,
	 * so "0 affected" always means "no such row". */
	mysql_options(m, MYSQL_INIT_COMMAND,
	    "SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,"
	    "NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
	    "NO_ENGINE_SUBSTITUTION'");
	if (mysql_real_connect(m, db->socket != NULL ? NULL : db->host,
	    db->user, db->password, db->name, db->port, db->socket,
	    CLIENT_FOUND_ROWS) == NULL) {
		snprintf(db->last_error, sizeof(db->last_error), "%s",
		    mysql_error(m));
		log_warn("db: cannot connect to %s: %s",
		    db->socket != NULL ? db->socket : db->host, db->last_error);
		mysql_close(m);
		return OUTCOME_UNAVAILABLE;
	}
	db->conn = m;
	db->in_tx = false;
	return OUTCOME_OK;
}

/* Maps a server or client error number to an outcome. */
static enum outcome
db_classify(struct db *db, unsigned err, const char *msg, const char *what)
{
	snprintf(db->last_error, sizeof(db->last_error), "%u: %s", err, msg);
	db->last_errno = err;
	switch (err) {
	case CR_SERVER_GONE_ERROR:
	case CR_SERVER_LOST:
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case CR_SERVER_LOST_EXTENDED:
	case CR_COMMANDS_OUT_OF_SYNC:
	case ER_CONNECTION_KILLED:
	case ER_SERVER_SHUTDOWN:
		log_warn("db: %s: connection lost (%s)", what, db->last_error);
		db_disconnect(db);
		return OUTCOME_UNAVAILABLE;
	case ER_DUP_ENTRY:
		return OUTCOME_CONFLICT;
	case ER_LOCK_DEADLOCK:
	case ER_LOCK_WAIT_TIMEOUT:
		return OUTCOME_BUSY;
	default:
		log_error("db: %s: %s", what, db->last_error);
		return OUTCOME_ERROR;
	}
}

enum outcome
db_ping(struct db *db)
{
	bool	was_connected = db->conn != NULL;
	enum outcome	rc;

	for (int attempt = 0; attempt < 2; attempt++) {
		if ((rc = db_connect(db)) != OUTCOME_OK)
			return rc;
		if (mysql_ping(db->conn) == 0)
			return OUTCOME_OK;
		/* Whatever the error, a failed ping means "not usable". */
		if (db_classify(db, mysql_errno(db->conn),
		    mysql_error(db->conn), "ping") != OUTCOME_UNAVAILABLE)
			db_disconnect(db);
		/* A connection that died while idle: one fresh try. */
		if (!was_connected)
			break;
		was_connected = false;
	}
	return OUTCOME_UNAVAILABLE;
}

static MYSQL_STMT *
db_prepare(struct db *db, const char *sql, enum outcome *rc)
{
	MYSQL_STMT	*st;

	for (size_t i = 0; i < db->nstmts; i++)
		if (db->stmts[i].sql == sql)
			return db->stmts[i].stmt;
	if (db->nstmts == DB_MAX_STMTS)
		BUG("statement cache full: raise DB_MAX_STMTS");
	if ((st = mysql_stmt_init(db->conn)) == NULL) {
		*rc = db_classify(db, mysql_errno(db->conn),
		    mysql_error(db->conn), "stmt_init");
		return NULL;
	}
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		*rc = db_classify(db, mysql_stmt_errno(st),
		    mysql_stmt_error(st), "prepare");
		mysql_stmt_close(st);
		return NULL;
	}
	db->stmts[db->nstmts].sql = sql;
	db->stmts[db->nstmts].stmt = st;
	db->nstmts++;
	return st;
}

static void
db_time_to_mysql(int64_t us, MYSQL_TIME *t)
{
	char	s[TIME_SQL_LEN];

	memset(t, 0, sizeof(*t));
	t->time_type = MYSQL_TIMESTAMP_DATETIME;
	/* Out of years 1-9999: a zero date, which strict mode refuses. */
	if (time_format_sql(us, s) == -1)
		return;
	/* "YYYY-MM-DD HH:MM:SS.ffffff" */
	t->year = (unsigned)strtoul(s, NULL, 10);
	t->month = (unsigned)strtoul(s + 5, NULL, 10);
	t->day = (unsigned)strtoul(s + 8, NULL, 10);
	t->hour = (unsigned)strtoul(s + 11, NULL, 10);
	t->minute = (unsigned)strtoul(s + 14, NULL, 10);
	t->second = (unsigned)strtoul(s + 17, NULL, 10);
	t->second_part = strtoul(s + 20, NULL, 10);
	t->time_type = MYSQL_TIMESTAMP_DATETIME;
}

/* Prepares (or finds) sql, binds params and executes it. */
static MYSQL_STMT *
db_run_once(struct db *db, const char *sql, const struct db_val *params,
    size_t nparams, enum outcome *rc)
{
	MYSQL_BIND	 bind[DB_MAX_PARAMS];
	MYSQL_TIME	 times[DB_MAX_PARAMS];
	unsigned long	 lens[DB_MAX_PARAMS];
	MYSQL_STMT	*st;

	*rc = OUTCOME_OK;
	if (nparams > DB_MAX_PARAMS)
		BUG("too many statement parameters");
	if ((*rc = db_connect(db)) != OUTCOME_OK)
		return NULL;
	if ((st = db_prepare(db, sql, rc)) == NULL)
		return NULL;
	if (mysql_stmt_param_count(st) != nparams)
		BUG("parameter count does not match the statement");
	memset(bind, 0, sizeof(bind[0]) * (nparams ? nparams : 1));
	for (size_t i = 0; i < nparams; i++) {
		switch (params[i].type) {
		case DB_T_NULL:
			bind[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DB_T_INT:
			bind[i].buffer_type = MYSQL_TYPE_LONGLONG;
			bind[i].buffer = (void *)&params[i].i;
			break;
		case DB_T_STR:
			lens[i] = (unsigned long)strlen(params[i].s);
			bind[i].buffer_type = MYSQL_TYPE_STRING;
			bind[i].buffer = (void *)params[i].s;
			bind[i].buffer_length = lens[i];
			bind[i].length = &lens[i];
			break;
		case DB_T_BLOB:
			lens[i] = (unsigned long)params[i].len;
			bind[i].buffer_type = MYSQL_TYPE_BLOB;
			bind[i].buffer = (void *)params[i].s;
			bind[i].buffer_length = lens[i];
			bind[i].length = &lens[i];
			break;
		case DB_T_TIME:
			db_time_to_mysql(params[i].i, &times[i]);
			bind[i].buffer_type = MYSQL_TYPE_DATETIME;
			bind[i].buffer = &times[i];
			break;
		default:
			BUG("unknown parameter type");
		}
	}
	if ((nparams > 0 && mysql_stmt_bind_param(st, bind) != 0) ||
	    mysql_stmt_execute(st) != 0) {
		*rc = db_classify(db, mysql_stmt_errno(st), mysql_stmt_error(st),
		    "execute");
		return NULL;
	}
	return st;
}

/*
 * db_run_once(), retried once on a new connection when the old one turned
 * out to be gone before the statement reached the server (as after a
 * database restart: every worker's idle connection is dead).  Never inside
 * a transaction, and never after "lost during the query", where the
 * statement may have run.
 */
static MYSQL_STMT *
db_run(struct db *db, const char *sql, const struct db_val *params,
    size_t nparams, enum outcome *rc)
{
	bool		 in_tx = db->in_tx, was_connected = db->conn != NULL;
	MYSQL_STMT	*st;

	db->last_errno = 0;
	st = db_run_once(db, sql, params, nparams, rc);
	if (st == NULL && *rc == OUTCOME_UNAVAILABLE && !in_tx && was_connected &&
	    db->last_errno == CR_SERVER_GONE_ERROR) {
		log_info("db: connection was gone, retrying on a new one");
		st = db_run_once(db, sql, params, nparams, rc);
	}
	return st;
}

enum outcome
db_exec(struct db *db, const char *sql, const struct db_val *params,
    size_t nparams, uint64_t *affected, uint64_t *insert_id)
{
	MYSQL_STMT	*st;
	enum outcome	 rc;

	if ((st = db_run(db, sql, params, nparams, &rc)) == NULL)
		return rc;
	if (affected != NULL)
		*affected = mysql_stmt_affected_rows(st);
	if (insert_id != NULL)
		*insert_id = mysql_stmt_insert_id(st);
	return OUTCOME_OK;
}

enum outcome
db_query(struct db *db, const char *sql, const struct db_val *params,
    size_t nparams, struct arena *a, struct db_rows *out)
{
	MYSQL_BIND	 bind[DB_MAX_COLS];
	unsigned long	 lens[DB_MAX_COLS];
	my_bool		 nulls[DB_MAX_COLS], errors[DB_MAX_COLS];
	MYSQL_RES	*meta = NULL;
	MYSQL_FIELD	*fields;
	MYSQL_STMT	*st;
	my_bool		 update_max = 1;
	size_t		 ncols, nrows, row;
	enum outcome	 rc;
	int		 frc;

	memset(out, 0, sizeof(*out));
	if ((st = db_run(db, sql, params, nparams, &rc)) == NULL)
		return rc;
	if ((meta = mysql_stmt_result_metadata(st)) == NULL)
		BUG("db_query on a statement without a result set");
	ncols = mysql_num_fields(meta);
	if (ncols > DB_MAX_COLS)
		BUG("too many result columns");
	/* Buffer the whole result to learn each column's longest value. */
	mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &update_max);
	if (mysql_stmt_store_result(st) != 0) {
		rc = db_classify(db, mysql_stmt_errno(st), mysql_stmt_error(st),
		    "store_result");
		goto out;
	}
	fields = mysql_fetch_fields(meta);
	nrows = (size_t)mysql_stmt_num_rows(st);
	out->ncols = ncols;
	out->nrows = 0;
	if (nrows > 0 && (out->cells = arena_alloc(a,
	    sizeof(struct db_cell) * nrows * ncols)) == NULL) {
		rc = OUTCOME_ERROR;
		log_error("db: result of %zu rows does not fit the arena", nrows);
		goto free_result;
	}
	memset(bind, 0, sizeof(bind[0]) * (ncols ? ncols : 1));
	for (size_t c = 0; c < ncols; c++) {
		/* Room for the longest value, and for a DATETIME(6) text. */
		size_t	cap = fields[c].max_length + 1;

		if (cap < 64)
			cap = 64;
		bind[c].buffer_type = MYSQL_TYPE_STRING;
		bind[c].buffer_length = cap;
		bind[c].length = &lens[c];
		bind[c].is_null = &nulls[c];
		bind[c].error = &errors[c];
		if ((bind[c].buffer = arena_alloc(a, cap)) == NULL) {
			rc = OUTCOME_ERROR;
			goto free_result;
		}
	}
	if (mysql_stmt_bind_result(st, bind) != 0) {
		rc = db_classify(db, mysql_stmt_errno(st), mysql_stmt_error(st),
		    "bind_result");
		goto free_result;
	}
	for (row = 0; row < nrows; row++) {
		frc = mysql_stmt_fetch(st);
		if (frc == MYSQL_NO_DATA)
			break;
		if (frc != 0 && frc != MYSQL_DATA_TRUNCATED) {
			rc = db_classify(db, mysql_stmt_errno(st),
			    mysql_stmt_error(st), "fetch");
			goto free_result;
		}
		for (size_t c = 0; c < ncols; c++) {
			struct db_cell	*cell = &out->cells[row * ncols + c];

			if (nulls[c]) {
				cell->s = NULL;
				cell->len = 0;
				continue;
			}
			if (lens[c] >= bind[c].buffer_length)
				BUG("column longer than its reported max_length");
			cell->s = arena_strndup(a, bind[c].buffer, lens[c]);
			cell->len = lens[c];
			if (cell->s == NULL) {
				rc = OUTCOME_ERROR;
				goto free_result;
			}
		}
	}
	out->nrows = row;
	rc = OUTCOME_OK;
free_result:
	if (db->conn != NULL)
		mysql_stmt_free_result(st);
out:
	mysql_free_result(meta);
	if (rc != OUTCOME_OK)
		memset(out, 0, sizeof(*out));
	return rc;
}

enum outcome
db_query_one(struct db *db, const char *sql, const struct db_val *params,
    size_t nparams, struct arena *a, db_row_fn fn, void *out)
{
	struct db_rows	rows;
	enum outcome	rc;

	if ((rc = db_query(db, sql, params, nparams, a, &rows)) != OUTCOME_OK)
		return rc;
	if (rows.nrows == 0)
		return OUTCOME_NOT_FOUND;
	fn(&rows, 0, out);
	return OUTCOME_OK;
}

enum outcome
db_query_list(struct db *db, const char *sql, const struct db_val *params,
    size_t nparams, struct arena *a, size_t elem_size, db_row_fn fn,
    void **out, size_t *n)
{
	struct db_rows	 rows;
	enum outcome	 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_query(db, sql, params, nparams, a, &rows)) != OUTCOME_OK)
		return rc;
	return db_rows_to_array(&rows, a, elem_size, fn, out, n);
}

enum outcome
db_rows_to_array(const struct db_rows *rows, struct arena *a,
    size_t elem_size, db_row_fn fn, void **out, size_t *n)
{
	unsigned char	*arr = NULL;

	*out = NULL;
	*n = 0;
	if (rows->nrows > 0 &&
	    (arr = arena_alloc(a, rows->nrows * elem_size)) == NULL)
		return OUTCOME_ERROR;
	for (size_t i = 0; i < rows->nrows; i++)
		fn(rows, i, arr + i * elem_size);
	*out = arr;
	*n = rows->nrows;
	return OUTCOME_OK;
}

enum outcome
db_count(struct db *db, const char *sql, const struct db_val *params,
    size_t nparams, int64_t *count)
{
	struct db_rows	rows;
	struct arena	a;
	enum outcome	rc;

	arena_init(&a, 0);
	rc = db_query(db, sql, params, nparams, &a, &rows);
	if (rc == OUTCOME_OK)
		*count = rows.nrows == 1 ? db_rows_int(&rows, 0, 0) : 0;
	arena_release(&a);
	return rc;
}

static const struct db_cell *
db_rows_cell(const struct db_rows *r, size_t row, size_t col)
{
	if (row >= r->nrows || col >= r->ncols)
		BUG("db_rows index out of range");
	return &r->cells[row * r->ncols + col];
}

const char *
db_rows_str(const struct db_rows *r, size_t row, size_t col)
{
	return db_rows_cell(r, row, col)->s;
}

bool
db_rows_isnull(const struct db_rows *r, size_t row, size_t col)
{
	return db_rows_cell(r, row, col)->s == NULL;
}

int64_t
db_rows_int(const struct db_rows *r, size_t row, size_t col)
{
	const char	*s = db_rows_cell(r, row, col)->s;

	return s != NULL ? strtoll(s, NULL, 10) : 0;
}

int64_t
db_rows_time(const struct db_rows *r, size_t row, size_t col)
{
	const char	*s = db_rows_cell(r, row, col)->s;
	int64_t		 us;

	if (s == NULL)
		return 0;
	if (time_parse_sql(s, &us) == -1) {
		/* DATETIME without a fraction ("... HH:MM:SS"). */
		char	tmp[TIME_SQL_LEN + 8];

		snprintf(tmp, sizeof(tmp), "%s.0", s);
		if (time_parse_sql(tmp, &us) == -1)
			BUG("unparseable DATETIME from the server");
	}
	return us;
}

enum outcome
db_exec_trusted(struct db *db, const char *sql)
{
	enum outcome	rc;

	if ((rc = db_connect(db)) != OUTCOME_OK)
		return rc;
	if (mysql_real_query(db->conn, sql, strlen(sql)) != 0)
		return db_classify(db, mysql_errno(db->conn),
		    mysql_error(db->conn), "query");
	/* Drain any result so that the connection stays in sync. */
	do {
		MYSQL_RES	*res = mysql_store_result(db->conn);

		mysql_free_result(res);
	} while (mysql_next_result(db->conn) == 0);
	return OUTCOME_OK;
}

enum outcome
db_begin(struct db *db)
{
	enum outcome	rc;

	if (db->in_tx)
		BUG("nested transaction");
	if ((rc = db_connect(db)) != OUTCOME_OK)
		return rc;
	if (mysql_query(db->conn, "START TRANSACTION") != 0)
		return db_classify(db, mysql_errno(db->conn),
		    mysql_error(db->conn), "begin");
	db->in_tx = true;
	return OUTCOME_OK;
}

enum outcome
db_commit(struct db *db)
{
	if (!db->in_tx)
		BUG("commit outside a transaction");
	db->in_tx = false;
	if (mysql_commit(db->conn) != 0)
		return db_classify(db, mysql_errno(db->conn),
		    mysql_error(db->conn), "commit");
	return OUTCOME_OK;
}

void
db_rollback(struct db *db)
{
	if (!db->in_tx)
		return;
	db->in_tx = false;
	if (db->conn != NULL && mysql_rollback(db->conn) != 0)
		(void)db_classify(db, mysql_errno(db->conn),
		    mysql_error(db->conn), "rollback");
}

bool
db_in_transaction(const struct db *db)
{
	return db->in_tx;
}

enum outcome
db_finish(struct db *db, enum outcome rc)
{
	if (rc == OUTCOME_OK)
		return db_commit(db);
	db_rollback(db);
	return rc;
}

enum outcome
db_join(struct db *db, bool *own)
{
	*own = !db->in_tx;
	return *own ? db_begin(db) : OUTCOME_OK;
}

enum outcome
db_leave(struct db *db, bool own, enum outcome rc)
{
	return own ? db_finish(db, rc) : rc;
}

enum outcome
db_transaction(struct db *db, enum outcome (*fn)(struct db *, void *),
    void *arg)
{
	enum outcome	rc = OUTCOME_ERROR;

	for (int attempt = 0; attempt < DB_TX_RETRIES; attempt++) {
		if ((rc = db_begin(db)) != OUTCOME_OK)
			return rc;
		if ((rc = fn(db, arg)) == OUTCOME_OK)
			rc = db_commit(db);
		else
			db_rollback(db);
		if (rc != OUTCOME_BUSY)
			return rc;
		log_warn("db: deadlock, retrying transaction (%d)", attempt + 1);
	}
	return rc;
}

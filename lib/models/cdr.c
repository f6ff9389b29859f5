#include "config.h"

#include "models/cdr.h"

enum cdr_stmt {
	CDR_STMT_UPSERT,
	CDR_STMT_LIST,
	CDR_STMT__MAX
};

static const char *const cdr_sql[CDR_STMT__MAX] = {
	[CDR_STMT_UPSERT] =
	    "INSERT INTO call_data_records (call_id, partner_id, start_time,"
	    " status) VALUES (?,?,?,?) ON DUPLICATE KEY UPDATE"
	    " start_time = VALUES(start_time), status = VALUES(status)",
	[CDR_STMT_LIST] =
	    "SELECT id, call_id, partner_id, start_time, status"
	    " FROM call_data_records WHERE call_id = ? ORDER BY start_time, id",
};

static void
cdr_from_row(const struct db_rows *r, size_t i, void *out)
{
	struct cdr	*c = out;

	c->id = db_rows_int(r, i, 0);
	c->call_id = db_rows_int(r, i, 1);
	c->partner_id = db_rows_str(r, i, 2);
	c->start_time = db_rows_time(r, i, 3);
	c->status = db_rows_str(r, i, 4);
}

enum outcome
cdr_upsert(struct db *db, const struct cdr *c)
{
	return db_exec(db, cdr_sql[CDR_STMT_UPSERT], DB_ARGS(DB_INT(c->call_id),
	    DB_STR(c->partner_id), DB_TIME_OR_NULL(c->start_time),
	    DB_STR_OR_EMPTY(c->status)), NULL, NULL);
}

enum outcome
cdr_list_for_call(struct db *db, struct arena *a, int64_t call_id,
    struct cdr **out, size_t *n)
{
	return db_query_list(db, cdr_sql[CDR_STMT_LIST], DB_ARGS(
	    DB_INT(call_id)), a, sizeof(**out), cdr_from_row, (void **)out, n);
}

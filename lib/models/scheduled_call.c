#include "config.h"

#include <string.h>

#include "core/timeutil.h"
#include "models/scheduled_call.h"

enum scheduled_call_stmt {
	SCHEDULED_CALL_STMT_INSERT,
	SCHEDULED_CALL_STMT_GET,
	SCHEDULED_CALL_STMT_LOCK,
	SCHEDULED_CALL_STMT_UPDATE,
	SCHEDULED_CALL_STMT_CANCEL,
	SCHEDULED_CALL_STMT_BETWEEN,
	SCHEDULED_CALL_STMT__MAX
};

#define SCHEDULED_CALL_COLUMNS \
	"id, created_at, call_time, caller_id, callee_id, activity_id," \
	" cancelled_at"

static const char *const scheduled_call_sql[SCHEDULED_CALL_STMT__MAX] = {
	[SCHEDULED_CALL_STMT_INSERT] =
	    "INSERT INTO scheduled_calls (created_at, call_time, caller_id,"
	    " callee_id, activity_id) VALUES (?,?,?,?,?)",
	[SCHEDULED_CALL_STMT_GET] =
	    "SELECT " SCHEDULED_CALL_COLUMNS " FROM scheduled_calls"
	    " WHERE id = ? AND caller_id = ? AND cancelled_at IS NULL",
	[SCHEDULED_CALL_STMT_LOCK] =
	    "SELECT " SCHEDULED_CALL_COLUMNS " FROM scheduled_calls"
	    " WHERE id = ? AND caller_id = ? AND cancelled_at IS NULL"
	    " FOR UPDATE",
	[SCHEDULED_CALL_STMT_UPDATE] =
	    "UPDATE scheduled_calls SET call_time = ?, activity_id = ?"
	    " WHERE id = ? AND cancelled_at IS NULL",
	[SCHEDULED_CALL_STMT_CANCEL] =
	    "UPDATE scheduled_calls SET cancelled_at = ?"
	    " WHERE id = ? AND cancelled_at IS NULL",
	[SCHEDULED_CALL_STMT_BETWEEN] =
	    "SELECT " SCHEDULED_CALL_COLUMNS " FROM scheduled_calls"
	    " WHERE cancelled_at IS NULL AND call_time >= ? AND call_time <= ?"
	    " ORDER BY call_time, id",
};

static void
scheduled_call_from_row(const struct db_rows *r, size_t i, void *out)
{
	struct scheduled_call	*sc = out;

	sc->id = db_rows_int(r, i, 0);
	sc->created_at = db_rows_time(r, i, 1);
	sc->call_time = db_rows_time(r, i, 2);
	sc->caller_id = db_rows_int(r, i, 3);
	sc->callee_id = db_rows_int(r, i, 4);
	sc->activity_id = db_rows_int(r, i, 5);
	sc->cancelled_at = db_rows_time(r, i, 6);
}

const struct db_list scheduled_call_list_by_caller = {
	.count_sql = "SELECT COUNT(*) FROM scheduled_calls"
	    " WHERE caller_id = ? AND cancelled_at IS NULL",
	.page_sql = "SELECT " SCHEDULED_CALL_COLUMNS LIST_TOTAL
	    " FROM scheduled_calls"
	    " WHERE caller_id = ? AND cancelled_at IS NULL"
	    " ORDER BY call_time, id LIMIT ? OFFSET ?",
	.params = { LIST_USER },
	.from_row = scheduled_call_from_row,
	.elem_size = sizeof(struct scheduled_call),
	.counted = true,
};

enum outcome
scheduled_call_insert(struct db *db, struct scheduled_call *sc)
{
	uint64_t	id = 0;
	enum outcome	rc;

	sc->created_at = time_now_us();
	rc = db_exec(db, scheduled_call_sql[SCHEDULED_CALL_STMT_INSERT],
	    DB_ARGS(DB_TIME(sc->created_at), DB_TIME(sc->call_time),
	    DB_INT(sc->caller_id), DB_INT(sc->callee_id),
	    DB_ID_OR_NULL(sc->activity_id)), NULL, &id);
	if (rc == OUTCOME_OK)
		sc->id = (int64_t)id;
	return rc;
}

enum outcome
scheduled_call_get_by_caller(struct db *db, struct arena *a, int64_t id,
    int64_t caller_id, struct scheduled_call *out)
{
	return db_query_one(db, scheduled_call_sql[SCHEDULED_CALL_STMT_GET],
	    DB_ARGS(DB_INT(id), DB_INT(caller_id)), a,
	    scheduled_call_from_row, out);
}

enum outcome
scheduled_call_lock_by_caller(struct db *db, struct arena *a, int64_t id,
    int64_t caller_id, struct scheduled_call *out)
{
	return db_query_one(db, scheduled_call_sql[SCHEDULED_CALL_STMT_LOCK],
	    DB_ARGS(DB_INT(id), DB_INT(caller_id)), a,
	    scheduled_call_from_row, out);
}

enum outcome
scheduled_call_update(struct db *db, const struct scheduled_call *sc)
{
	uint64_t	n = 0;
	enum outcome	rc;

	rc = db_exec(db, scheduled_call_sql[SCHEDULED_CALL_STMT_UPDATE],
	    DB_ARGS(DB_TIME(sc->call_time), DB_ID_OR_NULL(sc->activity_id),
	    DB_INT(sc->id)), &n, NULL);
	if (rc != OUTCOME_OK)
		return rc;
	return n > 0 ? OUTCOME_OK : OUTCOME_NOT_FOUND;
}

enum outcome
scheduled_call_cancel(struct db *db, int64_t id)
{
	uint64_t	n = 0;
	enum outcome	rc;

	rc = db_exec(db, scheduled_call_sql[SCHEDULED_CALL_STMT_CANCEL],
	    DB_ARGS(DB_TIME(time_now_us()), DB_INT(id)), &n, NULL);
	if (rc != OUTCOME_OK)
		return rc;
	return n > 0 ? OUTCOME_OK : OUTCOME_NOT_FOUND;
}

enum outcome
scheduled_call_list_between(struct db *db, struct arena *a, int64_t from,
    int64_t to, struct scheduled_call **out, size_t *n)
{
	return db_query_list(db, scheduled_call_sql[SCHEDULED_CALL_STMT_BETWEEN],
	    DB_ARGS(DB_TIME(from), DB_TIME(to)), a, sizeof(**out),
	    scheduled_call_from_row, (void **)out, n);
}

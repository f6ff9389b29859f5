#include "config.h"

#include <string.h>

#include "core/timeutil.h"
#include "models/call.h"

const char *const call_status_names[CALL_STATUS__MAX] = {
	"successful", "scheduled", "inactive", "inprogress"
};

static const char *const call_status_labels[CALL_STATUS__MAX] = {
	"Successful", "Scheduled", "Inactive", "In progress"
};

enum call_stmt {
	CALL_STMT_INSERT,
	CALL_STMT_GET,
	CALL_STMT_GET_BY_CALLER,
	CALL_STMT_OF_RECEIVER_BY_IDS,
	CALL_STMT_LATEST_FOR_RECEIVER,
	CALL_STMT_LOCK,
	CALL_STMT_LOCK_BY_CALLER,
	CALL_STMT_LOCK_BY_PARTNER_ID,
	CALL_STMT_LOCK_BY_CONVERSATION,
	CALL_STMT_LOCK_STALE,
	CALL_STMT_SAVE,
	CALL_STMT__MAX
};

#define CALL_COLUMNS \
	"id, start_time, partner_start_time, end_time, partner_end_time," \
	" caller_id, receiver_id, feedback_task_id, recording_url," \
	" partner_id, activity_id, scheduled_call_id, call_id, status," \
	" status_reason"
#define CALL_SELECT	"SELECT " CALL_COLUMNS " FROM calls"

static const char *const call_sql[CALL_STMT__MAX] = {
	[CALL_STMT_INSERT] =
	    "INSERT INTO calls (start_time, caller_id, receiver_id,"
	    " activity_id, scheduled_call_id, status) VALUES (?,?,?,?,?,?)",
	[CALL_STMT_GET] = CALL_SELECT " WHERE id = ?",
	[CALL_STMT_GET_BY_CALLER] = CALL_SELECT " WHERE id = ? AND caller_id = ?",
	[CALL_STMT_OF_RECEIVER_BY_IDS] = CALL_SELECT " WHERE receiver_id = ?"
	    " AND (partner_id IN (?, ?) OR call_id IN (?, ?))"
	    " ORDER BY id DESC LIMIT 1",
	[CALL_STMT_LATEST_FOR_RECEIVER] = CALL_SELECT " WHERE receiver_id = ?"
	    " AND start_time <= ? ORDER BY start_time DESC, id DESC LIMIT 1",
	[CALL_STMT_LOCK] = CALL_SELECT " WHERE id = ? FOR UPDATE",
	[CALL_STMT_LOCK_BY_CALLER] = CALL_SELECT
	    " WHERE id = ? AND caller_id = ? FOR UPDATE",
	[CALL_STMT_LOCK_BY_PARTNER_ID] = CALL_SELECT
	    " WHERE partner_id = ? FOR UPDATE",
	[CALL_STMT_LOCK_BY_CONVERSATION] = CALL_SELECT
	    " WHERE call_id = ? ORDER BY id DESC LIMIT 1 FOR UPDATE",
	[CALL_STMT_LOCK_STALE] = CALL_SELECT " WHERE status = 'inprogress'"
	    " AND partner_end_time IS NULL AND start_time < ?"
	    " ORDER BY start_time, id LIMIT ? FOR UPDATE SKIP LOCKED",
	[CALL_STMT_SAVE] =
	    "UPDATE calls SET partner_start_time = ?, end_time = ?,"
	    " partner_end_time = ?, feedback_task_id = ?, recording_url = ?,"
	    " partner_id = ?, call_id = ?, status = ?, status_reason = ?"
	    " WHERE id = ?",
};

int
call_status_parse(const char *name, enum call_status *out)
{
	for (int i = 0; i < CALL_STATUS__MAX; i++)
		if (strcmp(name, call_status_names[i]) == 0) {
			*out = (enum call_status)i;
			return 0;
		}
	return -1;
}

static void
call_from_row(const struct db_rows *r, size_t i, void *out)
{
	struct call	*c = out;

	memset(c, 0, sizeof(*c));
	c->id = db_rows_int(r, i, 0);
	c->start_time = db_rows_time(r, i, 1);
	c->partner_start_time = db_rows_time(r, i, 2);
	c->end_time = db_rows_time(r, i, 3);
	c->partner_end_time = db_rows_time(r, i, 4);
	c->caller_id = db_rows_int(r, i, 5);
	c->receiver_id = db_rows_int(r, i, 6);
	c->feedback_task_id = db_rows_int(r, i, 7);
	c->recording_url = db_rows_str(r, i, 8);
	c->partner_id = db_rows_str(r, i, 9);
	c->activity_id = db_rows_int(r, i, 10);
	c->scheduled_call_id = db_rows_int(r, i, 11);
	c->call_id = db_rows_str(r, i, 12);
	if (call_status_parse(db_rows_str(r, i, 13), &c->status) == -1)
		c->status = CALL_INACTIVE;
	c->status_reason = db_rows_str(r, i, 14);
}

const struct db_list call_list_all = {
	.count_sql = "SELECT COUNT(*) FROM calls",
	.page_sql = CALL_SELECT " ORDER BY start_time DESC, id DESC"
	    " LIMIT ? OFFSET ?",
	.from_row = call_from_row,
	.elem_size = sizeof(struct call),
};

const struct db_list call_list_by_caller = {
	.count_sql = "SELECT COUNT(*) FROM calls WHERE caller_id = ?",
	.page_sql = "SELECT " CALL_COLUMNS LIST_TOTAL " FROM calls"
	    " WHERE caller_id = ?"
	    " ORDER BY start_time DESC, id DESC LIMIT ? OFFSET ?",
	.params = { LIST_USER },
	.from_row = call_from_row,
	.elem_size = sizeof(struct call),
	.counted = true,
};

/* ---- reading ---- */

enum outcome
call_get(struct db *db, struct arena *a, int64_t id, struct call *out)
{
	return db_query_one(db, call_sql[CALL_STMT_GET], DB_ARGS(DB_INT(id)),
	    a, call_from_row, out);
}

enum outcome
call_get_by_caller(struct db *db, struct arena *a, int64_t id,
    int64_t caller_id, struct call *out)
{
	return db_query_one(db, call_sql[CALL_STMT_GET_BY_CALLER],
	    DB_ARGS(DB_INT(id), DB_INT(caller_id)), a, call_from_row, out);
}

enum outcome
call_of_receiver_by_ids(struct db *db, struct arena *a, int64_t receiver_id,
    const char *id1, const char *id2, struct call *out)
{
	if (id1 == NULL && id2 == NULL)
		return OUTCOME_NOT_FOUND;
	return db_query_one(db, call_sql[CALL_STMT_OF_RECEIVER_BY_IDS],
	    DB_ARGS(DB_INT(receiver_id), DB_STR_OR_NULL(id1),
	    DB_STR_OR_NULL(id2), DB_STR_OR_NULL(id1), DB_STR_OR_NULL(id2)),
	    a, call_from_row, out);
}

enum outcome
call_latest_for_receiver(struct db *db, struct arena *a, int64_t receiver_id,
    int64_t before, struct call *out)
{
	return db_query_one(db, call_sql[CALL_STMT_LATEST_FOR_RECEIVER],
	    DB_ARGS(DB_INT(receiver_id), DB_TIME(before)), a, call_from_row,
	    out);
}

/* ---- locking and writing ---- */

enum outcome
call_insert(struct db *db, struct call *c)
{
	uint64_t	id = 0;
	enum outcome	rc;

	if (c->start_time == 0)
		c->start_time = time_now_us();
	rc = db_exec(db, call_sql[CALL_STMT_INSERT], DB_ARGS(
	    DB_TIME(c->start_time), DB_INT(c->caller_id),
	    DB_INT(c->receiver_id), DB_ID_OR_NULL(c->activity_id),
	    DB_ID_OR_NULL(c->scheduled_call_id),
	    DB_STR(call_status_names[c->status])), NULL, &id);
	if (rc == OUTCOME_OK)
		c->id = (int64_t)id;
	return rc;
}

enum outcome
call_lock(struct db *db, struct arena *a, int64_t id, int64_t caller_id,
    struct call *out)
{
	if (caller_id == 0)
		return db_query_one(db, call_sql[CALL_STMT_LOCK],
		    DB_ARGS(DB_INT(id)), a, call_from_row, out);
	return db_query_one(db, call_sql[CALL_STMT_LOCK_BY_CALLER],
	    DB_ARGS(DB_INT(id), DB_INT(caller_id)), a, call_from_row, out);
}

enum outcome
call_lock_by_provider_ids(struct db *db, struct arena *a,
    const char *partner_id, const char *conversation_id, struct call *out)
{
	enum outcome	rc = OUTCOME_NOT_FOUND;

	if (partner_id != NULL && (rc = db_query_one(db,
	    call_sql[CALL_STMT_LOCK_BY_PARTNER_ID], DB_ARGS(DB_STR(partner_id)),
	    a, call_from_row, out)) != OUTCOME_NOT_FOUND)
		return rc;
	if (conversation_id != NULL)
		rc = db_query_one(db, call_sql[CALL_STMT_LOCK_BY_CONVERSATION],
		    DB_ARGS(DB_STR(conversation_id)), a, call_from_row, out);
	return rc;
}

enum outcome
call_lock_stale(struct db *db, struct arena *a, int64_t before,
    unsigned limit, struct call **out, size_t *n)
{
	return db_query_list(db, call_sql[CALL_STMT_LOCK_STALE],
	    DB_ARGS(DB_TIME(before), DB_INT(limit)), a, sizeof(**out),
	    call_from_row, (void **)out, n);
}

enum outcome
call_save(struct db *db, const struct call *c)
{
	return db_exec(db, call_sql[CALL_STMT_SAVE], DB_ARGS(
	    DB_TIME_OR_NULL(c->partner_start_time),
	    DB_TIME_OR_NULL(c->end_time),
	    DB_TIME_OR_NULL(c->partner_end_time),
	    DB_ID_OR_NULL(c->feedback_task_id),
	    DB_STR_OR_EMPTY(c->recording_url),
	    DB_STR_OR_NULL(c->partner_id), DB_STR_OR_NULL(c->call_id),
	    DB_STR(call_status_names[c->status]),
	    DB_STR_OR_EMPTY(c->status_reason),
	    DB_INT(c->id)), NULL, NULL);
}

/* ---- the seed's methods ---- */

bool
call_ended(struct call *c, int64_t now_us)
{
	if (c->end_time != 0)
		return false;
	c->end_time = now_us;
	return true;
}

void
call_set_status(struct call *c, enum call_status status, const char *reason)
{
	c->status = status;
	c->status_reason = reason != NULL ? reason : "";
}

int64_t
call_duration_us(const struct call *c)
{
	if (c->partner_start_time == 0 || c->partner_end_time == 0)
		return -1;
	return c->partner_end_time - c->partner_start_time;
}

int64_t
call_lag_us(const struct call *c)
{
	if (c->start_time == 0 || c->partner_start_time == 0)
		return -1;
	return c->partner_start_time - c->start_time;
}

const char *
call_status_display(const struct call *c)
{
	return call_status_labels[c->status];
}

bool
call_has_timed_out(const struct call *c, int64_t now_us, int64_t timeout_us)
{
	return c->status == CALL_INPROGRESS && c->partner_end_time == 0 &&
	    now_us - c->start_time > timeout_us;
}

bool
call_end_was_reported(const struct call *c)
{
	return c->status != CALL_INPROGRESS &&
	    (c->partner_end_time != 0 || c->call_id != NULL);
}

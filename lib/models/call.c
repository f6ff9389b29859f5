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
	CALL_STMT_BY_PARTNER_ID,
	CALL_STMT_LIST_ALL,
	CALL_STMT_LIST_CALLER,
	CALL_STMT_COUNT_ALL,
	CALL_STMT_COUNT_CALLER,
	CALL_STMT_SET_STATUS,
	CALL_STMT_SET_PARTNER_ID,
	CALL_STMT_ENDED,
	CALL_STMT_PARTNER_REPORT,
	CALL_STMT_SET_FEEDBACK_TASK,
	CALL_STMT_BY_CONVERSATION,
	CALL_STMT_LATEST_FOR_RECEIVER,
	CALL_STMT__MAX
};

#define CALL_COLUMNS \
	"id, start_time, partner_start_time, end_time, partner_end_time," \
	" caller_id, receiver_id, feedback_task_id, recording_url," \
	" partner_id, activity_id, scheduled_call_id, call_id, status," \
	" status_reason"

static const char *const call_sql[CALL_STMT__MAX] = {
	[CALL_STMT_INSERT] =
	    "INSERT INTO calls (start_time, caller_id, receiver_id,"
	    " activity_id, scheduled_call_id, status) VALUES (?,?,?,?,?,?)",
	[CALL_STMT_GET] = "SELECT " CALL_COLUMNS " FROM calls WHERE id = ?",
	[CALL_STMT_GET_BY_CALLER] =
	    "SELECT " CALL_COLUMNS " FROM calls WHERE id = ? AND caller_id = ?",
	[CALL_STMT_BY_PARTNER_ID] =
	    "SELECT " CALL_COLUMNS " FROM calls WHERE partner_id = ?",
	[CALL_STMT_LIST_ALL] =
	    "SELECT " CALL_COLUMNS " FROM calls"
	    " ORDER BY start_time DESC, id DESC LIMIT ? OFFSET ?",
	[CALL_STMT_LIST_CALLER] =
	    "SELECT " CALL_COLUMNS " FROM calls WHERE caller_id = ?"
	    " ORDER BY start_time DESC, id DESC LIMIT ? OFFSET ?",
	[CALL_STMT_COUNT_ALL] = "SELECT COUNT(*) FROM calls",
	[CALL_STMT_COUNT_CALLER] =
	    "SELECT COUNT(*) FROM calls WHERE caller_id = ?",
	[CALL_STMT_SET_STATUS] =
	    "UPDATE calls SET status = ?, status_reason = ? WHERE id = ?",
	[CALL_STMT_SET_PARTNER_ID] =
	    "UPDATE calls SET partner_id = ? WHERE id = ?",
	[CALL_STMT_ENDED] =
	    "UPDATE calls SET end_time = ? WHERE id = ? AND end_time IS NULL",
	[CALL_STMT_PARTNER_REPORT] =
	    "UPDATE calls SET partner_start_time = ?, partner_end_time = ?,"
	    " recording_url = ?, call_id = ?, end_time = ?, status = ?"
	    " WHERE id = ?",
	[CALL_STMT_SET_FEEDBACK_TASK] =
	    "UPDATE calls SET feedback_task_id = ? WHERE id = ?",
	[CALL_STMT_BY_CONVERSATION] =
	    "SELECT " CALL_COLUMNS " FROM calls WHERE call_id = ?"
	    " ORDER BY id DESC LIMIT 1",
	[CALL_STMT_LATEST_FOR_RECEIVER] =
	    "SELECT " CALL_COLUMNS " FROM calls WHERE receiver_id = ?"
	    " AND start_time <= ? ORDER BY start_time DESC, id DESC LIMIT 1",
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

int
call_insert(struct db *db, struct call *c)
{
	uint64_t	id = 0;
	int		rc;

	if (c->start_time == 0)
		c->start_time = time_now_us();
	rc = db_exec(db, call_sql[CALL_STMT_INSERT], DB_ARGS(
	    DB_TIME(c->start_time), DB_INT(c->caller_id),
	    DB_INT(c->receiver_id), DB_ID_OR_NULL(c->activity_id),
	    DB_ID_OR_NULL(c->scheduled_call_id), DB_STR(call_status_names[c->status])),
	    NULL, &id);
	if (rc == DB_OK)
		c->id = (int64_t)id;
	return rc;
}

int
call_get(struct db *db, struct arena *a, int64_t id, struct call *out)
{
	return db_query_one(db, call_sql[CALL_STMT_GET], DB_ARGS(DB_INT(id)),
	    a, call_from_row, out);
}

int
call_get_by_caller(struct db *db, struct arena *a, int64_t id,
    int64_t caller_id, struct call *out)
{
	return db_query_one(db, call_sql[CALL_STMT_GET_BY_CALLER],
	    DB_ARGS(DB_INT(id), DB_INT(caller_id)), a, call_from_row, out);
}

int
call_from_partner_id(struct db *db, struct arena *a, const char *partner_id,
    struct call *out)
{
	return db_query_one(db, call_sql[CALL_STMT_BY_PARTNER_ID],
	    DB_ARGS(DB_STR(partner_id)), a, call_from_row, out);
}

int
call_from_conversation(struct db *db, struct arena *a,
    const char *conversation_id, struct call *out)
{
	return db_query_one(db, call_sql[CALL_STMT_BY_CONVERSATION],
	    DB_ARGS(DB_STR(conversation_id)), a, call_from_row, out);
}

int
call_latest_for_receiver(struct db *db, struct arena *a, int64_t receiver_id,
    int64_t before, struct call *out)
{
	return db_query_one(db, call_sql[CALL_STMT_LATEST_FOR_RECEIVER],
	    DB_ARGS(DB_INT(receiver_id), DB_TIME(before)), a, call_from_row,
	    out);
}

int
call_list(struct db *db, struct arena *a, int64_t caller_id, int64_t offset,
    int64_t limit, struct call **out, size_t *n)
{
	if (caller_id == 0)
		return db_query_list(db, call_sql[CALL_STMT_LIST_ALL],
		    DB_ARGS(DB_INT(limit), DB_INT(offset)), a, sizeof(**out),
		    call_from_row, (void **)out, n);
	return db_query_list(db, call_sql[CALL_STMT_LIST_CALLER],
	    DB_ARGS(DB_INT(caller_id), DB_INT(limit), DB_INT(offset)), a,
	    sizeof(**out), call_from_row, (void **)out, n);
}

int
call_count(struct db *db, int64_t caller_id, int64_t *count)
{
	if (caller_id == 0)
		return db_count(db, call_sql[CALL_STMT_COUNT_ALL], DB_NOARGS,
		    count);
	return db_count(db, call_sql[CALL_STMT_COUNT_CALLER],
	    DB_ARGS(DB_INT(caller_id)), count);
}

int
call_set_status(struct db *db, int64_t id, enum call_status status,
    const char *reason)
{
	return db_exec(db, call_sql[CALL_STMT_SET_STATUS], DB_ARGS(
	    DB_STR(call_status_names[status]), DB_STR(reason ? reason : ""),
	    DB_INT(id)), NULL, NULL);
}

int
call_set_partner_id(struct db *db, int64_t id, const char *partner_id)
{
	return db_exec(db, call_sql[CALL_STMT_SET_PARTNER_ID],
	    DB_ARGS(DB_STR(partner_id), DB_INT(id)), NULL, NULL);
}

int
call_ended(struct db *db, int64_t id)
{
	uint64_t	n = 0;
	int		rc;

	rc = db_exec(db, call_sql[CALL_STMT_ENDED],
	    DB_ARGS(DB_TIME(time_now_us()), DB_INT(id)), &n, NULL);
	return rc != DB_OK ? rc : n > 0;
}

int
call_store_partner_report(struct db *db, const struct call *c)
{
	return db_exec(db, call_sql[CALL_STMT_PARTNER_REPORT], DB_ARGS(
	    DB_TIME_OR_NULL(c->partner_start_time),
	    DB_TIME_OR_NULL(c->partner_end_time),
	    DB_STR(c->recording_url ? c->recording_url : ""),
	    DB_STR_OR_NULL(c->call_id), DB_TIME_OR_NULL(c->end_time),
	    DB_STR(call_status_names[c->status]), DB_INT(c->id)), NULL, NULL);
}

int
call_set_feedback_task(struct db *db, int64_t id, int64_t task_id)
{
	return db_exec(db, call_sql[CALL_STMT_SET_FEEDBACK_TASK],
	    DB_ARGS(DB_INT(task_id), DB_INT(id)), NULL, NULL);
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

#include "config.h"

#include "core/timeutil.h"
#include "models/event.h"

enum event_stmt {
	EVENT_STMT_INSERT,
	EVENT_STMT_GET,
	EVENT_STMT_LIST,
	EVENT_STMT_COUNT,
	EVENT_STMT_LIST_SINCE,
	EVENT_STMT_COUNT_SINCE,
	EVENT_STMT__MAX
};

#define EVENT_COLUMNS \
	"id, occured_at, event_type, description, relevant_mentor_id, object_id"

static const char *const event_sql[EVENT_STMT__MAX] = {
	[EVENT_STMT_INSERT] =
	    "INSERT INTO events (occured_at, event_type, description,"
	    " relevant_mentor_id, object_id) VALUES (?,?,?,?,?)",
	[EVENT_STMT_GET] = "SELECT " EVENT_COLUMNS " FROM events"
	    " WHERE id = ? AND relevant_mentor_id = ?",
	[EVENT_STMT_LIST] = "SELECT " EVENT_COLUMNS " FROM events"
	    " WHERE relevant_mentor_id = ?"
	    " ORDER BY occured_at DESC, id DESC LIMIT ? OFFSET ?",
	[EVENT_STMT_COUNT] =
	    "SELECT COUNT(*) FROM events WHERE relevant_mentor_id = ?",
	/* The console's polling: a range of index events_mentor_id that is
	 * empty most of the time. */
	[EVENT_STMT_LIST_SINCE] = "SELECT " EVENT_COLUMNS " FROM events"
	    " FORCE INDEX (events_mentor_id)"
	    " WHERE relevant_mentor_id = ? AND id > ?"
	    " ORDER BY occured_at DESC, id DESC LIMIT ? OFFSET ?",
	[EVENT_STMT_COUNT_SINCE] = "SELECT COUNT(*) FROM events"
	    " FORCE INDEX (events_mentor_id)"
	    " WHERE relevant_mentor_id = ? AND id > ?",
};

static void
event_from_row(const struct db_rows *r, size_t i, void *out)
{
	struct event	*e = out;

	e->id = db_rows_int(r, i, 0);
	e->occured_at = db_rows_time(r, i, 1);
	e->event_type = db_rows_str(r, i, 2);
	e->description = db_rows_str(r, i, 3);
	e->relevant_mentor_id = db_rows_int(r, i, 4);
	e->object_id = db_rows_int(r, i, 5);
}

int
event_record(struct db *db, const char *type, const char *description,
    int64_t mentor_id, int64_t object_id, int64_t *id)
{
	uint64_t	newid = 0;
	int		rc;

	rc = db_exec(db, event_sql[EVENT_STMT_INSERT], DB_ARGS(
	    DB_TIME(time_now_us()), DB_STR(type), DB_STR(description),
	    DB_INT(mentor_id), DB_ID_OR_NULL(object_id)), NULL, &newid);
	if (rc == DB_OK && id != NULL)
		*id = (int64_t)newid;
	return rc;
}

int
event_get_for_mentor(struct db *db, struct arena *a, int64_t id,
    int64_t mentor_id, struct event *out)
{
	return db_query_one(db, event_sql[EVENT_STMT_GET],
	    DB_ARGS(DB_INT(id), DB_INT(mentor_id)), a, event_from_row, out);
}

int
event_list(struct db *db, struct arena *a, int64_t mentor_id,
    int64_t since_id, int64_t offset, int64_t limit, struct event **out,
    size_t *n)
{
	if (since_id > 0)
		return db_query_list(db, event_sql[EVENT_STMT_LIST_SINCE],
		    DB_ARGS(DB_INT(mentor_id), DB_INT(since_id), DB_INT(limit),
		    DB_INT(offset)), a, sizeof(**out), event_from_row,
		    (void **)out, n);
	return db_query_list(db, event_sql[EVENT_STMT_LIST],
	    DB_ARGS(DB_INT(mentor_id), DB_INT(limit), DB_INT(offset)), a,
	    sizeof(**out), event_from_row, (void **)out, n);
}

int
event_count(struct db *db, int64_t mentor_id, int64_t since_id,
    int64_t *count)
{
	if (since_id > 0)
		return db_count(db, event_sql[EVENT_STMT_COUNT_SINCE],
		    DB_ARGS(DB_INT(mentor_id), DB_INT(since_id)), count);
	return db_count(db, event_sql[EVENT_STMT_COUNT],
	    DB_ARGS(DB_INT(mentor_id)), count);
}

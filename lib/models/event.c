#include "config.h"

#include "core/timeutil.h"
#include "models/event.h"

enum event_stmt {
	EVENT_STMT_INSERT,
	EVENT_STMT_GET,
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

const struct db_list event_list_by_mentor = {
	.count_sql = "SELECT COUNT(*) FROM events WHERE relevant_mentor_id = ?",
	.page_sql = "SELECT " EVENT_COLUMNS LIST_TOTAL " FROM events"
	    " WHERE relevant_mentor_id = ?"
	    " ORDER BY occured_at DESC, id DESC LIMIT ? OFFSET ?",
	.params = { LIST_USER },
	.from_row = event_from_row,
	.elem_size = sizeof(struct event),
	.counted = true,
};

/* The console's polling: a range of index events_mentor_id that is empty
 * most of the time. */
const struct db_list event_list_by_mentor_since = {
	.count_sql = "SELECT COUNT(*) FROM events"
	    " FORCE INDEX (events_mentor_id)"
	    " WHERE relevant_mentor_id = ? AND id > ?",
	.page_sql = "SELECT " EVENT_COLUMNS LIST_TOTAL " FROM events"
	    " FORCE INDEX (events_mentor_id)"
	    " WHERE relevant_mentor_id = ? AND id > ?"
	    " ORDER BY occured_at DESC, id DESC LIMIT ? OFFSET ?",
	.params = { LIST_USER, LIST_SINCE },
	.from_row = event_from_row,
	.elem_size = sizeof(struct event),
	.counted = true,
};

enum outcome
event_record(struct db *db, const char *type, const char *description,
    int64_t mentor_id, int64_t object_id, int64_t *id)
{
	uint64_t	newid = 0;
	enum outcome	rc;

	rc = db_exec(db, event_sql[EVENT_STMT_INSERT], DB_ARGS(
	    DB_TIME(time_now_us()), DB_STR(type), DB_STR(description),
	    DB_INT(mentor_id), DB_ID_OR_NULL(object_id)), NULL, &newid);
	if (rc == OUTCOME_OK && id != NULL)
		*id = (int64_t)newid;
	return rc;
}

enum outcome
event_get_for_mentor(struct db *db, struct arena *a, int64_t id,
    int64_t mentor_id, struct event *out)
{
	return db_query_one(db, event_sql[EVENT_STMT_GET],
	    DB_ARGS(DB_INT(id), DB_INT(mentor_id)), a, event_from_row, out);
}


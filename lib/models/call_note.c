#include "config.h"

#include <string.h>

#include "core/timeutil.h"
#include "models/call_note.h"

static const char *const call_quality_names[] = {
	"EXCELLENT", "OK", "INAUDIBLE", "DROPPED", "DELAYED", NULL
};
static const char *const mentee_state_names[] = {
	"happy", "sad", "bored", "confused", "upset", "withdrawn", "excited",
	"engaged", NULL
};
static const char *const call_result_names[] = {
	"COMPLETED", "PARTIALLY_COMPLETED", "MENTEE_NOT_AVAILABLE",
	"MENTEE_RESCHEDULED", NULL
};
static const char *const activity_progress_names[] = {
	"COMPLETED", "PARTIALLY_COMPLETED", "NOT_USED", NULL
};
static const char *const mood_names[] = {
	"HAPPY", "SAD", "BORED", "CONFUSED", "UPSET", "WITHDRAWN", "EXCITED",
	"ENGAGED", NULL
};

static const char *const *const call_note_choices[NOTE_CHOICE__MAX] = {
	[NOTE_CALL_QUALITY] = call_quality_names,
	[NOTE_MENTEE_STATE] = mentee_state_names,
	[NOTE_CALL_RESULT] = call_result_names,
	[NOTE_ACTIVITY_PROGRESS] = activity_progress_names,
	[NOTE_MOOD] = mood_names,
};

enum call_note_stmt {
	CALL_NOTE_STMT_INSERT,
	CALL_NOTE_STMT_INSERT_V1,
	CALL_NOTE_STMT_INSERT_V2,
	CALL_NOTE_STMT_UPDATE,
	CALL_NOTE_STMT_UPDATE_V1,
	CALL_NOTE_STMT_UPDATE_V2,
	CALL_NOTE_STMT_GET,
	CALL_NOTE_STMT_LOCK,
	CALL_NOTE_STMT__MAX
};

/* A note with both versions' columns (the other's are NULL) and its
 * call's start and activity. */
#define CALL_NOTE_SELECT \
	"SELECT n.id, n.version, n.mentor_id, n.call_id, n.created_at," \
	" n.reflection, n.call_quality, v1.mentee_state," \
	" v1.objective_achieved, v1.activity_helpful, v2.call_result," \
	" v2.activity_progress, v2.activity_id, v2.objective_achieved," \
	" v2.rating, v2.mood, c.start_time," \
	" COALESCE(v2.activity_id, c.activity_id)" \
	" FROM call_notes n JOIN calls c ON c.id = n.call_id" \
	" LEFT JOIN call_notes_v1 v1 ON v1.call_note_id = n.id" \
	" LEFT JOIN call_notes_v2 v2 ON v2.call_note_id = n.id"

static const char *const call_note_sql[CALL_NOTE_STMT__MAX] = {
	[CALL_NOTE_STMT_INSERT] = "INSERT INTO call_notes (version, mentor_id,"
	    " call_id, created_at, reflection, call_quality)"
	    " VALUES (?,?,?,?,?,?)",
	[CALL_NOTE_STMT_INSERT_V1] = "INSERT INTO call_notes_v1 (call_note_id,"
	    " mentee_state, objective_achieved, activity_helpful)"
	    " VALUES (?,?,?,?)",
	[CALL_NOTE_STMT_INSERT_V2] = "INSERT INTO call_notes_v2 (call_note_id,"
	    " call_result, activity_progress, activity_id, objective_achieved,"
	    " rating, mood) VALUES (?,?,?,?,?,?,?)",
	[CALL_NOTE_STMT_UPDATE] = "UPDATE call_notes SET call_id = ?,"
	    " reflection = ?, call_quality = ? WHERE id = ?",
	[CALL_NOTE_STMT_UPDATE_V1] = "UPDATE call_notes_v1 SET mentee_state = ?,"
	    " objective_achieved = ?, activity_helpful = ?"
	    " WHERE call_note_id = ?",
	[CALL_NOTE_STMT_UPDATE_V2] = "UPDATE call_notes_v2 SET call_result = ?,"
	    " activity_progress = ?, activity_id = ?, objective_achieved = ?,"
	    " rating = ?, mood = ? WHERE call_note_id = ?",
	[CALL_NOTE_STMT_GET] = CALL_NOTE_SELECT
	    " WHERE n.id = ? AND n.mentor_id = ?",
	[CALL_NOTE_STMT_LOCK] = CALL_NOTE_SELECT
	    " WHERE n.id = ? AND n.mentor_id = ? FOR UPDATE",
};

const char *
call_note_check_choice(struct arena *a, enum call_note_choice c,
    const char *value)
{
	for (const char *const *n = call_note_choices[c]; *n != NULL; n++)
		if (strcmp(*n, value) == 0)
			return NULL;
	return arena_printf(a, "\"%s\" is not a valid choice.", value);
}

static void
call_note_from_row(const struct db_rows *r, size_t i, void *out)
{
	struct call_note	*n = out;

	memset(n, 0, sizeof(*n));
	n->id = db_rows_int(r, i, 0);
	n->version = (int)db_rows_int(r, i, 1);
	n->mentor_id = db_rows_int(r, i, 2);
	n->call_id = db_rows_int(r, i, 3);
	n->created_at = db_rows_time(r, i, 4);
	n->reflection = db_rows_str(r, i, 5);
	n->call_quality = db_rows_str(r, i, 6);
	n->mentee_state = db_rows_str(r, i, 7);
	n->objective_met = db_rows_int(r, i, 8) != 0;
	n->activity_helpful = db_rows_isnull(r, i, 9) ? -1 :
	    (int)db_rows_int(r, i, 9);
	n->call_result = db_rows_str(r, i, 10);
	n->activity_progress = db_rows_str(r, i, 11);
	n->activity_id = db_rows_int(r, i, 12);
	n->objective_achieved = (int)db_rows_int(r, i, 13);
	n->rating = (int)db_rows_int(r, i, 14);
	n->mood = db_rows_str(r, i, 15);
	n->call_start_time = db_rows_time(r, i, 16);
	n->call_activity_id = db_rows_int(r, i, 17);
}

const struct db_list call_note_list_by_mentor = {
	.count_sql = "SELECT COUNT(*) FROM call_notes WHERE mentor_id = ?",
	.page_sql = CALL_NOTE_SELECT " WHERE n.mentor_id = ?"
	    " ORDER BY n.id DESC LIMIT ? OFFSET ?",
	.params = { LIST_USER },
	.from_row = call_note_from_row,
	.elem_size = sizeof(struct call_note),
};

/* The values of a version 1 row, then of a version 2 row. */
#define CALL_NOTE_V1_VALUES(n) \
	DB_STR_OR_EMPTY((n)->mentee_state), DB_INT((n)->objective_met), \
	(n)->activity_helpful >= 0 ? DB_INT((n)->activity_helpful) : DB_NULL
#define CALL_NOTE_V2_VALUES(n) \
	DB_STR_OR_EMPTY((n)->call_result), \
	DB_STR_OR_EMPTY((n)->activity_progress), \
	DB_ID_OR_NULL((n)->activity_id), DB_ID_OR_NULL((n)->objective_achieved), \
	DB_ID_OR_NULL((n)->rating), DB_STR_OR_EMPTY((n)->mood)

enum outcome
call_note_insert(struct db *db, struct call_note *n)
{
	uint64_t	id = 0;
	enum outcome	rc;

	n->created_at = time_now_us();
	if ((rc = db_exec(db, call_note_sql[CALL_NOTE_STMT_INSERT], DB_ARGS(
	    DB_INT(n->version), DB_INT(n->mentor_id), DB_INT(n->call_id),
	    DB_TIME(n->created_at), DB_STR_OR_EMPTY(n->reflection),
	    DB_STR_OR_EMPTY(n->call_quality)), NULL, &id)) != OUTCOME_OK)
		return rc;
	n->id = (int64_t)id;
	if (n->version == 1)
		return db_exec(db, call_note_sql[CALL_NOTE_STMT_INSERT_V1],
		    DB_ARGS(DB_INT(n->id), CALL_NOTE_V1_VALUES(n)), NULL, NULL);
	return db_exec(db, call_note_sql[CALL_NOTE_STMT_INSERT_V2],
	    DB_ARGS(DB_INT(n->id), CALL_NOTE_V2_VALUES(n)), NULL, NULL);
}

enum outcome
call_note_update(struct db *db, const struct call_note *n)
{
	enum outcome	rc;

	if ((rc = db_exec(db, call_note_sql[CALL_NOTE_STMT_UPDATE], DB_ARGS(
	    DB_INT(n->call_id), DB_STR_OR_EMPTY(n->reflection),
	    DB_STR_OR_EMPTY(n->call_quality), DB_INT(n->id)), NULL, NULL)) !=
	    OUTCOME_OK)
		return rc;
	if (n->version == 1)
		return db_exec(db, call_note_sql[CALL_NOTE_STMT_UPDATE_V1],
		    DB_ARGS(CALL_NOTE_V1_VALUES(n), DB_INT(n->id)), NULL, NULL);
	return db_exec(db, call_note_sql[CALL_NOTE_STMT_UPDATE_V2],
	    DB_ARGS(CALL_NOTE_V2_VALUES(n), DB_INT(n->id)), NULL, NULL);
}

enum outcome
call_note_get_for_mentor(struct db *db, struct arena *a, int64_t id,
    int64_t mentor_id, struct call_note *out)
{
	return db_query_one(db, call_note_sql[CALL_NOTE_STMT_GET],
	    DB_ARGS(DB_INT(id), DB_INT(mentor_id)), a, call_note_from_row, out);
}

enum outcome
call_note_lock_for_mentor(struct db *db, struct arena *a, int64_t id,
    int64_t mentor_id, struct call_note *out)
{
	return db_query_one(db, call_note_sql[CALL_NOTE_STMT_LOCK],
	    DB_ARGS(DB_INT(id), DB_INT(mentor_id)), a, call_note_from_row, out);
}

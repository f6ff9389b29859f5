#include "config.h"

#include "core/timeutil.h"
#include "models/feedback.h"

enum feedback_stmt {
	FEEDBACK_STMT_INSERT,
	FEEDBACK_STMT_UPSERT,
	FEEDBACK_STMT_ID_OF,
	FEEDBACK_STMT_GET,
	FEEDBACK_STMT_FOR_CALL,
	FEEDBACK_STMT__MAX
};

#define FEEDBACK_COLUMNS \
	"id, received_at, start_time, sender_id, call_id, question_1," \
	" question_2, question_3, question_4, completed, content," \
	" conversation_id"

#define FEEDBACK_VALUES \
	"(received_at, start_time, sender_id, call_id, question_1," \
	" question_2, question_3, question_4, completed, content," \
	" conversation_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)"

/* A row keeps its answers once completed; a partial report never
 * replaces a complete one. */
#define KEEP_COMPLETE(col) \
	" " col " = IF(completed AND NOT VALUES(completed), " col \
	", VALUES(" col "))"

static const char *const feedback_sql[FEEDBACK_STMT__MAX] = {
	[FEEDBACK_STMT_INSERT] = "INSERT INTO feedback " FEEDBACK_VALUES,
	[FEEDBACK_STMT_UPSERT] = "INSERT INTO feedback " FEEDBACK_VALUES
	    " ON DUPLICATE KEY UPDATE"
	    KEEP_COMPLETE("received_at") ","
	    KEEP_COMPLETE("start_time") ","
	    KEEP_COMPLETE("call_id") ","
	    KEEP_COMPLETE("question_1") ","
	    KEEP_COMPLETE("question_2") ","
	    KEEP_COMPLETE("question_3") ","
	    KEEP_COMPLETE("question_4") ","
	    KEEP_COMPLETE("content") ","
	    " completed = completed OR VALUES(completed)",
	[FEEDBACK_STMT_ID_OF] =
	    "SELECT id FROM feedback WHERE sender_id = ? AND conversation_id = ?",
	[FEEDBACK_STMT_GET] =
	    "SELECT " FEEDBACK_COLUMNS " FROM feedback WHERE id = ?",
	[FEEDBACK_STMT_FOR_CALL] = "SELECT " FEEDBACK_COLUMNS " FROM feedback"
	    " WHERE call_id = ? ORDER BY id LIMIT 100",
};

static void
feedback_from_row(const struct db_rows *r, size_t i, void *out)
{
	struct feedback	*f = out;

	f->id = db_rows_int(r, i, 0);
	f->received_at = db_rows_time(r, i, 1);
	f->start_time = db_rows_time(r, i, 2);
	f->sender_id = db_rows_int(r, i, 3);
	f->call_id = db_rows_int(r, i, 4);
	for (int q = 0; q < FEEDBACK_QUESTIONS; q++)
		f->questions[q] = db_rows_str(r, i, 5 + (size_t)q);
	f->completed = db_rows_int(r, i, 9) != 0;
	f->content = db_rows_str(r, i, 10);
	f->conversation_id = db_rows_str(r, i, 11);
}

const struct db_list feedback_list_all = {
	.count_sql = "SELECT COUNT(*) FROM feedback",
	.page_sql = "SELECT " FEEDBACK_COLUMNS " FROM feedback"
	    " ORDER BY id DESC LIMIT ? OFFSET ?",
	.from_row = feedback_from_row,
	.elem_size = sizeof(struct feedback),
};

static const char *
q(const struct feedback *f, int i)
{
	return f->questions[i] != NULL ? f->questions[i] : "";
}

static enum outcome
feedback_write(struct db *db, enum feedback_stmt s, struct feedback *f,
    uint64_t *id)
{
	f->received_at = time_now_us();
	return db_exec(db, feedback_sql[s], DB_ARGS(DB_TIME(f->received_at),
	    DB_TIME_OR_NULL(f->start_time), DB_INT(f->sender_id),
	    DB_ID_OR_NULL(f->call_id), DB_STR(q(f, 0)), DB_STR(q(f, 1)),
	    DB_STR(q(f, 2)), DB_STR(q(f, 3)), DB_INT(f->completed),
	    DB_STR(f->content), DB_STR_OR_NULL(f->conversation_id)), NULL, id);
}

enum outcome
feedback_insert(struct db *db, struct feedback *f)
{
	uint64_t	id = 0;
	enum outcome	rc;

	if ((rc = feedback_write(db, FEEDBACK_STMT_INSERT, f, &id)) == OUTCOME_OK)
		f->id = (int64_t)id;
	return rc;
}

enum outcome
feedback_upsert_conversation(struct db *db, struct feedback *f)
{
	int64_t	id = 0;
	enum outcome	rc;

	if ((rc = feedback_write(db, FEEDBACK_STMT_UPSERT, f, NULL)) != OUTCOME_OK)
		return rc;
	/* LAST_INSERT_ID is not the row's id after an update: ask. */
	if ((rc = db_count(db, feedback_sql[FEEDBACK_STMT_ID_OF], DB_ARGS(
	    DB_INT(f->sender_id), DB_STR(f->conversation_id)), &id)) == OUTCOME_OK)
		f->id = id;
	return rc;
}

enum outcome
feedback_get(struct db *db, struct arena *a, int64_t id, struct feedback *out)
{
	return db_query_one(db, feedback_sql[FEEDBACK_STMT_GET],
	    DB_ARGS(DB_INT(id)), a, feedback_from_row, out);
}

enum outcome
feedback_list_for_call(struct db *db, struct arena *a, int64_t call_id,
    struct feedback **out, size_t *n)
{
	return db_query_list(db, feedback_sql[FEEDBACK_STMT_FOR_CALL],
	    DB_ARGS(DB_INT(call_id)), a, sizeof(**out), feedback_from_row,
	    (void **)out, n);
}

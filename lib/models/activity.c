#include "config.h"

#include <string.h>

#include "core/json.h"
#include "core/timeutil.h"
#include "models/activity.h"

enum activity_stmt {
	ACTIVITY_STMT_INSERT,
	ACTIVITY_STMT_EXISTS,
	ACTIVITY_STMT_GET,
	ACTIVITY_STMT_LOCK,
	ACTIVITY_STMT_UPDATE,
	ACTIVITY_STMT_GET_FOR_MENTOR,
	ACTIVITY_STMT_INCOMPLETE_IN_CATEGORY,
	ACTIVITY_STMT_SHOWN_IN_CATEGORY,
	ACTIVITY_STMT__MAX
};

/*
 * Whether mentor ? (bound twice) completed activity a: a version 2 note of
 * theirs used it and says COMPLETED, or a version 1 note of theirs about a
 * call on it says its objective was achieved.
 */
#define ACTIVITY_IS_COMPLETE \
	"(EXISTS (SELECT 1 FROM call_notes n JOIN call_notes_v2 v" \
	" ON v.call_note_id = n.id WHERE n.mentor_id = ?" \
	" AND v.activity_id = a.id AND v.activity_progress = 'COMPLETED')" \
	" OR EXISTS (SELECT 1 FROM call_notes n JOIN call_notes_v1 v" \
	" ON v.call_note_id = n.id JOIN calls c ON c.id = n.call_id" \
	" WHERE n.mentor_id = ? AND c.activity_id = a.id" \
	" AND v.objective_achieved = 1))"

#define ACTIVITY_STORED_COLUMNS \
	"a.id, a.category_id, a.title, a.description, a.icon, a.poster," \
	" a.objective, a.lesson_rationale, a.instructions, a.prompts," \
	" a.reflection_points, a.skills_developed, a.is_hidden, a.ordinal, "
#define ACTIVITY_COLUMNS	ACTIVITY_STORED_COLUMNS ACTIVITY_IS_COMPLETE
/* For admins, who complete nothing: is_complete is always false. */
#define ACTIVITY_ADMIN_COLUMNS	ACTIVITY_STORED_COLUMNS "0"

/* The activities the app is shown. */
#define ACTIVITY_SHOWN \
	" FROM activities a JOIN categories cat ON cat.id = a.category_id" \
	" WHERE a.is_hidden = 0 AND cat.is_hidden = 0"

static const char *const activity_sql[ACTIVITY_STMT__MAX] = {
	[ACTIVITY_STMT_INSERT] = "INSERT INTO activities (title, description,"
	    " created_at, category_id, icon, poster, objective,"
	    " lesson_rationale, instructions, prompts, reflection_points,"
	    " skills_developed, is_hidden, ordinal)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[ACTIVITY_STMT_EXISTS] = "SELECT COUNT(*) FROM activities WHERE id = ?",
	[ACTIVITY_STMT_GET] = "SELECT " ACTIVITY_ADMIN_COLUMNS
	    " FROM activities a WHERE a.id = ?",
	[ACTIVITY_STMT_LOCK] = "SELECT " ACTIVITY_ADMIN_COLUMNS
	    " FROM activities a WHERE a.id = ? FOR UPDATE",
	[ACTIVITY_STMT_UPDATE] = "UPDATE activities SET category_id = ?,"
	    " title = ?, description = ?, objective = ?, lesson_rationale = ?,"
	    " instructions = ?, prompts = ?, reflection_points = ?,"
	    " skills_developed = ?, is_hidden = ?, ordinal = ? WHERE id = ?",
	[ACTIVITY_STMT_GET_FOR_MENTOR] = "SELECT " ACTIVITY_COLUMNS
	    ACTIVITY_SHOWN " AND a.id = ?",
	[ACTIVITY_STMT_INCOMPLETE_IN_CATEGORY] = "SELECT COUNT(*)"
	    ACTIVITY_SHOWN " AND a.category_id = ? AND NOT " ACTIVITY_IS_COMPLETE,
	[ACTIVITY_STMT_SHOWN_IN_CATEGORY] = "SELECT COUNT(*)" ACTIVITY_SHOWN
	    " AND a.category_id = ?",
};


static void
activity_from_row(const struct db_rows *r, size_t i, void *out)
{
	struct activity	*a = out;

	memset(a, 0, sizeof(*a));
	a->id = db_rows_int(r, i, 0);
	a->category_id = db_rows_int(r, i, 1);
	a->title = db_rows_str(r, i, 2);
	a->description = db_rows_str(r, i, 3);
	a->icon = db_rows_str(r, i, 4);
	a->poster = db_rows_str(r, i, 5);
	a->objective = db_rows_str(r, i, 6);
	a->lesson_rationale = db_rows_str(r, i, 7);
	a->instructions = db_rows_str(r, i, 8);
	a->prompts = db_rows_str(r, i, 9);
	a->reflection_points = db_rows_str(r, i, 10);
	a->skills_developed = db_rows_str(r, i, 11);
	a->is_hidden = db_rows_int(r, i, 12) != 0;
	a->ordinal = db_rows_int(r, i, 13);
	a->is_complete = db_rows_int(r, i, 14) != 0;
}

const struct db_list activity_list_for_mentor = {
	.count_sql = "SELECT COUNT(*)" ACTIVITY_SHOWN,
	.page_sql = "SELECT " ACTIVITY_COLUMNS ACTIVITY_SHOWN
	    " ORDER BY cat.ordinal, cat.id, a.ordinal, a.id LIMIT ? OFFSET ?",
	.params = { LIST_USER, LIST_USER },
	.count_params = LIST_NO_PARAMS,
	.from_row = activity_from_row,
	.elem_size = sizeof(struct activity),
};

const struct db_list activity_list_all = {
	.count_sql = "SELECT COUNT(*) FROM activities",
	.page_sql = "SELECT " ACTIVITY_ADMIN_COLUMNS " FROM activities a"
	    " ORDER BY a.ordinal, a.id LIMIT ? OFFSET ?",
	.from_row = activity_from_row,
	.elem_size = sizeof(struct activity),
};

const struct db_list activity_list_in_category = {
	.count_sql = "SELECT COUNT(*) FROM activities WHERE category_id = ?",
	.page_sql = "SELECT " ACTIVITY_ADMIN_COLUMNS " FROM activities a"
	    " WHERE a.category_id = ? ORDER BY a.ordinal, a.id"
	    " LIMIT ? OFFSET ?",
	.params = { LIST_CATEGORY },
	.from_row = activity_from_row,
	.elem_size = sizeof(struct activity),
};

const char *
activity_check_title(const char *title)
{
	return text_complaint(title, 1, ACTIVITY_TITLE_MAX,
	    TEXT_TOO_LONG(ACTIVITY_TITLE_MAX));
}

const char *
activity_check_text(const char *text)
{
	return text_complaint(text, 0, ACTIVITY_TEXT_MAX,
	    TEXT_TOO_LONG(ACTIVITY_TEXT_MAX));
}

enum outcome
activity_insert(struct db *db, struct activity *a)
{
	uint64_t	newid = 0;
	enum outcome	rc;

	rc = db_exec(db, activity_sql[ACTIVITY_STMT_INSERT], DB_ARGS(
	    DB_STR_OR_EMPTY(a->title), DB_STR_OR_EMPTY(a->description),
	    DB_TIME(time_now_us()), DB_ID_OR_NULL(a->category_id),
	    DB_STR_OR_NULL(a->icon), DB_STR_OR_NULL(a->poster),
	    DB_STR_OR_EMPTY(a->objective),
	    DB_STR_OR_EMPTY(a->lesson_rationale),
	    DB_STR_OR_EMPTY(a->instructions), DB_STR_OR_EMPTY(a->prompts),
	    DB_STR_OR_EMPTY(a->reflection_points),
	    DB_STR_OR_EMPTY(a->skills_developed), DB_INT(a->is_hidden),
	    DB_INT(a->ordinal)), NULL, &newid);
	if (rc == OUTCOME_OK)
		a->id = (int64_t)newid;
	return rc;
}

enum outcome
activity_get(struct db *db, struct arena *a, int64_t id, struct activity *out)
{
	return db_query_one(db, activity_sql[ACTIVITY_STMT_GET],
	    DB_ARGS(DB_INT(id)), a, activity_from_row, out);
}

enum outcome
activity_lock(struct db *db, struct arena *a, int64_t id,
    struct activity *out)
{
	return db_query_one(db, activity_sql[ACTIVITY_STMT_LOCK],
	    DB_ARGS(DB_INT(id)), a, activity_from_row, out);
}

enum outcome
activity_update(struct db *db, const struct activity *a)
{
	return db_exec(db, activity_sql[ACTIVITY_STMT_UPDATE], DB_ARGS(
	    DB_ID_OR_NULL(a->category_id), DB_STR_OR_EMPTY(a->title),
	    DB_STR_OR_EMPTY(a->description), DB_STR_OR_EMPTY(a->objective),
	    DB_STR_OR_EMPTY(a->lesson_rationale),
	    DB_STR_OR_EMPTY(a->instructions), DB_STR_OR_EMPTY(a->prompts),
	    DB_STR_OR_EMPTY(a->reflection_points),
	    DB_STR_OR_EMPTY(a->skills_developed), DB_INT(a->is_hidden),
	    DB_INT(a->ordinal), DB_INT(a->id)), NULL, NULL);
}

enum outcome
activity_exists(struct db *db, int64_t id)
{
	int64_t		n = 0;
	enum outcome	rc;

	rc = db_count(db, activity_sql[ACTIVITY_STMT_EXISTS],
	    DB_ARGS(DB_INT(id)), &n);
	if (rc != OUTCOME_OK)
		return rc;
	return n > 0 ? OUTCOME_OK : OUTCOME_NOT_FOUND;
}

enum outcome
activity_get_for_mentor(struct db *db, struct arena *a, int64_t id,
    int64_t mentor_id, struct activity *out)
{
	return db_query_one(db, activity_sql[ACTIVITY_STMT_GET_FOR_MENTOR],
	    DB_ARGS(DB_INT(mentor_id), DB_INT(mentor_id), DB_INT(id)), a,
	    activity_from_row, out);
}

enum outcome
activity_category_complete(struct db *db, int64_t mentor_id,
    int64_t category_id, bool *all)
{
	int64_t		shown = 0, left = 0;
	enum outcome	rc;

	*all = false;
	if ((rc = db_count(db, activity_sql[ACTIVITY_STMT_SHOWN_IN_CATEGORY],
	    DB_ARGS(DB_INT(category_id)), &shown)) != OUTCOME_OK ||
	    shown == 0)
		return rc;
	if ((rc = db_count(db, activity_sql[ACTIVITY_STMT_INCOMPLETE_IN_CATEGORY],
	    DB_ARGS(DB_INT(category_id), DB_INT(mentor_id), DB_INT(mentor_id)),
	    &left)) == OUTCOME_OK)
		*all = left == 0;
	return rc;
}

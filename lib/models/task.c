#include "config.h"

#include <string.h>

#include "core/timeutil.h"
#include "models/task.h"

const char *const task_status_names[TASK_STATUS__MAX] = {
	"pending", "in-progress", "done"
};

enum task_stmt {
	TASK_STMT_INSERT,
	TASK_STMT_GET,
	TASK_STMT_SET_STATUS,
	TASK_STMT__MAX
};

#define TASK_COLUMNS \
	"id, mentor_id, description, link, due_date, status, call_id, created_at"

static const char *const task_sql[TASK_STMT__MAX] = {
	[TASK_STMT_INSERT] =
	    "INSERT INTO tasks (mentor_id, description, link, due_date, status,"
	    " call_id, created_at) VALUES (?,?,?,?,?,?,?)",
	[TASK_STMT_GET] = "SELECT " TASK_COLUMNS " FROM tasks"
	    " WHERE id = ? AND mentor_id = ?",
	[TASK_STMT_SET_STATUS] = "UPDATE tasks SET status = ?"
	    " WHERE id = ? AND mentor_id = ?",
};

int
task_status_parse(const char *name, enum task_status *out)
{
	for (int i = 0; i < TASK_STATUS__MAX; i++)
		if (strcmp(name, task_status_names[i]) == 0) {
			*out = (enum task_status)i;
			return 0;
		}
	return -1;
}

static void
task_from_row(const struct db_rows *r, size_t i, void *out)
{
	struct task	*t = out;

	t->id = db_rows_int(r, i, 0);
	t->mentor_id = db_rows_int(r, i, 1);
	t->description = db_rows_str(r, i, 2);
	t->link = db_rows_str(r, i, 3);
	t->due_date = db_rows_time(r, i, 4);
	if (task_status_parse(db_rows_str(r, i, 5), &t->status) == -1)
		t->status = TASK_PENDING;
	t->call_id = db_rows_int(r, i, 6);
	t->created_at = db_rows_time(r, i, 7);
}

const struct db_list task_list_by_mentor = {
	.count_sql = "SELECT COUNT(*) FROM tasks WHERE mentor_id = ?",
	.page_sql = "SELECT " TASK_COLUMNS " FROM tasks"
	    " WHERE mentor_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
	.params = { LIST_USER },
	.from_row = task_from_row,
	.elem_size = sizeof(struct task),
};

enum outcome
task_insert(struct db *db, struct task *t)
{
	uint64_t	id = 0;
	enum outcome	rc;

	t->created_at = time_now_us();
	rc = db_exec(db, task_sql[TASK_STMT_INSERT], DB_ARGS(
	    DB_INT(t->mentor_id), DB_STR(t->description),
	    DB_STR_OR_EMPTY(t->link), DB_TIME_OR_NULL(t->due_date),
	    DB_STR(task_status_names[t->status]), DB_ID_OR_NULL(t->call_id),
	    DB_TIME(t->created_at)), NULL, &id);
	if (rc == OUTCOME_OK)
		t->id = (int64_t)id;
	return rc;
}

enum outcome
task_get_for_mentor(struct db *db, struct arena *a, int64_t id,
    int64_t mentor_id, struct task *out)
{
	return db_query_one(db, task_sql[TASK_STMT_GET],
	    DB_ARGS(DB_INT(id), DB_INT(mentor_id)), a, task_from_row, out);
}

enum outcome
task_set_status(struct db *db, struct arena *a, int64_t mentor_id,
    enum task_status status, struct task *t)
{
	uint64_t	n = 0;
	enum outcome	rc;

	rc = db_exec(db, task_sql[TASK_STMT_SET_STATUS], DB_ARGS(
	    DB_STR(task_status_names[status]), DB_INT(t->id),
	    DB_INT(mentor_id)), &n, NULL);
	if (rc != OUTCOME_OK)
		return rc;
	if (n == 0)
		return OUTCOME_NOT_FOUND;
	return task_get_for_mentor(db, a, t->id, mentor_id, t);
}

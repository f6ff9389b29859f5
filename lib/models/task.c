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
	TASK_STMT_LIST,
	TASK_STMT_COUNT,
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
	[TASK_STMT_LIST] = "SELECT " TASK_COLUMNS " FROM tasks"
	    " WHERE mentor_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
	[TASK_STMT_COUNT] = "SELECT COUNT(*) FROM tasks WHERE mentor_id = ?",
	[TASK_STMT_SET_STATUS] = "UPDATE tasks SET status = ? WHERE id = ?",
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

int
task_insert(struct db *db, struct task *t)
{
	uint64_t	id = 0;
	int		rc;

	t->created_at = time_now_us();
	rc = db_exec(db, task_sql[TASK_STMT_INSERT], DB_ARGS(
	    DB_INT(t->mentor_id), DB_STR(t->description),
	    DB_STR(t->link ? t->link : ""), DB_TIME_OR_NULL(t->due_date),
	    DB_STR(task_status_names[t->status]), DB_ID_OR_NULL(t->call_id),
	    DB_TIME(t->created_at)), NULL, &id);
	if (rc == DB_OK)
		t->id = (int64_t)id;
	return rc;
}

int
task_get_for_mentor(struct db *db, struct arena *a, int64_t id,
    int64_t mentor_id, struct task *out)
{
	return db_query_one(db, task_sql[TASK_STMT_GET],
	    DB_ARGS(DB_INT(id), DB_INT(mentor_id)), a, task_from_row, out);
}

int
task_list(struct db *db, struct arena *a, int64_t mentor_id, int64_t offset,
    int64_t limit, struct task **out, size_t *n)
{
	return db_query_list(db, task_sql[TASK_STMT_LIST],
	    DB_ARGS(DB_INT(mentor_id), DB_INT(limit), DB_INT(offset)), a,
	    sizeof(**out), task_from_row, (void **)out, n);
}

int
task_count(struct db *db, int64_t mentor_id, int64_t *count)
{
	return db_count(db, task_sql[TASK_STMT_COUNT],
	    DB_ARGS(DB_INT(mentor_id)), count);
}

int
task_set_status(struct db *db, int64_t id, enum task_status status)
{
	uint64_t	n = 0;
	int		rc;

	rc = db_exec(db, task_sql[TASK_STMT_SET_STATUS],
	    DB_ARGS(DB_STR(task_status_names[status]), DB_INT(id)), &n, NULL);
	return rc != DB_OK ? rc : n > 0;
}

#include "config.h"

#include <string.h>

#include "core/timeutil.h"
#include "models/mentee.h"

enum mentee_stmt {
	MENTEE_STMT_INSERT,
	MENTEE_STMT_GET,
	MENTEE_STMT__MAX
};

/* The account, then the mentee's own columns. */
#define MENTEE_COLUMNS	USER_COLUMNS_OF("u") ", m.created_at"

static const char *const mentee_sql[MENTEE_STMT__MAX] = {
	[MENTEE_STMT_INSERT] =
	    "INSERT INTO mentees (user_id, created_at) VALUES (?, ?)",
	[MENTEE_STMT_GET] =
	    "SELECT " MENTEE_COLUMNS " FROM mentees m JOIN users u"
	    " ON u.id = m.user_id WHERE m.user_id = ?",
};

static void
mentee_from_row(const struct db_rows *r, size_t i, void *out)
{
	struct mentee	*m = out;

	memset(m, 0, sizeof(*m));
	user_from_row(r, i, 0, &m->user);
	m->created_at = db_rows_time(r, i, USER_NCOLUMNS);
}

const struct db_list mentee_list_all = {
	.count_sql = "SELECT COUNT(*) FROM mentees",
	.page_sql = "SELECT " MENTEE_COLUMNS " FROM mentees m JOIN users u"
	    " ON u.id = m.user_id ORDER BY m.user_id LIMIT ? OFFSET ?",
	.from_row = mentee_from_row,
	.elem_size = sizeof(struct mentee),
};

enum outcome
mentee_create(struct db *db, const struct user *u, int64_t *id)
{
	struct user	copy = *u;
	enum outcome	rc;

	copy.role = USER_ROLE_MENTEE;
	copy.is_superuser = false;
	copy.is_active = true;
	if ((rc = user_create(db, &copy, id)) != OUTCOME_OK)
		return rc;
	return db_exec(db, mentee_sql[MENTEE_STMT_INSERT],
	    DB_ARGS(DB_INT(*id), DB_TIME(time_now_us())), NULL, NULL);
}

enum outcome
mentee_get(struct db *db, struct arena *a, int64_t id, struct mentee *out)
{
	return db_query_one(db, mentee_sql[MENTEE_STMT_GET],
	    DB_ARGS(DB_INT(id)), a, mentee_from_row, out);
}

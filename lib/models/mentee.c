#include "config.h"

#include <string.h>

#include "core/timeutil.h"
#include "models/mentee.h"

enum mentee_stmt {
	MENTEE_STMT_INSERT,
	MENTEE_STMT_GET,
	MENTEE_STMT_LIST,
	MENTEE_STMT_COUNT,
	MENTEE_STMT__MAX
};

#define MENTEE_COLUMNS \
	"u.id, u.username, u.email, u.first_name, u.last_name," \
	" u.contact_number, u.external_id, m.created_at"

static const char *const mentee_sql[MENTEE_STMT__MAX] = {
	[MENTEE_STMT_INSERT] =
	    "INSERT INTO mentees (user_id, created_at) VALUES (?, ?)",
	[MENTEE_STMT_GET] =
	    "SELECT " MENTEE_COLUMNS " FROM mentees m JOIN users u"
	    " ON u.id = m.user_id WHERE m.user_id = ?",
	[MENTEE_STMT_LIST] =
	    "SELECT " MENTEE_COLUMNS " FROM mentees m JOIN users u"
	    " ON u.id = m.user_id ORDER BY m.user_id LIMIT ? OFFSET ?",
	[MENTEE_STMT_COUNT] = "SELECT COUNT(*) FROM mentees",
};

static void
mentee_from_row(const struct db_rows *r, size_t i, void *out)
{
	struct mentee	*m = out;

	memset(m, 0, sizeof(*m));
	m->user.id = db_rows_int(r, i, 0);
	m->user.username = db_rows_str(r, i, 1);
	m->user.email = db_rows_str(r, i, 2);
	m->user.first_name = db_rows_str(r, i, 3);
	m->user.last_name = db_rows_str(r, i, 4);
	m->user.contact_number = db_rows_str(r, i, 5);
	m->user.external_id = db_rows_str(r, i, 6);
	m->user.role = USER_ROLE_MENTEE;
	m->user.is_active = true;
	m->created_at = db_rows_time(r, i, 7);
}

int
mentee_create(struct db *db, const struct user *u, int64_t *id)
{
	struct user	copy = *u;
	int		rc;

	copy.role = USER_ROLE_MENTEE;
	copy.is_superuser = false;
	copy.is_active = true;
	if ((rc = user_create(db, &copy, id)) != DB_OK)
		return rc;
	return db_exec(db, mentee_sql[MENTEE_STMT_INSERT],
	    DB_ARGS(DB_INT(*id), DB_TIME(time_now_us())), NULL, NULL);
}

int
mentee_get(struct db *db, struct arena *a, int64_t id, struct mentee *out)
{
	return db_query_one(db, mentee_sql[MENTEE_STMT_GET],
	    DB_ARGS(DB_INT(id)), a, mentee_from_row, out);
}

int
mentee_list(struct db *db, struct arena *a, int64_t offset, int64_t limit,
    struct mentee **out, size_t *n)
{
	return db_query_list(db, mentee_sql[MENTEE_STMT_LIST],
	    DB_ARGS(DB_INT(limit), DB_INT(offset)), a, sizeof(**out),
	    mentee_from_row, (void **)out, n);
}

int
mentee_count(struct db *db, int64_t *count)
{
	return db_count(db, mentee_sql[MENTEE_STMT_COUNT], DB_NOARGS, count);
}

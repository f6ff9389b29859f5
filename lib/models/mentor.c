#include "config.h"

#include <string.h>

#include "core/timeutil.h"
#include "models/mentor.h"

enum mentor_stmt {
	MENTOR_STMT_INSERT,
	MENTOR_STMT_UPDATE,
	MENTOR_STMT_GET,
	MENTOR_STMT_GET_FOR_UPDATE,
	MENTOR_STMT_OF_MENTEE,
	MENTOR_STMT__MAX
};

/* The account, then the mentor's own columns. */
#define MENTOR_COLUMNS \
	USER_COLUMNS_OF("u") ", m.mentee_id, m.profile_pic, m.job_title," \
	" m.job_sector, m.motivation, m.inspiration, m.tags, m.skills," \
	" m.android_registration_token, m.created_at"

static const char *const mentor_sql[MENTOR_STMT__MAX] = {
	[MENTOR_STMT_INSERT] =
	    "INSERT INTO mentors (user_id, mentee_id, profile_pic, job_title,"
	    " job_sector, motivation, inspiration, tags, skills,"
	    " android_registration_token, created_at)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
	[MENTOR_STMT_UPDATE] =
	    "UPDATE mentors SET mentee_id = ?, profile_pic = ?, job_title = ?,"
	    " job_sector = ?, motivation = ?, inspiration = ?, tags = ?,"
	    " skills = ?, android_registration_token = ? WHERE user_id = ?",
	[MENTOR_STMT_GET] =
	    "SELECT " MENTOR_COLUMNS " FROM mentors m JOIN users u"
	    " ON u.id = m.user_id WHERE m.user_id = ?",
	[MENTOR_STMT_GET_FOR_UPDATE] =
	    "SELECT " MENTOR_COLUMNS " FROM mentors m JOIN users u"
	    " ON u.id = m.user_id WHERE m.user_id = ? FOR UPDATE",
	[MENTOR_STMT_OF_MENTEE] =
	    "SELECT user_id FROM mentors WHERE mentee_id = ?"
	    " ORDER BY user_id LIMIT 1",
};

static void
mentor_from_row(const struct db_rows *r, size_t i, void *out)
{
	struct mentor	*m = out;
	size_t		 c = USER_NCOLUMNS;

	memset(m, 0, sizeof(*m));
	user_from_row(r, i, 0, &m->user);
	m->mentee_id = db_rows_int(r, i, c);
	m->profile.profile_pic = db_rows_str(r, i, c + 1);
	m->profile.job_title = db_rows_str(r, i, c + 2);
	m->profile.job_sector = db_rows_str(r, i, c + 3);
	m->profile.motivation = db_rows_str(r, i, c + 4);
	m->profile.inspiration = db_rows_str(r, i, c + 5);
	m->profile.tags = db_rows_str(r, i, c + 6);
	m->profile.skills = db_rows_str(r, i, c + 7);
	m->android_registration_token = db_rows_str(r, i, c + 8);
	m->created_at = db_rows_time(r, i, c + 9);
}

const struct db_list mentor_list_all = {
	.count_sql = "SELECT COUNT(*) FROM mentors",
	.page_sql = "SELECT " MENTOR_COLUMNS " FROM mentors m JOIN users u"
	    " ON u.id = m.user_id ORDER BY m.user_id LIMIT ? OFFSET ?",
	.from_row = mentor_from_row,
	.elem_size = sizeof(struct mentor),
};

const struct db_list mentor_list_self = {
	.count_sql = "SELECT COUNT(*) FROM mentors WHERE user_id = ?",
	.page_sql = "SELECT " MENTOR_COLUMNS " FROM mentors m JOIN users u"
	    " ON u.id = m.user_id WHERE m.user_id = ? LIMIT ? OFFSET ?",
	.params = { LIST_USER },
	.from_row = mentor_from_row,
	.elem_size = sizeof(struct mentor),
};


enum outcome
mentor_create(struct db *db, const struct mentor *m, int64_t *id)
{
	const struct mentor_profile	*p = &m->profile;
	struct user			 copy = m->user;
	enum outcome			 rc;

	copy.role = USER_ROLE_MENTOR;
	copy.is_superuser = false;
	copy.is_active = true;
	if ((rc = user_create(db, &copy, id)) != OUTCOME_OK)
		return rc;
	return db_exec(db, mentor_sql[MENTOR_STMT_INSERT], DB_ARGS(
	    DB_INT(*id), DB_INT(m->mentee_id), DB_STR_OR_EMPTY(p->profile_pic),
	    DB_STR_OR_EMPTY(p->job_title), DB_STR_OR_EMPTY(p->job_sector),
	    DB_STR_OR_EMPTY(p->motivation), DB_STR_OR_EMPTY(p->inspiration),
	    DB_STR_OR_EMPTY(p->tags), DB_STR_OR_EMPTY(p->skills),
	    DB_STR_OR_EMPTY(m->android_registration_token),
	    DB_TIME(time_now_us())), NULL, NULL);
}

enum outcome
mentor_update(struct db *db, const struct mentor *m)
{
	const struct mentor_profile	*p = &m->profile;
	uint64_t			 n = 0;
	enum outcome			 rc;

	rc = db_exec(db, mentor_sql[MENTOR_STMT_UPDATE], DB_ARGS(
	    DB_INT(m->mentee_id), DB_STR_OR_EMPTY(p->profile_pic),
	    DB_STR_OR_EMPTY(p->job_title), DB_STR_OR_EMPTY(p->job_sector),
	    DB_STR_OR_EMPTY(p->motivation), DB_STR_OR_EMPTY(p->inspiration),
	    DB_STR_OR_EMPTY(p->tags), DB_STR_OR_EMPTY(p->skills),
	    DB_STR_OR_EMPTY(m->android_registration_token),
	    DB_INT(m->user.id)), &n, NULL);
	if (rc != OUTCOME_OK)
		return rc;
	return n > 0 ? OUTCOME_OK : OUTCOME_NOT_FOUND;
}

enum outcome
mentor_get(struct db *db, struct arena *a, int64_t id, struct mentor *out)
{
	return db_query_one(db, mentor_sql[MENTOR_STMT_GET],
	    DB_ARGS(DB_INT(id)), a, mentor_from_row, out);
}

enum outcome
mentor_get_for_update(struct db *db, struct arena *a, int64_t id,
    struct mentor *out)
{
	return db_query_one(db, mentor_sql[MENTOR_STMT_GET_FOR_UPDATE],
	    DB_ARGS(DB_INT(id)), a, mentor_from_row, out);
}

enum outcome
mentor_of_mentee(struct db *db, int64_t mentee_id, int64_t *mentor_id)
{
	struct db_rows	rows;
	struct arena	a;
	enum outcome	rc;

	arena_init(&a, 0);
	rc = db_query(db, mentor_sql[MENTOR_STMT_OF_MENTEE],
	    DB_ARGS(DB_INT(mentee_id)), &a, &rows);
	if (rc == OUTCOME_OK && rows.nrows == 0)
		rc = OUTCOME_NOT_FOUND;
	else if (rc == OUTCOME_OK)
		*mentor_id = db_rows_int(&rows, 0, 0);
	arena_release(&a);
	return rc;
}

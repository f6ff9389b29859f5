#include "config.h"

#include <string.h>

#include "core/timeutil.h"
#include "models/mentor.h"

enum mentor_stmt {
	MENTOR_STMT_INSERT,
	MENTOR_STMT_UPDATE,
	MENTOR_STMT_GET,
	MENTOR_STMT_LIST,
	MENTOR_STMT_COUNT,
	MENTOR_STMT_OF_MENTEE,
	MENTOR_STMT__MAX
};

#define MENTOR_COLUMNS \
	"u.id, u.username, u.email, u.first_name, u.last_name," \
	" u.contact_number, u.external_id, m.mentee_id, m.profile_pic," \
	" m.job_title, m.job_sector, m.motivation, m.inspiration, m.tags," \
	" m.skills, m.android_registration_token, m.created_at"

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
	[MENTOR_STMT_LIST] =
	    "SELECT " MENTOR_COLUMNS " FROM mentors m JOIN users u"
	    " ON u.id = m.user_id ORDER BY m.user_id LIMIT ? OFFSET ?",
	[MENTOR_STMT_COUNT] = "SELECT COUNT(*) FROM mentors",
	[MENTOR_STMT_OF_MENTEE] =
	    "SELECT user_id FROM mentors WHERE mentee_id = ?"
	    " ORDER BY user_id LIMIT 1",
};

static void
mentor_from_row(const struct db_rows *r, size_t i, void *out)
{
	struct mentor	*m = out;

	memset(m, 0, sizeof(*m));
	m->user.id = db_rows_int(r, i, 0);
	m->user.username = db_rows_str(r, i, 1);
	m->user.email = db_rows_str(r, i, 2);
	m->user.first_name = db_rows_str(r, i, 3);
	m->user.last_name = db_rows_str(r, i, 4);
	m->user.contact_number = db_rows_str(r, i, 5);
	m->user.external_id = db_rows_str(r, i, 6);
	m->user.role = USER_ROLE_MENTOR;
	m->user.is_active = true;
	m->mentee_id = db_rows_int(r, i, 7);
	m->profile.profile_pic = db_rows_str(r, i, 8);
	m->profile.job_title = db_rows_str(r, i, 9);
	m->profile.job_sector = db_rows_str(r, i, 10);
	m->profile.motivation = db_rows_str(r, i, 11);
	m->profile.inspiration = db_rows_str(r, i, 12);
	m->profile.tags = db_rows_str(r, i, 13);
	m->profile.skills = db_rows_str(r, i, 14);
	m->android_registration_token = db_rows_str(r, i, 15);
	m->created_at = db_rows_time(r, i, 16);
}

static const char *
or_empty(const char *s)
{
	return s != NULL ? s : "";
}

int
mentor_create(struct db *db, const struct mentor *m, int64_t *id)
{
	const struct mentor_profile	*p = &m->profile;
	struct user			 copy = m->user;
	int				 rc;

	copy.role = USER_ROLE_MENTOR;
	copy.is_superuser = false;
	copy.is_active = true;
	if ((rc = user_create(db, &copy, id)) != DB_OK)
		return rc;
	return db_exec(db, mentor_sql[MENTOR_STMT_INSERT], DB_ARGS(
	    DB_INT(*id), DB_INT(m->mentee_id), DB_STR(or_empty(p->profile_pic)),
	    DB_STR(or_empty(p->job_title)), DB_STR(or_empty(p->job_sector)),
	    DB_STR(or_empty(p->motivation)), DB_STR(or_empty(p->inspiration)),
	    DB_STR(or_empty(p->tags)), DB_STR(or_empty(p->skills)),
	    DB_STR(or_empty(m->android_registration_token)),
	    DB_TIME(time_now_us())), NULL, NULL);
}

int
mentor_update(struct db *db, const struct mentor *m)
{
	const struct mentor_profile	*p = &m->profile;
	uint64_t			 n = 0;
	int				 rc;

	rc = db_exec(db, mentor_sql[MENTOR_STMT_UPDATE], DB_ARGS(
	    DB_INT(m->mentee_id), DB_STR(or_empty(p->profile_pic)),
	    DB_STR(or_empty(p->job_title)), DB_STR(or_empty(p->job_sector)),
	    DB_STR(or_empty(p->motivation)), DB_STR(or_empty(p->inspiration)),
	    DB_STR(or_empty(p->tags)), DB_STR(or_empty(p->skills)),
	    DB_STR(or_empty(m->android_registration_token)),
	    DB_INT(m->user.id)), &n, NULL);
	if (rc != DB_OK)
		return rc;
	return n > 0;
}

int
mentor_get(struct db *db, struct arena *a, int64_t id, struct mentor *out)
{
	return db_query_one(db, mentor_sql[MENTOR_STMT_GET],
	    DB_ARGS(DB_INT(id)), a, mentor_from_row, out);
}

int
mentor_list(struct db *db, struct arena *a, int64_t offset, int64_t limit,
    struct mentor **out, size_t *n)
{
	return db_query_list(db, mentor_sql[MENTOR_STMT_LIST],
	    DB_ARGS(DB_INT(limit), DB_INT(offset)), a, sizeof(**out),
	    mentor_from_row, (void **)out, n);
}

int
mentor_count(struct db *db, int64_t *count)
{
	return db_count(db, mentor_sql[MENTOR_STMT_COUNT], DB_NOARGS, count);
}

int
mentor_of_mentee(struct db *db, int64_t mentee_id, int64_t *mentor_id)
{
	struct db_rows	rows;
	struct arena	a;
	int		rc;

	arena_init(&a, 0);
	rc = db_query(db, mentor_sql[MENTOR_STMT_OF_MENTEE],
	    DB_ARGS(DB_INT(mentee_id)), &a, &rows);
	if (rc == DB_OK) {
		rc = rows.nrows == 1;
		if (rc)
			*mentor_id = db_rows_int(&rows, 0, 0);
	}
	arena_release(&a);
	return rc;
}

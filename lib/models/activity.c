#include "config.h"

#include "core/timeutil.h"
#include "models/activity.h"

enum activity_stmt {
	ACTIVITY_STMT_INSERT,
	ACTIVITY_STMT_EXISTS,
	ACTIVITY_STMT__MAX
};

static const char *const activity_sql[ACTIVITY_STMT__MAX] = {
	[ACTIVITY_STMT_INSERT] = "INSERT INTO activities (title, description,"
	    " created_at) VALUES (?, ?, ?)",
	[ACTIVITY_STMT_EXISTS] = "SELECT COUNT(*) FROM activities WHERE id = ?",
};

enum outcome
activity_insert(struct db *db, const char *title, const char *description,
    int64_t *id)
{
	uint64_t	newid = 0;
	enum outcome	rc;

	rc = db_exec(db, activity_sql[ACTIVITY_STMT_INSERT], DB_ARGS(
	    DB_STR(title), DB_STR(description), DB_TIME(time_now_us())), NULL,
	    &newid);
	if (rc == OUTCOME_OK)
		*id = (int64_t)newid;
	return rc;
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

/*
 * Tasks on a mentor's to-do list (completing call feedback, say).
 */
#ifndef MT_TASK_H
#define MT_TASK_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/list.h"

enum task_status {
	TASK_PENDING,
	TASK_IN_PROGRESS,
	TASK_DONE,
	TASK_STATUS__MAX
};

extern const char *const task_status_names[TASK_STATUS__MAX];

struct task {
	int64_t			 id;
	int64_t			 mentor_id;
	const char		*description;
	const char		*link;
	int64_t			 due_date;	/* 0 = none */
	enum task_status	 status;
	int64_t			 call_id;	/* 0 = none */
	int64_t			 created_at;
};

/* "pending", "in-progress", "done"; 0 or -1. */
int	task_status_parse(const char *name, enum task_status *out);
/* Inserts t (created_at now) and sets its id. */
enum outcome task_insert(struct db *db, struct task *t);
/* OUTCOME_NOT_FOUND also when it is not mentor_id's. */
enum outcome task_get_for_mentor(struct db *db, struct arena *a, int64_t id,
	    int64_t mentor_id, struct task *out);
/*
 * Sets the status of mentor_id's task t->id and reads it back into *t.
 * OUTCOME_NOT_FOUND when it is not theirs.
 */
enum outcome task_set_status(struct db *db, struct arena *a,
	    int64_t mentor_id, enum task_status status, struct task *t);

/* The tasks of mentor filter.user_id, newest first. */
extern const struct db_list task_list_by_mentor;

#endif
